package io.basicflow.engine.store;

import static java.util.Objects.requireNonNull;

/**
 * A pinned script source.
 *
 * @param hash sha-256 of its UTF-8 bytes, 64 lower-case hex digits
 * @param name the name it was first stored under
 * @param source the exact source
 */
public record ScriptSource(String hash, String name, String source) {

    /**
     * Validates the parts.
     *
     * @param hash not null
     * @param name not null
     * @param source not null
     */
    public ScriptSource {
        requireNonNull(hash, "hash is null");
        requireNonNull(name, "name is null");
        requireNonNull(source, "source is null");
    }
}
