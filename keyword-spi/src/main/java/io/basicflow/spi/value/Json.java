package io.basicflow.spi.value;

import java.util.Map;

/** Compact JSON text for values, as {@link Value#display()} prints lists and maps. JDK only. */
public final class Json {

    private Json() {}

    /**
     * Writes a value as compact JSON.
     *
     * @param value the value
     * @return JSON text
     */
    public static String write(Value value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Value value, StringBuilder out) {
        switch (value) {
            case NullValue ignored -> out.append("null");
            case BooleanValue bool -> out.append(bool.value());
            case IntegerValue number -> out.append(number.value());
            case DecimalValue number -> out.append(number.display());
            case TextValue text -> quote(text.value(), out);
            case ListValue list -> {
                out.append('[');
                for (int i = 0; i < list.elements().size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(list.elements().get(i), out);
                }
                out.append(']');
            }
            case MapValue map -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, Value> entry : map.entries().entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    quote(entry.getKey(), out);
                    out.append(':');
                    write(entry.getValue(), out);
                }
                out.append('}');
            }
        }
    }

    /**
     * Appends a JSON string literal.
     *
     * @param text the text to quote
     * @param out where to append
     */
    public static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
