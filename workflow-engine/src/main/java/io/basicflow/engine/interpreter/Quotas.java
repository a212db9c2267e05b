package io.basicflow.engine.interpreter;

import io.basicflow.engine.event.CursorChange;
import io.basicflow.engine.event.Delta;
import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.event.VariableChange;
import io.basicflow.engine.state.ExecutionError;
import io.basicflow.spi.program.ScriptQuotas;
import io.basicflow.spi.value.Value;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The quotas of one execution over its whole life — steps, events, bytes of history, messages — and
 * the size of what leaves an execution (a message, a plugin's result). Breaking one fails that
 * execution with a {@link ExecutionError.Kind#LIMIT} error that names the quota and the setting that
 * raises it; other executions keep running.
 *
 * <p>The usage is counted by {@link StateFold#transition}, which the live run and the fold share, so
 * a resumed or replayed execution counts exactly what the live one did.
 */
public final class Quotas {

    /** What every event weighs besides its contents: the row, the sequence, the kind, the span. */
    static final long EVENT_OVERHEAD = 64;

    /** Values are measured up to this size; a bigger one was already refused by the variables limit. */
    private static final long MEASURE_CAP = 1L << 40;

    private Quotas() {}

    /**
     * The estimated bytes an event adds to the history: a fixed overhead, the variables its delta
     * assigns (for an append, only the appended elements), the frames it pushes, and its own payload
     * (a message's text, an input, an effect's arguments or result, an error).
     *
     * @param event the event
     * @return its weight in bytes
     */
    public static long weight(ExecutionEvent event) {
        long weight = EVENT_OVERHEAD + weight(event.delta());
        // Kinds without a payload of their own weigh their overhead and delta; an instanceof chain (not
        // an exhaustive switch) so that a new event kind needs no change here.
        if (event instanceof ExecutionEvent.MessageSent message) {
            weight += message.text().length()
                    + message.recipient().map(String::length).orElse(0);
        } else if (event instanceof ExecutionEvent.InputReceived input) {
            weight += input.input().length() + size(input.value());
        } else if (event instanceof ExecutionEvent.InputRejected rejected) {
            weight += rejected.input().length() + rejected.reason().length();
        } else if (event instanceof ExecutionEvent.EffectStarted started) {
            weight += started.keyword().length() + started.idempotencyKey().length() + size(started.arguments());
        } else if (event instanceof ExecutionEvent.EffectCompleted completed) {
            weight += completed.keyword().length() + size(completed.result());
            if (completed.started().isPresent()) { // the start it records weighs what its own event's payload would
                weight += completed.started().get().idempotencyKey().length()
                        + size(completed.started().get().arguments());
            }
        } else if (event instanceof ExecutionEvent.EffectFailed failed) {
            weight += failed.keyword().length() + failed.error().length();
        } else if (event instanceof ExecutionEvent.ChildStarted child) {
            weight += child.request().script().length();
            for (Value argument : child.request().arguments()) {
                weight += size(argument);
            }
        } else if (event instanceof ExecutionEvent.ExecutionCompleted completed) {
            weight += completed.result().map(Quotas::size).orElse(0L);
        } else if (event instanceof ExecutionEvent.ExecutionFailed failed) {
            weight += failed.error().problem().length();
        }
        return weight;
    }

    private static long weight(Delta delta) {
        if (delta.empty()) {
            return 0;
        }
        long weight = 0;
        for (VariableChange change : delta.variables()) {
            weight += change.name().length() + 8 + size(change.value());
        }
        if (delta.cursor().isPresent()) {
            CursorChange cursor = delta.cursor().get();
            weight += 16 + 32L * cursor.pushed().size();
        }
        if (delta.tools().isPresent()) {
            for (String tool : delta.tools().get()) {
                weight += tool.length() + 3;
            }
        }
        return weight;
    }

    private static long size(Value value) {
        return Math.max(0, ValueSize.of(value, MEASURE_CAP, Integer.MAX_VALUE));
    }

    private static long size(Map<String, Value> values) {
        long size = 2;
        for (Map.Entry<String, Value> entry : values.entrySet()) {
            size += entry.getKey().length() + 4 + size(entry.getValue());
        }
        return size;
    }

    /** Counts an event into the state's usage; called by the fold and the live run alike. */
    static void count(ExecutionState state, ExecutionEvent event) {
        state.historyBytes += weight(event);
        if (event instanceof ExecutionEvent.MessageSent) {
            state.messages++;
        }
    }

    /**
     * Fails the running step when the execution has used up a quota; called before each step.
     *
     * @throws StepFailure naming the quota
     */
    static void check(ExecutionState state, Limits limits, boolean recording, ScriptQuotas script) {
        if (state.steps >= limits.maxSteps()) {
            throw exhausted(
                    "steps", state.steps, limits.maxSteps(), raise(script, script.steps(), "steps", "max-steps"));
        }
        if (recording) {
            if (state.sequence >= limits.maxEvents()) {
                throw exhausted(
                        "events",
                        state.sequence,
                        limits.maxEvents(),
                        raise(script, script.events(), "events", "max-events"));
            }
            if (state.historyBytes >= limits.maxHistoryBytes()) {
                throw exhausted(
                        "bytes of history",
                        state.historyBytes,
                        limits.maxHistoryBytes(),
                        raise(script, script.historyBytes(), "history-bytes", "max-history-bytes"));
            }
        }
    }

    /**
     * The limits with the quotas a script's {@code #quota} lines set in place of the global ones.
     *
     * @param limits the global limits
     * @param script the script's quotas
     * @return the limits that execution runs with
     */
    public static Limits forScript(Limits limits, ScriptQuotas script) {
        if (script.none()) {
            return limits;
        }
        return new Limits(
                limits.stepsPerActivation(),
                limits.maxTextLength(),
                limits.maxVariableBytes(),
                limits.maxCallDepth(),
                limits.maxInputLength(),
                limits.inputAttempts(),
                limits.maxValueDepth(),
                script.steps().orElse(limits.maxSteps()),
                script.events().orElse(limits.maxEvents()),
                script.historyBytes().orElse(limits.maxHistoryBytes()),
                script.messages().orElse(limits.maxMessages()));
    }

    /** What raises a quota: the script's {@code #quota} line when it set it, else the global setting. */
    private static String raise(ScriptQuotas script, OptionalLong value, String name, String setting) {
        return value.isPresent()
                ? name + "= in the script's #quota line (line " + script.line() + ")"
                : "basicflow.limits." + setting;
    }

    /**
     * Refuses a message that is too long, or one more message than the quota allows.
     *
     * @throws StepFailure naming the limit
     */
    static void checkMessage(String text, ExecutionState state, Limits limits, ScriptQuotas script) {
        if (text.length() > limits.maxTextLength()) {
            throw new StepFailure(
                    ExecutionError.Kind.LIMIT,
                    "the message has " + text.length() + " characters, more than the limit of " + limits.maxTextLength()
                            + " for a text (basicflow.limits.text-chars)");
        }
        if (state.messages >= limits.maxMessages()) {
            throw exhausted(
                    "messages",
                    state.messages,
                    limits.maxMessages(),
                    raise(script, script.messages(), "messages", "max-messages"));
        }
    }

    /**
     * Refuses a plugin's result that breaks the limits of incoming values.
     *
     * @throws StepFailure naming the keyword and the limit
     */
    static void checkResult(String keyword, Value result, Limits limits) {
        Optional<IncomingValues.Problem> problem = IncomingValues.problem(result, limits);
        if (problem.isPresent()) {
            throw new StepFailure(
                    ExecutionError.Kind.LIMIT,
                    "the result of " + keyword
                            + (problem.get().pointer().isEmpty()
                                    ? ""
                                    : " at " + problem.get().pointer()) + " "
                            + problem.get().message());
        }
    }

    private static StepFailure exhausted(String what, long used, long quota, String setting) {
        return new StepFailure(
                ExecutionError.Kind.LIMIT,
                "the execution used its quota of " + quota + " " + what + " (it has " + used + "); a script that"
                        + " loops without end is the usual cause; raise " + setting + " if it really needs more");
    }
}
