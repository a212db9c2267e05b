package io.basicflow.engine.api;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.value.Value;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A request to start an execution.
 *
 * @param executionId the caller's id for idempotency, or empty for a generated one
 * @param scriptName the script's name (its file name), shown in listings and errors
 * @param source the script's source; the execution pins this exact version
 * @param variables initial variables (lower-case names), e.g. a tool's arguments
 * @param durableWithoutPragma whether a script without the {@code #workflow} line starts too (a
 *     server that runs every script durably, e.g. a General Bots bot's dialogs); when false such a
 *     script is refused
 */
public record StartRequest(
        Optional<String> executionId,
        String scriptName,
        String source,
        Map<String, Value> variables,
        boolean durableWithoutPragma) {

    /**
     * A start that accepts {@code #workflow} scripts only.
     *
     * @param executionId the caller's id, or empty
     * @param scriptName the script's name
     * @param source the script's source
     * @param variables initial variables
     */
    public StartRequest(Optional<String> executionId, String scriptName, String source, Map<String, Value> variables) {
        this(executionId, scriptName, source, variables, false);
    }

    /**
     * Validates and copies the parts.
     *
     * @param executionId not null; when present 1–200 characters of letters, digits and {@code
     *     -_.:@}
     * @param scriptName not null
     * @param source not null
     * @param variables not null
     */
    public StartRequest {
        requireNonNull(executionId, "executionId is null");
        requireNonNull(scriptName, "scriptName is null");
        requireNonNull(source, "source is null");
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        executionId.ifPresent(ExecutionIds::requireValid);
    }
}
