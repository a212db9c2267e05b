package io.basicflow.app.scripts;

import static java.util.Objects.requireNonNull;

/**
 * A script with its source.
 *
 * @param info the script
 * @param source its text, without a byte order mark
 */
public record ScriptSource(ScriptInfo info, String source) {

    /**
     * Validates the parts.
     *
     * @param info not null
     * @param source not null
     */
    public ScriptSource {
        requireNonNull(info, "info is null");
        requireNonNull(source, "source is null");
    }
}
