package com.example.tickets;

import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON (RFC 8259) into basicflow values: objects become maps (keys in document order; a
 * repeated key keeps its first place and its last value, as JavaScript does), arrays lists, numbers exact ({@code 0.1} stays {@code 0.1}),
 * and so on. The plugin may depend on {@code keyword-spi} alone, so it brings its own small reader
 * instead of a JSON library.
 */
final class JsonReader {

    /** Deeper documents are refused rather than risking the stack. */
    static final int MAX_DEPTH = 256;

    /** Larger exponents are refused: {@code 1e999999999} would print as a billion digits. */
    private static final int MAX_EXPONENT = 1_000;

    private final String text;
    private int position;

    private JsonReader(String text) {
        this.text = text;
    }

    /**
     * Reads one JSON document.
     *
     * @param text the document; whitespace around it is allowed
     * @return its value
     * @throws JsonException when it is not valid JSON, with the offset of the problem
     */
    static Value read(String text) {
        JsonReader reader = new JsonReader(text);
        reader.skipWhitespace();
        Value value = reader.value(0);
        reader.skipWhitespace();
        if (reader.position < text.length()) {
            throw reader.error("unexpected " + reader.describeNext() + " after the document");
        }
        return value;
    }

    private Value value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("the document is nested deeper than " + MAX_DEPTH + " levels");
        }
        if (position >= text.length()) {
            throw error("the document ends where a value was expected");
        }
        char c = text.charAt(position);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> Value.text(string());
            case 't' -> literal("true", BooleanValue.TRUE);
            case 'f' -> literal("false", BooleanValue.FALSE);
            case 'n' -> literal("null", NullValue.NULL);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("unexpected " + describeNext() + " where a value was expected");
            }
        };
    }

    private Value object(int depth) {
        position++; // {
        Map<String, Value> entries = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            position++;
            return new MapValue(entries);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a member name in quotes, found " + describeNext());
            }
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            entries.put(key, value(depth + 1)); // a repeated key keeps its first place and its last value
            skipWhitespace();
            char next = peek();
            position++;
            if (next == '}') {
                return new MapValue(entries);
            }
            if (next != ',') {
                position--;
                throw error("expected ',' or '}' in an object, found " + describeNext());
            }
        }
    }

    private Value array(int depth) {
        position++; // [
        List<Value> elements = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            position++;
            return new ListValue(elements);
        }
        while (true) {
            skipWhitespace();
            elements.add(value(depth + 1));
            skipWhitespace();
            char next = peek();
            position++;
            if (next == ']') {
                return new ListValue(elements);
            }
            if (next != ',') {
                position--;
                throw error("expected ',' or ']' in an array, found " + describeNext());
            }
        }
    }

    private String string() {
        position++; // opening quote
        StringBuilder out = new StringBuilder();
        while (true) {
            if (position >= text.length()) {
                throw error("the document ends inside a string");
            }
            char c = text.charAt(position++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                position--;
                throw error("a control character (U+%04X) must be escaped in a string".formatted((int) c));
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (position >= text.length()) {
                throw error("the document ends inside an escape");
            }
            char escaped = text.charAt(position++);
            switch (escaped) {
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case '/' -> out.append('/');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(unicodeEscape());
                default -> {
                    position--;
                    throw error("unknown escape \\" + escaped);
                }
            }
        }
    }

    /** Four hex digits; a lone surrogate is kept as it is, as JavaScript does. */
    private char unicodeEscape() {
        if (position + 4 > text.length()) {
            throw error("the document ends inside a \\u escape");
        }
        int code = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(position + i), 16);
            if (digit < 0) {
                throw error("\\u must be followed by four hexadecimal digits");
            }
            code = code * 16 + digit;
        }
        position += 4;
        return (char) code;
    }

    private Value number() {
        int start = position;
        if (peek() == '-') {
            position++;
        }
        if (peek() == '0') {
            position++;
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw error("a number needs digits after '-'");
        }
        boolean integral = true;
        if (peek() == '.') {
            integral = false;
            position++;
            if (!isDigit(peek())) {
                throw error("a number needs digits after '.'");
            }
            digits();
        }
        int exponentStart = -1;
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            position++;
            exponentStart = position;
            if (peek() == '+' || peek() == '-') {
                position++;
            }
            if (!isDigit(peek())) {
                throw error("a number needs digits in its exponent");
            }
            digits();
        }
        String literal = text.substring(start, position);
        if (exponentStart >= 0) {
            String exponent = text.substring(exponentStart, position).replace("+", "");
            if (exponent.replace("-", "").length() > 4 || Math.abs(Integer.parseInt(exponent)) > MAX_EXPONENT) {
                position = start;
                throw error("the number " + abbreviate(literal) + " is out of range (exponent beyond " + MAX_EXPONENT
                        + ")");
            }
        }
        if (integral && literal.length() <= 18) {
            return Value.number(Long.parseLong(literal));
        }
        return Value.of(new BigDecimal(literal));
    }

    private void digits() {
        while (isDigit(peek())) {
            position++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private Value literal(String word, Value value) {
        if (!text.startsWith(word, position)) {
            throw error("unexpected " + describeNext() + " where a value was expected");
        }
        position += word.length();
        return value;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "', found " + describeNext());
        }
        position++;
    }

    private char peek() {
        return position < text.length() ? text.charAt(position) : '\0';
    }

    private void skipWhitespace() {
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            position++;
        }
    }

    private String describeNext() {
        if (position >= text.length()) {
            return "end of document";
        }
        char c = text.charAt(position);
        return c < 0x20 || c == 0x7f ? "character U+%04X".formatted((int) c) : "'" + c + "'";
    }

    private static String abbreviate(String literal) {
        return literal.length() <= 40 ? literal : literal.substring(0, 37) + "...";
    }

    private JsonException error(String problem) {
        return new JsonException(problem + " at offset " + position);
    }

    /** The text is not valid JSON. */
    static final class JsonException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        JsonException(String message) {
            super(message);
        }
    }
}
