package io.basicflow.tools;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.value.Value;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One parameter of a tool, as its {@code PARAM} line declares it: {@code PARAM name AS type [LIKE
 * "example"] [DESCRIPTION "…"] [OPTIONAL]}, or {@code PARAM name AS "a", "b"} for a list of choices.
 *
 * @param name the parameter name, lower case; the child script reads the argument from the
 *     variable of this name
 * @param type the type name as declared, upper case ({@code STRING}, {@code EMAIL}, {@code ENUM},
 *     or a name basicflow does not know)
 * @param description the {@code DESCRIPTION}, if any
 * @param example the {@code LIKE} example as written, if any
 * @param optional whether a call may leave it out
 * @param choices the allowed values, in declared order without repeats; empty unless the parameter
 *     lists choices
 * @param defaultValue the {@code DEFAULT} value when it is a literal, published as the schema's
 *     {@code default}
 */
public record ToolParameter(
        String name,
        String type,
        Optional<String> description,
        Optional<String> example,
        boolean optional,
        List<String> choices,
        Optional<Value> defaultValue) {

    /**
     * Validates and normalises the parts: the name lower case, the type upper case, repeated choices
     * dropped.
     *
     * @param name not blank
     * @param type not blank
     * @param description not null
     * @param example not null
     * @param optional the flag
     * @param choices not null; not empty when the type is {@code ENUM}
     */
    public ToolParameter {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(description, "description is null");
        requireNonNull(example, "example is null");
        requireNonNull(defaultValue, "defaultValue is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("parameter name is blank");
        }
        if (type.isBlank()) {
            throw new IllegalArgumentException("parameter '" + name + "' has a blank type");
        }
        name = name.toLowerCase(Locale.ROOT);
        type = type.trim().toUpperCase(Locale.ROOT);
        choices = List.copyOf(new LinkedHashSet<>(choices));
        if (choices.isEmpty() && ParameterType.known(type).orElse(null) == ParameterType.ENUM) {
            throw new IllegalArgumentException("parameter '" + name + "' is an ENUM without choices");
        }
    }

    /**
     * The parameter of a {@code PARAM} step.
     *
     * @param param the compiled step
     * @return the parameter
     * @throws IllegalArgumentException when the step is an {@code ENUM} without choices
     */
    public static ToolParameter of(Step.Param param) {
        Optional<Value> defaultValue = param.defaultValue()
                .map(expression -> expression.tree())
                .filter(tree -> tree instanceof Expr.Literal)
                .map(tree -> ((Expr.Literal) tree).value());
        return new ToolParameter(
                param.name(),
                param.type(),
                param.description(),
                param.example(),
                param.optional(),
                param.choices(),
                defaultValue);
    }

    /**
     * A parameter without a {@code DEFAULT}.
     *
     * @param name not blank
     * @param type not blank
     * @param description not null
     * @param example not null
     * @param optional the flag
     * @param choices not null; not empty when the type is {@code ENUM}
     */
    public ToolParameter(
            String name,
            String type,
            Optional<String> description,
            Optional<String> example,
            boolean optional,
            List<String> choices) {
        this(name, type, description, example, optional, choices, Optional.empty());
    }

    /**
     * A required parameter of a type, with no description or example (handy in tests and for
     * tools declared in code).
     *
     * @param name the name
     * @param type the type name
     * @return the parameter
     */
    public static ToolParameter required(String name, String type) {
        return new ToolParameter(name, type, Optional.empty(), Optional.empty(), false, List.of());
    }

    /**
     * What the parameter accepts.
     *
     * @return {@link ParameterType#ENUM} when there are choices, else the type its name means
     */
    public ParameterType parameterType() {
        return ParameterType.of(type, choices);
    }

    /**
     * Whether a call must give it.
     *
     * @return the opposite of {@link #optional()}
     */
    public boolean required() {
        return !optional;
    }

    /**
     * The parameter as the usage line shows it: {@code name EMAIL}, {@code [name STRING]} when
     * optional, {@code level "low"|"high"} for choices.
     *
     * @return the short form
     */
    public String usage() {
        String shown = choices.isEmpty()
                ? name + " " + type
                : name + " "
                        + String.join(
                                "|", choices.stream().map(c -> "\"" + c + "\"").toList());
        return optional ? "[" + shown + "]" : shown;
    }
}
