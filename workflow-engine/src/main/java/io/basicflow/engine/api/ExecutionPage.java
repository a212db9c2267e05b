package io.basicflow.engine.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One page of executions.
 *
 * @param executions the executions on this page
 * @param next the cursor for the next page, empty on the last page
 */
public record ExecutionPage(List<ExecutionSummary> executions, Optional<String> next) {

    /**
     * Validates and copies the parts.
     *
     * @param executions not null
     * @param next not null
     */
    public ExecutionPage {
        executions = List.copyOf(executions);
        requireNonNull(next, "next is null");
    }
}
