package io.basicflow.engine.durable;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.api.ConversationFollower;
import io.basicflow.engine.api.ExecutionNotFoundException;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.MessageView;
import io.basicflow.engine.store.ConversationRead;
import io.basicflow.engine.store.EventStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The durable engine's {@link ConversationFollower}: one {@link MessageSignals} registration for the
 * follower's whole life, made before its first read. After a batch that emptied the conversation, the
 * next {@link #next} waits for a signal (a commit of this process that wrote a message of the
 * conversation or ended it) or the message poll interval (commits of other processes) before it reads
 * again, instead of reading at once and finding nothing. A commit that lands after a read fires its
 * signal after that read began, so the wait that follows returns at once: nothing is missed. Each read
 * is followed by a read of the status, which the caller gets with the batch ({@link #status()}) and
 * which tells the next call not to wait when the execution has ended.
 */
final class SignalledConversationFollower implements ConversationFollower {

    private final String executionId;
    private final EventStore store;
    private final Duration pollInterval;
    private final MessageSignals.Registration registration;
    private long position;
    /** Whether a read may find messages without a wait first: at the start, and after a full batch. */
    private boolean readFirst = true;
    /** The status read with the last batch; null before the first. */
    private ExecutionStatus status;

    SignalledConversationFollower(
            String executionId, long afterPosition, EventStore store, MessageSignals signals, Duration pollInterval) {
        this.executionId = requireNonNull(executionId, "executionId is null");
        this.store = requireNonNull(store, "store is null");
        this.pollInterval = requireNonNull(pollInterval, "pollInterval is null");
        if (afterPosition < 0) {
            throw new IllegalArgumentException("afterPosition must be at least 0, was " + afterPosition);
        }
        this.position = afterPosition;
        this.registration = signals.register(executionId);
    }

    @Override
    public List<MessageView> next(int limit, Duration wait) {
        requireNonNull(wait, "wait is null");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        long deadline = System.nanoTime() + Math.max(0, wait.toNanos());
        try {
            while (true) {
                // A zero wait always reads (it must see commits of other processes too), and so does a
                // call after the end: no signal would come.
                if (readFirst || wait.isZero() || stopped()) {
                    // the page and the status in one read (one statement in the PostgreSQL store)
                    List<MessageView> found = readWithStatus(limit);
                    if (!found.isEmpty()) {
                        return found;
                    }
                    if (stopped()) {
                        // messages committed with the end, after the read above
                        return read(limit);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return List.of();
                }
                registration.await(Math.min(left, pollInterval.toNanos()));
                // a signal, or the poll interval for writers in other processes: read again
                readFirst = true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private boolean stopped() {
        return status != null && (status.isEnded() || status == ExecutionStatus.FAILED);
    }

    @Override
    public Optional<ExecutionStatus> status() {
        return Optional.ofNullable(status);
    }

    private List<MessageView> readWithStatus(int limit) {
        ConversationRead read = store.conversationAndStatus(executionId, position, limit);
        status = read.status().orElseThrow(() -> new ExecutionNotFoundException(executionId));
        return advance(read.messages(), limit);
    }

    private List<MessageView> read(int limit) {
        return advance(store.conversation(executionId, position, limit), limit);
    }

    private List<MessageView> advance(List<MessageView> found, int limit) {
        if (!found.isEmpty()) {
            position = found.getLast().position();
            // A full batch may have more behind it; a shorter one emptied the conversation as of
            // this read, and any later commit signals this registration.
            readFirst = found.size() == limit;
        }
        return found;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void close() {
        registration.close();
    }
}
