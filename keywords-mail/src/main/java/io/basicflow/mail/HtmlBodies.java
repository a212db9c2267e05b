package io.basicflow.mail;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises HTML bodies and derives their plain text alternative.
 *
 * <p>A body counts as HTML ({@code basicflow.mail.html=auto}) when it contains a complete opening or
 * closing tag of a common HTML element ({@code <p>}, {@code <br/>}, {@code </div>}, {@code <a
 * href="…">}, {@code <b>}, {@code <table>}, …) or a {@code <!DOCTYPE html>}. A lone {@code <} as in
 * "price < 10" or "<no subject>" does not make a body HTML.
 */
final class HtmlBodies {

    private static final String ELEMENTS = "html|head|body|p|br|hr|div|span|a|b|i|u|em|strong|small|code|pre"
            + "|blockquote|table|thead|tbody|tr|td|th|ul|ol|li|h[1-6]|img|font|center|style|meta|title";

    private static final Pattern HTML_TAG =
            Pattern.compile("<!doctype\\s+html|</?(?:" + ELEMENTS + ")(?:\\s+[^<>]*)?/?>", Pattern.CASE_INSENSITIVE);

    private static final Pattern DROPPED = Pattern.compile(
            "<!--.*?-->|<(script|style|head|title)\\b[^>]*>.*?</\\1\\s*>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern LINK = Pattern.compile(
            "<a\\b[^>]*?\\bhref\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))[^>]*>(.*?)</a\\s*>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)\\b[^>]*>|<![^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
    private static final Pattern WHITESPACE = Pattern.compile("[ \\t\\r\\n\\f]+");
    private static final Pattern TRAILING_BLANKS = Pattern.compile("[ \\t]+$");
    private static final Pattern LEADING_SPACES = Pattern.compile("^ +");

    private static final Map<String, String> NAMED_ENTITIES = Map.ofEntries(
            Map.entry("amp", "&"),
            Map.entry("lt", "<"),
            Map.entry("gt", ">"),
            Map.entry("quot", "\""),
            Map.entry("apos", "'"),
            Map.entry("nbsp", " "),
            Map.entry("copy", "©"),
            Map.entry("reg", "®"),
            Map.entry("trade", "™"),
            Map.entry("euro", "€"),
            Map.entry("hellip", "…"),
            Map.entry("mdash", "—"),
            Map.entry("ndash", "–"),
            Map.entry("laquo", "«"),
            Map.entry("raquo", "»"),
            Map.entry("bull", "•"),
            Map.entry("middot", "·"));

    private HtmlBodies() {}

    /**
     * Whether the body is HTML under the {@code auto} rule.
     *
     * @param body the body
     * @return true when it contains a common HTML tag
     */
    static boolean looksLikeHtml(String body) {
        return HTML_TAG.matcher(body).find();
    }

    /**
     * A readable plain text rendering of an HTML body, for the text/plain alternative: block
     * elements become line breaks, list items get a dash, links keep their target in parentheses,
     * scripts, styles and comments disappear, entities are decoded.
     *
     * @param html the HTML body
     * @return the text
     */
    static String toPlainText(String html) {
        String text = DROPPED.matcher(html).replaceAll(" ");
        text = WHITESPACE.matcher(text).replaceAll(" ");
        text = replaceLinks(text);
        text = replaceTags(text);
        text = decodeEntities(text);
        return tidyLines(text);
    }

    private static String replaceLinks(String html) {
        Matcher link = LINK.matcher(html);
        StringBuilder out = new StringBuilder();
        while (link.find()) {
            String target = firstNonNull(link.group(1), link.group(2), link.group(3));
            String label = link.group(4);
            String labelText = decodeEntities(TAG.matcher(label).replaceAll("")).strip();
            String targetText = decodeEntities(target).strip();
            String shownTarget =
                    targetText.regionMatches(true, 0, "mailto:", 0, 7) ? targetText.substring(7) : targetText;
            String replacement;
            if (targetText.isEmpty() || targetText.startsWith("#") || labelText.equalsIgnoreCase(shownTarget)) {
                replacement = label;
            } else {
                replacement = label + " (" + shownTarget.replace("&", "&amp;") + ")";
            }
            link.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        link.appendTail(out);
        return out.toString();
    }

    private static String replaceTags(String html) {
        Matcher tag = TAG.matcher(html);
        StringBuilder out = new StringBuilder();
        while (tag.find()) {
            String name = tag.group(2) == null ? "" : tag.group(2).toLowerCase(Locale.ROOT);
            boolean closing = "/".equals(tag.group(1));
            String replacement = switch (name) {
                case "br" -> "\n";
                case "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "ul", "ol", "pre" -> "\n\n";
                case "div", "tr", "hr", "title" -> "\n";
                case "li" -> closing ? "" : "\n- ";
                case "td", "th" -> closing ? "\t" : "";
                default -> "";
            };
            tag.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        tag.appendTail(out);
        return out.toString();
    }

    private static String decodeEntities(String text) {
        Matcher entity = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (entity.find()) {
            String name = entity.group(1);
            String replacement;
            if (name.startsWith("#x") || name.startsWith("#X")) {
                replacement = codePoint(Integer.parseInt(name.substring(2), 16), entity.group());
            } else if (name.startsWith("#")) {
                replacement = codePoint(Integer.parseInt(name.substring(1)), entity.group());
            } else {
                replacement = NAMED_ENTITIES.getOrDefault(name.toLowerCase(Locale.ROOT), entity.group());
            }
            entity.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        entity.appendTail(out);
        return out.toString();
    }

    private static String codePoint(int codePoint, String original) {
        if (codePoint == 0xA0) {
            return " ";
        }
        return Character.isValidCodePoint(codePoint) && codePoint != 0 ? Character.toString(codePoint) : original;
    }

    private static String tidyLines(String text) {
        StringBuilder out = new StringBuilder();
        int blankRun = 0;
        for (String line : text.split("\n", -1)) {
            String trimmed = LEADING_SPACES
                    .matcher(TRAILING_BLANKS.matcher(line).replaceAll(""))
                    .replaceAll("");
            if (trimmed.isEmpty()) {
                blankRun++;
                continue;
            }
            if (!out.isEmpty()) {
                out.append(blankRun > 0 ? "\n\n" : "\n");
            }
            blankRun = 0;
            out.append(trimmed);
        }
        return out.toString();
    }

    private static String firstNonNull(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return "";
    }
}
