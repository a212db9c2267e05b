package io.basicflow.pdf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The blocks of an HTML document, read by a small tag scanner (no browser, no CSS): {@code h1}–{@code
 * h6} are headings, {@code li} items ({@code ol} numbered), {@code tr} rows ({@code th} cells make a
 * header row), {@code hr} a rule, {@code br} a line break, and every other block element ({@code p},
 * {@code div}, …) a paragraph. An element whose {@code class} or {@code style} says {@code
 * page-break} (after, or before) breaks the page there. {@code head}, {@code style}, {@code script}
 * and comments are dropped; the common character references are decoded.
 */
final class HtmlBlocks {

    private static final Pattern TAG = Pattern.compile("<(/?)([A-Za-z][A-Za-z0-9]*)([^>]*)>", Pattern.DOTALL);
    private static final Pattern DROPPED = Pattern.compile(
            "<!--.*?-->|<(head|style|script|title)\\b[^>]*>.*?</\\1\\s*>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern ENTITY = Pattern.compile("&(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z]+);");
    private static final List<String> BLOCKS = List.of(
            "p",
            "div",
            "section",
            "article",
            "header",
            "footer",
            "main",
            "body",
            "html",
            "table",
            "thead",
            "tbody",
            "tfoot",
            "ul",
            "ol",
            "blockquote",
            "pre",
            "address",
            "caption",
            "dl",
            "dt",
            "dd",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "li",
            "tr");

    private HtmlBlocks() {}

    static List<Block> of(String html) {
        return new Scanner().scan(DROPPED.matcher(html).replaceAll(" "));
    }

    private static final class Scanner {
        private final List<Block> blocks = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();
        private final List<Integer> numbering = new ArrayList<>(); // -1 for ul, the next number for ol
        private List<String> cells;
        private boolean headerRow;
        private StringBuilder cell;
        private int heading;
        private boolean item;
        private String marker = "\u2022";

        List<Block> scan(String html) {
            Matcher tags = TAG.matcher(html);
            int at = 0;
            while (tags.find()) {
                characters(html.substring(at, tags.start()));
                at = tags.end();
                tag(tags.group(1).equals("/"), tags.group(2).toLowerCase(Locale.ROOT), tags.group(3));
            }
            characters(html.substring(at));
            flush();
            return blocks;
        }

        private void characters(String raw) {
            if (raw.isEmpty()) {
                return;
            }
            (cell != null ? cell : text).append(decode(raw));
        }

        private void tag(boolean closing, String name, String attributes) {
            String lowered = attributes.toLowerCase(Locale.ROOT);
            boolean breakBefore = !closing && lowered.contains("page-break-before");
            boolean breakAfter = !closing && lowered.contains("page-break") && !breakBefore;
            if (breakBefore) {
                flush();
                blocks.add(new Block.PageBreak());
            }
            switch (name) {
                case "br" -> (cell != null ? cell : text).append('\n');
                case "hr" -> {
                    flush();
                    blocks.add(new Block.Rule());
                }
                case "ul", "ol" -> {
                    flush();
                    if (closing) {
                        if (!numbering.isEmpty()) {
                            numbering.removeLast();
                        }
                    } else {
                        numbering.add(name.equals("ol") ? 1 : -1);
                    }
                }
                case "li" -> {
                    flush();
                    if (!closing) {
                        item = true;
                        int next = numbering.isEmpty() ? -1 : numbering.getLast();
                        if (next > 0) {
                            marker = next + ".";
                            numbering.set(numbering.size() - 1, next + 1);
                        } else {
                            marker = "\u2022";
                        }
                    }
                }
                case "tr" -> {
                    flush();
                    if (closing) {
                        endRow();
                    } else {
                        endRow();
                        cells = new ArrayList<>();
                        headerRow = false;
                    }
                }
                case "td", "th" -> {
                    if (cells == null) {
                        flush();
                        cells = new ArrayList<>();
                    }
                    if (cell != null) {
                        cells.add(collapse(cell.toString()));
                        cell = null;
                    }
                    if (!closing) {
                        cell = new StringBuilder();
                        headerRow |= name.equals("th");
                    }
                }
                case "table" -> {
                    flush();
                    endRow();
                }
                default -> {
                    if (BLOCKS.contains(name)) {
                        flush();
                        if (!closing
                                && name.length() == 2
                                && name.charAt(0) == 'h'
                                && Character.isDigit(name.charAt(1))) {
                            heading = name.charAt(1) - '0';
                        }
                    }
                }
            }
            if (breakAfter && !name.equals("br")) {
                flush();
                blocks.add(new Block.PageBreak());
            }
        }

        private void endRow() {
            if (cells != null) {
                if (cell != null) {
                    cells.add(collapse(cell.toString()));
                    cell = null;
                }
                if (!cells.isEmpty()) {
                    blocks.add(new Block.Row(List.copyOf(cells), headerRow));
                }
                cells = null;
            }
        }

        private void flush() {
            String[] lines = text.toString().split("\n", -1);
            text.setLength(0);
            for (String line : lines) {
                String collapsed = collapse(line);
                if (collapsed.isEmpty()) {
                    continue;
                }
                if (heading > 0) {
                    blocks.add(new Block.Heading(heading, collapsed));
                } else if (item) {
                    blocks.add(new Block.Item(marker, collapsed));
                    item = false;
                } else {
                    blocks.add(new Block.Paragraph(collapsed));
                }
            }
            heading = 0;
            item = false;
        }
    }

    private static String collapse(String text) {
        return text.replaceAll("[\\s\u00a0&&[^\n]]+", " ")
                .replace('\u00a0', ' ')
                .strip();
    }

    static String decode(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher matcher = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String replacement = switch (name) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                case "nbsp" -> " ";
                case "copy" -> "\u00a9";
                case "euro" -> "\u20ac";
                default -> {
                    try {
                        if (name.startsWith("#x") || name.startsWith("#X")) {
                            yield Character.toString(Integer.parseInt(name.substring(2), 16));
                        } else if (name.startsWith("#")) {
                            yield Character.toString(Integer.parseInt(name.substring(1)));
                        }
                    } catch (IllegalArgumentException notACharacter) {
                        // too large a number, or no code point: kept as written
                    }
                    yield matcher.group();
                }
            };
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
