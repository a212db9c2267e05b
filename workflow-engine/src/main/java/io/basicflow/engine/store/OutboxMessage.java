package io.basicflow.engine.store;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A message for the channel, written in the transaction of the event that produced it.
 *
 * @param seq the sequence number of that event
 * @param recipient the recipient of a {@code TALK TO}, empty for the conversation's user
 * @param text the text
 */
public record OutboxMessage(long seq, Optional<String> recipient, String text) {

    /**
     * Validates the parts.
     *
     * @param seq at least 1
     * @param recipient not null
     * @param text not null
     */
    public OutboxMessage {
        requireNonNull(recipient, "recipient is null");
        requireNonNull(text, "text is null");
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be at least 1, was " + seq);
        }
    }
}
