package io.basicflow.engine.state;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole state of one execution as immutable data: what a durable run persists, what folding its
 * events rebuilds, and what the interpreter resumes from. It round-trips through JSON exactly (see
 * {@link io.basicflow.engine.json.EngineJson}).
 *
 * @param executionId the execution's id
 * @param script the script's name
 * @param programFingerprint the {@link io.basicflow.engine.program.ProgramIndex#fingerprint()} of the
 *     program the execution runs; resuming against another shape is refused
 * @param status where the execution stands
 * @param variables the script's (global) variables by lower-case name; procedure parameters live in
 *     their call frames
 * @param frames the cursor: a stack of frames, the innermost last; empty once the execution ended
 * @param pending what the step at the cursor waits for, if anything
 * @param result the {@code RETURN} value of a completed execution, if it returned one (never {@code
 *     NULL}: returning {@code NULL} is returning nothing)
 * @param error why a failed execution failed
 * @param tools the active tool set in the order the tools were added
 * @param sequence the sequence number of the last event, 0 before the first
 * @param steps the number of steps completed so far
 * @param messages the number of messages sent so far (for the messages quota)
 * @param historyBytes the estimated bytes of the history so far (for the history quota; see {@link
 *     io.basicflow.engine.interpreter.Quotas#weight})
 */
public record ExecutionSnapshot(
        String executionId,
        String script,
        String programFingerprint,
        ExecutionStatus status,
        Map<String, Value> variables,
        List<FrameSnapshot> frames,
        Optional<PendingWait> pending,
        Optional<Value> result,
        Optional<ExecutionError> error,
        List<String> tools,
        long sequence,
        long steps,
        long messages,
        long historyBytes) {

    /**
     * Validates and copies the parts.
     *
     * @param executionId not null
     * @param script not null
     * @param programFingerprint not null
     * @param status not null
     * @param variables not null
     * @param frames not null
     * @param pending not null
     * @param result not null; a {@code NULL} result is dropped
     * @param error not null
     * @param tools not null
     * @param sequence not negative
     * @param steps not negative
     */
    public ExecutionSnapshot {
        requireNonNull(executionId, "executionId is null");
        requireNonNull(script, "script is null");
        requireNonNull(programFingerprint, "programFingerprint is null");
        requireNonNull(status, "status is null");
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        frames = List.copyOf(frames);
        requireNonNull(pending, "pending is null");
        result = requireNonNull(result, "result is null").filter(value -> value != NullValue.NULL);
        requireNonNull(error, "error is null");
        tools = List.copyOf(tools);
        if (sequence < 0 || steps < 0 || messages < 0 || historyBytes < 0) {
            throw new IllegalArgumentException("negative counters: sequence " + sequence + ", steps " + steps
                    + ", messages " + messages + ", historyBytes " + historyBytes);
        }
    }

    /**
     * A snapshot with no usage counted (as written before the quotas existed).
     *
     * @param executionId not null
     * @param script not null
     * @param programFingerprint not null
     * @param status not null
     * @param variables not null
     * @param frames not null
     * @param pending not null
     * @param result not null
     * @param error not null
     * @param tools not null
     * @param sequence not negative
     * @param steps not negative
     */
    public ExecutionSnapshot(
            String executionId,
            String script,
            String programFingerprint,
            ExecutionStatus status,
            Map<String, Value> variables,
            List<FrameSnapshot> frames,
            Optional<PendingWait> pending,
            Optional<Value> result,
            Optional<ExecutionError> error,
            List<String> tools,
            long sequence,
            long steps) {
        this(
                executionId,
                script,
                programFingerprint,
                status,
                variables,
                frames,
                pending,
                result,
                error,
                tools,
                sequence,
                steps,
                0,
                0);
    }

    /**
     * Reads a snapshot's JSON; one written before the quotas existed has no usage counters, which
     * then start at 0.
     */
    @JsonCreator
    static ExecutionSnapshot fromJson(
            @JsonProperty("executionId") String executionId,
            @JsonProperty("script") String script,
            @JsonProperty("programFingerprint") String programFingerprint,
            @JsonProperty("status") ExecutionStatus status,
            @JsonProperty("variables") Map<String, Value> variables,
            @JsonProperty("frames") List<FrameSnapshot> frames,
            @JsonProperty("pending") Optional<PendingWait> pending,
            @JsonProperty("result") Optional<Value> result,
            @JsonProperty("error") Optional<ExecutionError> error,
            @JsonProperty("tools") List<String> tools,
            @JsonProperty("sequence") long sequence,
            @JsonProperty("steps") long steps,
            @JsonProperty("messages") Long messages,
            @JsonProperty("historyBytes") Long historyBytes) {
        return new ExecutionSnapshot(
                executionId,
                script,
                programFingerprint,
                status,
                variables,
                frames,
                pending == null ? Optional.empty() : pending,
                result == null ? Optional.empty() : result,
                error == null ? Optional.empty() : error,
                tools,
                sequence,
                steps,
                messages == null ? 0 : messages,
                historyBytes == null ? 0 : historyBytes);
    }

    /**
     * A variable of the script.
     *
     * @param name the lower-case name
     * @return its value, {@code NULL} when unset
     */
    public Value variable(String name) {
        return variables.getOrDefault(name, NullValue.NULL);
    }
}
