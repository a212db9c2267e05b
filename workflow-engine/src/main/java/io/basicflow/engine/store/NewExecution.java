package io.basicflow.engine.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * An execution to create: its pinned script, its first event and the state after it. It is created
 * {@code RUNNABLE}, so that a worker claims it at once.
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
 */
public record NewExecution(
        String id,
        String scriptName,
        String scriptSource,
        String scriptHash,
        Optional<ParentLink> parent,
        EventRecord started,
        String snapshotJson,
        Instant runnableAt) {

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
        if (started.seq() != 1) {
            throw new IllegalArgumentException("an execution starts with event 1, not " + started.seq());
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
