package io.basicflow.compiler.lexer;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.program.SourceSpan;
import java.util.Arrays;

/**
 * A script's text with an index of its lines, for turning character offsets into 1-based lines and
 * columns. Lines end at {@code \n}; a {@code \r} before it is not part of the line's text.
 */
public final class SourceText {

    private final String name;
    private final String text;
    private final int[] lineStarts;

    /**
     * Indexes a script.
     *
     * @param name the script's name, for messages
     * @param text the script's text
     */
    public SourceText(String name, String text) {
        this.name = requireNonNull(name, "name is null");
        this.text = requireNonNull(text, "text is null");
        int[] starts = new int[64];
        int count = 1;
        for (int i = 0, n = text.length(); i < n; i++) {
            if (text.charAt(i) == '\n') {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, count);
    }

    /**
     * The script's name.
     *
     * @return the name given at construction
     */
    public String name() {
        return name;
    }

    /**
     * The whole text.
     *
     * @return the text
     */
    public String text() {
        return text;
    }

    /**
     * The number of lines; an empty text has one (empty) line.
     *
     * @return the line count
     */
    public int lineCount() {
        return lineStarts.length;
    }

    /**
     * The offset where a line starts.
     *
     * @param line 1-based line
     * @return the offset of its first character
     */
    public int lineStart(int line) {
        return lineStarts[line - 1];
    }

    /**
     * The offset just after a line's last character, before its line break.
     *
     * @param line 1-based line
     * @return the end offset, excluding {@code \r\n} or {@code \n}
     */
    public int lineEnd(int line) {
        int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
        if (end > lineStarts[line - 1] && text.charAt(end - 1) == '\r') {
            end--;
        }
        return end;
    }

    /**
     * The 1-based line that contains an offset.
     *
     * @param offset a character offset, may equal the text length
     * @return the line number
     */
    public int lineOf(int offset) {
        int index = Arrays.binarySearch(lineStarts, offset);
        return index >= 0 ? index + 1 : -index - 1;
    }

    /**
     * The 1-based column of an offset within its line.
     *
     * @param offset a character offset
     * @return the column
     */
    public int columnOf(int offset) {
        return offset - lineStarts[lineOf(offset) - 1] + 1;
    }

    /**
     * The text of a line, without its line break.
     *
     * @param line 1-based line
     * @return the line's text
     */
    public String lineText(int line) {
        return text.substring(lineStart(line), lineEnd(line));
    }

    /**
     * The span between two offsets.
     *
     * @param start offset of the first character
     * @param end offset just after the last character, not before {@code start}
     * @return the span with 1-based lines and columns
     */
    public SourceSpan span(int start, int end) {
        int startLine = lineOf(start);
        int endLine = end <= start ? startLine : lineOf(end);
        return new SourceSpan(
                startLine,
                start - lineStarts[startLine - 1] + 1,
                endLine,
                Math.max(end, start) - lineStarts[endLine - 1] + 1);
    }
}
