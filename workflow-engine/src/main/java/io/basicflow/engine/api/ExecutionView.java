package io.basicflow.engine.api;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.value.Value;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One execution as a front end sees it.
 *
 * @param id the execution's id
 * @param scriptName the script's name
 * @param scriptHash the sha-256 of the exact source it runs
 * @param status where it stands
 * @param createdAt when it started
 * @param updatedAt when it last changed
 * @param variables its variables as of the last commit
 * @param result the value of its final {@code RETURN}, when completed
 * @param error what failed, when failed
 * @param waitingFor what a waiting execution waits for (the HEAR's variable and type, the wake-up
 *     time, the child), when waiting
 * @param lastSeq the sequence number of its last event
 * @param activeTools the names of its active tools, in order
 * @param parentId the parent execution, for a child
 */
public record ExecutionView(
        String id,
        String scriptName,
        String scriptHash,
        ExecutionStatus status,
        Instant createdAt,
        Instant updatedAt,
        Map<String, Value> variables,
        Optional<Value> result,
        Optional<ExecutionError> error,
        Optional<String> waitingFor,
        long lastSeq,
        List<String> activeTools,
        Optional<String> parentId) {

    /**
     * Validates and copies the parts.
     *
     * @param id not null
     * @param scriptName not null
     * @param scriptHash not null
     * @param status not null
     * @param createdAt not null
     * @param updatedAt not null
     * @param variables not null
     * @param result not null
     * @param error not null
     * @param waitingFor not null
     * @param lastSeq at least 0
     * @param activeTools not null
     * @param parentId not null
     */
    public ExecutionView {
        requireNonNull(id, "id is null");
        requireNonNull(scriptName, "scriptName is null");
        requireNonNull(scriptHash, "scriptHash is null");
        requireNonNull(status, "status is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        requireNonNull(result, "result is null");
        requireNonNull(error, "error is null");
        requireNonNull(waitingFor, "waitingFor is null");
        activeTools = List.copyOf(activeTools);
        requireNonNull(parentId, "parentId is null");
    }
}
