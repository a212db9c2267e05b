package io.basicflow.tools;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.program.Program;
import io.basicflow.spi.program.SourceSpan;
import io.basicflow.spi.program.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a tool is and takes: its name, its {@code DESCRIPTION} and its {@code PARAM}s in declared
 * order. {@link ToolSchema} turns it into the JSON Schema of MCP's {@code tools/list}; {@link
 * ToolArguments} checks a call against it.
 *
 * <p>Rules for reading a script ({@link #from(String, Program)}):
 *
 * <ul>
 *   <li>Only {@code PARAM} and {@code DESCRIPTION} lines at the top level of the script count (not
 *       inside a {@code SUB}, {@code IF} or loop).
 *   <li>The first {@code DESCRIPTION} is the tool's; later ones are ignored with a warning.
 *   <li>A missing {@code DESCRIPTION} is allowed (MCP's {@code description} is optional) but gives
 *       a warning, since an LLM host picks tools by their description.
 *   <li>The same parameter declared twice is an error.
 *   <li>A parameter that lists a single choice ({@code PARAM location AS "The city, e.g. Paris"}) is
 *       a {@code STRING} described by that text, with a warning: a one-value enum is never meant.
 * </ul>
 *
 * @param name the tool name: its path in the tools folder without {@code .bas} ({@code lookup},
 *     {@code crm/create-lead})
 * @param description the tool's {@code DESCRIPTION}, if any
 * @param parameters the parameters in declared order, names unique
 * @param warnings things that work but deserve the author's attention, one sentence each
 */
public record ToolSignature(
        String name, Optional<String> description, List<ToolParameter> parameters, List<String> warnings) {

    /**
     * Validates and copies the parts.
     *
     * @param name not blank
     * @param description not null
     * @param parameters not null, names unique
     * @param warnings not null
     */
    public ToolSignature {
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        parameters = List.copyOf(parameters);
        warnings = List.copyOf(warnings);
        if (name.isBlank()) {
            throw new IllegalArgumentException("tool name is blank");
        }
        Set<String> names = new HashSet<>();
        for (ToolParameter parameter : parameters) {
            if (!names.add(parameter.name())) {
                throw new IllegalArgumentException(
                        "tool '" + name + "' declares parameter '" + parameter.name() + "' twice");
            }
        }
    }

    /**
     * Reads the signature of a compiled tool script.
     *
     * @param name the tool name (its path in the tools folder without {@code .bas})
     * @param program the compiled script
     * @return the signature, with warnings for a missing or repeated {@code DESCRIPTION}, unknown
     *     types and examples that do not fit their type
     * @throws ToolSignatureException when a parameter is declared twice or an {@code ENUM} has no
     *     choices; the message names the line and column
     */
    public static ToolSignature from(String name, Program program) {
        requireNonNull(name, "name is null");
        requireNonNull(program, "program is null");
        Optional<String> description = Optional.empty();
        SourceSpan descriptionAt = null;
        List<ToolParameter> parameters = new ArrayList<>();
        Map<String, SourceSpan> declaredAt = new HashMap<>();
        List<String> warnings = new ArrayList<>();
        String script = program.name();
        for (Step step : program.body()) {
            if (step instanceof Step.Description line) {
                if (description.isEmpty()) {
                    description = Optional.of(line.text());
                    descriptionAt = line.span();
                } else {
                    warnings.add(script + ":" + line.span() + ": a second DESCRIPTION is ignored; the tool's"
                            + " description is the first one, at " + descriptionAt);
                }
            } else if (step instanceof Step.Param param) {
                SourceSpan earlier = declaredAt.putIfAbsent(param.name(), param.span());
                if (earlier != null) {
                    throw new ToolSignatureException(
                            name,
                            script + ":" + param.span() + ": parameter '" + param.name()
                                    + "' is declared twice (first at " + earlier + "); rename or remove one");
                }
                if (param.choices().isEmpty() && param.type().equalsIgnoreCase("ENUM")) {
                    throw new ToolSignatureException(
                            name,
                            script + ":" + param.span() + ": parameter '" + param.name()
                                    + "' is an ENUM without choices; write PARAM " + param.name()
                                    + " AS \"first\", \"second\"");
                }
                ToolParameter parameter = ToolParameter.of(param);
                if (parameter.choices().size() == 1) {
                    parameter = describedByItsOnlyChoice(parameter);
                    warnings.add(script + ":" + param.span() + ": parameter '" + param.name()
                            + "' lists a single choice; it is read as a STRING described by that text (write"
                            + " PARAM " + param.name() + " AS STRING DESCRIPTION \"…\" to say so, or list two"
                            + " or more choices)");
                }
                parameters.add(parameter);
                warnings.addAll(parameterWarnings(script, param.span(), parameter));
            }
        }
        if (description.isEmpty()) {
            warnings.add(
                    0,
                    script + ": no DESCRIPTION; an LLM host picks tools by their description,"
                            + " so add DESCRIPTION \"what this tool does\"");
        }
        return new ToolSignature(name, description, parameters, warnings);
    }

    /**
     * {@code PARAM location AS "The city and state, e.g. San Francisco, CA"}: a choice list of one
     * would let a caller pass only that very text, which no author means; real scripts write it as
     * the parameter's description.
     */
    private static ToolParameter describedByItsOnlyChoice(ToolParameter parameter) {
        String onlyChoice = parameter.choices().getFirst();
        return new ToolParameter(
                parameter.name(),
                "STRING",
                parameter.description().or(() -> Optional.of(onlyChoice)),
                parameter.example(),
                parameter.optional(),
                List.of());
    }

    private static List<String> parameterWarnings(String script, SourceSpan span, ToolParameter parameter) {
        List<String> warnings = new ArrayList<>();
        if (parameter.parameterType() == ParameterType.UNKNOWN) {
            warnings.add(script + ":" + span + ": parameter '" + parameter.name() + "' has type " + parameter.type()
                    + ", which basicflow does not know; it is accepted as a string");
        }
        parameter.example().ifPresent(example -> {
            if (ToolArguments.coerce(parameter, io.basicflow.spi.value.Value.text(example))
                    instanceof ToolArguments.Coercion.Rejected rejected) {
                warnings.add(script + ":" + span + ": the example of parameter '" + parameter.name()
                        + "' does not fit its type: " + rejected.message());
            }
        });
        return warnings;
    }

    /**
     * A parameter by name.
     *
     * @param parameterName the name, any case
     * @return the parameter, if the tool declares it
     */
    public Optional<ToolParameter> parameter(String parameterName) {
        return parameters.stream()
                .filter(p -> p.name().equalsIgnoreCase(parameterName))
                .findFirst();
    }

    /**
     * How to call the tool, for error messages: {@code create-ticket(title STRING, [priority
     * "low"|"high"])}.
     *
     * @return the usage line
     */
    public String usage() {
        return name + "(" + parameters.stream().map(ToolParameter::usage).collect(Collectors.joining(", ")) + ")";
    }
}
