package io.basicflow.spi;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * A pure function usable anywhere in an expression ({@code UPPER(name)}). Built-in functions are
 * declared the same way.
 *
 * @param name the function name, one upper case word
 * @param minimumArguments the fewest arguments it takes
 * @param maximumArguments the most arguments it takes, {@link Integer#MAX_VALUE} for any number
 * @param implementation the function
 * @param description what it computes
 */
public record FunctionDefinition(
        String name, int minimumArguments, int maximumArguments, PureFunction implementation, String description) {

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    /**
     * Validates the declaration.
     *
     * @param name one upper case word
     * @param minimumArguments at least 0
     * @param maximumArguments at least the minimum
     * @param implementation not null
     * @param description not null
     */
    public FunctionDefinition {
        requireNonNull(name, "name is null");
        requireNonNull(implementation, "implementation is null");
        requireNonNull(description, "description is null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("function name '" + name + "' must be one upper case word");
        }
        if (minimumArguments < 0 || maximumArguments < minimumArguments) {
            throw new IllegalArgumentException(
                    "function " + name + ": invalid arity " + minimumArguments + ".." + maximumArguments);
        }
    }
}
