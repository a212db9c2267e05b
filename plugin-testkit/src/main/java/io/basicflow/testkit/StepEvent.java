package io.basicflow.testkit;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.event.ExecutionEvent;

/**
 * One event that the engine commits, as a {@link StepMatcher} sees it.
 *
 * @param executionId the execution it belongs to (a child's id is its parent's, {@code ~}, and a
 *     number)
 * @param seq its sequence number in that execution, from 1
 * @param type its kind: {@code EffectStarted}, {@code MessageSent}, {@code InputReceived}, …
 * @param event the event itself, with its step's source position
 */
public record StepEvent(String executionId, long seq, String type, ExecutionEvent event) {

    /**
     * Validates the parts.
     *
     * @param executionId not null
     * @param seq at least 1
     * @param type not null
     * @param event not null
     */
    public StepEvent {
        requireNonNull(executionId, "executionId is null");
        requireNonNull(type, "type is null");
        requireNonNull(event, "event is null");
    }
}
