package io.basicflow.engine.store;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A commit whose content is made inside its own transaction: the store opens the transaction, fences
 * the execution (its row locked, still leased by the committer with {@code expectedVersion}), then
 * calls {@link #work} with the transaction's connection. The work runs a data keyword's handler on
 * that connection and returns the commit that records it; the store writes that commit in the same
 * transaction. A fence that fails calls no work and writes nothing. The store first writes a group
 * with every work unguarded (no savepoint); when one fails, it rolls back and writes the group again
 * with every work guarded.
 *
 * @param executionId the execution
 * @param expectedVersion the version the committer holds
 * @param work makes the commit, writing on the connection first
 */
public record TransactionalCommit(String executionId, long expectedVersion, Work work) {

    /**
     * Validates the parts.
     *
     * @param executionId not null
     * @param expectedVersion the fence
     * @param work not null
     */
    public TransactionalCommit {
        requireNonNull(executionId, "executionId is null");
        requireNonNull(work, "work is null");
    }

    /**
     * What runs inside the transaction, after the fence held: {@link #write} (perhaps twice, see
     * {@link io.basicflow.engine.interpreter.TransactionalWork}), then {@link #record} once.
     */
    public interface Work {
        /**
         * Writes on the connection.
         *
         * @param connection the transaction's connection; do not commit, roll back or close it
         * @param guarded whether to write inside a savepoint (a failure then is the step's own)
         * @return false when the write failed unguarded: roll the transaction back and write the group
         *     again guarded
         * @throws SQLException when a statement fails in a way that breaks the transaction
         */
        boolean write(Connection connection, boolean guarded) throws SQLException;

        /**
         * Records the written step and returns the commit that records it.
         *
         * @return the commit for this execution, with the same id and expected version
         */
        ExecutionCommit record();
    }
}
