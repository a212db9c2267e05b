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
 */
public record Limits(
        int stepsPerActivation,
        int maxTextLength,
        long maxVariableBytes,
        int maxCallDepth,
        int maxInputLength,
        int inputAttempts) {

    /** 10,000 steps, 256 Ki characters per text, 1 MiB of variables, 200 calls, 64 KiB input, 3 attempts. */
    public static final Limits DEFAULT = new Limits(10_000, 256 * 1024, 1024 * 1024, 200, 64 * 1024, 3);

    /**
     * Validates the limits.
     *
     * @param stepsPerActivation at least 1
     * @param maxTextLength at least 1
     * @param maxVariableBytes at least 1
     * @param maxCallDepth at least 1
     * @param maxInputLength at least 1
     * @param inputAttempts at least 1
     */
    public Limits {
        if (stepsPerActivation < 1
                || maxTextLength < 1
                || maxVariableBytes < 1
                || maxCallDepth < 1
                || maxInputLength < 1
                || inputAttempts < 1) {
            throw new IllegalArgumentException("every limit must be at least 1: "
                    + describe(
                            stepsPerActivation,
                            maxTextLength,
                            maxVariableBytes,
                            maxCallDepth,
                            maxInputLength,
                            inputAttempts));
        }
    }

    private static String describe(int steps, int text, long variables, int calls, int input, int attempts) {
        return "stepsPerActivation=" + steps + ", maxTextLength=" + text + ", maxVariableBytes=" + variables
                + ", maxCallDepth=" + calls + ", maxInputLength=" + input + ", inputAttempts=" + attempts;
    }

    /**
     * These limits with another step budget per activation.
     *
     * @param steps at least 1
     * @return the new limits
     */
    public Limits withStepsPerActivation(int steps) {
        return new Limits(steps, maxTextLength, maxVariableBytes, maxCallDepth, maxInputLength, inputAttempts);
    }

    /**
     * These limits with another text length.
     *
     * @param characters at least 1
     * @return the new limits
     */
    public Limits withMaxTextLength(int characters) {
        return new Limits(
                stepsPerActivation, characters, maxVariableBytes, maxCallDepth, maxInputLength, inputAttempts);
    }

    /**
     * These limits with another size for the variables.
     *
     * @param bytes at least 1
     * @return the new limits
     */
    public Limits withMaxVariableBytes(long bytes) {
        return new Limits(stepsPerActivation, maxTextLength, bytes, maxCallDepth, maxInputLength, inputAttempts);
    }

    /**
     * These limits with another call depth.
     *
     * @param depth at least 1
     * @return the new limits
     */
    public Limits withMaxCallDepth(int depth) {
        return new Limits(stepsPerActivation, maxTextLength, maxVariableBytes, depth, maxInputLength, inputAttempts);
    }

    /**
     * These limits with another input length.
     *
     * @param characters at least 1
     * @return the new limits
     */
    public Limits withMaxInputLength(int characters) {
        return new Limits(stepsPerActivation, maxTextLength, maxVariableBytes, maxCallDepth, characters, inputAttempts);
    }

    /**
     * These limits with another number of input attempts.
     *
     * @param attempts at least 1
     * @return the new limits
     */
    public Limits withInputAttempts(int attempts) {
        return new Limits(stepsPerActivation, maxTextLength, maxVariableBytes, maxCallDepth, maxInputLength, attempts);
    }
}
