package io.basicflow.app.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.basicflow.tools.ToolFolder;
import io.basicflow.tools.ToolListing;
import io.basicflow.tools.ToolSchema;
import java.util.List;

/**
 * The tools module's tools folder as {@link ToolSchemas}: each active tool as the MCP {@code
 * tools/list} entry {@link ToolSchema#toJson} gives, and the tools that vanished or broke since
 * they were activated as problems.
 */
public final class ToolFolderSchemas implements ToolSchemas {

    private final ToolFolder folder;

    /**
     * Schemas from a tools folder.
     *
     * @param folder the folder, e.g. {@code ToolsPlugin.folder(configuration)}
     */
    public ToolFolderSchemas(ToolFolder folder) {
        this.folder = requireNonNull(folder, "folder is null");
    }

    @Override
    public Descriptions describe(List<String> toolNames) {
        ToolListing listing = folder.describe(toolNames);
        return new Descriptions(
                listing.tools().stream().<JsonNode>map(ToolSchema::toJson).toList(),
                listing.problems().stream()
                        .map(problem -> new Problem(problem.tool(), problem.message()))
                        .toList());
    }
}
