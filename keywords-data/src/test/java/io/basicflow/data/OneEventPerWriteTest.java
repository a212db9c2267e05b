package io.basicflow.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.EventView;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.json.EngineJson;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.ReplayVerification;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.spi.value.IntegerValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A transactional step that commits with its write (data in the engine's database) is one event: an
 * {@code EffectCompleted} carrying its start (arguments and idempotency key), at the sequence number
 * its {@code EffectStarted} used to take, so the key is still {@code executionId/sequence}. A failed
 * write still records its start and its failure as two events. The history a user reads says what was
 * written, and the replay check holds for every execution of the class.
 */
@ExtendWith({PostgresExtension.class, ReplayVerification.class})
class OneEventPerWriteTest {

    @Test
    void aSaveStepIsOneEventHoldingItsArgumentsKeyAndResult(TestDatabase database) throws Exception {
        String source = """
                #workflow
                FOR i = 1 TO 3
                    SAVE "rows", i, #{n: i * 10}
                NEXT
                all = FIND "rows" ORDER BY id
                TALK LEN(all) + " rows, last " + all[2].n
                """;
        try (DurableFixture engine = DataEngines.fixture(database)) {
            String id = engine.start("oneevent/start.bas", source, Map.of());
            engine.awaitStatus(id, ExecutionStatus.COMPLETED);

            // a commit's events are stored as one row (EventsPacked): each is read on its own
            List<ExecutionEvent> history = engine.store().events(id, 0, 1_000).stream()
                    .map(stored -> EngineJson.readEvent(stored.json()))
                    .flatMap(event -> ExecutionEvent.unpacked(event).stream())
                    .toList();
            assertThat(history).noneMatch(ExecutionEvent.EffectStarted.class::isInstance);
            List<ExecutionEvent.EffectCompleted> saves = history.stream()
                    .filter(ExecutionEvent.EffectCompleted.class::isInstance)
                    .map(ExecutionEvent.EffectCompleted.class::cast)
                    .filter(completed -> completed.keyword().equals("SAVE"))
                    .toList();
            assertThat(saves).hasSize(3);
            for (int i = 0; i < saves.size(); i++) {
                ExecutionEvent.EffectCompleted save = saves.get(i);
                ExecutionEvent.EffectStart start = save.started().orElseThrow();
                assertThat(start.idempotencyKey()).isEqualTo(id + "/" + save.sequence());
                assertThat(start.arguments().get("id")).isEqualTo(IntegerValue.of(i + 1));
                assertThat(save.attempt()).isOne();
            }
            assertThat(engine.messages(id)).containsExactly("3 rows, last 30");

            List<EventView> shown = engine.engine().history(id, 0, 1_000);
            EventView first = shown.stream()
                    .filter(event -> event.seq() == saves.getFirst().sequence())
                    .findFirst()
                    .orElseThrow();
            assertThat(first.type()).isEqualTo("EffectCompleted");
            assertThat(first.line()).isEqualTo(3);
            assertThat(first.summary())
                    .startsWith("SAVE {")
                    .contains("written with its step (attempt 1, key " + id + "/"
                            + saves.getFirst().sequence() + ")");
            assertThat(first.payloadJson()).contains("\"started\":{\"arguments\":");
        }
        assertThat(DataEngines.rows(database, "bot_oneevent", "rows"))
                .containsExactly("id=1, n=10", "id=2, n=20", "id=3, n=30");
    }

    @Test
    void aFailedWriteStillRecordsItsStartAndItsFailure(TestDatabase database) {
        String source = """
                #workflow
                SAVE "broken", 1, #{n: 1}
                DELETE "broken", "n = = 1"
                TALK "not reached"
                """;
        try (DurableFixture engine = DataEngines.fixture(database)) {
            String id = engine.start("failedwrite/start.bas", source, Map.of());
            engine.awaitStatus(id, ExecutionStatus.FAILED);

            List<String> types = engine.store().events(id, 0, 1_000).stream()
                    .map(stored -> EngineJson.readEvent(stored.json()))
                    .flatMap(event -> ExecutionEvent.unpacked(event).stream())
                    .map(event -> event.getClass().getSimpleName())
                    .toList();
            assertThat(types)
                    .containsExactly(
                            "ExecutionStarted", "EffectCompleted", "EffectStarted", "EffectFailed", "ExecutionFailed");
            assertThat(engine.messages(id)).isEmpty();
        }
    }
}
