package io.basicflow.spi.program;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The left side of an assignment: a variable, optionally followed by member and index accessors
 * ({@code order.lines[2].price}).
 *
 * @param variable the variable name, lower case
 * @param path accessors applied in order, empty for a plain variable
 */
public record Target(String variable, List<Accessor> path) {

    /**
     * Validates and copies the parts.
     *
     * @param variable not null
     * @param path not null
     */
    public Target {
        requireNonNull(variable, "variable is null");
        path = List.copyOf(path);
    }

    /**
     * A plain variable target.
     *
     * @param variable the variable name, lower case
     * @return the target
     */
    public static Target variable(String variable) {
        return new Target(variable, List.of());
    }

    /** One step into a map or list on the left side of an assignment. */
    public sealed interface Accessor {

        /**
         * {@code .name}: a map member.
         *
         * @param name the member name as written
         */
        record Field(String name) implements Accessor {
            /**
             * Validates the name.
             *
             * @param name not null
             */
            public Field {
                requireNonNull(name, "name is null");
            }
        }

        /**
         * {@code [index]}: a list index or map key.
         *
         * @param index the index expression
         */
        record Element(Expression index) implements Accessor {
            /**
             * Validates the index.
             *
             * @param index not null
             */
            public Element {
                requireNonNull(index, "index is null");
            }
        }
    }
}
