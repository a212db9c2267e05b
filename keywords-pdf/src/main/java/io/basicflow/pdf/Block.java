package io.basicflow.pdf;

import java.util.List;

/**
 * One block of a document as {@link PdfPages} lays it out: what is left of a filled HTML or Markdown
 * template ({@link HtmlBlocks}, {@link MarkdownBlocks}) once its styling is dropped.
 */
sealed interface Block {

    /** A heading, level 1 (largest) to 6. */
    record Heading(int level, String text) implements Block {}

    /** A paragraph of running text. */
    record Paragraph(String text) implements Block {}

    /** An item of a list, shown with its marker ({@code •} or its number). */
    record Item(String marker, String text) implements Block {}

    /** A table row: its cells side by side, in equal columns; a header row is bold. */
    record Row(List<String> cells, boolean header) implements Block {}

    /** A horizontal line. */
    record Rule() implements Block {}

    /** The next block starts a new page. */
    record PageBreak() implements Block {}
}
