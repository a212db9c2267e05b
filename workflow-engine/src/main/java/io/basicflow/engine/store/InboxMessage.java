package io.basicflow.engine.store;

import static java.util.Objects.requireNonNull;

/**
 * An input waiting in an execution's inbox.
 *
 * @param id its id, increasing in the order of arrival
 * @param text what the user sent
 */
public record InboxMessage(long id, String text) {

    /**
     * Validates the parts.
     *
     * @param id the id
     * @param text not null
     */
    public InboxMessage {
        requireNonNull(text, "text is null");
    }
}
