package io.basicflow.engine.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.MessageExtras;
import io.basicflow.engine.event.CursorChange;
import io.basicflow.engine.event.Delta;
import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.event.VariableChange;
import io.basicflow.engine.state.ChildRequest;
import io.basicflow.engine.state.ChildResult;
import io.basicflow.engine.state.ExecutionError;
import io.basicflow.engine.state.FrameSnapshot;
import io.basicflow.spi.Suggestion;
import io.basicflow.spi.program.SourceSpan;
import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The hand-written event writer writes exactly what the mapper's record serializer writes: stored
 * events are re-encoded and compared as text by the replay check, so events written by either one
 * must stay the same text.
 */
class EventWriterTest {

    private final EventWriter writer = new EventWriter(EngineJson.mapper());

    @Test
    void everyKindOfEventWithEveryShapeOfDeltaIsWrittenAsTheMapperWritesIt() throws Exception {
        List<ExecutionEvent> events = events();
        int kinds = (int) events.stream().map(Object::getClass).distinct().count();
        assertThat(kinds).isEqualTo(ExecutionEvent.class.getPermittedSubclasses().length);

        for (ExecutionEvent event : events) {
            String expected = EngineJson.mapper().writeValueAsString(event);

            String written = writer.write(event);

            assertThat(written).as(expected).isEqualTo(expected);
            assertThat(EngineJson.readEvent(written)).isEqualTo(event);
        }
    }

    @Test
    void everyValueIsWrittenAsTheMapperWritesItWhereverAnEventCarriesOne() throws Exception {
        SourceSpan span = SourceSpan.of(7, 3, 4);
        for (Value value : EngineJsonTest.values()) {
            Map<String, Value> arguments = new LinkedHashMap<>();
            arguments.put("first", value);
            arguments.put("quote \" key ação", value);
            List<ExecutionEvent> events = List.of(
                    new ExecutionEvent.EffectStarted(2, span, "SEND", arguments, "e/2", 1, Delta.NONE),
                    new ExecutionEvent.EffectCompleted(3, span, "SEND", value, 2, Delta.NONE),
                    new ExecutionEvent.EffectCompleted(
                            3,
                            span,
                            "SAVE",
                            value,
                            1,
                            Delta.NONE,
                            Optional.of(new ExecutionEvent.EffectStart(arguments, "e/3"))),
                    new ExecutionEvent.InputReceived(4, span, "typed", value, Delta.NONE),
                    new ExecutionEvent.ExecutionCompleted(5, Optional.of(value), Delta.NONE),
                    new ExecutionEvent.StepCompleted(
                            6,
                            span,
                            new Delta(
                                    List.of(new VariableChange("v", value, true)),
                                    Optional.empty(),
                                    Optional.empty())));
            for (ExecutionEvent event : events) {
                assertThat(writer.write(event)).isEqualTo(EngineJson.mapper().writeValueAsString(event));
            }
        }
    }

    @Test
    void everyCharacterIsEscapedAsTheMapperEscapesIt() throws Exception {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            String text = "a" + (char) c + "b";
            StringBuilder written = new StringBuilder();

            EventWriter.text(written, text);

            assertThat(written.toString())
                    .as("U+%04X", c)
                    .isEqualTo(EngineJson.mapper().writeValueAsString(text));
        }
        StringBuilder pair = new StringBuilder();
        EventWriter.text(pair, "x😀\u0000\"\\\u007f");
        assertThat(pair.toString()).isEqualTo(EngineJson.mapper().writeValueAsString("x😀\u0000\"\\\u007f"));
    }

    @Test
    void engineJsonWritesEventsThroughTheHandWrittenWriterAndReadsThemBack() {
        ExecutionEvent event = new ExecutionEvent.StepCompleted(9, SourceSpan.of(1, 1, 3), Delta.NONE);

        String json = EngineJson.write(event);

        assertThat(json)
                .isEqualTo("{\"type\":\"StepCompleted\",\"sequence\":9,"
                        + "\"span\":{\"line\":1,\"column\":1,\"endLine\":1,\"endColumn\":4},"
                        + "\"delta\":{\"variables\":[],\"cursor\":null,\"tools\":null}}");
        assertThat(EngineJson.readEvent(json)).isEqualTo(event);
    }

    @Test
    void aRunOfStepsIsItsStepsAsTheyWouldBeWrittenAloneInsideOneEvent() {
        ExecutionEvent.StepCompleted first = new ExecutionEvent.StepCompleted(4, SourceSpan.of(2, 1, 5), Delta.NONE);
        ExecutionEvent.StepCompleted second = new ExecutionEvent.StepCompleted(
                5,
                SourceSpan.of(3, 1, 5),
                new Delta(
                        List.of(new VariableChange("x", IntegerValue.of(1), false)),
                        Optional.empty(),
                        Optional.empty()));
        ExecutionEvent.StepsCompleted run = new ExecutionEvent.StepsCompleted(5, List.of(first, second));

        String json = EngineJson.write(run);

        assertThat(json)
                .isEqualTo("{\"type\":\"StepsCompleted\",\"sequence\":5,\"steps\":[" + EngineJson.write(first) + ","
                        + EngineJson.write(second) + "]}");
        assertThat(EngineJson.readEvent(json)).isEqualTo(run);
        assertThat(run.firstSequence()).isEqualTo(4);
        assertThat(run.delta()).isEqualTo(Delta.NONE);
    }

    @Test
    void aRunOfStepsRefusesStepsThatDoNotFollowEachOtherOrEndElsewhere() {
        ExecutionEvent.StepCompleted four = new ExecutionEvent.StepCompleted(4, SourceSpan.of(2, 1, 5), Delta.NONE);
        ExecutionEvent.StepCompleted six = new ExecutionEvent.StepCompleted(6, SourceSpan.of(3, 1, 5), Delta.NONE);
        ExecutionEvent.StepCompleted five = new ExecutionEvent.StepCompleted(5, SourceSpan.of(3, 1, 5), Delta.NONE);

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new ExecutionEvent.StepsCompleted(6, List.of(four, six)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("consecutive");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new ExecutionEvent.StepsCompleted(6, List.of(four, five)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("last step");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ExecutionEvent.StepsCompleted(4, List.of(four)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least two");
    }

    @Test
    void aCompletionWithoutItsStartIsWrittenAsBeforeTheStartCouldRideInIt() throws Exception {
        SourceSpan span = SourceSpan.of(1, 1, 3);
        String stored = "{\"type\":\"EffectCompleted\",\"sequence\":4,"
                + "\"span\":{\"line\":1,\"column\":1,\"endLine\":1,\"endColumn\":4},"
                + "\"keyword\":\"FETCH\",\"result\":\"ok\",\"attempt\":1,"
                + "\"delta\":{\"variables\":[],\"cursor\":null,\"tools\":null}}";

        ExecutionEvent read = EngineJson.readEvent(stored);

        assertThat(read)
                .isEqualTo(new ExecutionEvent.EffectCompleted(4, span, "FETCH", new TextValue("ok"), 1, Delta.NONE));
        assertThat(writer.write(read)).isEqualTo(stored);
        assertThat(EngineJson.mapper().writeValueAsString(read)).isEqualTo(stored);
    }

    @Test
    void aCompletionCarryingItsStartWritesItAfterTheDelta() throws Exception {
        ExecutionEvent event = new ExecutionEvent.EffectCompleted(
                4,
                SourceSpan.of(1, 1, 3),
                "SAVE",
                IntegerValue.of(1),
                1,
                Delta.NONE,
                Optional.of(new ExecutionEvent.EffectStart(Map.of("table", new TextValue("t")), "x/4")));

        String written = writer.write(event);

        assertThat(written)
                .endsWith("\"delta\":{\"variables\":[],\"cursor\":null,\"tools\":null},"
                        + "\"started\":{\"arguments\":{\"table\":\"t\"},\"idempotencyKey\":\"x/4\"}}");
        assertThat(EngineJson.readEvent(written)).isEqualTo(event);
    }

    private static List<Delta> deltas() {
        ListValue items = new ListValue(List.of(new TextValue("a"), new TextValue("b")));
        List<FrameSnapshot> frames = List.of(
                new FrameSnapshot.Body(0, 3),
                new FrameSnapshot.ForRange(1, 0, "i", IntegerValue.of(10), IntegerValue.of(-2)),
                new FrameSnapshot.ForEach(2, 1, "item", items, 1),
                new FrameSnapshot.DoLoop(3, 0),
                new FrameSnapshot.Call(5, 2, "greet", Map.of("who", new TextValue("Bo")), 3, 0));
        return List.of(
                Delta.NONE,
                new Delta(
                        List.of(
                                new VariableChange("x", IntegerValue.of(1), false),
                                new VariableChange("naïve \"name\"", NullValue.NULL, true),
                                new VariableChange("list", new ListValue(List.of(BooleanValue.TRUE)), false, true),
                                new VariableChange("map", MapValue.EMPTY, true, true)),
                        Optional.empty(),
                        Optional.empty()),
                new Delta(List.of(), Optional.of(new CursorChange(1, 4, 0, List.of())), Optional.empty()),
                new Delta(List.of(), Optional.of(new CursorChange(0, 0, 2, frames)), Optional.of(List.of())),
                new Delta(
                        List.of(new VariableChange("t", new TextValue("line\nbreak\ttab \u0001 😀"), false)),
                        Optional.of(new CursorChange(2, 1, 0, List.of(frames.get(4)))),
                        Optional.of(List.of("weather", "calendar"))));
    }

    private static List<ExecutionEvent> events() {
        SourceSpan span = SourceSpan.of(3, 1, 12);
        Instant at = Instant.parse("2026-11-25T18:09:00.123456789Z");
        Map<String, Value> arguments = new LinkedHashMap<>();
        arguments.put("to", new TextValue("a@b.c"));
        arguments.put("count", IntegerValue.of(2));
        ChildRequest request = new ChildRequest(ChildRequest.Kind.SCRIPT, "child.bas", "main.bas", List.of());
        MessageExtras extras = new MessageExtras(
                List.of(new Suggestion("Large", "size:large")),
                Optional.of(new MessageExtras.SentFile("charts/a.pdf", Optional.of("Our chart"))));
        List<ExecutionEvent> events = new ArrayList<>();
        long seq = 1;
        for (Delta delta : deltas()) {
            events.add(new ExecutionEvent.ExecutionStarted(seq++, "exec-1", "main \"x\".bas", "00ff", delta));
            events.add(new ExecutionEvent.StepCompleted(seq++, span, delta));
            for (ExecutionEvent.MessageKind kind : ExecutionEvent.MessageKind.values()) {
                events.add(new ExecutionEvent.MessageSent(seq++, span, kind, Optional.empty(), "hi ação", delta));
                events.add(new ExecutionEvent.MessageSent(
                        seq++, span, kind, Optional.of("whatsapp:+55"), "", delta, Optional.of(extras)));
            }
            events.add(new ExecutionEvent.MessageSent(
                    seq++,
                    span,
                    ExecutionEvent.MessageKind.TALK,
                    Optional.empty(),
                    "file only",
                    delta,
                    Optional.of(new MessageExtras(
                            List.of(), Optional.of(new MessageExtras.SentFile("a.txt", Optional.empty()))))));
            events.add(new ExecutionEvent.InputRequested(seq++, span, 1, delta));
            events.add(new ExecutionEvent.InputReceived(seq++, span, " 42 ", IntegerValue.of(42), delta));
            events.add(new ExecutionEvent.InputRejected(seq++, span, "x", "Please enter a number.", 2, delta));
            events.add(new ExecutionEvent.InputAbandoned(seq++, span, 3, delta));
            events.add(new ExecutionEvent.TimerStarted(seq++, span, at, delta));
            events.add(new ExecutionEvent.TimerFired(seq++, span, delta));
            events.add(new ExecutionEvent.EffectStarted(seq++, span, "SEND MAIL", arguments, "exec-1/10", 1, delta));
            events.add(new ExecutionEvent.EffectStarted(seq++, span, "NOOP", Map.of(), "exec-1/11", 3, delta));
            events.add(new ExecutionEvent.EffectCompleted(seq++, span, "FETCH", new TextValue("ok"), 1, delta));
            events.add(new ExecutionEvent.EffectCompleted(
                    seq,
                    span,
                    "SAVE",
                    IntegerValue.of(1),
                    2,
                    delta,
                    Optional.of(new ExecutionEvent.EffectStart(arguments, "exec-1/" + seq++))));
            events.add(
                    new ExecutionEvent.EffectFailed(seq++, span, "FETCH", "timeout", 1, true, Optional.of(at), delta));
            events.add(new ExecutionEvent.EffectFailed(seq++, span, "FETCH", "no", 2, false, Optional.empty(), delta));
            events.add(new ExecutionEvent.ChildStarted(seq++, span, request, delta));
            events.add(new ExecutionEvent.ChildCompleted(
                    seq++, span, new ChildResult.Returned(Optional.of(BooleanValue.TRUE)), delta));
            events.add(new ExecutionEvent.ChildCompleted(seq++, span, new ChildResult.Failed("boom"), delta));
            events.add(new ExecutionEvent.ExecutionCompleted(seq++, Optional.of(new TextValue("done")), delta));
            events.add(new ExecutionEvent.ExecutionCompleted(seq++, Optional.empty(), delta));
            events.add(new ExecutionEvent.ExecutionFailed(
                    seq++,
                    new ExecutionError(ExecutionError.Kind.LIMIT, "main.bas", Optional.empty(), "too big"),
                    delta));
            events.add(new ExecutionEvent.ExecutionCancelled(seq++, "operator", delta));
            events.add(new ExecutionEvent.ExecutionRetried(seq++, "again", delta));
            events.add(new ExecutionEvent.StepsCompleted(
                    seq + 2,
                    List.of(
                            new ExecutionEvent.StepCompleted(seq, span, delta),
                            new ExecutionEvent.StepCompleted(seq + 1, SourceSpan.of(4, 1, 2), Delta.NONE),
                            new ExecutionEvent.StepCompleted(seq + 2, SourceSpan.of(2, 5, 6), delta))));
            seq += 3;
            // a packed commit of every kind it can hold, hand-written and mapper-written ones mixed
            List<ExecutionEvent> packable = new ArrayList<>();
            long from = seq;
            for (ExecutionEvent event : events) {
                if (!(event instanceof ExecutionEvent.ExecutionStarted
                        || event instanceof ExecutionEvent.StepsCompleted
                        || event instanceof ExecutionEvent.EventsPacked)) {
                    packable.add(renumbered(event, seq++));
                }
            }
            events.add(new ExecutionEvent.EventsPacked(from, packable));
        }
        return events;
    }

    /** The same event at another sequence number (through its JSON, which every kind has). */
    private static ExecutionEvent renumbered(ExecutionEvent event, long sequence) {
        String json = EngineJson.write(event);
        return EngineJson.readEvent(
                json.replaceFirst("\"sequence\":" + event.sequence() + ",", "\"sequence\":" + sequence + ","));
    }

    @Test
    void aPackedCommitIsItsEventsAsTheyAreKeyedByTheFirst() throws Exception {
        ExecutionEvent.EffectCompleted completed =
                new ExecutionEvent.EffectCompleted(7, SourceSpan.of(2, 1, 5), "NOOP", NullValue.NULL, 1, Delta.NONE);
        ExecutionEvent.EffectStarted started = new ExecutionEvent.EffectStarted(
                8, SourceSpan.of(3, 1, 5), "NOOP", Map.of(), "exec-1/8", 1, Delta.NONE);
        ExecutionEvent.EventsPacked pack = new ExecutionEvent.EventsPacked(7, List.of(completed, started));

        String json = writer.write(pack);

        assertThat(json)
                .isEqualTo("{\"type\":\"EventsPacked\",\"sequence\":7,\"events\":[" + EngineJson.write(completed) + ","
                        + EngineJson.write(started) + "]}");
        assertThat(EngineJson.mapper().writeValueAsString(pack)).isEqualTo(json);
        assertThat(EngineJson.readEvent(json)).isEqualTo(pack);
        assertThat(pack.lastSequence()).isEqualTo(8);
        assertThat(pack.delta()).isEqualTo(Delta.NONE);
        assertThat(ExecutionEvent.unpacked(pack)).containsExactly(completed, started);
        assertThat(((ExecutionEvent.EffectStarted) ExecutionEvent.unpacked(EngineJson.readEvent(json))
                                .get(1))
                        .idempotencyKey())
                .isEqualTo("exec-1/8");
    }

    @Test
    void aPackRefusesGapsNestingAStartOrFewerThanTwoEvents() {
        ExecutionEvent.StepCompleted four = new ExecutionEvent.StepCompleted(4, SourceSpan.of(2, 1, 5), Delta.NONE);
        ExecutionEvent.StepCompleted five = new ExecutionEvent.StepCompleted(5, SourceSpan.of(3, 1, 5), Delta.NONE);
        ExecutionEvent.StepCompleted six = new ExecutionEvent.StepCompleted(6, SourceSpan.of(3, 1, 5), Delta.NONE);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ExecutionEvent.EventsPacked(4, List.of(four, six)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("consecutive");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new ExecutionEvent.EventsPacked(5, List.of(four, five)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("consecutive sequence numbers from 5");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ExecutionEvent.EventsPacked(4, List.of(four)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least two");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ExecutionEvent.EventsPacked(
                        4, List.of(four, new ExecutionEvent.StepsCompleted(6, List.of(five, six)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot hold a StepsCompleted");
    }
}
