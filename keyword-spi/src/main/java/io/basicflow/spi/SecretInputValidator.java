package io.basicflow.spi;

/**
 * An {@link InputValidator} of secret input ({@code HEAR x AS PASSWORD}, a card number): the engine
 * records and shows what the user typed as {@link #MASK}, never as typed, in the execution's history
 * (accepted and rejected input alike). The validator's own value is recorded as it returns it, so it
 * must hold nothing secret either (a one-way hash, a masked number).
 */
@FunctionalInterface
public interface SecretInputValidator extends InputValidator {

    /** What the history shows in place of a secret input. */
    String MASK = "••••••••";
}
