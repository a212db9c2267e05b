package io.basicflow.compiler.webhook;

import static java.util.Objects.requireNonNull;

import io.basicflow.compiler.lexer.Lexer;
import io.basicflow.compiler.lexer.SourceText;
import io.basicflow.compiler.lexer.Token;
import io.basicflow.compiler.lexer.TokenKind;
import io.basicflow.compiler.schedule.ScheduleDeclaration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One {@code WEBHOOK "name"} line of a script (General Bots' keyword-webhook.md): a declaration that
 * the script is an HTTP endpoint of its bot, like a pragma, which the compiler accepts and which runs
 * no step. The server reads the declarations with {@link #declaredIn} and starts the script for each
 * request to the endpoint, with the request's data as variables (see docs/integrations.md).
 *
 * @param name the endpoint's name
 * @param line its 1-based line
 * @param column the 1-based column of its string
 */
public record WebhookDeclaration(String name, int line, int column) {

    /** What an endpoint's name may be: letters, digits, hyphens and underscores, 1 to 100 of them. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    /**
     * Validates the parts.
     *
     * @param name not null
     * @param line the line
     * @param column the column
     */
    public WebhookDeclaration {
        requireNonNull(name, "name is null");
    }

    /**
     * Whether the tokens at a statement's start are a declaration: {@code WEBHOOK}, one string, and the
     * end of the line. Other forms ({@code WEBHOOK POST url WITH …}, which no reference page defines)
     * are not declarations: keywords-http's {@code WEBHOOK POST} keyword, or an unknown keyword
     * without it.
     *
     * @param webhook the statement's first token
     * @param string the second
     * @param end the third
     * @return whether they declare a webhook
     */
    public static boolean isDeclaration(Token webhook, Token string, Token end) {
        return webhook.is("WEBHOOK") && string.kind() == TokenKind.STRING && end.endsLine();
    }

    /**
     * The webhooks a script declares, in line order. Lines whose name is wrong are left out: the
     * compiler reports them, so a script with one does not compile.
     *
     * @param scriptName the script's name
     * @param source its text
     * @return its declarations
     */
    public static List<WebhookDeclaration> declaredIn(String scriptName, String source) {
        if (!containsWord(source)) {
            return List.of();
        }
        Lexer lexer = new Lexer(new SourceText(scriptName, source));
        List<WebhookDeclaration> found = new ArrayList<>();
        Token[] window = {lexer.next(), lexer.next(), lexer.next()};
        boolean statementStart = true;
        while (window[0].kind() != TokenKind.END_OF_INPUT) {
            if (statementStart && isDeclaration(window[0], window[1], window[2])) {
                String name = ScheduleDeclaration.textOf(window[1]);
                if (NAME.matcher(name).matches()) {
                    found.add(new WebhookDeclaration(name, window[1].line(), window[1].column()));
                }
            }
            statementStart = window[0].kind() == TokenKind.NEWLINE;
            window[0] = window[1];
            window[1] = window[2];
            window[2] = lexer.next();
        }
        return List.copyOf(found);
    }

    /** A cheap test before lexing: most scripts never mention the word. */
    private static boolean containsWord(String source) {
        return source.toUpperCase(java.util.Locale.ROOT).contains("WEBHOOK");
    }
}
