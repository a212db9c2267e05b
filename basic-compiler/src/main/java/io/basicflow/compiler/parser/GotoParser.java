package io.basicflow.compiler.parser;

import io.basicflow.compiler.diagnostics.DiagnosticKind;
import io.basicflow.compiler.lexer.Token;
import io.basicflow.compiler.lexer.TokenKind;
import io.basicflow.spi.program.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses {@code label:} lines and {@code GOTO label} into the markers {@link GotoLowering} rewrites,
 * and reports their misuse: labels stand alone on a line at the top level of the script's main body
 * (not inside a block or a {@code SUB}); {@code GOTO} names a label of that body (no computed
 * {@code GOTO}, none from inside a {@code SUB} or {@code FUNCTION}); a label is defined once. Label
 * names are case-insensitive, like every name of the dialect.
 */
final class GotoParser {

    /** Where a name was written; tokens are not kept, the lexer may reuse them. */
    private record Written(String text, int start, int end, int line) {
        static Written of(Token token) {
            return new Written(token.text(), token.start(), token.end(), token.line());
        }
    }

    private final ParseContext ctx;
    private final Map<String, Written> labels = new LinkedHashMap<>();
    private final List<Written> targets = new ArrayList<>();

    GotoParser(ParseContext ctx) {
        this.ctx = ctx;
    }

    /** Whether the line starting at {@code token} is a label: a name, a colon, and nothing else. */
    boolean isLabel(Token token) {
        return token.kind() == TokenKind.IDENTIFIER
                && ctx.peek(1).kind() == TokenKind.COLON
                && ctx.peek(1).start() == token.end()
                && ctx.peek(2).endsLine();
    }

    /** Parses a label line; {@code topLevel} tells whether it stands in the main body itself. */
    void label(List<Step> out, boolean topLevel, Token name) {
        ctx.next();
        Token colon = ctx.next();
        if (ctx.peek().kind() == TokenKind.NEWLINE) {
            ctx.next();
        }
        String key = name.text().toUpperCase(Locale.ROOT);
        if (!topLevel) {
            ctx.report(
                    DiagnosticKind.MISPLACED_STATEMENT,
                    name.start(),
                    colon.end(),
                    "the label '" + name.text() + ":' stands inside a block: labels must stand at the top level of"
                            + " the script, outside IF, loops, SELECT and SUB/FUNCTION");
            return;
        }
        Written earlier = labels.putIfAbsent(key, Written.of(name));
        if (earlier != null) {
            ctx.report(
                    DiagnosticKind.DUPLICATE_DEFINITION,
                    name.start(),
                    colon.end(),
                    "the label '" + name.text() + ":' is already defined at line " + earlier.line());
            return;
        }
        out.add(GotoLowering.marker(GotoLowering.LABEL_MARKER, key, ctx.span(name.start(), colon.end())));
    }

    /** Parses {@code GOTO label}; the {@code GOTO} token is next. */
    void gotoStatement(List<Step> out, boolean oneLine, boolean inProcedure) {
        Token keyword = ctx.next();
        Token name = ctx.peek();
        if (name.kind() != TokenKind.IDENTIFIER) {
            throw ctx.error(
                    name, "expected a label name after GOTO (a computed GOTO or a line number is not supported)");
        }
        ctx.next();
        ctx.endStatement(oneLine, "GOTO " + name.text());
        if (inProcedure) {
            ctx.report(
                    DiagnosticKind.MISPLACED_STATEMENT,
                    keyword.start(),
                    name.end(),
                    "GOTO inside a SUB or FUNCTION: GOTO jumps only between the labels of the script's main body;"
                            + " use a loop or EXIT SUB here");
            return;
        }
        targets.add(Written.of(name));
        out.add(GotoLowering.marker(GotoLowering.GOTO_MARKER, name.text(), ctx.span(keyword.start(), name.end())));
    }

    /** Reports each {@code GOTO} whose label the main body does not define; call once all is parsed. */
    void checkTargets() {
        for (Written target : targets) {
            if (!labels.containsKey(target.text().toUpperCase(Locale.ROOT))) {
                ctx.report(
                        DiagnosticKind.SYNTAX,
                        target.start(),
                        target.end(),
                        "GOTO " + target.text() + ": no label '" + target.text() + ":' at the top level of the script");
            }
        }
    }
}
