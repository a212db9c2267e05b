package io.basicflow.engine.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A reader that follows one conversation (see {@link WorkflowEngine#conversation}) from a position
 * on, for a front end that holds a stream open (a server-sent event stream, a WebSocket): each
 * {@link #next} returns the messages after the last one it returned. Unlike a call of {@link
 * WorkflowEngine#conversation} per batch, a follower may keep its wake-up registration between
 * batches, so that it reads the database only when a commit may have written a message, not once
 * more after every batch.
 *
 * <p>One thread at a time; close it when the stream ends.
 */
public interface ConversationFollower extends AutoCloseable {

    /**
     * The messages after the last one returned (or after the starting position), waiting up to
     * {@code wait} for the first; returns early, possibly empty, when the execution ends or stops
     * for an operator (FAILED), or when the thread is interrupted (its interrupt flag set again).
     *
     * @param limit at most this many, at least 1
     * @param wait how long to wait for a first message; zero to answer at once
     * @return the messages in order, possibly empty
     * @throws ExecutionNotFoundException when there is no such execution (any more)
     */
    List<MessageView> next(int limit, Duration wait);

    /**
     * The execution's status as read with the last batch (a stream shows it beside the messages
     * without a read of its own).
     *
     * @return the status, or empty before the first {@link #next}
     */
    Optional<ExecutionStatus> status();

    /**
     * The position of the last message returned, or the starting position.
     *
     * @return the position to resume after
     */
    long position();

    /** Ends the following; no more calls of {@link #next}. */
    @Override
    void close();
}
