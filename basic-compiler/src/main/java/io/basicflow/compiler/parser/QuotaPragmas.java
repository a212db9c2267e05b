package io.basicflow.compiler.parser;

import io.basicflow.compiler.diagnostics.DiagnosticKind;
import io.basicflow.compiler.lexer.Lexer;
import io.basicflow.compiler.lexer.SourceText;
import io.basicflow.spi.program.ScriptQuotas;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads a script's {@code #quota} lines: {@code #quota steps=100000 messages=50}, pairs of a quota's
 * name and a whole number, separated by blanks or commas, on one or more lines among the comments
 * and pragmas before the first line of code (like {@code #workflow}). The names are {@code steps},
 * {@code events}, {@code history-bytes} and {@code messages}; a value may group its digits with
 * {@code _} ({@code 1_000_000}). Anything else is a compile error at its line and column.
 */
final class QuotaPragmas {

    /** The largest value a quota may have: far beyond any execution's life, far below overflow. */
    static final long MAX_VALUE = 1_000_000_000_000_000L;

    private static final String PRAGMA = "#quota";
    private static final Set<String> NAMES = Set.of("steps", "events", "history-bytes", "messages");

    private final SourceText source;
    private final ParseContext ctx;
    private final Map<String, Long> values = new LinkedHashMap<>();
    private int firstLine;

    private QuotaPragmas(SourceText source, ParseContext ctx) {
        this.source = source;
        this.ctx = ctx;
    }

    /**
     * The quotas a script's {@code #quota} lines set; errors go to the context's diagnostics.
     *
     * @param source the script
     * @param ctx where errors are reported
     * @return the quotas, {@link ScriptQuotas#NONE} when the script has no {@code #quota} line
     */
    static ScriptQuotas read(SourceText source, ParseContext ctx) {
        QuotaPragmas pragmas = new QuotaPragmas(source, ctx);
        pragmas.scan();
        return pragmas.quotas();
    }

    private void scan() {
        String text = source.text();
        boolean seenCode = false;
        for (int line = 1; line <= source.lineCount(); line++) {
            int end = source.lineEnd(line);
            int i = skipBlanks(text, source.lineStart(line), end);
            if (i >= end) {
                continue;
            }
            if (isPragma(text, i, end)) {
                if (seenCode) {
                    ctx.report(
                            DiagnosticKind.MISPLACED_STATEMENT,
                            i,
                            end,
                            "#quota must come before the first line of code, with #workflow and the comments at the"
                                    + " top of the script");
                } else {
                    if (firstLine == 0) {
                        firstLine = line;
                    }
                    readPairs(text, i + PRAGMA.length(), end);
                }
                continue;
            }
            if (!isComment(text, i, end)) {
                seenCode = true;
            }
        }
    }

    private void readPairs(String text, int i, int end) {
        boolean any = false;
        while (true) {
            i = skipSeparators(text, i, end);
            if (i >= end || text.charAt(i) == '\'') {
                break;
            }
            any = true;
            int nameEnd = i;
            while (nameEnd < end && (Lexer.isIdentifierPart(text.charAt(nameEnd)) || text.charAt(nameEnd) == '-')) {
                nameEnd++;
            }
            String name = text.substring(i, nameEnd).toLowerCase(Locale.ROOT);
            if (nameEnd == i || !NAMES.contains(name)) {
                int wordEnd = wordEnd(text, i, end);
                ctx.report(
                        DiagnosticKind.SYNTAX,
                        i,
                        wordEnd,
                        "unknown quota '" + text.substring(i, wordEnd) + "' in #quota; the quotas are steps, events,"
                                + " history-bytes and messages, written as name=number");
                return;
            }
            int eq = skipBlanks(text, nameEnd, end);
            if (eq >= end || text.charAt(eq) != '=') {
                ctx.report(
                        DiagnosticKind.SYNTAX,
                        i,
                        nameEnd,
                        "#quota " + name + " needs a value: write " + name + "=<number>");
                return;
            }
            int valueStart = skipBlanks(text, eq + 1, end);
            int valueEnd = wordEnd(text, valueStart, end);
            OptionalLong value = number(text.substring(valueStart, valueEnd));
            if (value.isEmpty()) {
                ctx.report(
                        DiagnosticKind.SYNTAX,
                        valueStart,
                        Math.max(valueEnd, valueStart + 1),
                        "#quota " + name + "=" + text.substring(valueStart, valueEnd) + " is not a whole number from 1"
                                + " to " + MAX_VALUE + " (digits, optionally grouped with _)");
                return;
            }
            if (values.putIfAbsent(name, value.getAsLong()) != null) {
                ctx.report(
                        DiagnosticKind.DUPLICATE_DEFINITION, i, valueEnd, "#quota " + name + " is set twice; keep one");
                return;
            }
            i = valueEnd;
        }
        if (!any) {
            ctx.report(
                    DiagnosticKind.SYNTAX,
                    i - PRAGMA.length(),
                    end,
                    "#quota without a quota: write e.g. #quota steps=100000 messages=50");
        }
    }

    private ScriptQuotas quotas() {
        if (values.isEmpty()) {
            return ScriptQuotas.NONE;
        }
        return new ScriptQuotas(quota("steps"), quota("events"), quota("history-bytes"), quota("messages"), firstLine);
    }

    private OptionalLong quota(String name) {
        Long value = values.get(name);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /** A whole number from 1 to {@link #MAX_VALUE}; {@code _} only between digits. */
    private static OptionalLong number(String word) {
        if (word.isEmpty() || word.startsWith("_") || word.endsWith("_") || word.contains("__")) {
            return OptionalLong.empty();
        }
        long value = 0;
        for (int k = 0; k < word.length(); k++) {
            char c = word.charAt(k);
            if (c == '_') {
                continue;
            }
            if (c < '0' || c > '9') {
                return OptionalLong.empty();
            }
            value = value * 10 + (c - '0');
            if (value > MAX_VALUE) {
                return OptionalLong.empty();
            }
        }
        return value < 1 ? OptionalLong.empty() : OptionalLong.of(value);
    }

    private static boolean isPragma(String text, int i, int end) {
        int e = i + PRAGMA.length();
        return e <= end
                && text.regionMatches(true, i, PRAGMA, 0, PRAGMA.length())
                && (e == end || Lexer.isBlank(text.charAt(e)));
    }

    /** A comment line or another pragma: {@code '}, {@code //}, {@code REM}, {@code #} (not {@code #{}). */
    private static boolean isComment(String text, int i, int end) {
        char c = text.charAt(i);
        if (c == '\'' || c == '#' && !(i + 1 < end && text.charAt(i + 1) == '{')) {
            return true;
        }
        if (c == '/' && i + 1 < end && text.charAt(i + 1) == '/') {
            return true;
        }
        return text.regionMatches(true, i, "REM", 0, 3)
                && (i + 3 >= end || !Lexer.isIdentifierPart(text.charAt(i + 3)));
    }

    private static int skipBlanks(String text, int i, int end) {
        while (i < end && Lexer.isBlank(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipSeparators(String text, int i, int end) {
        while (i < end && (Lexer.isBlank(text.charAt(i)) || text.charAt(i) == ',')) {
            i++;
        }
        return i;
    }

    /** The end of a run of characters up to a blank, a comma or a comment. */
    private static int wordEnd(String text, int i, int end) {
        int e = i;
        while (e < end && !Lexer.isBlank(text.charAt(e)) && text.charAt(e) != ',' && text.charAt(e) != '\'') {
            e++;
        }
        return e;
    }
}
