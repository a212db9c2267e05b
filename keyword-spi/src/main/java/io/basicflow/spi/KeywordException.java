package io.basicflow.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * A keyword failed. The engine records the message; a {@linkplain #retryable() retryable} failure is
 * retried according to the keyword's {@link RetryPolicy}, a permanent one fails the step at once.
 */
public class KeywordException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Whether trying again may succeed (part of the serialized form). */
    private final boolean retryable;

    /** The least wait before the next attempt, as a server asked (Retry-After); null when none. */
    private final Duration retryAfter;

    /**
     * A failure.
     *
     * @param message what went wrong, for the execution's history
     * @param retryable whether trying again may succeed
     * @param cause the underlying exception, may be null
     */
    public KeywordException(String message, boolean retryable, Throwable cause) {
        this(message, retryable, cause, null);
    }

    private KeywordException(String message, boolean retryable, Throwable cause, Duration retryAfter) {
        super(message, cause);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    /**
     * A failure that trying again may cure, but not before a given time: an HTTP 429 or 503 with a
     * {@code Retry-After} header. The engine waits at least this long (and at least what the
     * keyword's {@link RetryPolicy} says) before the next attempt.
     *
     * @param message what went wrong
     * @param retryAfter the least wait before the next attempt, not negative
     * @return the exception
     */
    public static KeywordException retryableAfter(String message, Duration retryAfter) {
        if (retryAfter == null || retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must be zero or positive, was " + retryAfter);
        }
        return new KeywordException(message, true, null, retryAfter);
    }

    /**
     * The least wait a server asked for before the next attempt.
     *
     * @return the wait, or empty when the failure named none
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * A failure that trying again may cure (a timeout, a 4xx SMTP reply, a connection refused).
     *
     * @param message what went wrong
     * @param cause the underlying exception, may be null
     * @return the exception
     */
    public static KeywordException retryable(String message, Throwable cause) {
        return new KeywordException(message, true, cause);
    }

    /**
     * A failure that will not change on retry (an invalid argument, a 5xx SMTP rejection).
     *
     * @param message what went wrong
     * @return the exception
     */
    public static KeywordException permanent(String message) {
        return new KeywordException(message, false, null);
    }

    /**
     * A failure that will not change on retry, with its cause.
     *
     * @param message what went wrong
     * @param cause the underlying exception, may be null
     * @return the exception
     */
    public static KeywordException permanent(String message, Throwable cause) {
        return new KeywordException(message, false, cause);
    }

    /**
     * Whether trying again may succeed.
     *
     * @return true for a transient failure
     */
    public boolean retryable() {
        return retryable;
    }
}
