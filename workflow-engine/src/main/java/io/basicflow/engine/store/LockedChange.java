package io.basicflow.engine.store;

import static java.util.Objects.requireNonNull;

/** What an operation holding an execution's row lock writes ({@link EventStore#withLocked}). */
public sealed interface LockedChange {

    /** Nothing. */
    record None() implements LockedChange {}

    /**
     * A commit by the operation itself (it holds no lease: its fence is the lock and the version).
     *
     * @param commit what to write
     * @param notifyWork whether to wake the workers (the execution became runnable)
     */
    record Commit(ExecutionCommit commit, boolean notifyWork) implements LockedChange {
        /**
         * Validates the commit.
         *
         * @param commit not null
         * @param notifyWork the flag
         */
        public Commit {
            requireNonNull(commit, "commit is null");
        }
    }

    /**
     * Asks the worker that runs the execution to cancel it at its next commit.
     *
     * @param reason recorded in the history
     */
    record RequestCancel(String reason) implements LockedChange {
        /**
         * Validates the reason.
         *
         * @param reason not null
         */
        public RequestCancel {
            requireNonNull(reason, "reason is null");
        }
    }
}
