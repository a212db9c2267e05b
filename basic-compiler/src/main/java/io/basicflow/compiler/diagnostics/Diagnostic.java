package io.basicflow.compiler.diagnostics;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One compile error: where it is, what it is, and what was expected.
 *
 * @param file the script's name, usually its path
 * @param line the 1-based line
 * @param column the 1-based column (UTF-16 units, as editors count)
 * @param length how many characters the caret line underlines, at least 1
 * @param kind what kind of error it is
 * @param message what is wrong and what was expected
 * @param sourceLine the text of the line, without its line break
 * @param subject the unknown keyword, function, input type or clause the error is about, upper case
 */
public record Diagnostic(
        String file,
        int line,
        int column,
        int length,
        DiagnosticKind kind,
        String message,
        String sourceLine,
        Optional<String> subject) {

    /**
     * Validates the parts.
     *
     * @param file not null
     * @param line at least 1
     * @param column at least 1
     * @param length at least 1
     * @param kind not null
     * @param message not null
     * @param sourceLine not null
     * @param subject not null
     */
    public Diagnostic {
        requireNonNull(file, "file is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(message, "message is null");
        requireNonNull(sourceLine, "sourceLine is null");
        requireNonNull(subject, "subject is null");
        if (line < 1 || column < 1 || length < 1) {
            throw new IllegalArgumentException("invalid position " + line + ":" + column + " length " + length);
        }
    }

    /**
     * The family of this error.
     *
     * @return its kind's category
     */
    public DiagnosticCategory category() {
        return kind.category();
    }

    /**
     * This error as a compiler prints it: {@code file:line:col: error: message}, the source line, and
     * a caret line under the offending text.
     *
     * @return three lines separated by {@code \n}, without a trailing line break
     */
    public String format() {
        StringBuilder out = new StringBuilder(message.length() + 2 * sourceLine.length() + 64);
        out.append(file)
                .append(':')
                .append(line)
                .append(':')
                .append(column)
                .append(category() == DiagnosticCategory.WARNING ? ": warning: " : ": error: ")
                .append(message)
                .append('\n')
                .append(sourceLine)
                .append('\n');
        int caretAt = Math.min(column - 1, sourceLine.length());
        for (int i = 0; i < caretAt; i++) {
            out.append(sourceLine.charAt(i) == '\t' ? '\t' : ' ');
        }
        out.append('^');
        int underline = Math.min(length, Math.max(1, sourceLine.length() - caretAt));
        for (int i = 1; i < underline; i++) {
            out.append('~');
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + kind + ": " + message;
    }
}
