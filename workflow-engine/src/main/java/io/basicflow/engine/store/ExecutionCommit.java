package io.basicflow.engine.store;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * Everything one activation writes at one commit boundary, for one execution. A store writes it in
 * one transaction, and only if the fence holds: the execution is still leased by the committing
 * owner and still has {@code expectedVersion}; then the version goes up by one.
 *
 * @param executionId the execution
 * @param expectedVersion the version the committer holds (from its claim or its last commit)
 * @param lastSeq the sequence number of the execution's last event after this commit
 * @param events the events to append, in order, gap-free after the stored ones
 * @param messages outbox messages produced by these events
 * @param consumedInputs inbox messages these events consumed
 * @param snapshot the state as of one of these events, when one is due
 * @param transition what happens to the status and lease
 * @param children child executions started by these events
 * @param wakeParent the parent to make runnable, when this is a child that ends
 */
public record ExecutionCommit(
        String executionId,
        long expectedVersion,
        long lastSeq,
        List<EventRecord> events,
        List<OutboxMessage> messages,
        List<InputConsumption> consumedInputs,
        Optional<Snapshot> snapshot,
        Transition transition,
        List<NewExecution> children,
        Optional<String> wakeParent) {

    /**
     * Validates and copies the parts.
     *
     * @param executionId not null
     * @param expectedVersion the fence
     * @param lastSeq at least 0
     * @param events not null
     * @param messages not null
     * @param consumedInputs not null
     * @param snapshot not null
     * @param transition not null
     * @param children not null
     * @param wakeParent not null
     */
    public ExecutionCommit {
        requireNonNull(executionId, "executionId is null");
        events = List.copyOf(events);
        messages = List.copyOf(messages);
        consumedInputs = List.copyOf(consumedInputs);
        requireNonNull(snapshot, "snapshot is null");
        requireNonNull(transition, "transition is null");
        children = List.copyOf(children);
        requireNonNull(wakeParent, "wakeParent is null");
        // The last row is at lastSeq, or before it when it is a packed commit (keyed by its first event).
        if (!events.isEmpty() && events.getLast().seq() > lastSeq) {
            throw new IllegalArgumentException("lastSeq " + lastSeq + " is before the last event's "
                    + events.getLast().seq());
        }
    }

    /**
     * The state as of an event.
     *
     * @param json the state as {@link io.basicflow.engine.json.EngineJson} wrote it
     * @param seq the sequence number of the last event folded into it
     */
    public record Snapshot(String json, long seq) {
        /**
         * Validates the parts.
         *
         * @param json not null
         * @param seq at least 1
         */
        public Snapshot {
            requireNonNull(json, "json is null");
            if (seq < 1) {
                throw new IllegalArgumentException("seq must be at least 1, was " + seq);
            }
        }
    }
}
