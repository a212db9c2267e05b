package io.basicflow.app.scripts;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * One compiler finding.
 *
 * @param severity how bad it is
 * @param file the file name, e.g. {@code ticket.bas}
 * @param line the line, from 1; 0 when the finding is about the whole script
 * @param column the column, from 1; 0 when unknown
 * @param message what is wrong and what was expected
 * @param sourceLine the text of the line, empty when {@code line} is 0
 */
public record ScriptDiagnostic(
        Severity severity, String file, int line, int column, String message, String sourceLine) {

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
     * @param message not null
     * @param sourceLine not null
     */
    public ScriptDiagnostic {
        requireNonNull(severity, "severity is null");
        requireNonNull(file, "file is null");
        requireNonNull(message, "message is null");
        requireNonNull(sourceLine, "sourceLine is null");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column must be at least 0, were " + line + ":" + column);
        }
    }

    /**
     * An error.
     *
     * @param file the file name
     * @param line the line
     * @param column the column
     * @param message what is wrong
     * @param sourceLine the line's text
     * @return the diagnostic
     */
    public static ScriptDiagnostic error(String file, int line, int column, String message, String sourceLine) {
        return new ScriptDiagnostic(Severity.ERROR, file, line, column, message, sourceLine);
    }

    /**
     * The diagnostic as a compiler prints it: {@code file:line:col: error: message}, then the line
     * and a caret under the column.
     *
     * @return the formatted text
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
        if (line > 0 && !sourceLine.isEmpty()) {
            out.append('\n').append(sourceLine);
            if (column > 0) {
                out.append('\n').append(" ".repeat(column - 1)).append('^');
            }
        }
        return out.toString();
    }
}
