package io.basicflow.engine.api;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of {@link WorkflowEngine#start}.
 *
 * @param executionId the execution's id
 * @param created true when this call created it, false when it existed already
 */
public record StartResult(String executionId, boolean created) {

    /**
     * Validates the id.
     *
     * @param executionId not null
     * @param created the flag
     */
    public StartResult {
        requireNonNull(executionId, "executionId is null");
    }
}
