package io.basicflow.engine.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.basicflow.engine.api.MessageExtras;
import io.basicflow.engine.event.CursorChange;
import io.basicflow.engine.event.Delta;
import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.event.VariableChange;
import io.basicflow.engine.state.FrameSnapshot;
import io.basicflow.spi.program.SourceSpan;
import io.basicflow.spi.value.Value;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the event kinds every step produces straight to a JSON generator, character for character
 * what the mapper's reflective record serializer writes for them (same property order, {@code null}
 * for an absent optional, {@code append} only when true, {@code extras} only when present). Each step
 * writes one or two events; through the mapper that was a third of a durable step's CPU, mostly its
 * reflective record accessors (docs/performance.md).
 *
 * <p>The output must stay identical: stored events are compared with a re-encoding of what they read
 * back as ({@link io.basicflow.engine.durable.ReplayVerifier}), so an event written before this class
 * existed must re-encode to the same text. {@code EventWriterTest} compares both writers on every kind.
 * The kinds that are rare (timers, children, failures, cancels) and the parts that are nested engine
 * records (pushed frames, message extras) still go through the mapper, into the same generator.
 */
final class EventWriter {

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
     * @throws IOException when the generator fails (it writes to memory, so only on a bug)
     */
    String write(ExecutionEvent event) throws IOException {
        if (!handWritten(event)) {
            return mapper.writeValueAsString(event);
        }
        // As the mapper's own writeValueAsString: pooled buffers, released after.
        BufferRecycler recycler = mapper.getFactory()._getBufferRecycler();
        try (SegmentedStringWriter text = new SegmentedStringWriter(recycler)) {
            try (JsonGenerator out = mapper.createGenerator(text)) {
                writeEvent(event, out);
            }
            return text.getAndClear();
        } finally {
            recycler.releaseToPool();
        }
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
        };
    }

    private void writeEvent(ExecutionEvent event, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("type", event.getClass().getSimpleName());
        out.writeNumberField("sequence", event.sequence());
        switch (event) {
            case ExecutionEvent.ExecutionStarted started -> {
                out.writeStringField("executionId", started.executionId());
                out.writeStringField("script", started.script());
                out.writeStringField("programFingerprint", started.programFingerprint());
            }
            case ExecutionEvent.StepCompleted step -> span(step.span(), out);
            case ExecutionEvent.MessageSent message -> {
                span(message.span(), out);
                out.writeStringField("kind", message.kind().name());
                optionalText("recipient", message.recipient(), out);
                out.writeStringField("text", message.text());
            }
            case ExecutionEvent.InputRequested requested -> {
                span(requested.span(), out);
                out.writeNumberField("attempt", requested.attempt());
            }
            case ExecutionEvent.InputReceived received -> {
                span(received.span(), out);
                out.writeStringField("input", received.input());
                value("value", received.value(), out);
            }
            case ExecutionEvent.InputRejected rejected -> {
                span(rejected.span(), out);
                out.writeStringField("input", rejected.input());
                out.writeStringField("reason", rejected.reason());
                out.writeNumberField("attempt", rejected.attempt());
            }
            case ExecutionEvent.InputAbandoned abandoned -> {
                span(abandoned.span(), out);
                out.writeNumberField("attempts", abandoned.attempts());
            }
            case ExecutionEvent.TimerFired fired -> span(fired.span(), out);
            case ExecutionEvent.EffectStarted started -> {
                span(started.span(), out);
                out.writeStringField("keyword", started.keyword());
                out.writeFieldName("arguments");
                out.writeStartObject();
                for (Map.Entry<String, Value> argument : started.arguments().entrySet()) {
                    value(argument.getKey(), argument.getValue(), out);
                }
                out.writeEndObject();
                out.writeStringField("idempotencyKey", started.idempotencyKey());
                out.writeNumberField("attempt", started.attempt());
            }
            case ExecutionEvent.EffectCompleted completed -> {
                span(completed.span(), out);
                out.writeStringField("keyword", completed.keyword());
                value("result", completed.result(), out);
                out.writeNumberField("attempt", completed.attempt());
            }
            case ExecutionEvent.ExecutionCompleted completed -> {
                out.writeFieldName("result");
                if (completed.result().isPresent()) {
                    ValueModule.ValueSerializer.write(completed.result().get(), out);
                } else {
                    out.writeNull();
                }
            }
            case ExecutionEvent.TimerStarted ignored -> throw notHandWritten(event);
            case ExecutionEvent.EffectFailed ignored -> throw notHandWritten(event);
            case ExecutionEvent.ChildStarted ignored -> throw notHandWritten(event);
            case ExecutionEvent.ChildCompleted ignored -> throw notHandWritten(event);
            case ExecutionEvent.ExecutionFailed ignored -> throw notHandWritten(event);
            case ExecutionEvent.ExecutionCancelled ignored -> throw notHandWritten(event);
            case ExecutionEvent.ExecutionRetried ignored -> throw notHandWritten(event);
        }
        delta(event.delta(), out);
        if (event instanceof ExecutionEvent.MessageSent message
                && message.extras().isPresent()) {
            out.writeFieldName("extras");
            extras.writeValue(out, message.extras().get());
        }
        out.writeEndObject();
    }

    private static IllegalStateException notHandWritten(ExecutionEvent event) {
        return new IllegalStateException(event.getClass().getSimpleName() + " is written by the mapper");
    }

    private static void span(SourceSpan span, JsonGenerator out) throws IOException {
        out.writeFieldName("span");
        out.writeStartObject();
        out.writeNumberField("line", span.line());
        out.writeNumberField("column", span.column());
        out.writeNumberField("endLine", span.endLine());
        out.writeNumberField("endColumn", span.endColumn());
        out.writeEndObject();
    }

    private static void value(String name, Value value, JsonGenerator out) throws IOException {
        out.writeFieldName(name);
        ValueModule.ValueSerializer.write(value, out);
    }

    private static void optionalText(String name, Optional<String> text, JsonGenerator out) throws IOException {
        if (text.isPresent()) {
            out.writeStringField(name, text.get());
        } else {
            out.writeNullField(name);
        }
    }

    private void delta(Delta delta, JsonGenerator out) throws IOException {
        out.writeFieldName("delta");
        out.writeStartObject();
        out.writeFieldName("variables");
        out.writeStartArray();
        for (VariableChange change : delta.variables()) {
            out.writeStartObject();
            out.writeStringField("name", change.name());
            value("value", change.value(), out);
            out.writeBooleanField("local", change.local());
            if (change.append()) {
                out.writeBooleanField("append", true);
            }
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeFieldName("cursor");
        if (delta.cursor().isPresent()) {
            CursorChange cursor = delta.cursor().get();
            out.writeStartObject();
            out.writeNumberField("keep", cursor.keep());
            out.writeNumberField("index", cursor.index());
            out.writeNumberField("position", cursor.position());
            out.writeFieldName("pushed");
            out.writeStartArray();
            for (FrameSnapshot frame : cursor.pushed()) {
                frames.writeValue(out, frame);
            }
            out.writeEndArray();
            out.writeEndObject();
        } else {
            out.writeNull();
        }
        out.writeFieldName("tools");
        if (delta.tools().isPresent()) {
            List<String> tools = delta.tools().get();
            out.writeStartArray();
            for (String tool : tools) {
                out.writeString(tool);
            }
            out.writeEndArray();
        } else {
            out.writeNull();
        }
        out.writeEndObject();
    }
}
