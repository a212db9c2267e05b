package io.basicflow.engine.store;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.api.MessageExtras;
import java.util.Optional;

/**
 * A message for the channel, written in the transaction of the event that produced it.
 *
 * @param seq the sequence number of that event
 * @param recipient the recipient of a {@code TALK TO}, empty for the conversation's user
 * @param text the text
 * @param extras the suggestions and file it carries ({@link MessageExtras#NONE} for none)
 */
public record OutboxMessage(long seq, Optional<String> recipient, String text, MessageExtras extras) {

    /**
     * A message with nothing but its text.
     *
     * @param seq at least 1
     * @param recipient not null
     * @param text not null
     */
    public OutboxMessage(long seq, Optional<String> recipient, String text) {
        this(seq, recipient, text, MessageExtras.NONE);
    }

    /**
     * Validates the parts.
     *
     * @param seq at least 1
     * @param recipient not null
     * @param text not null
     * @param extras not null
     */
    public OutboxMessage {
        requireNonNull(recipient, "recipient is null");
        requireNonNull(text, "text is null");
        requireNonNull(extras, "extras is null");
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be at least 1, was " + seq);
        }
    }
}
