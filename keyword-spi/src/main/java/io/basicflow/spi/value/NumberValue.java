package io.basicflow.spi.value;

import java.math.BigDecimal;

/**
 * An exact number. Integers that fit a {@code long} are {@link IntegerValue} (the fast path);
 * everything else is a {@link DecimalValue}. {@link #of(BigDecimal)} picks the right one, so two
 * equal numbers always have the same representation.
 */
public sealed interface NumberValue extends Value permits IntegerValue, DecimalValue {

    /** The smallest long, as a decimal. */
    BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);

    /** The largest long, as a decimal. */
    BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    /**
     * This number as a {@link BigDecimal}.
     *
     * @return the exact decimal
     */
    BigDecimal toBigDecimal();

    /**
     * A number value for a long.
     *
     * @param value the integer
     * @return an {@link IntegerValue}
     */
    static NumberValue of(long value) {
        return IntegerValue.of(value);
    }

    /**
     * A number value for a decimal, normalised: integral values that fit a long become {@link
     * IntegerValue}, others lose trailing zeros.
     *
     * @param value the decimal, not null
     * @return the canonical number value
     */
    static NumberValue of(BigDecimal value) {
        if (value.signum() == 0) {
            return IntegerValue.ZERO;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.compareTo(LONG_MIN) >= 0 && stripped.compareTo(LONG_MAX) <= 0) {
            return IntegerValue.of(stripped.longValueExact());
        }
        return new DecimalValue(stripped);
    }
}
