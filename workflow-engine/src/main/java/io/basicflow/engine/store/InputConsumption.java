package io.basicflow.engine.store;

/**
 * An inbox message taken by a {@code HEAR}: marked consumed by the event that answered it, in the
 * same transaction as that event.
 *
 * @param inboxId the inbox message's id
 * @param seq the sequence number of the answering event
 */
public record InputConsumption(long inboxId, long seq) {

    /**
     * Validates the parts.
     *
     * @param inboxId the id
     * @param seq at least 1
     */
    public InputConsumption {
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be at least 1, was " + seq);
        }
    }
}
