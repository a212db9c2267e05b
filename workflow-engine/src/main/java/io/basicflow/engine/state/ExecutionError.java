package io.basicflow.engine.state;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.program.SourceSpan;
import java.util.Optional;

/**
 * Why an execution failed: what kind of failure, where, and the problem in words.
 *
 * @param kind the failure mode
 * @param script the script's name
 * @param span the position of the failing step or expression, when known
 * @param problem what went wrong, e.g. {@code division by zero in 'a / b'}
 */
public record ExecutionError(Kind kind, String script, Optional<SourceSpan> span, String problem) {

    /**
     * Validates the parts.
     *
     * @param kind not null
     * @param script not null
     * @param span not null
     * @param problem not null
     */
    public ExecutionError {
        requireNonNull(kind, "kind is null");
        requireNonNull(script, "script is null");
        requireNonNull(span, "span is null");
        requireNonNull(problem, "problem is null");
    }

    /**
     * The error as one line: {@code ticket.bas:12:5: division by zero in 'a / b'}.
     *
     * @return the formatted message
     */
    public String message() {
        return span.map(position -> script + ":" + position + ": " + problem).orElse(script + ": " + problem);
    }

    @Override
    public String toString() {
        return message();
    }

    /** Failure modes. */
    public enum Kind {
        /** An expression could not be evaluated (division by zero, a type error in an operator, …). */
        EVALUATION,
        /** A statement could not run with the values it got ({@code FOR} with {@code STEP 0}, …). */
        STATEMENT,
        /** A keyword's handler failed for good, or after its last retry. */
        KEYWORD,
        /** A limit was broken: a value or the variables too large, calls nested too deeply. */
        LIMIT,
        /** A child execution failed. */
        CHILD,
        /** The saved state does not fit the program, or the engine itself failed. */
        INTERNAL
    }
}
