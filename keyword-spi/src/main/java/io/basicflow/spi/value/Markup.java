package io.basicflow.spi.value;

/**
 * Text made safe for XML and HTML markup, the one escaping of every plugin that writes markup: {@code
 * XML(value)} of the data plugin, SOAP bodies of the HTTP plugin, HTML templates of the PDF plugin. JDK
 * only.
 *
 * <p>{@code < > & " '} become {@code &lt; &gt; &amp; &quot; &apos;}, so the text is safe both as an
 * element's content and as an attribute's value (in either quotes). A control character other than
 * tab, line feed and carriage return becomes a space: XML 1.0 allows none of them, not even as a
 * character reference, so a parser on the other side would refuse the whole document.
 */
public final class Markup {

    private Markup() {}

    /**
     * Escapes a text.
     *
     * @param text the text
     * @return the text for markup
     */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        escape(text, out);
        return out.toString();
    }

    /**
     * Appends a text escaped.
     *
     * @param text the text
     * @param out where to append
     */
    public static void escape(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\r' && c != '\t' ? ' ' : c);
            }
        }
    }
}
