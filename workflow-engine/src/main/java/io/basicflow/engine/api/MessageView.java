package io.basicflow.engine.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * One outgoing message (a {@code TALK}), exactly once per execution and sequence number.
 *
 * @param executionId the execution that said it (the conversation's root, or a child it started)
 * @param seq the sequence number of the event that produced it, in its execution
 * @param position where it stands in its conversation: increasing in commit order across the root
 *     execution and its children; the cursor of {@link WorkflowEngine#conversation}
 * @param recipient the recipient for {@code TALK TO}, empty for the conversation's user
 * @param text the message text
 * @param createdAt when it was committed
 * @param acknowledged whether a channel acknowledged it
 * @param extras the suggestions and file it carries ({@link MessageExtras#NONE} for none)
 */
public record MessageView(
        String executionId,
        long seq,
        long position,
        Optional<String> recipient,
        String text,
        Instant createdAt,
        boolean acknowledged,
        MessageExtras extras) {

    /**
     * A message with nothing but its text.
     *
     * @param executionId not null
     * @param seq at least 1
     * @param position at least 1
     * @param recipient not null
     * @param text not null
     * @param createdAt not null
     * @param acknowledged the flag
     */
    public MessageView(
            String executionId,
            long seq,
            long position,
            Optional<String> recipient,
            String text,
            Instant createdAt,
            boolean acknowledged) {
        this(executionId, seq, position, recipient, text, createdAt, acknowledged, MessageExtras.NONE);
    }

    /**
     * Validates the parts.
     *
     * @param executionId not null
     * @param seq at least 1
     * @param position at least 1
     * @param recipient not null
     * @param text not null
     * @param createdAt not null
     * @param acknowledged the flag
     * @param extras not null
     */
    public MessageView {
        requireNonNull(executionId, "executionId is null");
        requireNonNull(recipient, "recipient is null");
        requireNonNull(text, "text is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(extras, "extras is null");
    }
}
