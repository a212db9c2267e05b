package io.basicflow.engine.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * One outgoing message (a {@code TALK}), exactly once per execution and sequence number.
 *
 * @param executionId the execution that said it
 * @param seq the sequence number of the event that produced it
 * @param recipient the recipient for {@code TALK TO}, empty for the conversation's user
 * @param text the message text
 * @param createdAt when it was committed
 * @param acknowledged whether a channel acknowledged it
 */
public record MessageView(
        String executionId,
        long seq,
        Optional<String> recipient,
        String text,
        Instant createdAt,
        boolean acknowledged) {

    /**
     * Validates the parts.
     *
     * @param executionId not null
     * @param seq at least 1
     * @param recipient not null
     * @param text not null
     * @param createdAt not null
     * @param acknowledged the flag
     */
    public MessageView {
        requireNonNull(executionId, "executionId is null");
        requireNonNull(recipient, "recipient is null");
        requireNonNull(text, "text is null");
        requireNonNull(createdAt, "createdAt is null");
    }
}
