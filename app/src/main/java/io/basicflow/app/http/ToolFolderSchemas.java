package io.basicflow.app.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.basicflow.app.tools.ToolFolderChildScripts;
import io.basicflow.tools.ToolFolder;
import io.basicflow.tools.ToolListing;
import io.basicflow.tools.ToolSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The tools module's tools folder as {@link ToolSchemas}: each active tool as the MCP {@code
 * tools/list} entry {@link ToolSchema#toJson} gives, and the tools that vanished or broke since
 * they were activated as problems.
 */
public final class ToolFolderSchemas implements ToolSchemas {

    private final ToolFolder folder;
    private final Function<String, Optional<ToolFolderChildScripts.BotTools>> botTools;

    /**
     * Schemas from a tools folder.
     *
     * @param folder the folder, e.g. {@code ToolsPlugin.folder(configuration)}
     */
    public ToolFolderSchemas(ToolFolder folder) {
        this(folder, scriptName -> Optional.empty());
    }

    /**
     * Schemas from a tools folder and, for a bot's executions, the bot's own tools.
     *
     * @param folder the tools folder
     * @param botTools the tools beside a script, by its name, e.g. {@code BasicflowNode::botTools}
     */
    public ToolFolderSchemas(ToolFolder folder, Function<String, Optional<ToolFolderChildScripts.BotTools>> botTools) {
        this.folder = requireNonNull(folder, "folder is null");
        this.botTools = requireNonNull(botTools, "botTools is null");
    }

    @Override
    public Descriptions describe(List<String> toolNames) {
        return descriptions(folder.describe(toolNames));
    }

    /** A tool the bot's folder holds is described from there, in the order of the active set. */
    @Override
    public Descriptions describe(String scriptName, List<String> toolNames) {
        Optional<ToolFolderChildScripts.BotTools> local = botTools.apply(scriptName);
        if (local.isEmpty()) {
            return describe(toolNames);
        }
        List<JsonNode> tools = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (String tool : toolNames) {
            ToolFolder from = local.get().holds(tool) ? local.get().folder() : folder;
            Descriptions one = descriptions(from.describe(List.of(tool)));
            tools.addAll(one.tools());
            problems.addAll(one.problems());
        }
        return new Descriptions(tools, problems);
    }

    private static Descriptions descriptions(ToolListing listing) {
        return new Descriptions(
                listing.tools().stream().<JsonNode>map(ToolSchema::toJson).toList(),
                listing.problems().stream()
                        .map(problem -> new Problem(problem.tool(), problem.message()))
                        .toList());
    }
}
