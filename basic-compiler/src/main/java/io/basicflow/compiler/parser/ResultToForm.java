package io.basicflow.compiler.parser;

import io.basicflow.compiler.catalogue.CataloguedKeyword;
import io.basicflow.compiler.diagnostics.DiagnosticKind;
import io.basicflow.compiler.lexer.Token;
import io.basicflow.compiler.lexer.TokenKind;
import io.basicflow.spi.program.Target;
import java.util.Locale;

/**
 * General Bots' {@code KEYWORD args TO variable} (keyword-card.md: {@code CARD "sunrise", "motivation"
 * TO post}): the statement of a keyword whose plugin declares it ({@link
 * io.basicflow.spi.KeywordSyntax#resultTo()}), the variable that receives the keyword's value written
 * last. It means exactly {@code variable = KEYWORD args}: the same step, recorded the same way.
 *
 * <p>Only the declaration makes {@code TO} a result: where {@code TO} is an argument ({@code FILL
 * template, data TO "path"}, {@code DOWNLOAD url TO "path"}), the keyword declares a {@code TO} clause
 * instead, and the catalogue refuses a keyword that would declare both.
 */
final class ResultToForm {

    private static final String WORD = "TO";

    private ResultToForm() {}

    /**
     * Whether the keyword's statements may end with {@code TO variable}.
     *
     * @param keyword the keyword
     * @return its plugin's declaration
     */
    static boolean declared(CataloguedKeyword keyword) {
        return KeywordCalls.syntax(keyword).resultTo();
    }

    /**
     * Where the {@code TO} of a statement's {@code TO variable} ending stands, after the keyword's name
     * (the cursor). A {@code TO} outside brackets that is not followed by one variable name and the end
     * of the statement is an error naming its position; so is a {@code TO} after an assignment ({@code x
     * = CARD … TO post} would give the value to two variables).
     *
     * @param ctx the parse
     * @param keyword a keyword whose plugin declares the form
     * @param assigned whether the statement already assigns the value ({@code x = KEYWORD …})
     * @param oneLine whether the statement is the body of a one-line {@code IF}
     * @return how many tokens after the cursor the {@code TO} stands, or -1 when the statement writes none
     * @throws ParseError when the {@code TO} is misplaced (reported)
     */
    static int toAhead(ParseContext ctx, CataloguedKeyword keyword, boolean assigned, boolean oneLine) {
        int depth = 0;
        int found = -1;
        for (int ahead = 0; ; ahead++) {
            Token token = ctx.peek(ahead);
            if (token.kind() == TokenKind.END_OF_INPUT
                    || (depth == 0 && (token.endsLine() || (oneLine && token.is("ELSE"))))) {
                break;
            }
            switch (token.kind()) {
                case LEFT_PAREN, LEFT_BRACKET, LEFT_BRACE, HASH_BRACE -> depth++;
                case RIGHT_PAREN, RIGHT_BRACKET, RIGHT_BRACE -> depth--;
                default -> {}
            }
            if (depth == 0 && ahead > 0 && token.is(WORD)) {
                found = ahead;
            }
        }
        if (found < 0) {
            return -1;
        }
        Token to = ctx.peek(found);
        if (assigned) {
            throw ctx.error(
                    DiagnosticKind.KEYWORD_FORM,
                    to,
                    keyword.name() + "'s value is already assigned by '=': write either x = " + keyword.name()
                            + " … or " + keyword.name() + " … TO x, not both");
        }
        Token name = ctx.peek(found + 1);
        Token after = ctx.peek(found + 2);
        boolean ends = after.kind() == TokenKind.END_OF_INPUT || after.endsLine() || (oneLine && after.is("ELSE"));
        if (name.kind() != TokenKind.IDENTIFIER || !ends) {
            throw ctx.error(
                    name.kind() == TokenKind.IDENTIFIER ? after : name,
                    "expected the name of the variable that receives the value of " + keyword.name()
                            + " after TO, and the end of the statement (" + keyword.name() + " … TO result)");
        }
        return found;
    }

    /** Reads {@code TO name} at the cursor and returns the variable it names. */
    static Target read(ParseContext ctx) {
        ctx.next(); // TO
        Token name = ctx.next();
        return Target.variable(name.text().toLowerCase(Locale.ROOT));
    }
}
