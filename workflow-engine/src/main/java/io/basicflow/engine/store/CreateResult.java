package io.basicflow.engine.store;

import static java.util.Objects.requireNonNull;

/** What {@link EventStore#create} did. */
public sealed interface CreateResult {

    /** The execution was created. */
    record Created() implements CreateResult {}

    /**
     * An execution with the id existed already; nothing was changed.
     *
     * @param scriptHash the hash of the script it runs
     */
    record Existing(String scriptHash) implements CreateResult {
        /**
         * Validates the hash.
         *
         * @param scriptHash not null
         */
        public Existing {
            requireNonNull(scriptHash, "scriptHash is null");
        }
    }
}
