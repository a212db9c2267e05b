package io.basicflow.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Lays blocks out on A4 pages with Apache PDFBox: Helvetica 11 pt text wrapped at the margins (2 cm),
 * bold headings from 20 pt down, list items indented under their marker, table rows in equal columns,
 * lines, and page breaks; a block that does not fit starts the next page.
 *
 * <p>The fonts are PDF's standard ones, so the file embeds none and stays small; they cover Western
 * European text (WinAnsi: accents, €, •, quotes). A character they cannot show (CJK, emoji, ✓) is
 * written as {@code ?}.
 */
final class PdfPages {

    private static final float MARGIN = 56.7f; // 2 cm
    private static final float TEXT_SIZE = 11f;
    private static final float[] HEADING_SIZES = {20f, 16f, 14f, 12f, 11f, 11f};
    private static final float INDENT = 18f;
    private static final float CELL_PADDING = 4f;

    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private final Map<Integer, Boolean> encodable = new HashMap<>();

    private PDDocument document;
    private PDPageContentStream stream;
    private float y;
    private int pages;

    /** The pages written and the PDF's bytes. */
    record Rendered(byte[] bytes, int pages) {}

    /**
     * Writes a PDF of the blocks.
     *
     * @param blocks the document's blocks, in order
     * @param title the document's title (its information dictionary)
     * @return the PDF
     */
    static Rendered render(List<Block> blocks, String title) {
        try {
            return new PdfPages().write(blocks, title);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: only a PDFBox defect gets here
        }
    }

    private Rendered write(List<Block> blocks, String title) throws IOException {
        try (PDDocument pdf = new PDDocument()) {
            document = pdf;
            pdf.getDocumentInformation().setTitle(title);
            newPage();
            for (Block block : blocks) {
                switch (block) {
                    case Block.Heading heading -> {
                        float size = HEADING_SIZES[Math.min(Math.max(heading.level(), 1), 6) - 1];
                        gap(size * 0.6f);
                        lines(bold, size, MARGIN, width(), heading.text());
                        gap(size * 0.3f);
                    }
                    case Block.Paragraph paragraph -> {
                        lines(regular, TEXT_SIZE, MARGIN, width(), paragraph.text());
                        gap(TEXT_SIZE * 0.5f);
                    }
                    case Block.Item item -> item(item);
                    case Block.Row row -> row(row);
                    case Block.Rule ignored -> rule();
                    case Block.PageBreak ignored -> {
                        if (y < top()) {
                            newPage();
                        }
                    }
                }
            }
            stream.close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pdf.save(out);
            return new Rendered(out.toByteArray(), pages);
        }
    }

    private static float top() {
        return PDRectangle.A4.getHeight() - MARGIN;
    }

    private static float width() {
        return PDRectangle.A4.getWidth() - 2 * MARGIN;
    }

    private void newPage() throws IOException {
        if (stream != null) {
            stream.close();
        }
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        stream = new PDPageContentStream(document, page);
        y = top();
        pages++;
    }

    private void gap(float points) {
        y -= points;
    }

    private static float leading(float size) {
        return size * 1.3f;
    }

    /** Wrapped lines of one text, starting a new page whenever the next line does not fit. */
    private void lines(PDType1Font font, float size, float x, float width, String text) throws IOException {
        for (String line : wrap(font, size, width, text)) {
            if (y - leading(size) < MARGIN) {
                newPage();
            }
            y -= leading(size);
            show(font, size, x, y + size * 0.25f, line);
        }
    }

    private void show(PDType1Font font, float size, float x, float baseline, String line) throws IOException {
        if (line.isEmpty()) {
            return;
        }
        stream.beginText();
        stream.setFont(font, size);
        stream.newLineAtOffset(x, baseline);
        stream.showText(line);
        stream.endText();
    }

    private void item(Block.Item item) throws IOException {
        List<String> wrapped = wrap(regular, TEXT_SIZE, width() - INDENT, item.text());
        for (int i = 0; i < wrapped.size(); i++) {
            if (y - leading(TEXT_SIZE) < MARGIN) {
                newPage();
            }
            y -= leading(TEXT_SIZE);
            float baseline = y + TEXT_SIZE * 0.25f;
            if (i == 0) {
                show(regular, TEXT_SIZE, MARGIN + 4, baseline, printable(regular, item.marker()));
            }
            show(regular, TEXT_SIZE, MARGIN + INDENT, baseline, wrapped.get(i));
        }
        gap(TEXT_SIZE * 0.25f);
    }

    private void row(Block.Row row) throws IOException {
        int columns = Math.max(1, row.cells().size());
        float columnWidth = width() / columns;
        PDType1Font font = row.header() ? bold : regular;
        List<List<String>> cells = new ArrayList<>();
        int height = 1;
        for (String cell : row.cells()) {
            List<String> wrapped = wrap(font, TEXT_SIZE, columnWidth - 2 * CELL_PADDING, cell);
            cells.add(wrapped);
            height = Math.max(height, wrapped.size());
        }
        float rowHeight = height * leading(TEXT_SIZE) + CELL_PADDING;
        if (y - rowHeight < MARGIN && y < top()) {
            newPage();
        }
        for (int line = 0; line < height; line++) {
            float baseline = y - (line + 1) * leading(TEXT_SIZE) + TEXT_SIZE * 0.25f;
            for (int column = 0; column < cells.size(); column++) {
                List<String> wrapped = cells.get(column);
                if (line < wrapped.size()) {
                    show(font, TEXT_SIZE, MARGIN + column * columnWidth + CELL_PADDING, baseline, wrapped.get(line));
                }
            }
        }
        y -= rowHeight;
        stream.setLineWidth(0.5f);
        stream.moveTo(MARGIN, y);
        stream.lineTo(MARGIN + width(), y);
        stream.stroke();
    }

    private void rule() throws IOException {
        gap(TEXT_SIZE * 0.5f);
        if (y < MARGIN) {
            newPage();
        }
        stream.setLineWidth(1f);
        stream.moveTo(MARGIN, y);
        stream.lineTo(MARGIN + width(), y);
        stream.stroke();
        gap(TEXT_SIZE * 0.5f);
    }

    /** The lines a text takes in a width: broken at spaces, a word longer than the width cut. */
    private List<String> wrap(PDType1Font font, float size, float width, String text) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String paragraph : printable(font, text).split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" +")) {
                if (word.isEmpty()) {
                    continue;
                }
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (width(font, size, candidate) <= width) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                String rest = word;
                while (width(font, size, rest) > width && rest.length() > 1) {
                    int fits = 1;
                    while (fits < rest.length() && width(font, size, rest.substring(0, fits + 1)) <= width) {
                        fits++;
                    }
                    lines.add(rest.substring(0, fits));
                    rest = rest.substring(fits);
                }
                line.append(rest);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private static float width(PDType1Font font, float size, String text) throws IOException {
        return font.getStringWidth(text) / 1000f * size;
    }

    /** The text with tabs as spaces, control characters dropped, and what the font cannot show as {@code ?}. */
    private String printable(PDType1Font font, String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n') {
                out.append('\n');
            } else if (c == '\t') {
                out.append(' ');
            } else if (Character.isISOControl(c)) {
                // dropped
            } else if (encodable.computeIfAbsent(c, code -> canShow(font, code))) {
                out.appendCodePoint(c);
            } else {
                out.append('?');
            }
        });
        return out.toString();
    }

    private static boolean canShow(PDType1Font font, int codePoint) {
        try {
            font.encode(Character.toString(codePoint));
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
