package io.basicflow.tools;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * A tool script as read from the tools folder.
 *
 * @param name the tool name: its path in the folder without {@code .bas}, as spelled on disk
 * @param path the script's real path (links resolved), inside the tools folder
 * @param source the script text
 */
public record ToolScript(String name, Path path, String source) {

    /**
     * Validates the parts.
     *
     * @param name not null
     * @param path not null
     * @param source not null
     */
    public ToolScript {
        requireNonNull(name, "name is null");
        requireNonNull(path, "path is null");
        requireNonNull(source, "source is null");
    }

    /**
     * The script's file name relative to the tools folder, as diagnostics name it.
     *
     * @return e.g. {@code crm/create-lead.bas}
     */
    public String fileName() {
        return name + ToolFolder.EXTENSION;
    }
}
