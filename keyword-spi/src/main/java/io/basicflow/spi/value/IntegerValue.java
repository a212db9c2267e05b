package io.basicflow.spi.value;

import java.math.BigDecimal;

/**
 * An integer that fits in a {@code long}.
 *
 * @param value the integer
 */
public record IntegerValue(long value) implements NumberValue {

    /** Zero. */
    public static final IntegerValue ZERO = new IntegerValue(0);

    private static final IntegerValue[] SMALL = new IntegerValue[1025];

    static {
        for (int i = 0; i < SMALL.length; i++) {
            SMALL[i] = new IntegerValue(i - 128);
        }
    }

    /**
     * An integer value, shared for small values.
     *
     * @param value the integer
     * @return the value
     */
    public static IntegerValue of(long value) {
        if (value >= -128 && value <= 896) {
            return SMALL[(int) value + 128];
        }
        return new IntegerValue(value);
    }

    @Override
    public BigDecimal toBigDecimal() {
        return BigDecimal.valueOf(value);
    }

    @Override
    public boolean isTruthy() {
        return value != 0;
    }

    @Override
    public String display() {
        return Long.toString(value);
    }

    @Override
    public Object toJava() {
        return value;
    }
}
