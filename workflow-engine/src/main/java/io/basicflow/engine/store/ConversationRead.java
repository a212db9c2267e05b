package io.basicflow.engine.store;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.MessageView;
import java.util.List;
import java.util.Optional;

/**
 * A page of a conversation and its execution's status, read together ({@link
 * EventStore#conversationAndStatus}).
 *
 * @param messages the messages after the position asked for, in position order
 * @param status the execution's status, empty when there is no such execution
 */
public record ConversationRead(List<MessageView> messages, Optional<ExecutionStatus> status) {

    /**
     * Validates and copies.
     *
     * @param messages the messages, in position order
     * @param status the status, or empty
     */
    public ConversationRead {
        messages = List.copyOf(requireNonNull(messages, "messages is null"));
        requireNonNull(status, "status is null");
    }
}
