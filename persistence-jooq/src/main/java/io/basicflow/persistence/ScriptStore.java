package io.basicflow.persistence;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Stores script sources by content hash, so that an execution can pin the exact source it started
 * with. Storing the same source again is harmless and returns the stored script.
 */
public final class ScriptStore {

    private final Database database;

    /**
     * Creates the store; the database may be started later, before the first call.
     *
     * @param database the database
     */
    public ScriptStore(Database database) {
        this.database = requireNonNull(database, "database is null");
    }

    /**
     * Stores a source unless the same source is stored already, in one transaction.
     *
     * @param name the script's name (e.g. its file name); kept from the first store of the source
     * @param source the exact source text
     * @return the stored script, whose hash executions refer to
     */
    public StoredScript store(String name, String source) {
        requireNonNull(name, "name is null");
        requireNonNull(source, "source is null");
        String hash = StoredScript.hashOf(source);
        return database.dsl().transactionResult(transaction -> {
            ScriptRepository scripts = new ScriptRepository(transaction.dsl());
            scripts.insertIfAbsent(hash, name, source);
            return scripts.findByHash(hash)
                    .orElseThrow(() -> new IllegalStateException("script " + hash + " vanished after it was stored"));
        });
    }

    /**
     * The script stored under a hash.
     *
     * @param hash 64 hex digits, as {@link StoredScript#hashOf(String)} gives
     * @return the script, or empty if no script has this hash
     */
    public Optional<StoredScript> find(String hash) {
        requireNonNull(hash, "hash is null");
        return new ScriptRepository(database.dsl()).findByHash(hash);
    }
}
