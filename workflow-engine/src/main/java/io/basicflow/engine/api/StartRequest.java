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
 */
public record StartRequest(
        Optional<String> executionId, String scriptName, String source, Map<String, Value> variables) {

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
