package io.basicflow.app.tools;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.program.Program;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import io.basicflow.tools.ToolArgumentException;
import io.basicflow.tools.ToolArguments;
import io.basicflow.tools.ToolParameter;
import io.basicflow.tools.ToolSignature;
import io.basicflow.tools.ToolSignatureException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code PARAM}s of a script started on its own (from the command line or {@code POST
 * /executions}), filled the way a tool call fills them: each value is checked against its declared
 * type and coerced ({@code "42"} for an {@code INTEGER} is 42), every problem is reported at once,
 * a left-out optional parameter is {@code NULL}. The tools module's {@link ToolArguments} does the
 * checking, so a script gets the same arguments whether it is started or used as a tool.
 */
public final class ScriptParameters {

    private ScriptParameters() {}

    /**
     * The signature of a compiled script.
     *
     * @param name the script's name
     * @param program the compiled script
     * @return its signature, or empty when its {@code PARAM}s cannot make one (a parameter declared
     *     twice): such a script starts with its variables unchecked
     */
    public static Optional<ToolSignature> signature(String name, Program program) {
        try {
            return Optional.of(ToolSignature.from(name, program));
        } catch (ToolSignatureException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Checks the variables a start gives against the script's {@code PARAM}s. Variables that name a
     * parameter (any case) are checked and coerced; every parameter gets a variable; other variables
     * are kept as they are (a start may seed any variable).
     *
     * @param signature the script's signature
     * @param variables the start's variables
     * @return the variables to start with
     * @throws ToolArgumentException listing every bad value and every missing required parameter
     */
    public static Map<String, Value> forStart(ToolSignature signature, Map<String, Value> variables) {
        requireNonNull(signature, "signature is null");
        requireNonNull(variables, "variables is null");
        if (signature.parameters().isEmpty()) {
            return variables;
        }
        Map<String, Value> parameters = new LinkedHashMap<>();
        Map<String, Value> others = new LinkedHashMap<>();
        variables.forEach((name, value) -> {
            if (signature.parameter(name).isPresent()) {
                parameters.put(name, value);
            } else {
                others.put(name, value);
            }
        });
        Map<String, Value> started = new LinkedHashMap<>(others);
        started.putAll(ToolArguments.validate(signature, parameters));
        return started;
    }

    /**
     * Fills the {@code PARAM}s from the command line ({@code --param name=value}), asking for each
     * missing required one.
     *
     * @param signature the script's signature
     * @param given the values given, as text, by parameter name (any case)
     * @param ask asks for a missing required parameter's value; empty when there is none (the input
     *     ended)
     * @return the variables to start with
     * @throws ToolArgumentException listing every unknown name, bad value and parameter still
     *     missing
     */
    public static Map<String, Value> fromCommandLine(ToolSignature signature, Map<String, String> given, Prompt ask) {
        requireNonNull(signature, "signature is null");
        requireNonNull(given, "given is null");
        requireNonNull(ask, "ask is null");
        Map<String, Value> values = new LinkedHashMap<>();
        given.forEach((name, text) -> values.put(name, new TextValue(text)));
        for (ToolParameter parameter : signature.parameters()) {
            boolean present = given.keySet().stream()
                    .anyMatch(name -> name.toLowerCase(Locale.ROOT).equals(parameter.name()));
            if (!present && parameter.required()) {
                ask.ask(parameter).ifPresent(text -> values.put(parameter.name(), new TextValue(text)));
            }
        }
        return ToolArguments.validate(signature, values);
    }

    /** Asks a person for a parameter's value. */
    @FunctionalInterface
    public interface Prompt {
        /**
         * Asks for one value.
         *
         * @param parameter the parameter, with its type and {@code DESCRIPTION}
         * @return the value typed, or empty when no more input comes
         */
        Optional<String> ask(ToolParameter parameter);
    }
}
