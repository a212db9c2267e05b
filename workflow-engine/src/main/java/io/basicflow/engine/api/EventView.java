package io.basicflow.engine.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One event of an execution's history.
 *
 * @param seq its sequence number, from 1 (a run of plain steps stored as one {@code StepsCompleted}: its last
 *     step's, so the numbers of its other steps have no entry of their own; the events of a packed commit,
 *     stored as one {@code EventsPacked}, are each an entry of their own)
 * @param type the event type, e.g. {@code StepCompleted}, {@code InputReceived}
 * @param at when it was committed
 * @param line the script line of the step, 0 when not about a step
 * @param summary one readable line, e.g. {@code TALK "Ticket #42 created"}
 * @param payloadJson the full event as JSON
 */
public record EventView(long seq, String type, Instant at, int line, String summary, String payloadJson) {

    /**
     * Validates the parts.
     *
     * @param seq at least 1
     * @param type not null
     * @param at not null
     * @param line at least 0
     * @param summary not null
     * @param payloadJson not null
     */
    public EventView {
        requireNonNull(type, "type is null");
        requireNonNull(at, "at is null");
        requireNonNull(summary, "summary is null");
        requireNonNull(payloadJson, "payloadJson is null");
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be at least 1, was " + seq);
        }
    }
}
