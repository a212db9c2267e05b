package io.basicflow.spi;

/**
 * A keyword failed. The engine records the message; a {@linkplain #retryable() retryable} failure is
 * retried according to the keyword's {@link RetryPolicy}, a permanent one fails the step at once.
 */
public class KeywordException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Whether trying again may succeed (part of the serialized form). */
    private final boolean retryable;

    /**
     * A failure.
     *
     * @param message what went wrong, for the execution's history
     * @param retryable whether trying again may succeed
     * @param cause the underlying exception, may be null
     */
    public KeywordException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
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
