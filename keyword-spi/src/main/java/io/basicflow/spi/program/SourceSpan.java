package io.basicflow.spi.program;

/**
 * Where a step or expression stands in its script: 1-based line and column of its first character,
 * and of the position just after its last one.
 *
 * @param line first line, from 1
 * @param column first column, from 1
 * @param endLine last line
 * @param endColumn column just after the last character
 */
public record SourceSpan(int line, int column, int endLine, int endColumn) {

    /**
     * Validates the positions.
     *
     * @param line first line, from 1
     * @param column first column, from 1
     * @param endLine last line, not before {@code line}
     * @param endColumn column after the end
     */
    public SourceSpan {
        if (line < 1 || column < 1 || endLine < line) {
            throw new IllegalArgumentException("invalid span " + line + ":" + column + "-" + endLine + ":" + endColumn);
        }
    }

    /**
     * A span within one line.
     *
     * @param line the line
     * @param column the first column
     * @param length the number of characters, at least 0
     * @return the span
     */
    public static SourceSpan of(int line, int column, int length) {
        return new SourceSpan(line, column, line, column + Math.max(0, length));
    }

    /**
     * This span as {@code line:column}.
     *
     * @return the start position as text
     */
    @Override
    public String toString() {
        return line + ":" + column;
    }
}
