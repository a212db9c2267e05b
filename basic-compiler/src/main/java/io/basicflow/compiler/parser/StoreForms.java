package io.basicflow.compiler.parser;

import io.basicflow.compiler.catalogue.CataloguedKeyword;
import io.basicflow.compiler.lexer.Token;
import io.basicflow.compiler.lexer.TokenKind;
import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Expression;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.program.Target;
import io.basicflow.spi.value.TextValue;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * General Bots' store forms of {@code SET} and {@code GET} (docs/data-forms.md, "SET and GET of a
 * store"), written as calls of the data plugin's store keywords when a plugin provides them:
 *
 * <ul>
 *   <li>{@code SET "session.key" = value} (and {@code SET "session.key", value}) → {@code SET SESSION
 *       "key", value}; {@code x = GET "session.key"} → {@code x = GET SESSION "key"}: the conversation's
 *       session store;
 *   <li>{@code SET name, value} — exactly two arguments, the first a bare name — → {@code SET USER
 *       MEMORY "name", value}: the user's store, under the name as written (not the variable's value);
 *       {@code x = GET name} reads it back ({@code GET USER MEMORY "name"}) in a script that writes
 *       {@code name} so. Anywhere else {@code GET name} is the HTTP/storage {@code GET} of the variable's
 *       value, as before.
 * </ul>
 *
 * {@code SET "table", filter, values} (three arguments) stays the data plugin's table form. {@code SET
 * "text", value} with any other text is the session store too (multi-agent-orchestration.md's {@code SET
 * "current_topic", "billing"}), and {@code x = GET "text"} reads it back in a script that stores that text
 * so; a blank text is a compile error saying which forms exist.
 */
final class StoreForms {

    private static final String SESSION = "session.";

    /** A line (or a one-line IF's THEN/ELSE) {@code SET name, …}: the names a script stores so. */
    private static final Pattern STORE_LINE = Pattern.compile(
            "(?im)(?:^|:|\\bTHEN\\b|\\bELSE\\b)[ \\t]*SET[ \\t]+([A-Za-z_][A-Za-z0-9_]*)[ \\t]*,([^\\r\\n]*)");

    /** A line (or a one-line IF's THEN/ELSE) {@code SET "text", …}: the texts a script stores so. */
    private static final Pattern STORE_TEXT_LINE = Pattern.compile(
            "(?im)(?:^|:|\\bTHEN\\b|\\bELSE\\b)[ \\t]*SET[ \\t]+\"([^\"\\r\\n]+)\"[ \\t]*,([^\\r\\n]*)");

    private final ParseContext ctx;
    private final ExpressionParser expressions;
    private Set<String> storedNames;
    private Set<String> storedTexts;

    StoreForms(ParseContext ctx, ExpressionParser expressions) {
        this.ctx = ctx;
        this.expressions = expressions;
    }

    /** Whether the statement at the cursor ({@code SET …}) is a store form this class parses. */
    boolean startsSet() {
        Token after = ctx.peek(1);
        if (!ctx.peek().is("SET")) {
            return false;
        }
        CataloguedKeyword longer = KeywordCalls.match(ctx, 0);
        if (longer != null && longer.words().size() > 1) {
            return false; // SET HEADER "a", "b", SET BOT MEMORY "k", v: keywords of their own
        }
        if (after.kind() == TokenKind.STRING && ctx.peek(2).kind() == TokenKind.EQUAL) {
            return session(after) && keyword("SET SESSION") != null;
        }
        if (ctx.peek(2).kind() != TokenKind.COMMA || topLevelCommas(1) != 1) {
            return false;
        }
        if (after.kind() == TokenKind.IDENTIFIER) {
            return keyword("SET USER MEMORY") != null;
        }
        return after.kind() == TokenKind.STRING && keyword("SET SESSION") != null;
    }

    /** {@code SET …} in one of its store forms; {@link #startsSet()} said so. */
    void set(List<Step> out, boolean oneLine) {
        Token set = ctx.next();
        Token first = ctx.peek();
        if (first.kind() == TokenKind.IDENTIFIER && ctx.peek(1).kind() == TokenKind.COMMA) {
            ctx.next();
            ctx.next(); // ,
            Expression value = expressions.expression();
            ctx.endStatement(oneLine, "SET " + first.text() + ", value");
            emit(out, "SET USER MEMORY", key(first.text(), first), value, null, set.start());
            return;
        }
        ctx.next(); // the string
        String name = storeKey(unquoted(first));
        if (name == null) {
            throw ctx.error(
                    first,
                    "SET with two arguments stores a value: SET name, value (the user's store, under a bare name) or"
                            + " SET \"key\", value (the conversation's session store); SET \"table\", filter,"
                            + " values changes rows of a table");
        }
        if (ctx.peek().kind() == TokenKind.EQUAL || ctx.peek().kind() == TokenKind.COMMA) {
            ctx.next();
        }
        Expression value = expressions.expression();
        ctx.endStatement(oneLine, "SET \"" + SESSION + name + "\" = value");
        emit(out, "SET SESSION", key(name, first), value, null, set.start());
    }

    /** Whether {@code x = GET …} at the cursor reads a store: {@code GET "session.k"}, or {@code GET name} stored by the script. */
    boolean startsGet() {
        Token get = ctx.peek();
        Token key = ctx.peek(1);
        Token end = ctx.peek(2);
        if (!get.is("GET") || !(end.endsLine() || end.is("ELSE") || end.kind() == TokenKind.END_OF_INPUT)) {
            return false;
        }
        if (key.kind() == TokenKind.STRING) {
            return (session(key) || storedTexts().contains(unquoted(key).toLowerCase(Locale.ROOT)))
                    && keyword("GET SESSION") != null;
        }
        return key.kind() == TokenKind.IDENTIFIER
                && storedNames().contains(key.text().toLowerCase(Locale.ROOT))
                && keyword("GET USER MEMORY") != null;
    }

    /** {@code x = GET …} of a store; {@link #startsGet()} said so. */
    void get(List<Step> out, Target target, int start, boolean oneLine) {
        ctx.next(); // GET
        Token first = ctx.peek();
        if (first.kind() == TokenKind.IDENTIFIER) {
            ctx.next();
            ctx.endStatement(oneLine, "GET " + first.text());
            emit(out, "GET USER MEMORY", key(first.text(), first), null, target, start);
            return;
        }
        ctx.next();
        ctx.endStatement(oneLine, "GET " + first.text());
        emit(out, "GET SESSION", key(storeKey(unquoted(first)), first), null, target, start);
    }

    private void emit(List<Step> out, String name, Expression key, Expression value, Target target, int start) {
        CataloguedKeyword keyword = keyword(name);
        List<Step.Argument> arguments = value == null
                ? List.of(new Step.Argument("key", key))
                : List.of(new Step.Argument("key", key), new Step.Argument("value", value));
        KeywordLowerings.emit(ctx, out, keyword, arguments, Optional.ofNullable(target), start, ctx.lastEnd());
    }

    private CataloguedKeyword keyword(String name) {
        return ctx.catalogue.keyword(name).orElse(null);
    }

    private Expression key(String name, Token at) {
        return ctx.expression(new Expr.Literal(new TextValue(name)), at.start(), at.end());
    }

    private static boolean session(Token string) {
        String text = string.text();
        return text.length() > SESSION.length() + 2
                && text.substring(1).toLowerCase(Locale.ROOT).startsWith(SESSION);
    }

    /**
     * The session key a two-argument {@code SET "text", value} stores under: {@code key} of {@code
     * "session.key"}, else the text itself (multi-agent-orchestration.md's {@code SET "current_topic",
     * "billing"}, "store in session"); null when blank.
     */
    private static String storeKey(String text) {
        String key = sessionKey(text);
        if (key != null) {
            return key;
        }
        return text.isBlank() ? null : text;
    }

    /** The key of a {@code session.key} text, or null. */
    private static String sessionKey(String text) {
        if (text.toLowerCase(Locale.ROOT).startsWith(SESSION) && text.length() > SESSION.length()) {
            return text.substring(SESSION.length());
        }
        return null;
    }

    /** A string token's text without its quotes (a doubled quote stands for one). */
    private static String unquoted(Token string) {
        String text = string.text();
        char quote = text.charAt(0);
        String inner = text.length() >= 2 ? text.substring(1, text.length() - 1) : "";
        return inner.replace(String.valueOf(quote) + quote, String.valueOf(quote));
    }

    /** The commas of the statement from a lookahead to its end, outside brackets and parentheses. */
    private int topLevelCommas(int from) {
        int depth = 0;
        int commas = 0;
        for (int i = from; ; i++) {
            Token token = ctx.peek(i);
            if (token.kind() == TokenKind.END_OF_INPUT || (depth == 0 && (token.endsLine() || token.is("ELSE")))) {
                return commas;
            }
            switch (token.kind()) {
                case LEFT_PAREN, LEFT_BRACKET, LEFT_BRACE, HASH_BRACE -> depth++;
                case RIGHT_PAREN, RIGHT_BRACKET, RIGHT_BRACE -> depth--;
                case COMMA -> commas += depth == 0 ? 1 : 0;
                default -> {}
            }
        }
    }

    /** The texts the script stores with {@code SET "text", value} (two arguments), in lower case. */
    private Set<String> storedTexts() {
        if (storedTexts == null) {
            storedTexts = new HashSet<>();
            Matcher line = STORE_TEXT_LINE.matcher(ctx.text);
            while (line.find()) {
                if (!hasTopLevelComma(line.group(2))) {
                    storedTexts.add(line.group(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return storedTexts;
    }

    /** The names the script stores with {@code SET name, value} (two arguments), in lower case. */
    private Set<String> storedNames() {
        if (storedNames == null) {
            storedNames = new HashSet<>();
            Matcher line = STORE_LINE.matcher(ctx.text);
            while (line.find()) {
                if (!hasTopLevelComma(line.group(2))) {
                    storedNames.add(line.group(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return storedNames;
    }

    /** Whether a line's rest has a comma outside quotes and brackets (a third argument). */
    private static boolean hasTopLevelComma(String rest) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '"') {
                quote = c;
            } else if (c == '\'') {
                return false; // a comment
            } else if ("([{".indexOf(c) >= 0) {
                depth++;
            } else if (")]}".indexOf(c) >= 0) {
                depth--;
            } else if (c == ',' && depth == 0) {
                return true;
            }
        }
        return false;
    }
}
