package io.basicflow.compiler.evaluation;

import io.basicflow.spi.value.Value;

/**
 * Read access to a run's variables, as the {@link Evaluator} needs it. Names are canonical: lower
 * case.
 */
@FunctionalInterface
public interface Variables {

    /**
     * Reads a variable.
     *
     * @param name the variable name, lower case
     * @return its value, or {@link io.basicflow.spi.value.NullValue#NULL} when it is unset; never
     *     {@code null}
     */
    Value get(String name);

    /**
     * No variables at all: every name reads as {@code NULL}.
     *
     * @return the empty variable set
     */
    static Variables none() {
        return name -> io.basicflow.spi.value.NullValue.NULL;
    }

    /**
     * Variables backed by a map; a missing name reads as {@code NULL}.
     *
     * @param values the variables by lower case name; read live, not copied
     * @return the variables
     */
    static Variables of(java.util.Map<String, ? extends Value> values) {
        java.util.Objects.requireNonNull(values, "values is null");
        return name -> {
            Value value = values.get(name);
            return value == null ? io.basicflow.spi.value.NullValue.NULL : value;
        };
    }
}
