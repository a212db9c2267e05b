package io.basicflow.engine.state;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.basicflow.spi.value.Value;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the step at the cursor is waiting for, as data. The cursor stays on that step ({@code HEAR},
 * {@code WAIT}, a keyword, a child call) until the wait ends, so resuming runs the same step again,
 * which finds its wait here and continues it instead of starting over.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "wait")
@JsonSubTypes({
    @JsonSubTypes.Type(value = PendingWait.Input.class, name = "input"),
    @JsonSubTypes.Type(value = PendingWait.Timer.class, name = "timer"),
    @JsonSubTypes.Type(value = PendingWait.EffectInFlight.class, name = "effect"),
    @JsonSubTypes.Type(value = PendingWait.EffectRetry.class, name = "effectRetry"),
    @JsonSubTypes.Type(value = PendingWait.Child.class, name = "child")
})
public sealed interface PendingWait {

    /**
     * A {@code HEAR} waits for its input; its prompt, if any, has been sent.
     *
     * @param attempt the attempt awaited, from 1; each rejected input adds one
     */
    record Input(int attempt) implements PendingWait {
        /**
         * Validates the attempt.
         *
         * @param attempt at least 1
         */
        public Input {
            if (attempt < 1) {
                throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
            }
        }
    }

    /**
     * A {@code WAIT} sleeps until a time.
     *
     * @param wakeAt when it ends
     */
    record Timer(Instant wakeAt) implements PendingWait {
        /**
         * Validates the time.
         *
         * @param wakeAt not null
         */
        public Timer {
            requireNonNull(wakeAt, "wakeAt is null");
        }
    }

    /**
     * A keyword's handler was started and has not reported back. Finding this on resume means the
     * process died during the call: an idempotent keyword is called again with the same key, an
     * at-most-once keyword fails with "outcome unknown".
     *
     * @param keyword the keyword
     * @param arguments the evaluated arguments, reused on every attempt
     * @param idempotencyKey the key of every attempt of this step
     * @param attempt the attempt that was started
     */
    record EffectInFlight(String keyword, Map<String, Value> arguments, String idempotencyKey, int attempt)
            implements PendingWait {
        /**
         * Validates and copies the parts.
         *
         * @param keyword not null
         * @param arguments not null
         * @param idempotencyKey not null
         * @param attempt at least 1
         */
        public EffectInFlight {
            requireNonNull(keyword, "keyword is null");
            requireNonNull(idempotencyKey, "idempotencyKey is null");
            arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
            if (attempt < 1) {
                throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
            }
        }
    }

    /**
     * A keyword failed with a retryable error and waits for its backoff before the next attempt.
     *
     * @param keyword the keyword
     * @param arguments the evaluated arguments, reused on every attempt
     * @param idempotencyKey the key of every attempt of this step
     * @param nextAttempt the attempt to make when the backoff is over
     * @param retryAt when the backoff is over
     */
    record EffectRetry(
            String keyword, Map<String, Value> arguments, String idempotencyKey, int nextAttempt, Instant retryAt)
            implements PendingWait {
        /**
         * Validates and copies the parts.
         *
         * @param keyword not null
         * @param arguments not null
         * @param idempotencyKey not null
         * @param nextAttempt at least 2
         * @param retryAt not null
         */
        public EffectRetry {
            requireNonNull(keyword, "keyword is null");
            requireNonNull(idempotencyKey, "idempotencyKey is null");
            requireNonNull(retryAt, "retryAt is null");
            arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
            if (nextAttempt < 2) {
                throw new IllegalArgumentException("a retry is attempt 2 or later, was " + nextAttempt);
            }
        }
    }

    /**
     * A child execution runs; the parent waits for its result.
     *
     * @param request what was asked
     */
    record Child(ChildRequest request) implements PendingWait {
        /**
         * Validates the request.
         *
         * @param request not null
         */
        public Child {
            requireNonNull(request, "request is null");
        }
    }
}
