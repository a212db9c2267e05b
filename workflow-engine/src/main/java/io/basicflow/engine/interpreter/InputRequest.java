package io.basicflow.engine.interpreter;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What a {@code HEAR} waits for, for whoever supplies input (a terminal shows it, a chat front end
 * may render a menu's options as buttons).
 *
 * @param variable the variable that receives the input
 * @param type the input type name ({@code EMAIL}, …), {@code MENU} for a menu, {@code TEXT} for any
 *     text
 * @param options a menu's options, else empty
 * @param prompt the prompt's text as sent before this wait, if the {@code HEAR} has one; empty after a
 *     durable resume, when an earlier activation sent it
 * @param attempt the attempt awaited, from 1
 * @param maxAttempts how many attempts the {@code HEAR} makes before it gives up
 */
public record InputRequest(
        String variable, String type, List<String> options, Optional<String> prompt, int attempt, int maxAttempts) {

    /**
     * Validates and copies the parts.
     *
     * @param variable not null
     * @param type not null
     * @param options not null
     * @param prompt not null
     * @param attempt at least 1
     * @param maxAttempts at least 1
     */
    public InputRequest {
        requireNonNull(variable, "variable is null");
        requireNonNull(type, "type is null");
        options = List.copyOf(options);
        requireNonNull(prompt, "prompt is null");
        if (attempt < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("attempts start at 1: " + attempt + " of " + maxAttempts);
        }
    }
}
