package io.basicflow.spi.value;

/** The {@code NULL} value: what an unset variable or a missing map entry reads as. */
public enum NullValue implements Value {
    /** The only instance. */
    NULL;

    @Override
    public boolean isTruthy() {
        return false;
    }

    @Override
    public String display() {
        return "";
    }

    @Override
    public Object toJava() {
        return null;
    }

    @Override
    public String toString() {
        return "NULL";
    }
}
