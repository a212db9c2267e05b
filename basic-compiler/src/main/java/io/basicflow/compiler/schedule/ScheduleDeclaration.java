package io.basicflow.compiler.schedule;

import static java.util.Objects.requireNonNull;

import io.basicflow.compiler.lexer.Lexer;
import io.basicflow.compiler.lexer.SourceText;
import io.basicflow.compiler.lexer.Token;
import io.basicflow.compiler.lexer.TokenKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One {@code SET SCHEDULE "expression"} line of a script: a declaration of the script, like a pragma,
 * which the compiler accepts and which runs no step. Whoever deploys the script reads the
 * declarations with {@link #declaredIn} and starts the script on them (see docs/schedules.md).
 *
 * @param expression what the line says
 * @param line its 1-based line
 * @param column the 1-based column of its string
 */
public record ScheduleDeclaration(ScheduleExpression expression, int line, int column) {

    /**
     * Validates the parts.
     *
     * @param expression not null
     * @param line the line
     * @param column the column
     */
    public ScheduleDeclaration {
        requireNonNull(expression, "expression is null");
    }

    /**
     * Whether the tokens at a statement's start are a declaration: {@code SET SCHEDULE}, one string,
     * and the end of the line. Other forms ({@code SET SCHEDULE cron, "other.bas"}, a variable) are not
     * declarations; the compiler reports them as a keyword that no plugin provides.
     *
     * @param set the statement's first token
     * @param schedule the second
     * @param string the third
     * @param end the fourth
     * @return whether they declare a schedule
     */
    public static boolean isDeclaration(Token set, Token schedule, Token string, Token end) {
        return set.is("SET") && schedule.is("SCHEDULE") && string.kind() == TokenKind.STRING && end.endsLine();
    }

    /**
     * The text inside a string token's quotes.
     *
     * @param string a string token
     * @return its text, as written
     */
    public static String textOf(Token string) {
        String text = string.text();
        int end = string.isClosedString() ? text.length() - 1 : text.length();
        return text.substring(Math.min(1, end), end);
    }

    /**
     * The schedules a script declares, in line order, each expression once. Lines whose expression
     * is wrong are left out: the compiler reports them, so a script with one does not compile.
     *
     * @param name the script's name
     * @param source its text
     * @return its declarations
     */
    public static List<ScheduleDeclaration> declaredIn(String name, String source) {
        Lexer lexer = new Lexer(new SourceText(name, source));
        List<ScheduleDeclaration> found = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        Token[] window = new Token[4];
        for (int i = 0; i < 4; i++) {
            window[i] = lexer.next();
        }
        boolean statementStart = true;
        while (window[0].kind() != TokenKind.END_OF_INPUT) {
            if (statementStart && isDeclaration(window[0], window[1], window[2], window[3])) {
                try {
                    ScheduleExpression expression = ScheduleExpression.parse(textOf(window[2]));
                    if (seen.add(expression.text())) {
                        found.add(new ScheduleDeclaration(expression, window[2].line(), window[2].column()));
                    }
                } catch (IllegalArgumentException e) {
                    // a compile error of the script; it declares nothing
                }
            }
            statementStart = window[0].kind() == TokenKind.NEWLINE;
            System.arraycopy(window, 1, window, 0, 3);
            window[3] = lexer.next();
        }
        return List.copyOf(found);
    }
}
