package io.basicflow.engine.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.engine.api.MessageExtras;
import io.basicflow.engine.event.CursorChange;
import io.basicflow.engine.event.Delta;
import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.event.VariableChange;
import io.basicflow.engine.state.ChildRequest;
import io.basicflow.engine.state.ChildResult;
import io.basicflow.engine.state.ExecutionError;
import io.basicflow.engine.state.ExecutionSnapshot;
import io.basicflow.engine.state.ExecutionStatus;
import io.basicflow.engine.state.FrameSnapshot;
import io.basicflow.engine.state.PendingWait;
import io.basicflow.spi.Suggestion;
import io.basicflow.spi.program.SourceSpan;
import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.DecimalValue;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EngineJsonTest {

    static List<Value> values() {
        Map<String, Value> ordered = new LinkedHashMap<>();
        ordered.put("zeta", IntegerValue.of(1));
        ordered.put("alpha", new TextValue("a"));
        ordered.put("Mixed Case key", NullValue.NULL);
        return List.of(
                NullValue.NULL,
                BooleanValue.TRUE,
                BooleanValue.FALSE,
                IntegerValue.of(0),
                IntegerValue.of(-42),
                IntegerValue.of(Long.MAX_VALUE),
                IntegerValue.of(Long.MIN_VALUE),
                NumberValue.of(new BigDecimal("0.3")),
                new DecimalValue(new BigDecimal("0.30")),
                NumberValue.of(new BigDecimal("1E+20")),
                NumberValue.of(new BigDecimal("1234567890123456789012")),
                NumberValue.of(new BigDecimal("-0.000000000000000000000000000000000001")),
                new DecimalValue(new BigDecimal("5")),
                new DecimalValue(new BigDecimal("5.000")),
                NumberValue.of(new BigDecimal("3.14159265358979323846264338327950288")),
                new TextValue(""),
                new TextValue("quote \" backslash \\ newline \n tab \t nul \u0000 emoji 😀 ação"),
                new TextValue("42"),
                ListValue.EMPTY,
                MapValue.EMPTY,
                new ListValue(List.of(NullValue.NULL, IntegerValue.of(1), new ListValue(List.of(MapValue.EMPTY)))),
                new MapValue(ordered));
    }

    @ParameterizedTest
    @MethodSource("values")
    void everyValueRoundTripsToAnEqualValue(Value value) {
        String json = EngineJson.write(value);

        assertThat(EngineJson.readValue(json)).isEqualTo(value);
    }

    @Test
    void decimalsKeepEveryDigitAndTheirScale() {
        assertThat(EngineJson.write(new DecimalValue(new BigDecimal("0.30")))).isEqualTo("0.30");
        assertThat(EngineJson.write(NumberValue.of(new BigDecimal("1E+20")))).isEqualTo("1E+20");
        assertThat(EngineJson.readValue("0.1")).isEqualTo(new DecimalValue(new BigDecimal("0.1")));
        assertThat(EngineJson.readValue("123456789012345678901234567890.123456789"))
                .isEqualTo(new DecimalValue(new BigDecimal("123456789012345678901234567890.123456789")));
    }

    @Test
    void plainJsonReadsAsTheValuesItStandsFor() {
        Value value = EngineJson.readValue("{\"b\": [1, 2.5, \"x\", true, null], \"a\": {}}");

        assertThat(value)
                .isEqualTo(new MapValue(orderedMap(
                        "b",
                        new ListValue(List.of(
                                IntegerValue.of(1),
                                new DecimalValue(new BigDecimal("2.5")),
                                new TextValue("x"),
                                BooleanValue.TRUE,
                                NullValue.NULL)),
                        "a",
                        MapValue.EMPTY)));
        assertThat(((MapValue) value).entries().keySet()).containsExactly("b", "a");
        assertThat(EngineJson.readValue("123456789012345678901234567890"))
                .isEqualTo(NumberValue.of(new BigDecimal("123456789012345678901234567890")));
    }

    @Test
    void invalidJsonIsRefusedWithAClearError() {
        assertThatThrownBy(() -> EngineJson.readSnapshot("{\"executionId\": 3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a valid ExecutionSnapshot in JSON");
    }

    @Test
    void aSnapshotWithEveryKindOfFrameRoundTrips() {
        ListValue items = new ListValue(List.of(new TextValue("a"), new TextValue("b")));
        for (PendingWait pending : pendingWaits()) {
            ExecutionSnapshot snapshot = new ExecutionSnapshot(
                    "exec-1",
                    "ticket.bas",
                    "0123456789abcdef",
                    ExecutionStatus.WAITING_INPUT,
                    orderedMap("name", new TextValue("Ana"), "total", new DecimalValue(new BigDecimal("10.50"))),
                    List.of(
                            new FrameSnapshot.Body(0, 3),
                            new FrameSnapshot.ForRange(1, 0, "i", IntegerValue.of(10), IntegerValue.of(-2)),
                            new FrameSnapshot.ForEach(2, 1, "item", items, 1),
                            new FrameSnapshot.DoLoop(3, 0),
                            new FrameSnapshot.Call(5, 2, "greet", Map.of("who", new TextValue("Bo")), 3, 0)),
                    Optional.of(pending),
                    Optional.empty(),
                    Optional.of(new ExecutionError(
                            ExecutionError.Kind.EVALUATION,
                            "ticket.bas",
                            Optional.of(SourceSpan.of(12, 5, 5)),
                            "division by zero in 'a / b'")),
                    List.of("weather", "calendar"),
                    42,
                    17);

            String json = EngineJson.write(snapshot);

            assertThat(EngineJson.readSnapshot(json)).isEqualTo(snapshot);
        }
    }

    static List<PendingWait> pendingWaits() {
        Instant at = Instant.parse("2026-11-25T18:09:00.123456789Z");
        Map<String, Value> arguments = orderedMap("to", new TextValue("a@b.c"), "count", IntegerValue.of(2));
        return List.of(
                new PendingWait.Input(2),
                new PendingWait.Timer(at),
                new PendingWait.EffectInFlight("SEND MAIL", arguments, "exec-1/9", 1),
                new PendingWait.EffectRetry("SEND MAIL", arguments, "exec-1/9", 3, at),
                new PendingWait.Child(new ChildRequest(
                        ChildRequest.Kind.TOOL, "weather", "main.bas", List.of(new TextValue("Lisbon")))));
    }

    @Test
    void aMessagesSuggestionsAndFileRoundTripAndAPlainMessageWritesNoneOfThem() {
        SourceSpan span = SourceSpan.of(2, 1, 10);
        ExecutionEvent.MessageSent carrying = new ExecutionEvent.MessageSent(
                3,
                span,
                ExecutionEvent.MessageKind.TALK,
                Optional.empty(),
                "Our chart",
                Delta.NONE,
                Optional.of(new MessageExtras(
                        List.of(new Suggestion("Large", "size:large")),
                        Optional.of(new MessageExtras.SentFile("charts/a.pdf", Optional.of("Our chart"))))));
        String json = EngineJson.write(carrying);
        assertThat(EngineJson.readEvent(json)).isEqualTo(carrying);
        assertThat(json).contains("\"reply\":\"size:large\"").contains("\"path\":\"charts/a.pdf\"");

        ExecutionEvent.MessageSent plain = new ExecutionEvent.MessageSent(
                3, span, ExecutionEvent.MessageKind.TALK, Optional.empty(), "hi", Delta.NONE);
        String plainJson = EngineJson.write(plain);
        // events written before messages carried extras read back the same: nothing is added to them
        assertThat(plainJson).doesNotContain("extras");
        assertThat(EngineJson.readEvent(plainJson)).isEqualTo(plain);
        // empty extras are no extras
        assertThat(new ExecutionEvent.MessageSent(
                                3,
                                span,
                                ExecutionEvent.MessageKind.TALK,
                                Optional.empty(),
                                "hi",
                                Delta.NONE,
                                Optional.of(MessageExtras.NONE))
                        .extras())
                .isEmpty();
    }

    @Test
    void everyKindOfEventRoundTrips() {
        SourceSpan span = SourceSpan.of(3, 1, 12);
        Delta delta = new Delta(
                List.of(
                        new VariableChange("x", IntegerValue.of(1), false),
                        new VariableChange("p", NullValue.NULL, true)),
                Optional.of(new CursorChange(1, 4, 0, List.of(new FrameSnapshot.Body(2, 0)))),
                Optional.of(List.of("tool")));
        Instant at = Instant.parse("2026-11-25T18:09:00Z");
        ChildRequest request = new ChildRequest(ChildRequest.Kind.SCRIPT, "child.bas", "main.bas", List.of());
        List<ExecutionEvent> events = List.of(
                new ExecutionEvent.ExecutionStarted(1, "exec-1", "main.bas", "00ff", delta),
                new ExecutionEvent.StepCompleted(2, span, Delta.NONE),
                new ExecutionEvent.MessageSent(
                        3, span, ExecutionEvent.MessageKind.TALK, Optional.of("whatsapp:+55"), "hi", delta),
                new ExecutionEvent.InputRequested(4, span, 1, delta),
                new ExecutionEvent.InputReceived(5, span, " 42 ", IntegerValue.of(42), delta),
                new ExecutionEvent.InputRejected(6, span, "x", "Please enter a number.", 2, delta),
                new ExecutionEvent.InputAbandoned(7, span, 3, delta),
                new ExecutionEvent.TimerStarted(8, span, at, delta),
                new ExecutionEvent.TimerFired(9, span, delta),
                new ExecutionEvent.EffectStarted(
                        10, span, "FETCH", Map.of("what", new TextValue("x")), "exec-1/10", 1, delta),
                new ExecutionEvent.EffectCompleted(11, span, "FETCH", new TextValue("ok"), 1, delta),
                new ExecutionEvent.EffectFailed(12, span, "FETCH", "timeout", 1, true, Optional.of(at), delta),
                new ExecutionEvent.ChildStarted(13, span, request, delta),
                new ExecutionEvent.ChildCompleted(
                        14, span, new ChildResult.Returned(Optional.of(BooleanValue.TRUE)), delta),
                new ExecutionEvent.ChildCompleted(15, span, new ChildResult.Failed("boom"), delta),
                new ExecutionEvent.ExecutionCompleted(16, Optional.of(new TextValue("done")), delta),
                new ExecutionEvent.ExecutionFailed(
                        17,
                        new ExecutionError(ExecutionError.Kind.LIMIT, "main.bas", Optional.empty(), "too big"),
                        delta),
                new ExecutionEvent.ExecutionCancelled(18, "operator", delta));

        for (ExecutionEvent event : events) {
            String json = EngineJson.write(event);

            assertThat(EngineJson.readEvent(json)).as(json).isEqualTo(event);
            assertThat(json).contains("\"type\":\"" + event.getClass().getSimpleName() + "\"");
        }
    }

    private static Map<String, Value> orderedMap(String k1, Value v1, String k2, Value v2) {
        Map<String, Value> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }
}
