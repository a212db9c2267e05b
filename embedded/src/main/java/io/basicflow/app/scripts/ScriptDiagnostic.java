package io.basicflow.app.scripts;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One compiler finding.
 *
 * @param severity how bad it is
 * @param file the file name, e.g. {@code ticket.bas}
 * @param line the line, from 1; 0 when the finding is about the whole script
 * @param column the column, from 1 (UTF-16 units, as editors count); 0 when unknown
 * @param length how many characters the finding is about, for the underline; at least 1
 * @param message what is wrong and what was expected
 * @param sourceLine the text of the line, empty when {@code line} is 0
 * @param unknownName the keyword, function, input type or clause that no installed plugin provides,
 *     upper case, when the finding is about one: the script would compile once a plugin provides it
 */
public record ScriptDiagnostic(
        Severity severity,
        String file,
        int line,
        int column,
        int length,
        String message,
        String sourceLine,
        Optional<String> unknownName) {

    /**
     * A finding that is not about an unknown name.
     *
     * @param severity how bad it is
     * @param file the file name
     * @param line the line
     * @param column the column
     * @param length the underline's length
     * @param message what is wrong
     * @param sourceLine the line's text
     */
    public ScriptDiagnostic(
            Severity severity, String file, int line, int column, int length, String message, String sourceLine) {
        this(severity, file, line, column, length, message, sourceLine, Optional.empty());
    }

    /** How bad a finding is. */
    public enum Severity {
        /** The script does not compile. */
        ERROR,
        /** The script compiles, but probably does not do what its author meant. */
        WARNING
    }

    /**
     * Validates the parts.
     *
     * @param severity not null
     * @param file not null
     * @param line at least 0
     * @param column at least 0
     * @param length at least 1
     * @param message not null
     * @param sourceLine not null
     */
    public ScriptDiagnostic {
        requireNonNull(severity, "severity is null");
        requireNonNull(file, "file is null");
        requireNonNull(message, "message is null");
        requireNonNull(sourceLine, "sourceLine is null");
        requireNonNull(unknownName, "unknownName is null");
        if (line < 0 || column < 0 || length < 1) {
            throw new IllegalArgumentException(
                    "invalid position " + line + ":" + column + " length " + length + " for " + file);
        }
    }

    /**
     * An error one character long.
     *
     * @param file the file name
     * @param line the line
     * @param column the column
     * @param message what is wrong
     * @param sourceLine the line's text
     * @return the diagnostic
     */
    public static ScriptDiagnostic error(String file, int line, int column, String message, String sourceLine) {
        return new ScriptDiagnostic(Severity.ERROR, file, line, column, 1, message, sourceLine);
    }

    /**
     * The diagnostic as the compiler prints it: {@code file:line:col: error: message}, then the line
     * and a caret under the column, underlined with {@code ~} for its length. A finding about the
     * whole script (line 0) is the first line alone.
     *
     * @return the formatted text, without a trailing line break
     */
    public String formatted() {
        StringBuilder out = new StringBuilder()
                .append(file)
                .append(':')
                .append(line)
                .append(':')
                .append(column)
                .append(": ")
                .append(severity.name().toLowerCase(Locale.ROOT))
                .append(": ")
                .append(message);
        if (line > 0) {
            out.append('\n').append(sourceLine).append('\n');
            int caretAt = Math.min(Math.max(column, 1) - 1, sourceLine.length());
            for (int i = 0; i < caretAt; i++) {
                out.append(sourceLine.charAt(i) == '\t' ? '\t' : ' ');
            }
            out.append('^');
            int underline = Math.min(length, Math.max(1, sourceLine.length() - caretAt));
            out.append("~".repeat(underline - 1));
        }
        return out.toString();
    }

    private static final Pattern MODULE = Pattern.compile("\\b(keywords-[a-z0-9-]+|workflow-engine)\\b");

    /**
     * The module that would provide the unknown name, when the compiler's message names one: {@code
     * keywords-data} for {@code FIND}, {@code workflow-engine} for orchestration keywords; the first
     * named when the message names two ({@code DELETE}).
     *
     * @return the module's name, or empty when the finding is not about an unknown name or names no
     *     module
     */
    public Optional<String> providingModule() {
        if (unknownName.isEmpty()) {
            return Optional.empty();
        }
        Matcher matcher = MODULE.matcher(message);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
