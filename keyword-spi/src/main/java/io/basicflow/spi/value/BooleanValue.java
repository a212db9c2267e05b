package io.basicflow.spi.value;

/**
 * {@code TRUE} or {@code FALSE}.
 *
 * @param value the boolean
 */
public record BooleanValue(boolean value) implements Value {

    /** {@code TRUE}. */
    public static final BooleanValue TRUE = new BooleanValue(true);

    /** {@code FALSE}. */
    public static final BooleanValue FALSE = new BooleanValue(false);

    /**
     * The shared instance for a boolean.
     *
     * @param value the boolean
     * @return {@link #TRUE} or {@link #FALSE}
     */
    public static BooleanValue of(boolean value) {
        return value ? TRUE : FALSE;
    }

    @Override
    public boolean isTruthy() {
        return value;
    }

    @Override
    public String display() {
        return value ? "true" : "false";
    }

    @Override
    public Object toJava() {
        return value;
    }
}
