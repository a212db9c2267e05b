package io.basicflow.compiler.core;

import io.basicflow.spi.FunctionDefinition;
import io.basicflow.spi.PureFunction;

/** Shorthand for declaring built-in functions. */
final class Functions {

    /** For functions that take any number of arguments. */
    static final int ANY = Integer.MAX_VALUE;

    private Functions() {}

    static FunctionDefinition define(
            String name, int minimum, int maximum, String description, PureFunction implementation) {
        return new FunctionDefinition(name, minimum, maximum, implementation, description);
    }

    /** The same function under another name. */
    static FunctionDefinition alias(String name, FunctionDefinition original) {
        return new FunctionDefinition(
                name,
                original.minimumArguments(),
                original.maximumArguments(),
                original.implementation(),
                original.description() + " (same as " + original.name() + ")");
    }
}
