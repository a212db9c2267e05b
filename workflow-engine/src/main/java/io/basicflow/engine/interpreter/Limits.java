package io.basicflow.engine.interpreter;

/**
 * What one execution may use. Breaking a limit fails that execution with a clear error (kind {@link
 * io.basicflow.engine.state.ExecutionError.Kind#LIMIT}); it never throws out of the interpreter.
 *
 * @param stepsPerActivation steps run by one {@link Interpreter#run} before it yields, so that a
 *     runaway loop lets other executions progress
 * @param maxTextLength the most characters one text value may have when it is assigned
 * @param maxVariableBytes the most the variables may take, measured as the length of their JSON form
 *     (texts, lists and maps count; numbers, booleans and {@code NULL} are small and not counted)
 * @param maxCallDepth the deepest nesting of {@code SUB}/{@code FUNCTION} calls
 * @param maxInputLength the most characters one input may have; longer input is rejected like an
 *     invalid one
 * @param inputAttempts how many inputs a {@code HEAR} accepts before it gives up and sets its
 *     variable to {@code NULL}
 * @param maxValueDepth the deepest nesting of lists and maps in one value (at most 900, so that a
 *     snapshot stays within the JSON parser's nesting limit)
 * @param maxSteps quota: the most steps one execution may complete in its whole life
 * @param maxEvents quota: the most events one execution may record (a durable run's history)
 * @param maxHistoryBytes quota: the most bytes one execution's history may take, estimated from the
 *     events' contents (see {@link Quotas#weight}); only a recording (durable) run has a history
 * @param maxMessages quota: the most messages ({@code TALK}, prompts, retry messages) one execution
 *     may send
 */
public record Limits(
        int stepsPerActivation,
        int maxTextLength,
        long maxVariableBytes,
        int maxCallDepth,
        int maxInputLength,
        int inputAttempts,
        int maxValueDepth,
        long maxSteps,
        long maxEvents,
        long maxHistoryBytes,
        long maxMessages) {

    /** Quota default: one million steps in an execution's life. */
    public static final long DEFAULT_MAX_STEPS = 1_000_000;

    /** Quota default: one million events in an execution's history. */
    public static final long DEFAULT_MAX_EVENTS = 1_000_000;

    /** Quota default: 64 MiB of history per execution. */
    public static final long DEFAULT_MAX_HISTORY_BYTES = 64L * 1024 * 1024;

    /** Quota default: ten thousand messages per execution. */
    public static final long DEFAULT_MAX_MESSAGES = 10_000;

    /**
     * 10,000 steps per activation, 256 Ki characters per text, 1 MiB of variables, 200 nested calls,
     * 64 Ki characters of input, 3 input attempts, values nested 256 deep; quotas per execution of
     * 1,000,000 steps, 1,000,000 events, 64 MiB of history and 10,000 messages.
     */
    public static final Limits DEFAULT = new Limits(10_000, 256 * 1024, 1024 * 1024, 200, 64 * 1024, 3, 256);

    /**
     * Validates the limits.
     *
     * @param stepsPerActivation at least 1
     * @param maxTextLength at least 1
     * @param maxVariableBytes at least 1
     * @param maxCallDepth at least 1
     * @param maxInputLength at least 1
     * @param inputAttempts at least 1
     * @param maxValueDepth 1 to 900
     * @param maxSteps at least 1
     * @param maxEvents at least 1
     * @param maxHistoryBytes at least 1
     * @param maxMessages at least 1
     */
    public Limits {
        if (stepsPerActivation < 1
                || maxTextLength < 1
                || maxVariableBytes < 1
                || maxCallDepth < 1
                || maxInputLength < 1
                || inputAttempts < 1
                || maxValueDepth < 1
                || maxSteps < 1
                || maxEvents < 1
                || maxHistoryBytes < 1
                || maxMessages < 1) {
            throw new IllegalArgumentException("every limit must be at least 1: stepsPerActivation="
                    + stepsPerActivation + ", maxTextLength=" + maxTextLength + ", maxVariableBytes="
                    + maxVariableBytes + ", maxCallDepth=" + maxCallDepth + ", maxInputLength=" + maxInputLength
                    + ", inputAttempts=" + inputAttempts + ", maxValueDepth=" + maxValueDepth + ", maxSteps="
                    + maxSteps + ", maxEvents=" + maxEvents + ", maxHistoryBytes=" + maxHistoryBytes
                    + ", maxMessages=" + maxMessages);
        }
    }

    /**
     * The limits with the default quotas.
     *
     * @param stepsPerActivation at least 1
     * @param maxTextLength at least 1
     * @param maxVariableBytes at least 1
     * @param maxCallDepth at least 1
     * @param maxInputLength at least 1
     * @param inputAttempts at least 1
     * @param maxValueDepth 1 to 900
     */
    public Limits(
            int stepsPerActivation,
            int maxTextLength,
            long maxVariableBytes,
            int maxCallDepth,
            int maxInputLength,
            int inputAttempts,
            int maxValueDepth) {
        this(
                stepsPerActivation,
                maxTextLength,
                maxVariableBytes,
                maxCallDepth,
                maxInputLength,
                inputAttempts,
                maxValueDepth,
                DEFAULT_MAX_STEPS,
                DEFAULT_MAX_EVENTS,
                DEFAULT_MAX_HISTORY_BYTES,
                DEFAULT_MAX_MESSAGES);
    }

    /**
     * These limits with another step budget per activation.
     *
     * @param steps at least 1
     * @return the new limits
     */
    public Limits withStepsPerActivation(int steps) {
        return new Limits(
                steps,
                maxTextLength,
                maxVariableBytes,
                maxCallDepth,
                maxInputLength,
                inputAttempts,
                maxValueDepth,
                maxSteps,
                maxEvents,
                maxHistoryBytes,
                maxMessages);
    }

    /**
     * These limits with another text length.
     *
     * @param characters at least 1
     * @return the new limits
     */
    public Limits withMaxTextLength(int characters) {
        return new Limits(
                stepsPerActivation,
                characters,
                maxVariableBytes,
                maxCallDepth,
                maxInputLength,
                inputAttempts,
                maxValueDepth,
                maxSteps,
                maxEvents,
                maxHistoryBytes,
                maxMessages);
    }

    /**
     * These limits with another size for the variables.
     *
     * @param bytes at least 1
     * @return the new limits
     */
    public Limits withMaxVariableBytes(long bytes) {
        return new Limits(
                stepsPerActivation,
                maxTextLength,
                bytes,
                maxCallDepth,
                maxInputLength,
                inputAttempts,
                maxValueDepth,
                maxSteps,
                maxEvents,
                maxHistoryBytes,
                maxMessages);
    }

    /**
     * These limits with another call depth.
     *
     * @param depth at least 1
     * @return the new limits
     */
    public Limits withMaxCallDepth(int depth) {
        return new Limits(
                stepsPerActivation,
                maxTextLength,
                maxVariableBytes,
                depth,
                maxInputLength,
                inputAttempts,
                maxValueDepth,
                maxSteps,
                maxEvents,
                maxHistoryBytes,
                maxMessages);
    }

    /**
     * These limits with another input length.
     *
     * @param characters at least 1
     * @return the new limits
     */
    public Limits withMaxInputLength(int characters) {
        return new Limits(
                stepsPerActivation,
                maxTextLength,
                maxVariableBytes,
                maxCallDepth,
                characters,
                inputAttempts,
                maxValueDepth,
                maxSteps,
                maxEvents,
                maxHistoryBytes,
                maxMessages);
    }

    /**
     * These limits with another nesting depth for values.
     *
     * @param depth 1 to 900
     * @return the new limits
     */
    public Limits withMaxValueDepth(int depth) {
        return new Limits(
                stepsPerActivation,
                maxTextLength,
                maxVariableBytes,
                maxCallDepth,
                maxInputLength,
                inputAttempts,
                depth,
                maxSteps,
                maxEvents,
                maxHistoryBytes,
                maxMessages);
    }

    /**
     * These limits with another number of input attempts.
     *
     * @param attempts at least 1
     * @return the new limits
     */
    public Limits withInputAttempts(int attempts) {
        return new Limits(
                stepsPerActivation,
                maxTextLength,
                maxVariableBytes,
                maxCallDepth,
                maxInputLength,
                attempts,
                maxValueDepth,
                maxSteps,
                maxEvents,
                maxHistoryBytes,
                maxMessages);
    }

    /**
     * These limits with other quotas per execution.
     *
     * @param steps the most steps in an execution's life, at least 1
     * @param events the most events in its history, at least 1
     * @param historyBytes the most bytes of history, at least 1
     * @param messages the most messages it sends, at least 1
     * @return the new limits
     */
    public Limits withQuotas(long steps, long events, long historyBytes, long messages) {
        return new Limits(
                stepsPerActivation,
                maxTextLength,
                maxVariableBytes,
                maxCallDepth,
                maxInputLength,
                inputAttempts,
                maxValueDepth,
                steps,
                events,
                historyBytes,
                messages);
    }
}
