package io.basicflow.engine.store;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What a claim read of a claimed execution's {@code WAIT FOR EVENT} watch, so that a resumed waiter
 * need not read its event's value in a query of its own: the claim reads the watches of its whole
 * batch in the statement that reads their inboxes.
 *
 * <p>The value read at the claim is final for that activation: an event published after the claim
 * finds the execution {@code RUNNING} and bumps its inbox version, so a waiter that found nothing and
 * parks again is made runnable at once by its parking commit, and its next claim reads the event.
 *
 * @param read whether the claim read the watch at all; when false ({@link #UNREAD}: a store that does
 *     not read watches at claim time, or an execution created by this process) the waiter reads its
 *     watch from the store as it resumes
 * @param receivedJson the value (JSON) of the event that served the watch, when one had by the claim
 */
public record EventWatch(boolean read, Optional<String> receivedJson) {

    /** Nothing read at the claim: a resumed waiter asks the store. */
    public static final EventWatch UNREAD = new EventWatch(false, Optional.empty());

    /** Nothing received by the time of the claim (or no watch at all). */
    public static final EventWatch NOTHING_RECEIVED = new EventWatch(true, Optional.empty());

    /**
     * Validates the parts.
     *
     * @param read whether the claim read the watch
     * @param receivedJson not null; empty when {@code read} is false
     */
    public EventWatch {
        requireNonNull(receivedJson, "receivedJson is null");
        if (!read && receivedJson.isPresent()) {
            throw new IllegalArgumentException("a watch that was not read has received nothing known");
        }
    }

    /**
     * A watch read at the claim that had received an event.
     *
     * @param json the event's value as JSON
     * @return the watch
     */
    public static EventWatch received(String json) {
        return new EventWatch(true, Optional.of(requireNonNull(json, "json is null")));
    }
}
