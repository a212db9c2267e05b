package io.basicflow.engine.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One event as stored.
 *
 * @param seq its sequence number, from 1, gap-free per execution
 * @param type the event's kind, e.g. {@code StepCompleted}
 * @param json the event as {@link io.basicflow.engine.json.EngineJson} wrote it
 * @param createdAt when it was committed
 */
public record StoredEvent(long seq, String type, String json, Instant createdAt) {

    /**
     * Validates the parts.
     *
     * @param seq at least 1
     * @param type not null
     * @param json not null
     * @param createdAt not null
     */
    public StoredEvent {
        requireNonNull(type, "type is null");
        requireNonNull(json, "json is null");
        requireNonNull(createdAt, "createdAt is null");
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be at least 1, was " + seq);
        }
    }
}
