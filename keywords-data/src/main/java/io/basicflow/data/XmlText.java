package io.basicflow.data;

import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.Markup;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;
import java.util.Map;

/**
 * {@code XML(value[, "root"])}: a value as an XML document, for scripts that write an export as XML
 * ({@code WRITE "export.xml", XML(data)}). General Bots has no reference page for it; the reading here:
 *
 * <ul>
 *   <li>the document is {@code <?xml version="1.0" encoding="UTF-8"?>} and one root element, {@code
 *       <data>} unless named;
 *   <li>a map's fields are child elements in their order; a list's items are {@code <item>} elements; a
 *       text, number or boolean is the element's text, escaped; {@code NULL} is an empty element;
 *   <li>a field name that is not an XML name becomes one: characters other than letters, digits, {@code
 *       _}, {@code -} and {@code .} turn into {@code _}, and a name that does not start with a letter or
 *       {@code _} (or starts with {@code xml} in any case, which XML reserves) gets a leading {@code _}.
 * </ul>
 */
final class XmlText {

    /** The root element's name when none is given. */
    static final String DEFAULT_ROOT = "data";

    private static final int MAX_DEPTH = 64;

    private XmlText() {}

    /**
     * The document for a value.
     *
     * @param value the value
     * @param root the root element's name (made an XML name as field names are)
     * @return the document's text
     */
    static String document(Value value, String root) {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        element(out, name(root), value, 0);
        return out.append('\n').toString();
    }

    private static void element(StringBuilder out, String name, Value value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("XML: the value nests deeper than " + MAX_DEPTH + " levels");
        }
        switch (value) {
            case NullValue ignored -> out.append('<').append(name).append("/>");
            case MapValue map -> {
                out.append('<').append(name).append('>');
                for (Map.Entry<String, Value> field : map.entries().entrySet()) {
                    element(out, name(field.getKey()), field.getValue(), depth + 1);
                }
                out.append("</").append(name).append('>');
            }
            case ListValue list -> {
                out.append('<').append(name).append('>');
                for (Value item : list.elements()) {
                    element(out, "item", item, depth + 1);
                }
                out.append("</").append(name).append('>');
            }
            default -> {
                out.append('<').append(name).append('>');
                Markup.escape(value.display(), out);
                out.append("</").append(name).append('>');
            }
        }
    }

    /** An XML name for a field name (see the class comment). */
    static String name(String field) {
        StringBuilder name = new StringBuilder(field.length() + 1);
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            name.append(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' ? c : '_');
        }
        if (name.isEmpty()
                || !(Character.isLetter(name.charAt(0)) || name.charAt(0) == '_')
                || name.toString().regionMatches(true, 0, "xml", 0, 3)) {
            name.insert(0, '_');
        }
        return name.toString();
    }
}
