package io.basicflow.engine.store;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * An execution to create: its pinned script, its first event and the state after it. It is created
 * {@code RUNNABLE}, so that a worker claims it at once; or, with a {@link Lease}, {@code RUNNING} and
 * leased to a worker of the creating process, which runs it at once without a claim (its lease
 * expires like any other if that worker does not).
 *
 * @param id the execution's id
 * @param scriptName the script's name
 * @param scriptSource the exact source it runs, stored by its hash
 * @param scriptHash sha-256 of the UTF-8 source, 64 lower-case hex digits
 * @param parent the parent execution and the sequence number of its {@code ChildStarted}, for a
 *     child
 * @param started the {@code ExecutionStarted} event (sequence 1)
 * @param snapshotJson the state after it, as {@link io.basicflow.engine.json.EngineJson} wrote it
 * @param runnableAt when it may run (now)
 * @param lease the worker that runs it at once, if any
 */
public record NewExecution(
        String id,
        String scriptName,
        String scriptSource,
        String scriptHash,
        Optional<ParentLink> parent,
        EventRecord started,
        String snapshotJson,
        Instant runnableAt,
        Optional<Lease> lease) {

    /**
     * Validates the parts.
     *
     * @param id not null
     * @param scriptName not null
     * @param scriptSource not null
     * @param scriptHash not null
     * @param parent not null
     * @param started sequence 1
     * @param snapshotJson not null
     * @param runnableAt not null
     * @param lease not null
     */
    public NewExecution {
        requireNonNull(id, "id is null");
        requireNonNull(scriptName, "scriptName is null");
        requireNonNull(scriptSource, "scriptSource is null");
        requireNonNull(scriptHash, "scriptHash is null");
        requireNonNull(parent, "parent is null");
        requireNonNull(started, "started is null");
        requireNonNull(snapshotJson, "snapshotJson is null");
        requireNonNull(runnableAt, "runnableAt is null");
        requireNonNull(lease, "lease is null");
        if (started.seq() != 1) {
            throw new IllegalArgumentException("an execution starts with event 1, not " + started.seq());
        }
    }

    /**
     * This execution, created leased to a worker that runs it at once.
     *
     * @param lease the worker's lease
     * @return a copy with the lease
     */
    public NewExecution leasedTo(Lease lease) {
        return new NewExecution(
                id,
                scriptName,
                scriptSource,
                scriptHash,
                parent,
                started,
                snapshotJson,
                runnableAt,
                Optional.of(lease));
    }

    /**
     * The lease a new execution is created with.
     *
     * @param owner the worker's lease owner id
     * @param timeout how long the lease lasts unless renewed
     */
    public record Lease(String owner, Duration timeout) {
        /**
         * Validates the parts.
         *
         * @param owner not null
         * @param timeout positive
         */
        public Lease {
            requireNonNull(owner, "owner is null");
            requireNonNull(timeout, "timeout is null");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("a lease timeout must be positive, was " + timeout);
            }
        }
    }

    /**
     * Where a child execution came from.
     *
     * @param parentId the parent execution
     * @param parentSeq the sequence number of the parent's {@code ChildStarted} event
     */
    public record ParentLink(String parentId, long parentSeq) {

        /**
         * Validates the parts.
         *
         * @param parentId not null
         * @param parentSeq at least 1
         */
        public ParentLink {
            requireNonNull(parentId, "parentId is null");
            if (parentSeq < 1) {
                throw new IllegalArgumentException("parentSeq must be at least 1, was " + parentSeq);
            }
        }
    }
}
