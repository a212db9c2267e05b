package io.basicflow.engine.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.basicflow.engine.api.MessageExtras;
import io.basicflow.engine.event.CursorChange;
import io.basicflow.engine.event.Delta;
import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.event.VariableChange;
import io.basicflow.engine.state.FrameSnapshot;
import io.basicflow.spi.program.SourceSpan;
import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.DecimalValue;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.io.IOException;
import java.util.Map;

/**
 * Writes the event kinds every step produces as JSON text by hand, character for character
 * what the mapper's reflective record serializer writes for them (same property order, {@code null}
 * for an absent optional, {@code append} only when true, {@code extras} and an effect's {@code started}
 * only when present). Each step
 * writes one or two events; through the mapper that was a third of a durable step's CPU, mostly its
 * reflective record accessors (docs/performance.md).
 *
 * <p>The output must stay identical: stored events are compared with a re-encoding of what they read
 * back as ({@link io.basicflow.engine.durable.ReplayVerifier}), so an event written before this class
 * existed must re-encode to the same text. {@code EventWriterTest} compares both writers on every kind.
 * The kinds that are rare (timers, children, failures, cancels) and the parts that are nested engine
 * records (pushed frames, message extras) still go through the mapper. Strings are escaped as the
 * mapper's generator escapes them: {@code "} and {@code \\}, the short forms {@code \b \t \n \f \r},
 * other characters below U+0020 as a six-character escape with upper-case hex digits, everything
 * else as it is.
 */
final class EventWriter {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final ObjectMapper mapper;
    private final ObjectWriter frames;
    private final ObjectWriter extras;

    EventWriter(ObjectMapper mapper) {
        this.mapper = mapper;
        this.frames = mapper.writerFor(FrameSnapshot.class);
        this.extras = mapper.writerFor(MessageExtras.class);
    }

    /**
     * Writes an event as JSON.
     *
     * @param event the event
     * @return its JSON, as the mapper would write it
     * @throws IOException when the mapper fails on a part it writes (only on a bug)
     */
    String write(ExecutionEvent event) throws IOException {
        if (!handWritten(event)) {
            return mapper.writeValueAsString(event);
        }
        StringBuilder out = new StringBuilder(
                switch (event) {
                    case ExecutionEvent.StepsCompleted run -> 320 * run.steps().size();
                    case ExecutionEvent.EventsPacked pack -> 384 * pack.events().size();
                    default -> 384; // most events fit: no copy to grow it
                });
        writeEvent(event, out);
        return out.toString();
    }

    private static boolean handWritten(ExecutionEvent event) {
        return switch (event) {
            case ExecutionEvent.ExecutionStarted ignored -> true;
            case ExecutionEvent.StepCompleted ignored -> true;
            case ExecutionEvent.MessageSent ignored -> true;
            case ExecutionEvent.InputRequested ignored -> true;
            case ExecutionEvent.InputReceived ignored -> true;
            case ExecutionEvent.InputRejected ignored -> true;
            case ExecutionEvent.InputAbandoned ignored -> true;
            case ExecutionEvent.TimerFired ignored -> true;
            case ExecutionEvent.EffectStarted ignored -> true;
            case ExecutionEvent.EffectCompleted ignored -> true;
            case ExecutionEvent.ExecutionCompleted ignored -> true;
            case ExecutionEvent.TimerStarted ignored -> false;
            case ExecutionEvent.EffectFailed ignored -> false;
            case ExecutionEvent.ChildStarted ignored -> false;
            case ExecutionEvent.ChildCompleted ignored -> false;
            case ExecutionEvent.ExecutionFailed ignored -> false;
            case ExecutionEvent.ExecutionCancelled ignored -> false;
            case ExecutionEvent.ExecutionRetried ignored -> false;
            case ExecutionEvent.StepsCompleted ignored -> true;
            case ExecutionEvent.EventsPacked ignored -> true;
        };
    }

    private void writeEvent(ExecutionEvent event, StringBuilder out) throws IOException {
        out.append("{\"type\":\"").append(event.getClass().getSimpleName());
        out.append("\",\"sequence\":").append(event.sequence());
        if (event instanceof ExecutionEvent.StepsCompleted run) {
            out.append(",\"steps\":[");
            boolean first = true;
            for (ExecutionEvent.StepCompleted step : run.steps()) {
                writeEvent(step, first ? out : out.append(','));
                first = false;
            }
            out.append("]}");
            return;
        }
        if (event instanceof ExecutionEvent.EventsPacked pack) {
            out.append(",\"events\":[");
            boolean first = true;
            for (ExecutionEvent packed : pack.events()) {
                if (!first) {
                    out.append(',');
                }
                if (handWritten(packed)) {
                    writeEvent(packed, out);
                } else {
                    out.append(mapper.writeValueAsString(packed));
                }
                first = false;
            }
            out.append("]}");
            return;
        }
        switch (event) {
            case ExecutionEvent.ExecutionStarted started -> {
                text(out.append(",\"executionId\":"), started.executionId());
                text(out.append(",\"script\":"), started.script());
                text(out.append(",\"programFingerprint\":"), started.programFingerprint());
            }
            case ExecutionEvent.StepCompleted step -> span(step.span(), out);
            case ExecutionEvent.MessageSent message -> {
                span(message.span(), out);
                out.append(",\"kind\":\"").append(message.kind().name()).append('"');
                out.append(",\"recipient\":");
                if (message.recipient().isPresent()) {
                    text(out, message.recipient().get());
                } else {
                    out.append("null");
                }
                text(out.append(",\"text\":"), message.text());
            }
            case ExecutionEvent.InputRequested requested -> {
                span(requested.span(), out);
                out.append(",\"attempt\":").append(requested.attempt());
            }
            case ExecutionEvent.InputReceived received -> {
                span(received.span(), out);
                text(out.append(",\"input\":"), received.input());
                value(out.append(",\"value\":"), received.value());
            }
            case ExecutionEvent.InputRejected rejected -> {
                span(rejected.span(), out);
                text(out.append(",\"input\":"), rejected.input());
                text(out.append(",\"reason\":"), rejected.reason());
                out.append(",\"attempt\":").append(rejected.attempt());
            }
            case ExecutionEvent.InputAbandoned abandoned -> {
                span(abandoned.span(), out);
                out.append(",\"attempts\":").append(abandoned.attempts());
            }
            case ExecutionEvent.TimerFired fired -> span(fired.span(), out);
            case ExecutionEvent.EffectStarted started -> {
                span(started.span(), out);
                text(out.append(",\"keyword\":"), started.keyword());
                out.append(",\"arguments\":");
                entries(started.arguments(), out);
                text(out.append(",\"idempotencyKey\":"), started.idempotencyKey());
                out.append(",\"attempt\":").append(started.attempt());
            }
            case ExecutionEvent.EffectCompleted completed -> {
                span(completed.span(), out);
                text(out.append(",\"keyword\":"), completed.keyword());
                value(out.append(",\"result\":"), completed.result());
                out.append(",\"attempt\":").append(completed.attempt());
            }
            case ExecutionEvent.ExecutionCompleted completed -> {
                out.append(",\"result\":");
                if (completed.result().isPresent()) {
                    value(out, completed.result().get());
                } else {
                    out.append("null");
                }
            }
            case ExecutionEvent.TimerStarted ignored -> throw notHandWritten(event);
            case ExecutionEvent.EffectFailed ignored -> throw notHandWritten(event);
            case ExecutionEvent.ChildStarted ignored -> throw notHandWritten(event);
            case ExecutionEvent.ChildCompleted ignored -> throw notHandWritten(event);
            case ExecutionEvent.ExecutionFailed ignored -> throw notHandWritten(event);
            case ExecutionEvent.ExecutionCancelled ignored -> throw notHandWritten(event);
            case ExecutionEvent.ExecutionRetried ignored -> throw notHandWritten(event);
            case ExecutionEvent.StepsCompleted ignored -> throw new IllegalStateException("written above");
            case ExecutionEvent.EventsPacked ignored -> throw new IllegalStateException("written above");
        }
        delta(event.delta(), out);
        if (event instanceof ExecutionEvent.EffectCompleted completed
                && completed.started().isPresent()) {
            out.append(",\"started\":{\"arguments\":");
            entries(completed.started().get().arguments(), out);
            text(out.append(",\"idempotencyKey\":"), completed.started().get().idempotencyKey());
            out.append('}');
        }
        if (event instanceof ExecutionEvent.MessageSent message
                && message.extras().isPresent()) {
            out.append(",\"extras\":")
                    .append(extras.writeValueAsString(message.extras().get()));
        }
        out.append('}');
    }

    private static IllegalStateException notHandWritten(ExecutionEvent event) {
        return new IllegalStateException(event.getClass().getSimpleName() + " is written by the mapper");
    }

    private static void span(SourceSpan span, StringBuilder out) {
        out.append(",\"span\":{\"line\":").append(span.line());
        out.append(",\"column\":").append(span.column());
        out.append(",\"endLine\":").append(span.endLine());
        out.append(",\"endColumn\":").append(span.endColumn()).append('}');
    }

    private void delta(Delta delta, StringBuilder out) throws IOException {
        out.append(",\"delta\":{\"variables\":[");
        boolean first = true;
        for (VariableChange change : delta.variables()) {
            out.append(first ? "{\"name\":" : ",{\"name\":");
            first = false;
            text(out, change.name());
            value(out.append(",\"value\":"), change.value());
            out.append(",\"local\":").append(change.local());
            if (change.append()) {
                out.append(",\"append\":true");
            }
            out.append('}');
        }
        out.append("],\"cursor\":");
        if (delta.cursor().isPresent()) {
            CursorChange cursor = delta.cursor().get();
            out.append("{\"keep\":").append(cursor.keep());
            out.append(",\"index\":").append(cursor.index());
            out.append(",\"position\":").append(cursor.position());
            out.append(",\"pushed\":[");
            first = true;
            for (FrameSnapshot frame : cursor.pushed()) {
                frame(out.append(first ? "" : ","), frame);
                first = false;
            }
            out.append("]}");
        } else {
            out.append("null");
        }
        out.append(",\"tools\":");
        if (delta.tools().isPresent()) {
            out.append('[');
            first = true;
            for (String tool : delta.tools().get()) {
                text(out.append(first ? "" : ","), tool);
                first = false;
            }
            out.append(']');
        } else {
            out.append("null");
        }
        out.append('}');
    }

    /** A frame: the plain kinds every block entry pushes by hand, the ones with values by the mapper. */
    private void frame(StringBuilder out, FrameSnapshot frame) throws IOException {
        switch (frame) {
            case FrameSnapshot.Body body -> position(out.append("{\"frame\":\"body\""), body);
            case FrameSnapshot.DoLoop loop -> position(out.append("{\"frame\":\"do\""), loop);
            case FrameSnapshot.ForRange ignored -> out.append(frames.writeValueAsString(frame));
            case FrameSnapshot.ForEach ignored -> out.append(frames.writeValueAsString(frame));
            case FrameSnapshot.Call ignored -> out.append(frames.writeValueAsString(frame));
        }
    }

    private static void position(StringBuilder out, FrameSnapshot frame) {
        out.append(",\"block\":").append(frame.block());
        out.append(",\"index\":").append(frame.index()).append('}');
    }

    /** A value as {@link ValueModule} writes it. */
    static void value(StringBuilder out, Value value) {
        switch (value) {
            case NullValue ignored -> out.append("null");
            case BooleanValue bool -> out.append(bool.value());
            case IntegerValue number -> out.append(number.value());
            case DecimalValue number -> out.append(ValueModule.ValueSerializer.decimalText(number.value()));
            case TextValue text -> text(out, text.value());
            case ListValue list -> {
                out.append('[');
                boolean first = true;
                for (Value element : list.elements()) {
                    value(out.append(first ? "" : ","), element);
                    first = false;
                }
                out.append(']');
            }
            case MapValue map -> entries(map.entries(), out);
        }
    }

    static void entries(Map<String, Value> entries, StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Value> entry : entries.entrySet()) {
            text(out.append(first ? "" : ","), entry.getKey());
            value(out.append(':'), entry.getValue());
            first = false;
        }
        out.append('}');
    }

    /** A JSON string, escaped as the mapper's generator escapes it (see the class comment). */
    static void text(StringBuilder out, String text) {
        out.append('"');
        int length = text.length();
        int plain = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(text, plain, i);
            plain = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        out.append(text, plain, length).append('"');
    }
}
