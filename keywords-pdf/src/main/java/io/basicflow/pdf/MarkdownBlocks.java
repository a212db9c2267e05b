package io.basicflow.pdf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The blocks of a Markdown (or plain text) document: {@code #} headings, {@code -}/{@code *}/{@code
 * 1.} list items, {@code |a|b|} table rows (the row before a {@code |---|} line is the header),
 * {@code ---} rules, and paragraphs (lines joined until a blank line). Emphasis marks, code ticks and
 * link targets are dropped; the text stays.
 */
final class MarkdownBlocks {

    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern ITEM = Pattern.compile("^\\s*([-*+]|\\d+[.)])\\s+(.*)$");
    private static final Pattern RULE = Pattern.compile("^\\s*([-*_])(\\s*\\1){2,}\\s*$");
    private static final Pattern SEPARATOR =
            Pattern.compile("^\\s*\\|?\\s*:?-{3,}:?\\s*(\\|\\s*:?-{3,}:?\\s*)*\\|?\\s*$");
    private static final Pattern LINK = Pattern.compile("!?\\[([^\\]]*)]\\([^)]*\\)");

    private MarkdownBlocks() {}

    static List<Block> of(String markdown) {
        List<Block> blocks = new ArrayList<>();
        StringBuilder paragraph = new StringBuilder();
        String[] lines = markdown.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher heading = HEADING.matcher(line);
            Matcher item = ITEM.matcher(line);
            if (line.isBlank()) {
                flush(paragraph, blocks);
            } else if (heading.matches()) {
                flush(paragraph, blocks);
                blocks.add(new Block.Heading(heading.group(1).length(), inline(heading.group(2))));
            } else if (RULE.matcher(line).matches()) {
                flush(paragraph, blocks);
                blocks.add(new Block.Rule());
            } else if (line.strip().startsWith("|")) {
                flush(paragraph, blocks);
                if (!SEPARATOR.matcher(line).matches()) {
                    boolean header = i + 1 < lines.length
                            && SEPARATOR.matcher(lines[i + 1]).matches();
                    blocks.add(new Block.Row(cells(line), header));
                }
            } else if (item.matches()) {
                flush(paragraph, blocks);
                String marker = item.group(1).matches("\\d+[.)]") ? item.group(1) : "\u2022";
                blocks.add(new Block.Item(marker, inline(item.group(2))));
            } else {
                if (!paragraph.isEmpty()) {
                    paragraph.append(' ');
                }
                paragraph.append(line.strip());
            }
        }
        flush(paragraph, blocks);
        return blocks;
    }

    private static List<String> cells(String line) {
        String inner = line.strip();
        inner = inner.substring(1);
        if (inner.endsWith("|")) {
            inner = inner.substring(0, inner.length() - 1);
        }
        return Arrays.stream(inner.split("\\|", -1))
                .map(cell -> inline(cell.strip()))
                .toList();
    }

    private static void flush(StringBuilder paragraph, List<Block> blocks) {
        if (!paragraph.isEmpty()) {
            blocks.add(new Block.Paragraph(inline(paragraph.toString())));
            paragraph.setLength(0);
        }
    }

    /** The text of a line with emphasis marks, code ticks and link targets dropped. */
    static String inline(String text) {
        String withoutLinks = LINK.matcher(text).replaceAll("$1");
        return withoutLinks.replace("**", "").replace("__", "").replace("`", "").strip();
    }
}
