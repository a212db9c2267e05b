package io.basicflow.engine.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Filters and paging for {@link WorkflowEngine#list}. Results are ordered newest first (by creation
 * time, then id); a page continues after the {@code after} cursor of the previous page.
 *
 * @param statuses only these statuses; empty for all
 * @param scriptName only executions of this script
 * @param createdFrom only executions created at or after this time
 * @param createdTo only executions created before this time
 * @param after the cursor returned with the previous page, empty for the first page
 * @param limit page size, 1–1000
 */
public record ExecutionQuery(
        Set<ExecutionStatus> statuses,
        Optional<String> scriptName,
        Optional<Instant> createdFrom,
        Optional<Instant> createdTo,
        Optional<String> after,
        int limit) {

    /**
     * Validates and copies the parts.
     *
     * @param statuses not null
     * @param scriptName not null
     * @param createdFrom not null
     * @param createdTo not null
     * @param after not null
     * @param limit 1–1000
     */
    public ExecutionQuery {
        statuses = Set.copyOf(statuses);
        requireNonNull(scriptName, "scriptName is null");
        requireNonNull(createdFrom, "createdFrom is null");
        requireNonNull(createdTo, "createdTo is null");
        requireNonNull(after, "after is null");
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000, was " + limit);
        }
    }

    /**
     * The first page of all executions.
     *
     * @param limit page size
     * @return the query
     */
    public static ExecutionQuery all(int limit) {
        return new ExecutionQuery(
                Set.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), limit);
    }
}
