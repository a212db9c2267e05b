package io.basicflow.engine.store;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.api.ExecutionStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * One execution's row as stored.
 *
 * @param id the id
 * @param scriptHash the pinned script's hash
 * @param scriptName the script's name
 * @param status where it stands
 * @param snapshotJson the state as of {@code snapshotSeq}
 * @param snapshotSeq the last event folded into the snapshot
 * @param lastSeq the last event
 * @param version the fencing version
 * @param inboxVersion bumped by every input delivery
 * @param leaseOwner the worker holding it, when {@code RUNNING}
 * @param wakeAt when a runnable or timer-waiting execution may run
 * @param cancelReason why cancellation was requested, when it was
 * @param parentId the parent, for a child
 * @param resultJson the result value's JSON, when completed with one
 * @param errorJson the error's JSON ({@link io.basicflow.engine.api.ExecutionError}), when failed
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record ExecutionRecord(
        String id,
        String scriptHash,
        String scriptName,
        ExecutionStatus status,
        String snapshotJson,
        long snapshotSeq,
        long lastSeq,
        long version,
        long inboxVersion,
        Optional<String> leaseOwner,
        Optional<Instant> wakeAt,
        Optional<String> cancelReason,
        Optional<String> parentId,
        Optional<String> resultJson,
        Optional<String> errorJson,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * Validates the parts.
     *
     * @param id not null
     * @param scriptHash not null
     * @param scriptName not null
     * @param status not null
     * @param snapshotJson not null
     * @param snapshotSeq at most lastSeq
     * @param lastSeq at least 1
     * @param version the version
     * @param inboxVersion the inbox version
     * @param leaseOwner not null
     * @param wakeAt not null
     * @param cancelReason not null
     * @param parentId not null
     * @param resultJson not null
     * @param errorJson not null
     * @param createdAt not null
     * @param updatedAt not null
     */
    public ExecutionRecord {
        requireNonNull(id, "id is null");
        requireNonNull(scriptHash, "scriptHash is null");
        requireNonNull(scriptName, "scriptName is null");
        requireNonNull(status, "status is null");
        requireNonNull(snapshotJson, "snapshotJson is null");
        requireNonNull(leaseOwner, "leaseOwner is null");
        requireNonNull(wakeAt, "wakeAt is null");
        requireNonNull(cancelReason, "cancelReason is null");
        requireNonNull(parentId, "parentId is null");
        requireNonNull(resultJson, "resultJson is null");
        requireNonNull(errorJson, "errorJson is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
        if (snapshotSeq > lastSeq) {
            throw new IllegalArgumentException("snapshot " + snapshotSeq + " is past the last event " + lastSeq);
        }
    }

    /**
     * Whether events may follow {@link #lastSeq()}: while the execution runs (or is runnable again
     * after its lease was freed), light commits append events without touching the row. Every other
     * status is written by a commit that sets {@code lastSeq} exactly.
     *
     * @return true for {@code RUNNING} and {@code RUNNABLE}
     */
    public boolean lastSeqMayLag() {
        return status == ExecutionStatus.RUNNING || status == ExecutionStatus.RUNNABLE;
    }
}
