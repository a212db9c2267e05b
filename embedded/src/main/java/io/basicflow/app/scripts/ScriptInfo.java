package io.basicflow.app.scripts;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One script of the library.
 *
 * @param name its name, e.g. {@code support/refund.bas}
 * @param size its size in bytes
 * @param modified when it was last modified
 * @param mode the mode it declares ({@link ScriptMode#declaredBy(String)})
 */
public record ScriptInfo(String name, long size, Instant modified, ScriptMode mode) {

    /**
     * Validates the parts.
     *
     * @param name not null
     * @param size at least 0
     * @param modified not null
     * @param mode not null
     */
    public ScriptInfo {
        requireNonNull(name, "name is null");
        requireNonNull(modified, "modified is null");
        requireNonNull(mode, "mode is null");
        if (size < 0) {
            throw new IllegalArgumentException("size must be at least 0, was " + size);
        }
    }
}
