package io.basicflow.engine.store;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * An execution a worker claimed: its lease is the worker's and everything needed to resume it is
 * here (snapshot, the events after it, the waiting inputs).
 *
 * @param id the id
 * @param scriptHash the pinned script's hash
 * @param scriptName the script's name
 * @param version the fencing version after the claim
 * @param inboxVersion the inbox version at the claim
 * @param snapshotJson the state as of {@code snapshotSeq}
 * @param snapshotSeq the last event folded into the snapshot
 * @param tail the events after the snapshot, in order
 * @param inbox the unconsumed inputs, oldest first
 * @param cancelReason why cancellation was requested, when it was
 * @param parentId the parent, for a child
 * @param watch its {@code WAIT FOR EVENT} watch as the claim read it ({@link EventWatch#UNREAD} when
 *     the claim did not read it)
 */
public record ClaimedExecution(
        String id,
        String scriptHash,
        String scriptName,
        long version,
        long inboxVersion,
        String snapshotJson,
        long snapshotSeq,
        List<StoredEvent> tail,
        List<InboxMessage> inbox,
        Optional<String> cancelReason,
        Optional<String> parentId,
        EventWatch watch) {

    /**
     * A claimed execution whose watch the claim did not read ({@link EventWatch#UNREAD}).
     *
     * @param id not null
     * @param scriptHash not null
     * @param scriptName not null
     * @param version the version
     * @param inboxVersion the inbox version
     * @param snapshotJson not null
     * @param snapshotSeq the seq
     * @param tail not null
     * @param inbox not null
     * @param cancelReason not null
     * @param parentId not null
     */
    public ClaimedExecution(
            String id,
            String scriptHash,
            String scriptName,
            long version,
            long inboxVersion,
            String snapshotJson,
            long snapshotSeq,
            List<StoredEvent> tail,
            List<InboxMessage> inbox,
            Optional<String> cancelReason,
            Optional<String> parentId) {
        this(
                id,
                scriptHash,
                scriptName,
                version,
                inboxVersion,
                snapshotJson,
                snapshotSeq,
                tail,
                inbox,
                cancelReason,
                parentId,
                EventWatch.UNREAD);
    }

    /**
     * Validates and copies the parts.
     *
     * @param id not null
     * @param scriptHash not null
     * @param scriptName not null
     * @param version the version
     * @param inboxVersion the inbox version
     * @param snapshotJson not null
     * @param snapshotSeq the seq
     * @param tail not null
     * @param inbox not null
     * @param cancelReason not null
     * @param parentId not null
     * @param watch not null
     */
    public ClaimedExecution {
        requireNonNull(id, "id is null");
        requireNonNull(scriptHash, "scriptHash is null");
        requireNonNull(scriptName, "scriptName is null");
        requireNonNull(snapshotJson, "snapshotJson is null");
        tail = List.copyOf(tail);
        inbox = List.copyOf(inbox);
        requireNonNull(cancelReason, "cancelReason is null");
        requireNonNull(parentId, "parentId is null");
        requireNonNull(watch, "watch is null");
    }
}
