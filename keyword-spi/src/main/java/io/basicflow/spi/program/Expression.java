package io.basicflow.spi.program;

import static java.util.Objects.requireNonNull;

/**
 * An expression as written and as parsed: {@code SET x = score + 1} keeps {@code "score + 1"} and
 * the tree {@code Binary(ADD, Variable(score), Literal(1))}.
 *
 * @param text the raw source text, trimmed
 * @param tree the parsed expression that the evaluator runs
 * @param span where the text stands in the script
 */
public record Expression(String text, Expr tree, SourceSpan span) {

    /**
     * Validates the parts.
     *
     * @param text raw text, not null
     * @param tree parsed tree, not null
     * @param span position, not null
     */
    public Expression {
        requireNonNull(text, "text is null");
        requireNonNull(tree, "tree is null");
        requireNonNull(span, "span is null");
    }
}
