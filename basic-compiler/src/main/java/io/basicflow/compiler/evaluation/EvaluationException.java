package io.basicflow.compiler.evaluation;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.program.SourceSpan;
import java.util.Optional;

/**
 * An expression could not be evaluated: division by zero, text where a number is needed, an
 * incomparable pair, a function that rejected its arguments. The message says what went wrong and
 * in which part of the expression; {@link #expressionText()} and {@link #span()} say which
 * expression of the script it was, so that the interpreter can name the script, line and column.
 */
public final class EvaluationException extends RuntimeException {

    private final String problem;
    private final String expressionText;
    private final SourceSpan span; // null when unknown

    /**
     * Creates the exception.
     *
     * @param problem what went wrong, naming the failing part, e.g. {@code division by zero in 'a / b'}
     * @param expressionText the whole expression as written (or rendered when no source is known)
     * @param span where the expression stands in the script, if known
     * @param cause the underlying exception, may be {@code null}
     */
    public EvaluationException(String problem, String expressionText, Optional<SourceSpan> span, Throwable cause) {
        super(message(problem, expressionText, span), cause);
        this.problem = requireNonNull(problem, "problem is null");
        this.expressionText = requireNonNull(expressionText, "expressionText is null");
        this.span = requireNonNull(span, "span is null").orElse(null);
    }

    /**
     * Creates the exception for a failure whose expression is not known yet (the evaluator adds it).
     *
     * @param problem what went wrong
     */
    public EvaluationException(String problem) {
        this(problem, "", Optional.empty(), null);
    }

    /**
     * What went wrong, without the position: {@code division by zero in 'a / b'}.
     *
     * @return the problem
     */
    public String problem() {
        return problem;
    }

    /**
     * The whole expression that failed, as written in the script; empty when unknown.
     *
     * @return the expression text
     */
    public String expressionText() {
        return expressionText;
    }

    /**
     * Where the expression stands in the script.
     *
     * @return the span, or empty when the expression was evaluated without source
     */
    public Optional<SourceSpan> span() {
        return Optional.ofNullable(span);
    }

    /**
     * The same problem attached to an expression and its position.
     *
     * @param text the whole expression text
     * @param where its span, if known
     * @return a new exception with this one's problem and cause
     */
    EvaluationException locate(String text, Optional<SourceSpan> where) {
        EvaluationException located = new EvaluationException(problem, text, where, getCause());
        located.setStackTrace(getStackTrace());
        return located;
    }

    private static String message(String problem, String expressionText, Optional<SourceSpan> span) {
        StringBuilder message = new StringBuilder();
        span.ifPresent(position -> message.append(position).append(": "));
        message.append(problem);
        if (!expressionText.isEmpty() && !problem.contains("'" + expressionText + "'")) {
            message.append(" (in '").append(expressionText).append("')");
        }
        return message.toString();
    }
}
