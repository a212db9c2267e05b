package io.basicflow.compiler.parser;

import io.basicflow.compiler.lexer.Token;
import io.basicflow.compiler.lexer.TokenKind;
import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Expression;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.program.Target;
import io.basicflow.spi.value.TextValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The keyword forms of the list functions in keywords-data.md: {@code x = FILTER list WHERE condition}
 * and {@code x = MAP list WITH expression}. They become {@code FILTER(list, "condition", names)} and
 * {@code MAP(list, "expression", names)}: the condition (or expression) is passed as written and
 * evaluated per element as the functions' texts are ({@code item} is the element, a map element's
 * fields are names of their own), and {@code names} is the map of the script's variables the text
 * mentions, evaluated once before the call, so that {@code FILTER files WHERE modified > yesterday}
 * compares with the script's {@code yesterday}. A name is the element's field when the element has
 * that field, otherwise the script's variable.
 */
final class ListForms {

    private ListForms() {}

    /** Whether the statement at the cursor ({@code FILTER …} or {@code MAP …}) has this shape. */
    static boolean ahead(ParseContext ctx, String upper) {
        String word = switch (upper) {
            case "FILTER" -> "WHERE";
            case "MAP" -> "WITH";
            default -> null;
        };
        if (word == null || ctx.peek(1).kind() == TokenKind.LEFT_PAREN) {
            return false;
        }
        int depth = 0;
        for (int k = 1; k < 512; k++) {
            Token token = ctx.peek(k);
            if (token.kind() == TokenKind.END_OF_INPUT || (depth == 0 && token.endsLine())) {
                return false;
            }
            switch (token.kind()) {
                case LEFT_PAREN, LEFT_BRACKET, LEFT_BRACE, HASH_BRACE -> depth++;
                case RIGHT_PAREN, RIGHT_BRACKET, RIGHT_BRACE -> depth--;
                default -> {}
            }
            if (depth == 0 && k > 1 && token.is(word)) {
                return !ctx.peek(k + 1).endsLine() && ctx.peek(k + 1).kind() != TokenKind.END_OF_INPUT;
            }
        }
        return false;
    }

    /** Parses {@code FILTER list WHERE condition} or {@code MAP list WITH expression} into the assignment. */
    static Step parse(ParseContext ctx, ExpressionParser expressions, Target target, int start) {
        Token name = ctx.next();
        String function = name.upper();
        String word = function.equals("FILTER") ? "WHERE" : "WITH";
        Expression list = expressions.expressionStoppingAt(Set.of(word));
        if (!ctx.peek().is(word)) {
            throw ctx.error(ctx.peek(), "expected " + word + " after the list of " + function);
        }
        ctx.next();
        Set<String> names = new LinkedHashSet<>();
        Token previous = null;
        for (int k = 0; !ctx.peek(k).endsLine() && ctx.peek(k).kind() != TokenKind.END_OF_INPUT; k++) {
            Token token = ctx.peek(k);
            if (token.kind() == TokenKind.IDENTIFIER
                    && ctx.peek(k + 1).kind() != TokenKind.LEFT_PAREN
                    && (previous == null
                            || (previous.kind() != TokenKind.DOT && previous.kind() != TokenKind.QUESTION_DOT))
                    && !Words.OPERATORS.contains(token.upper())
                    && !Words.LITERALS.contains(token.upper())
                    && !token.is("ITEM")) {
                names.add(token.text().toLowerCase(Locale.ROOT));
            }
            previous = token;
        }
        boolean saved = expressions.inIsOperator;
        expressions.inIsOperator = true; // date IS NOT NULL
        Expression text;
        try {
            text = expressions.expression();
        } finally {
            expressions.inIsOperator = saved;
        }
        List<Expr.MapEntry> bindings = new ArrayList<>();
        for (String variable : names) {
            bindings.add(new Expr.MapEntry(variable, new Expr.Variable(variable)));
        }
        Expr call = new Expr.Call(
                function,
                List.of(list.tree(), new Expr.Literal(new TextValue(text.text())), new Expr.MapLiteral(bindings)));
        Expression value = ctx.expression(call, name.start(), ctx.lastEnd());
        return new Step.Assign(ctx.span(start, ctx.lastEnd()), target, value);
    }
}
