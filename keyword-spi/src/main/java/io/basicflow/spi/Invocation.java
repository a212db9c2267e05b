package io.basicflow.spi;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One call of a keyword handler.
 *
 * @param keyword the keyword's name, as declared
 * @param arguments the evaluated arguments by parameter name, in declaration order; left-out
 *     optional parameters hold {@code NULL}, a repeated parameter holds a list; a by-name parameter's
 *     variable names are carried beside it under {@link ParameterDefinition#namesKey} (read them with
 *     {@link #argumentNames})
 * @param idempotencyKey the same for every attempt of this step of this execution, e.g. {@code
 *     "7f3c…/42"}; use it to deduplicate effects
 * @param executionId the execution the step belongs to
 * @param attempt 1 for the first call, then 2, 3, … on retries and after a crash
 * @param context logger, clock and the plugin's configuration
 */
public record Invocation(
        String keyword,
        Map<String, Value> arguments,
        String idempotencyKey,
        String executionId,
        int attempt,
        InvocationContext context) {

    /**
     * Validates and copies the parts.
     *
     * @param keyword not null
     * @param arguments not null
     * @param idempotencyKey not null
     * @param executionId not null
     * @param attempt at least 1
     * @param context not null
     */
    public Invocation {
        requireNonNull(keyword, "keyword is null");
        requireNonNull(idempotencyKey, "idempotencyKey is null");
        requireNonNull(executionId, "executionId is null");
        requireNonNull(context, "context is null");
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
        }
    }

    /**
     * An argument by parameter name.
     *
     * @param parameter the parameter name
     * @return its value, {@code NULL} when it was left out
     */
    public Value argument(String parameter) {
        return arguments.getOrDefault(parameter, NullValue.NULL);
    }

    /**
     * The names of the variables written at a by-name parameter ({@link ParameterDefinition#byName}),
     * one per argument in the order written: {@code SAVE "t", id, nome, email} gives {@code [nome]}
     * for {@code data} and {@code [email]} for the repeated {@code more}. The name is as the script
     * wrote it (case kept; a field path {@code item.customerName} gives its last field, {@code
     * customerName}), or empty for an argument that is neither.
     *
     * @param parameter the parameter name
     * @return the names; empty when the parameter is not by name or was left out
     */
    public java.util.List<String> argumentNames(String parameter) {
        if (!(arguments.get(ParameterDefinition.namesKey(parameter))
                instanceof io.basicflow.spi.value.ListValue names)) {
            return java.util.List.of();
        }
        return names.elements().stream()
                .map(name -> name instanceof io.basicflow.spi.value.TextValue text ? text.value() : "")
                .toList();
    }
}
