package io.basicflow.engine.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.engine.state.ExecutionError;
import io.basicflow.engine.state.ExecutionSnapshot;
import io.basicflow.engine.state.ExecutionStatus;
import io.basicflow.engine.state.FrameSnapshot;
import io.basicflow.engine.state.PendingWait;
import io.basicflow.spi.program.SourceSpan;
import io.basicflow.spi.value.DecimalValue;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The hand-written snapshot writer writes exactly what the mapper writes, and the streaming reader
 * reads exactly what the mapper reads: snapshots written before these classes existed are read back
 * unchanged, and any text not of the writers' own shape is left to the mapper.
 */
class SnapshotCodecTest {

    private final SnapshotWriter writer = new SnapshotWriter(EngineJson.mapper());
    private final SnapshotReader reader = new SnapshotReader(EngineJson.mapper());

    @Test
    void everySnapshotIsWrittenAsTheMapperWritesItAndReadBackByTheStreamingReader() throws Exception {
        List<ExecutionSnapshot> snapshots = snapshots();
        for (ExecutionSnapshot snapshot : snapshots) {
            String expected = EngineJson.mapper().writeValueAsString(snapshot);

            String written = writer.write(snapshot);

            assertThat(written).as(expected).isEqualTo(expected);
            assertThat(reader.tryRead(written)).as(written).contains(snapshot);
            assertThat(EngineJson.readSnapshot(written)).isEqualTo(snapshot);
        }
        // every frame kind, pending wait and status is among them
        assertThat(snapshots.stream()
                        .flatMap(snapshot -> snapshot.frames().stream())
                        .map(Object::getClass)
                        .distinct())
                .hasSize(FrameSnapshot.class.getPermittedSubclasses().length);
        assertThat(snapshots.stream()
                        .flatMap(snapshot -> snapshot.pending().stream())
                        .map(Object::getClass)
                        .distinct())
                .hasSize(PendingWait.class.getPermittedSubclasses().length);
        assertThat(snapshots.stream().map(ExecutionSnapshot::status).distinct())
                .hasSize(ExecutionStatus.values().length);
    }

    @Test
    void everyValueIsWrittenAndReadAsTheMapperDoesWhereverASnapshotCarriesOne() throws Exception {
        for (Value value : EngineJsonTest.values()) {
            Map<String, Value> variables = new LinkedHashMap<>();
            variables.put("v", value);
            variables.put("quote \" key ação", value);
            List<FrameSnapshot> frames = new ArrayList<>();
            frames.add(new FrameSnapshot.Body(0, 1));
            frames.add(new FrameSnapshot.Call(4, 0, "p", variables, 0, 1));
            frames.add(new FrameSnapshot.ForEach(5, 0, "each", new ListValue(List.of(value, value)), 1));
            if (value instanceof NumberValue number) {
                frames.add(new FrameSnapshot.ForRange(6, 0, "i", number, number));
            }
            ExecutionSnapshot snapshot = snapshot(
                    ExecutionStatus.COMPLETED,
                    variables,
                    frames,
                    Optional.empty(),
                    Optional.of(value),
                    Optional.empty());
            String written = writer.write(snapshot);

            assertThat(written).isEqualTo(EngineJson.mapper().writeValueAsString(snapshot));
            assertThat(reader.tryRead(written))
                    .as(written)
                    .contains(EngineJson.mapper().readValue(written, ExecutionSnapshot.class));
        }
    }

    @Test
    void textOfAnotherShapeIsLeftToTheMapperWhichReadsItOrSaysWhatIsWrong() throws Exception {
        String written = writer.write(snapshots().get(1));

        List<String> others = List.of(
                // a snapshot of an older version, without the quota counters: the mapper fills in 0
                written.replaceFirst(",\"messages\":\\d+,\"historyBytes\":\\d+", ""),
                // a frame whose name is not its first property
                written.replaceFirst("\\{\"frame\":\"body\",\"block\":(\\d+),", "{\"block\":$1,\"frame\":\"body\","),
                // a number where a text belongs, which the mapper turns into text
                written.replaceFirst("\"script\":\"[^\"]*\"", "\"script\":7"),
                // more after the snapshot, which the mapper ignores
                written + "{}");
        for (String other : others) {
            assertThat(other).isNotEqualTo(written);
            assertThat(reader.tryRead(other)).as(other).isEmpty();
            assertThat(EngineJson.readSnapshot(other))
                    .isEqualTo(EngineJson.mapper().readValue(other, ExecutionSnapshot.class));
        }

        // the properties in another order: the same snapshot, through either reader
        String reordered = written.replaceFirst(
                "\"script\":(\"[^\"]*\"),\"programFingerprint\":(\"[^\"]*\")",
                "\"programFingerprint\":$2,\"script\":$1");
        assertThat(reordered).isNotEqualTo(written);
        assertThat(reader.tryRead(reordered))
                .contains(EngineJson.mapper().readValue(reordered, ExecutionSnapshot.class));

        List<String> broken = List.of(
                written.replaceFirst("\"status\":\"[A-Z_]+\"", "\"status\":\"SLEEPING\""),
                written.replaceFirst("\\{", "{\"unknown\":1,"),
                written.replaceFirst("\"sequence\":\\d+", "\"sequence\":-1"),
                written.replaceFirst("\"block\":\\d+", "\"block\":-3"),
                written.substring(0, written.length() - 1));
        for (String bad : broken) {
            assertThat(reader.tryRead(bad)).as(bad).isEmpty();
            assertThatThrownBy(() -> EngineJson.readSnapshot(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("not a valid ExecutionSnapshot in JSON");
        }
    }

    private static List<ExecutionSnapshot> snapshots() {
        Map<String, Value> variables = new LinkedHashMap<>();
        variables.put("name", new TextValue("Ana \"the\" \n second"));
        variables.put("total", new DecimalValue(new BigDecimal("10.50")));
        variables.put("count", IntegerValue.of(3));
        variables.put("order", new MapValue(Map.of("id", IntegerValue.of(7))));
        List<FrameSnapshot> frames = List.of(
                new FrameSnapshot.Body(0, 3),
                new FrameSnapshot.ForRange(1, 0, "i", IntegerValue.of(10), IntegerValue.of(-2)),
                new FrameSnapshot.ForEach(
                        2, 1, "item", new ListValue(List.of(new TextValue("a"), IntegerValue.of(2))), 1),
                new FrameSnapshot.DoLoop(3, 0),
                new FrameSnapshot.Call(5, 2, "greet", Map.of("who", new TextValue("Bo")), 3, 0));
        ExecutionError error = new ExecutionError(
                ExecutionError.Kind.EVALUATION, "ticket.bas", Optional.of(SourceSpan.of(12, 5, 5)), "division by zero");
        List<ExecutionSnapshot> snapshots = new ArrayList<>();
        snapshots.add(snapshot(
                ExecutionStatus.RUNNING,
                variables,
                List.of(new FrameSnapshot.Body(0, 0)),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
        snapshots.add(snapshot(
                ExecutionStatus.RUNNING, Map.of(), frames, Optional.empty(), Optional.empty(), Optional.empty()));
        ExecutionStatus[] waiting = {
            ExecutionStatus.WAITING_INPUT, ExecutionStatus.WAITING_TIMER, ExecutionStatus.WAITING_CHILD
        };
        int i = 0;
        for (PendingWait pending : EngineJsonTest.pendingWaits()) {
            snapshots.add(snapshot(
                    waiting[i++ % waiting.length],
                    variables,
                    frames,
                    Optional.of(pending),
                    Optional.empty(),
                    Optional.empty()));
        }
        snapshots.add(snapshot(
                ExecutionStatus.COMPLETED,
                variables,
                List.of(),
                Optional.empty(),
                Optional.of(new TextValue("done")),
                Optional.empty()));
        snapshots.add(snapshot(
                ExecutionStatus.FAILED, variables, frames, Optional.empty(), Optional.empty(), Optional.of(error)));
        snapshots.add(snapshot(
                ExecutionStatus.CANCELLED, Map.of(), List.of(), Optional.empty(), Optional.empty(), Optional.empty()));
        return snapshots;
    }

    private static ExecutionSnapshot snapshot(
            ExecutionStatus status,
            Map<String, Value> variables,
            List<FrameSnapshot> frames,
            Optional<PendingWait> pending,
            Optional<Value> result,
            Optional<ExecutionError> error) {
        return new ExecutionSnapshot(
                "exec-1~child \"2\"",
                "tickets/ticket.bas",
                "0123456789abcdef",
                status,
                variables,
                frames,
                pending,
                result,
                error,
                List.of("weather", "calendar"),
                42,
                17,
                5,
                12_345);
    }
}
