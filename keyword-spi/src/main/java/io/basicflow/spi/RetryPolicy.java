package io.basicflow.spi;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How a failing handler is retried: up to {@code maxAttempts} calls in all, waiting {@code
 * initialBackoff}, then that times {@code multiplier} each time, never more than {@code maxBackoff}.
 * Only failures that are {@linkplain KeywordException#retryable() retryable} are retried.
 *
 * @param maxAttempts calls in all, at least 1
 * @param initialBackoff wait before the second call
 * @param multiplier growth of the wait, at least 1
 * @param maxBackoff the longest wait
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {

    /** Five attempts, from 200 ms doubling up to 30 s. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(200), 2.0, Duration.ofSeconds(30));

    /** One attempt: the first failure fails the step. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO);

    /**
     * Validates the policy.
     *
     * @param maxAttempts at least 1
     * @param initialBackoff not negative
     * @param multiplier at least 1
     * @param maxBackoff not shorter than the initial backoff
     */
    public RetryPolicy {
        requireNonNull(initialBackoff, "initialBackoff is null");
        requireNonNull(maxBackoff, "maxBackoff is null");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 <= initialBackoff <= maxBackoff, was "
                    + initialBackoff + " and " + maxBackoff);
        }
        if (!(multiplier >= 1.0)) {
            throw new IllegalArgumentException("multiplier must be at least 1, was " + multiplier);
        }
    }

    /**
     * The wait before a given attempt.
     *
     * @param attempt the attempt about to be made, from 2
     * @return the backoff before it
     */
    public Duration backoffBefore(int attempt) {
        if (attempt <= 1) {
            return Duration.ZERO;
        }
        double millis = initialBackoff.toMillis() * Math.pow(multiplier, attempt - 2);
        return millis >= maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis((long) millis);
    }
}
