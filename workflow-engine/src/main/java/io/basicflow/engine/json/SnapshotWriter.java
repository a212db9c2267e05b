package io.basicflow.engine.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.basicflow.engine.state.ExecutionError;
import io.basicflow.engine.state.ExecutionSnapshot;
import io.basicflow.engine.state.FrameSnapshot;
import io.basicflow.engine.state.PendingWait;
import java.io.IOException;

/**
 * Writes an {@link ExecutionSnapshot} as JSON by hand, character for character what the mapper's
 * record serializer writes (same property order, {@code null} for an absent optional, the frame kinds
 * by their {@code frame} names). A durable execution writes its snapshot when it starts and at the end
 * of each activation; through the mapper's reflective record serializer that was a twentieth of the
 * dialog benchmark's JVM CPU (docs/performance.md, "dialog").
 *
 * <p>The pending wait and the error, present only in a waiting or failed execution, still go through
 * the mapper. {@code SnapshotWriterTest} compares both writers on every frame kind, every pending wait
 * and every kind of value.
 */
final class SnapshotWriter {

    private final ObjectWriter pending;
    private final ObjectWriter errors;

    SnapshotWriter(ObjectMapper mapper) {
        this.pending = mapper.writerFor(PendingWait.class);
        this.errors = mapper.writerFor(ExecutionError.class);
    }

    /**
     * Writes a snapshot as JSON.
     *
     * @param snapshot the state
     * @return its JSON, as the mapper would write it
     * @throws IOException when the mapper fails on a part it writes (only on a bug)
     */
    String write(ExecutionSnapshot snapshot) throws IOException {
        StringBuilder out = new StringBuilder(256 + 32 * snapshot.variables().size());
        EventWriter.text(out.append("{\"executionId\":"), snapshot.executionId());
        EventWriter.text(out.append(",\"script\":"), snapshot.script());
        EventWriter.text(out.append(",\"programFingerprint\":"), snapshot.programFingerprint());
        out.append(",\"status\":\"").append(snapshot.status().name()).append('"');
        out.append(",\"variables\":");
        EventWriter.entries(snapshot.variables(), out);
        out.append(",\"frames\":[");
        boolean first = true;
        for (FrameSnapshot frame : snapshot.frames()) {
            frame(out.append(first ? "" : ","), frame);
            first = false;
        }
        out.append("],\"pending\":");
        if (snapshot.pending().isPresent()) {
            out.append(pending.writeValueAsString(snapshot.pending().get()));
        } else {
            out.append("null");
        }
        out.append(",\"result\":");
        if (snapshot.result().isPresent()) {
            EventWriter.value(out, snapshot.result().get());
        } else {
            out.append("null");
        }
        out.append(",\"error\":");
        if (snapshot.error().isPresent()) {
            out.append(errors.writeValueAsString(snapshot.error().get()));
        } else {
            out.append("null");
        }
        out.append(",\"tools\":[");
        first = true;
        for (String tool : snapshot.tools()) {
            EventWriter.text(out.append(first ? "" : ","), tool);
            first = false;
        }
        out.append("],\"sequence\":").append(snapshot.sequence());
        out.append(",\"steps\":").append(snapshot.steps());
        out.append(",\"messages\":").append(snapshot.messages());
        out.append(",\"historyBytes\":").append(snapshot.historyBytes());
        return out.append('}').toString();
    }

    /** A frame as the mapper writes it: its {@code frame} name first, then the record's components. */
    static void frame(StringBuilder out, FrameSnapshot frame) {
        switch (frame) {
            case FrameSnapshot.Body body -> position(out.append("{\"frame\":\"body\""), body);
            case FrameSnapshot.DoLoop loop -> position(out.append("{\"frame\":\"do\""), loop);
            case FrameSnapshot.ForRange loop -> {
                position(out.append("{\"frame\":\"for\""), loop);
                EventWriter.text(out.append(",\"variable\":"), loop.variable());
                EventWriter.value(out.append(",\"to\":"), loop.to());
                EventWriter.value(out.append(",\"step\":"), loop.step());
            }
            case FrameSnapshot.ForEach loop -> {
                position(out.append("{\"frame\":\"forEach\""), loop);
                EventWriter.text(out.append(",\"variable\":"), loop.variable());
                EventWriter.value(out.append(",\"items\":"), loop.items());
                out.append(",\"position\":").append(loop.position());
            }
            case FrameSnapshot.Call call -> {
                position(out.append("{\"frame\":\"call\""), call);
                EventWriter.text(out.append(",\"procedure\":"), call.procedure());
                EventWriter.entries(call.locals(), out.append(",\"locals\":"));
                out.append(",\"callerBlock\":").append(call.callerBlock());
                out.append(",\"callerIndex\":").append(call.callerIndex());
            }
        }
        out.append('}');
    }

    private static void position(StringBuilder out, FrameSnapshot frame) {
        out.append(",\"block\":").append(frame.block());
        out.append(",\"index\":").append(frame.index());
    }
}
