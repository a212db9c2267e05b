package io.basicflow.spi;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One parameter of a keyword. Arguments are written in order, separated by commas; a parameter with
 * an introducer is written after that word instead ({@code FIND "users" WHERE email = x} has a
 * parameter {@code filter} introduced by {@code WHERE}).
 *
 * @param name the name handlers look it up by: lower case letters, digits and underscores
 * @param optional whether it may be left out (the handler then receives {@code NULL})
 * @param introducer the word that introduces it, upper case, if any
 * @param repeated whether it takes all remaining arguments as a list (last parameter only)
 * @param description what it means, for error messages and documentation
 */
public record ParameterDefinition(
        String name, boolean optional, Optional<String> introducer, boolean repeated, String description) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern WORD = Pattern.compile("[A-Z][A-Z0-9_]*");

    /**
     * Validates the parameter.
     *
     * @param name lower case identifier
     * @param optional the flag
     * @param introducer an upper case word, if any
     * @param repeated the flag
     * @param description not null
     */
    public ParameterDefinition {
        requireNonNull(name, "name is null");
        requireNonNull(introducer, "introducer is null");
        requireNonNull(description, "description is null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "parameter name '" + name + "' must be lower case letters, digits and underscores");
        }
        introducer.ifPresent(word -> {
            if (!WORD.matcher(word).matches()) {
                throw new IllegalArgumentException(
                        "introducer '" + word + "' of parameter '" + name + "' must be one upper case word");
            }
        });
    }

    /**
     * A required positional parameter.
     *
     * @param name the name
     * @param description what it means
     * @return the parameter
     */
    public static ParameterDefinition required(String name, String description) {
        return new ParameterDefinition(name, false, Optional.empty(), false, description);
    }

    /**
     * An optional positional parameter.
     *
     * @param name the name
     * @param description what it means
     * @return the parameter
     */
    public static ParameterDefinition optional(String name, String description) {
        return new ParameterDefinition(name, true, Optional.empty(), false, description);
    }

    /**
     * A parameter written after an introducing word, e.g. {@code WHERE}.
     *
     * @param introducer the word, any case
     * @param name the name
     * @param optional whether it may be left out
     * @param description what it means
     * @return the parameter
     */
    public static ParameterDefinition introducedBy(
            String introducer, String name, boolean optional, String description) {
        return new ParameterDefinition(
                name, optional, Optional.of(introducer.toUpperCase(Locale.ROOT)), false, description);
    }

    /**
     * A last parameter that collects the remaining arguments into a list.
     *
     * @param name the name
     * @param description what it means
     * @return the parameter
     */
    public static ParameterDefinition repeated(String name, String description) {
        return new ParameterDefinition(name, true, Optional.empty(), true, description);
    }
}
