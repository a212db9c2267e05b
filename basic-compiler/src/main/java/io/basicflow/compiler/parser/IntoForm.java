package io.basicflow.compiler.parser;

import io.basicflow.compiler.catalogue.CataloguedKeyword;
import io.basicflow.compiler.lexer.Token;
import io.basicflow.compiler.lexer.TokenKind;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.program.Target;
import java.util.Locale;

/**
 * General Bots' {@code KEYWORD args INTO variable} (keyword-get.md: {@code GET "https://…" INTO
 * RESPONSE}): the statement of a keyword that gives a value, with its variable written last instead of
 * first. It means exactly {@code variable = KEYWORD args}. Used only when the keyword yields a value, the
 * statement ends with {@code INTO name} outside brackets, and the keyword declares no {@code INTO}
 * clause of its own.
 */
final class IntoForm {

    private IntoForm() {}

    /**
     * How many tokens after the cursor the {@code INTO} of the statement's {@code INTO name} ending
     * stands, or -1 when the statement does not end so.
     */
    static int intoAhead(ParseContext ctx, CataloguedKeyword keyword, int from, boolean oneLine) {
        if (keyword.definition().form() != KeywordForm.FUNCTION
                || keyword.definition().parameters().stream()
                        .anyMatch(p -> p.introducer().filter("INTO"::equals).isPresent())) {
            return -1;
        }
        int depth = 0;
        for (int ahead = from; ; ahead++) {
            Token token = ctx.peek(ahead);
            if (token.kind() == TokenKind.END_OF_INPUT
                    || (depth == 0 && (token.endsLine() || (oneLine && token.is("ELSE"))))) {
                return -1;
            }
            switch (token.kind()) {
                case LEFT_PAREN, LEFT_BRACKET, LEFT_BRACE, HASH_BRACE -> depth++;
                case RIGHT_PAREN, RIGHT_BRACKET, RIGHT_BRACE -> depth--;
                default -> {}
            }
            if (depth == 0
                    && ahead > from
                    && token.is("INTO")
                    && ctx.peek(ahead + 1).kind() == TokenKind.IDENTIFIER
                    && endsStatement(ctx.peek(ahead + 2), oneLine)) {
                return ahead;
            }
        }
    }

    /** Reads {@code INTO name} at the cursor and returns the variable it names. */
    static Target read(ParseContext ctx) {
        ctx.next(); // INTO
        Token name = ctx.next();
        return Target.variable(name.text().toLowerCase(Locale.ROOT));
    }

    private static boolean endsStatement(Token token, boolean oneLine) {
        return token.kind() == TokenKind.END_OF_INPUT || token.endsLine() || (oneLine && token.is("ELSE"));
    }
}
