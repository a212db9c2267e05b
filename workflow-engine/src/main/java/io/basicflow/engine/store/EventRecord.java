package io.basicflow.engine.store;

import static java.util.Objects.requireNonNull;

/**
 * One event to append.
 *
 * @param seq its sequence number: one more than the previous event of the execution
 * @param type the event's kind, e.g. {@code StepCompleted}
 * @param json the event as {@link io.basicflow.engine.json.EngineJson} wrote it
 */
public record EventRecord(long seq, String type, String json) {

    /**
     * Validates the parts.
     *
     * @param seq at least 1
     * @param type not null
     * @param json not null
     */
    public EventRecord {
        requireNonNull(type, "type is null");
        requireNonNull(json, "json is null");
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be at least 1, was " + seq);
        }
    }
}
