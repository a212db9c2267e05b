package io.basicflow.data;

import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the JSON that {@link io.basicflow.spi.value.Json#write} and PostgreSQL's jsonb write. */
final class JsonReader {

    private final String text;
    private int at;

    private JsonReader(String text) {
        this.text = text;
    }

    /**
     * Parses JSON text into a value.
     *
     * @param json the text
     * @return the value
     * @throws IllegalArgumentException when it is not JSON
     */
    static Value read(String json) {
        JsonReader reader = new JsonReader(json);
        Value value = reader.value();
        reader.space();
        if (reader.at != json.length()) {
            throw reader.error("unexpected text after the value");
        }
        return value;
    }

    private Value value() {
        space();
        if (at >= text.length()) {
            throw error("unexpected end");
        }
        char c = text.charAt(at);
        switch (c) {
            case '{' -> {
                at++;
                Map<String, Value> entries = new LinkedHashMap<>();
                space();
                if (peek('}')) {
                    return new MapValue(entries);
                }
                do {
                    space();
                    String key = string();
                    space();
                    expect(':');
                    entries.put(key, value());
                    space();
                } while (peek(','));
                expect('}');
                return new MapValue(entries);
            }
            case '[' -> {
                at++;
                List<Value> elements = new ArrayList<>();
                space();
                if (peek(']')) {
                    return new ListValue(elements);
                }
                do {
                    elements.add(value());
                    space();
                } while (peek(','));
                expect(']');
                return new ListValue(elements);
            }
            case '"' -> {
                return new TextValue(string());
            }
            default -> {
                if (text.startsWith("true", at)) {
                    at += 4;
                    return BooleanValue.TRUE;
                }
                if (text.startsWith("false", at)) {
                    at += 5;
                    return BooleanValue.FALSE;
                }
                if (text.startsWith("null", at)) {
                    at += 4;
                    return NullValue.NULL;
                }
                int start = at;
                while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
                    at++;
                }
                if (start == at) {
                    throw error("unexpected '" + c + "'");
                }
                return Value.of(new BigDecimal(text.substring(start, at)));
            }
        }
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escaped = text.charAt(at++);
            switch (escaped) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                    at += 4;
                }
                default -> out.append(escaped);
            }
        }
        throw error("unterminated string");
    }

    private boolean peek(char c) {
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error("expected '" + c + "'");
        }
    }

    private void space() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("invalid JSON at " + at + ": " + what);
    }
}
