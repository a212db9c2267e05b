package io.basicflow.spi.value;

import static java.util.Objects.requireNonNull;

/**
 * A string.
 *
 * @param value the text, not null
 */
public record TextValue(String value) implements Value {

    /** The empty string. */
    public static final TextValue EMPTY = new TextValue("");

    /**
     * Validates the text.
     *
     * @param value the text, not null
     */
    public TextValue {
        requireNonNull(value, "value is null");
    }

    @Override
    public boolean isTruthy() {
        return !value.isEmpty();
    }

    @Override
    public String display() {
        return value;
    }

    @Override
    public Object toJava() {
        return value;
    }
}
