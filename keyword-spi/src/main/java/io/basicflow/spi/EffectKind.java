package io.basicflow.spi;

/** What running a keyword does to the world, which decides how a durable run records it. */
public enum EffectKind {
    /**
     * No external effect: the result depends only on the arguments and may be recomputed. Such a
     * step needs no commit of its own.
     */
    PURE,
    /**
     * An external effect that the handler makes safe to repeat with the idempotency key (a mail's
     * Message-ID, an API's idempotency header). After a crash between start and completion the
     * handler is called again with the same key: at least once.
     */
    IDEMPOTENT_EFFECT,
    /**
     * An external effect that must never run twice. After a crash between start and completion the
     * step is not retried: it fails with "outcome unknown" for an operator to decide.
     */
    AT_MOST_ONCE_EFFECT
}
