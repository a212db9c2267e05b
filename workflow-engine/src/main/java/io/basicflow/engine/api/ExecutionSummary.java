package io.basicflow.engine.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * One execution in a listing.
 *
 * @param id the id
 * @param scriptName the script's name
 * @param status where it stands
 * @param createdAt when it started
 * @param updatedAt when it last changed
 * @param parentId the parent, for a child execution
 */
public record ExecutionSummary(
        String id,
        String scriptName,
        ExecutionStatus status,
        Instant createdAt,
        Instant updatedAt,
        Optional<String> parentId) {

    /**
     * Validates the parts.
     *
     * @param id not null
     * @param scriptName not null
     * @param status not null
     * @param createdAt not null
     * @param updatedAt not null
     * @param parentId not null
     */
    public ExecutionSummary {
        requireNonNull(id, "id is null");
        requireNonNull(scriptName, "scriptName is null");
        requireNonNull(status, "status is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
        requireNonNull(parentId, "parentId is null");
    }
}
