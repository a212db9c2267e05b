package io.basicflow.tools;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.value.MapValue;
import java.util.List;
import java.util.Optional;

/**
 * The tools found in a folder (or an execution's active set), and the ones that could not be
 * offered with the reason.
 *
 * @param tools the usable tools, by name
 * @param problems the scripts left out (do not compile, lead outside the folder, vanished), by
 *     name
 */
public record ToolListing(List<ToolSignature> tools, List<Problem> problems) {

    /**
     * Copies the parts.
     *
     * @param tools not null
     * @param problems not null
     */
    public ToolListing {
        tools = List.copyOf(tools);
        problems = List.copyOf(problems);
    }

    /**
     * A tool by exact name.
     *
     * @param name the tool name
     * @return its signature, if listed
     */
    public Optional<ToolSignature> tool(String name) {
        return tools.stream().filter(tool -> tool.name().equals(name)).findFirst();
    }

    /**
     * The usable tools as the result of MCP's {@code tools/list}.
     *
     * @return {@code {tools: [...]}}
     */
    public MapValue toValue() {
        return ToolSchema.listResult(tools);
    }

    /**
     * A script that could not be offered as a tool.
     *
     * @param tool the tool name (its path without {@code .bas}, or the folder for a folder link)
     * @param message why, a full sentence
     */
    public record Problem(String tool, String message) {
        /**
         * Validates the parts.
         *
         * @param tool not null
         * @param message not null
         */
        public Problem {
            requireNonNull(tool, "tool is null");
            requireNonNull(message, "message is null");
        }
    }
}
