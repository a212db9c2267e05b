package io.basicflow.spi.value;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A basicflow value: what a variable holds, what an expression yields and what a keyword handler
 * receives and returns. Values are immutable and serialise to JSON one-to-one (null, boolean,
 * number, string, array, object).
 */
public sealed interface Value permits NullValue, BooleanValue, NumberValue, TextValue, ListValue, MapValue {

    /**
     * Whether this value counts as true in a condition: {@code FALSE}, {@code NULL}, {@code 0},
     * {@code ""} and an empty list or map are false; everything else is true.
     *
     * @return the truthiness of this value
     */
    boolean isTruthy();

    /**
     * The text a user sees for this value, as {@code TALK} prints it: {@code NULL} is empty, numbers
     * print without trailing zeros, lists and maps print as JSON.
     *
     * @return the display text
     */
    String display();

    /**
     * This value as plain Java: {@code null}, {@link Boolean}, {@link Long} or {@link BigDecimal},
     * {@link String}, {@link List} or {@link Map} (insertion-ordered).
     *
     * @return a Java object that {@link #of(Object)} turns back into an equal value
     */
    Object toJava();

    /**
     * Converts a plain Java object into a value: {@code null}, {@link Value}, {@link Boolean}, any
     * {@link Number}, {@link CharSequence}, {@link Iterable} or array of such, {@link Map} with keys
     * turned to strings. Other objects become their {@code toString()} text.
     *
     * @param object the Java object
     * @return the equivalent value
     */
    static Value of(Object object) {
        return switch (object) {
            case null -> NullValue.NULL;
            case Value value -> value;
            case Boolean bool -> BooleanValue.of(bool);
            case Integer number -> NumberValue.of(number.longValue());
            case Long number -> NumberValue.of(number);
            case Short number -> NumberValue.of(number.longValue());
            case Byte number -> NumberValue.of(number.longValue());
            case BigDecimal number -> NumberValue.of(number);
            case java.math.BigInteger number -> NumberValue.of(new BigDecimal(number));
            case Number number -> NumberValue.of(new BigDecimal(number.toString()));
            case CharSequence text -> new TextValue(text.toString());
            case Map<?, ?> map -> {
                Map<String, Value> entries = new LinkedHashMap<>();
                map.forEach((key, value) -> entries.put(String.valueOf(key), of(value)));
                yield new MapValue(entries);
            }
            case Iterable<?> items -> {
                List<Value> elements = new ArrayList<>();
                items.forEach(item -> elements.add(of(item)));
                yield new ListValue(elements);
            }
            case Object[] items -> {
                List<Value> elements = new ArrayList<>(items.length);
                for (Object item : items) {
                    elements.add(of(item));
                }
                yield new ListValue(elements);
            }
            default -> new TextValue(object.toString());
        };
    }

    /**
     * A text value.
     *
     * @param text the text, not null
     * @return the value
     */
    static TextValue text(String text) {
        return new TextValue(text);
    }

    /**
     * A number value.
     *
     * @param number the number
     * @return the value
     */
    static NumberValue number(long number) {
        return NumberValue.of(number);
    }

    /**
     * The {@code NULL} value.
     *
     * @return {@link NullValue#NULL}
     */
    static NullValue nullValue() {
        return NullValue.NULL;
    }
}
