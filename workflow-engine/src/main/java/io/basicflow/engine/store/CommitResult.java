package io.basicflow.engine.store;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What became of one execution's commit in a group commit.
 *
 * @param executionId the execution
 * @param committed true when the fence held and everything was written; false when the committer
 *     lost its lease (nothing of this execution was written)
 * @param version the execution's version after the commit (the fence for the next one)
 * @param cancelRequested the reason, when someone asked to cancel the execution
 */
public record CommitResult(String executionId, boolean committed, long version, Optional<String> cancelRequested) {

    /**
     * Validates the parts.
     *
     * @param executionId not null
     * @param committed the flag
     * @param version the version
     * @param cancelRequested not null
     */
    public CommitResult {
        requireNonNull(executionId, "executionId is null");
        requireNonNull(cancelRequested, "cancelRequested is null");
    }

    /**
     * The answer for a commit whose fence did not hold.
     *
     * @param executionId the execution
     * @return the result
     */
    public static CommitResult leaseLost(String executionId) {
        return new CommitResult(executionId, false, -1, Optional.empty());
    }
}
