package io.basicflow.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A type for {@code HEAR x AS TYPE}: validates and normalises what the user typed. Built-in types
 * ({@code EMAIL}, {@code DATE}, …) are declared the same way.
 *
 * @param name the type name, one upper case word
 * @param aliases other names for it ({@code TEXT} for {@code STRING})
 * @param validator checks and normalises input
 * @param description what it accepts, for documentation
 */
public record InputTypeDefinition(String name, List<String> aliases, InputValidator validator, String description) {

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    /**
     * Validates the declaration.
     *
     * @param name one upper case word
     * @param aliases upper case words
     * @param validator not null
     * @param description not null
     */
    public InputTypeDefinition {
        requireNonNull(name, "name is null");
        requireNonNull(validator, "validator is null");
        requireNonNull(description, "description is null");
        aliases = List.copyOf(aliases);
        for (String candidate : concat(name, aliases)) {
            if (!NAME.matcher(candidate).matches()) {
                throw new IllegalArgumentException("input type name '" + candidate + "' must be one upper case word");
            }
        }
    }

    private static List<String> concat(String name, List<String> aliases) {
        java.util.ArrayList<String> all = new java.util.ArrayList<>(aliases);
        all.add(name);
        return all;
    }
}
