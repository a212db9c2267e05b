package io.basicflow.spi.value;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * An exact decimal that is not a long-sized integer. Create through {@link NumberValue#of(BigDecimal)}
 * so that equal numbers compare equal.
 *
 * @param value the decimal
 */
public record DecimalValue(BigDecimal value) implements NumberValue {

    /**
     * Validates the decimal.
     *
     * @param value the decimal, not null
     */
    public DecimalValue {
        requireNonNull(value, "value is null");
    }

    @Override
    public BigDecimal toBigDecimal() {
        return value;
    }

    @Override
    public boolean isTruthy() {
        return value.signum() != 0;
    }

    @Override
    public String display() {
        return value.stripTrailingZeros().toPlainString();
    }

    @Override
    public Object toJava() {
        return value;
    }
}
