package io.basicflow.engine.api;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Why an execution failed.
 *
 * @param message what went wrong, e.g. {@code "ticket.bas:12:5: SEND MAIL failed: 550 5.1.1 mailbox unavailable"}
 * @param line the script line of the failing step, 0 when unknown
 * @param column the column, 0 when unknown
 * @param keyword the keyword that failed, when a keyword failed
 */
public record ExecutionError(String message, int line, int column, Optional<String> keyword) {

    /**
     * Validates the parts.
     *
     * @param message not null
     * @param line at least 0
     * @param column at least 0
     * @param keyword not null
     */
    public ExecutionError {
        requireNonNull(message, "message is null");
        requireNonNull(keyword, "keyword is null");
    }
}
