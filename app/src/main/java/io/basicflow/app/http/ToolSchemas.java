package io.basicflow.app.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The schemas of tools, for {@code GET /executions/{id}/tools}. The tools module provides the real
 * one (its tool folder's signatures as MCP {@code tools/list} entries).
 */
@FunctionalInterface
public interface ToolSchemas {

    /**
     * Describes tools by name.
     *
     * @param toolNames the names, in the order to list them
     * @return the tools that could be described, in that order, and the ones that could not
     */
    Descriptions describe(List<String> toolNames);

    /**
     * Describes the active tools of an execution of a script: a bot's script finds its own tools
     * beside it first. By default, the tools are described without regard to the script.
     *
     * @param scriptName the execution's script name, e.g. {@code support/start.bas}
     * @param toolNames the tool names, in order
     * @return the tools that could be described, in that order, and the ones that could not
     */
    default Descriptions describe(String scriptName, List<String> toolNames) {
        return describe(toolNames);
    }

    /**
     * Schemas for an assembly without tools: every tool is reported as not described.
     *
     * @return the port
     */
    static ToolSchemas unavailable() {
        return names -> new Descriptions(
                List.of(),
                names.stream()
                        .map(name -> new Problem(name, "tool schemas are not available in this assembly"))
                        .toList());
    }

    /**
     * Described tools.
     *
     * @param tools each tool as an MCP {@code tools/list} entry: {@code {"name", "description"?,
     *     "inputSchema"}}
     * @param problems the tools that could not be described, with the reason
     */
    record Descriptions(List<JsonNode> tools, List<Problem> problems) {

        /**
         * Copies the parts.
         *
         * @param tools not null; each an object with a {@code name}
         * @param problems not null
         */
        public Descriptions {
            tools = List.copyOf(tools);
            problems = List.copyOf(problems);
            for (JsonNode tool : tools) {
                if (!tool.isObject() || !tool.path("name").isTextual()) {
                    throw new IllegalArgumentException("a tool description must be an object with a name: " + tool);
                }
            }
        }
    }

    /**
     * A tool that could not be described.
     *
     * @param tool its name
     * @param message why, a full sentence
     */
    record Problem(String tool, String message) {

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
