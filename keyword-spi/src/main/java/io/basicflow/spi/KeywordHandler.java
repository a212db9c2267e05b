package io.basicflow.spi;

import io.basicflow.spi.value.Value;

/**
 * Runs one keyword. A durable run calls it outside any database transaction, after the step's
 * start has been recorded; it may be called again with the same {@link Invocation#idempotencyKey()}
 * after a crash, unless the keyword is {@link EffectKind#AT_MOST_ONCE_EFFECT}.
 */
@FunctionalInterface
public interface KeywordHandler {

    /**
     * Runs the keyword.
     *
     * @param invocation the evaluated arguments, the idempotency key and the context
     * @return the keyword's value ({@link io.basicflow.spi.value.NullValue#NULL} for a statement)
     * @throws KeywordException when the keyword fails; the engine records the message, retries it if
     *     it is retryable, and fails the execution when retries are exhausted. Any other exception
     *     counts as a retryable failure.
     */
    Value invoke(Invocation invocation) throws KeywordException;
}
