package io.basicflow.ai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.basicflow.spi.EffectKind;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.value.Json;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code result = USE MCP "server", "tool", {parameters}}, {@code MCP INVOKE "server.tool", {parameters}}
 * and {@code tools = MCP LIST TOOLS "server"}: tools of the Model Context Protocol servers listed in the
 * bot's {@code mcp.csv} ({@link McpServers}), over stdio or streamable HTTP ({@link McpConnection}).
 *
 * <p>A call is an idempotent effect: a durable run records the tool's result with the step, so a
 * resumed run never calls again; a crash while the server works repeats the call with the same
 * idempotency key, sent in the request's {@code _meta} as {@code io.basicflow/idempotency-key}.
 * Connections are kept per server line and opened again after a failure.
 */
final class McpKeywords {

    static final String USE_MCP = "USE MCP";
    static final String MCP_INVOKE = "MCP INVOKE";
    static final String MCP_LIST_TOOLS = "MCP LIST TOOLS";
    static final String IDEMPOTENCY_META = "io.basicflow/idempotency-key";

    private final Map<String, McpConnection> connections = new ConcurrentHashMap<>();

    static List<KeywordDefinition> definitions() {
        return List.of(
                KeywordDefinition.builder(USE_MCP)
                        .form(KeywordForm.FUNCTION)
                        .parameter(ParameterDefinition.required("server", "the server's name in mcp.csv"))
                        .parameter(ParameterDefinition.required("tool", "the tool to call"))
                        .parameter(ParameterDefinition.optional(
                                "parameters", "the tool's arguments: a map such as {\"path\": \"/data/a.json\"}"))
                        .effect(EffectKind.IDEMPOTENT_EFFECT)
                        .retry(AiPlugin.RETRY)
                        .description("Calls a tool of an MCP server of mcp.csv (stdio or streamable HTTP) and returns"
                                + " its result: its structured content, or its text (parsed when it is JSON). The"
                                + " result is recorded: a resumed run does not call again.")
                        .build(),
                KeywordDefinition.builder(MCP_INVOKE)
                        .form(KeywordForm.FUNCTION)
                        .parameter(ParameterDefinition.required("target", "\"server.tool\""))
                        .parameter(ParameterDefinition.optional("parameters", "the tool's arguments, a map"))
                        .effect(EffectKind.IDEMPOTENT_EFFECT)
                        .retry(AiPlugin.RETRY)
                        .description("USE MCP with the server and tool written as one \"server.tool\".")
                        .build(),
                KeywordDefinition.builder(MCP_LIST_TOOLS)
                        .form(KeywordForm.FUNCTION)
                        .parameter(ParameterDefinition.required("server", "the server's name in mcp.csv"))
                        .effect(EffectKind.IDEMPOTENT_EFFECT)
                        .retry(AiPlugin.RETRY)
                        .description("The tools of an MCP server: a list of {name, description, inputSchema},"
                                + " recorded with the step.")
                        .build());
    }

    Map<String, KeywordHandler> handlers() {
        return Map.of(
                USE_MCP,
                invocation -> call(
                        invocation,
                        invocation.argument("server").display().strip(),
                        invocation.argument("tool").display().strip()),
                MCP_INVOKE,
                invocation -> {
                    String target = invocation.argument("target").display().strip();
                    int dot = target.indexOf('.');
                    if (dot <= 0 || dot == target.length() - 1) {
                        throw KeywordException.permanent(MCP_INVOKE + " needs \"server.tool\", such as"
                                + " \"filesystem.read_file\", not '" + target + "'");
                    }
                    return call(invocation, target.substring(0, dot), target.substring(dot + 1));
                },
                MCP_LIST_TOOLS,
                this::listTools);
    }

    private Value call(Invocation invocation, String serverName, String tool) throws KeywordException {
        String keyword = invocation.keyword();
        if (tool.isEmpty()) {
            throw KeywordException.permanent(keyword + " needs the name of a tool of MCP server '" + serverName + "'");
        }
        AiSettings settings = new AiSettings(invocation.context().configuration());
        McpServers.Server server = McpServers.server(settings, keyword, serverName);
        ObjectNode params = McpConnection.JSON.createObjectNode();
        params.put("name", tool);
        params.set("arguments", arguments(keyword, invocation.argument("parameters")));
        params.putObject("_meta").put(IDEMPOTENCY_META, invocation.idempotencyKey());
        JsonNode result;
        try {
            result = request(server, settings, "tools/call", params);
        } catch (McpConnection.RpcError e) {
            List<String> tools = toolNames(server, settings);
            if (!tools.isEmpty() && !tools.contains(tool)) {
                throw KeywordException.permanent("Tool '" + tool + "' not found on server '" + serverName
                        + "' (its tools: " + String.join(", ", tools) + ")");
            }
            throw KeywordException.permanent(
                    "MCP server '" + serverName + "' refused the call of '" + tool + "': " + e.getMessage());
        }
        Value value = result(result);
        if (result.path("isError").asBoolean(false)) {
            throw KeywordException.permanent(
                    "MCP tool '" + tool + "' of server '" + serverName + "' failed: " + value.display());
        }
        return value;
    }

    private Value listTools(Invocation invocation) throws KeywordException {
        String serverName = invocation.argument("server").display().strip();
        AiSettings settings = new AiSettings(invocation.context().configuration());
        McpServers.Server server = McpServers.server(settings, MCP_LIST_TOOLS, serverName);
        List<Value> tools = new ArrayList<>();
        for (JsonNode tool : listed(server, settings)) {
            Map<String, Value> entry = new LinkedHashMap<>();
            entry.put("name", new TextValue(tool.path("name").asText()));
            entry.put("description", new TextValue(tool.path("description").asText("")));
            entry.put("inputSchema", ToolCalling.value(tool.get("inputSchema")));
            tools.add(new MapValue(entry));
        }
        return new ListValue(tools);
    }

    private List<JsonNode> listed(McpServers.Server server, AiSettings settings) throws KeywordException {
        List<JsonNode> tools = new ArrayList<>();
        String cursor = null;
        do {
            ObjectNode params = McpConnection.JSON.createObjectNode();
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            JsonNode page;
            try {
                page = request(server, settings, "tools/list", params);
            } catch (McpConnection.RpcError e) {
                throw KeywordException.permanent(
                        "MCP server '" + server.name() + "' refused to list its tools: " + e.getMessage());
            }
            page.path("tools").forEach(tools::add);
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null && tools.size() < 10_000);
        return tools;
    }

    private List<String> toolNames(McpServers.Server server, AiSettings settings) {
        try {
            return listed(server, settings).stream()
                    .map(tool -> tool.path("name").asText())
                    .toList();
        } catch (KeywordException e) {
            return List.of();
        }
    }

    /** One request on the server's connection; a broken connection is dropped and the step retried. */
    private JsonNode request(McpServers.Server server, AiSettings settings, String method, JsonNode params)
            throws KeywordException, McpConnection.RpcError {
        String key = server.connectionKey();
        McpConnection connection = connections.get(key);
        if (connection == null) {
            Duration timeout = Duration.ofMillis(settings.configuration().getInt("mcp-timeout-ms", 60_000));
            McpConnection opened = McpConnection.open(server, McpServers.credential(server, settings), timeout);
            connection = connections.putIfAbsent(key, opened);
            if (connection == null) {
                connection = opened;
            } else {
                opened.close();
            }
        }
        try {
            return connection.request(method, params);
        } catch (McpConnection.AuthenticationFailed e) {
            drop(key, connection);
            throw KeywordException.permanent(e.getMessage());
        } catch (McpConnection.HttpFailure e) {
            drop(key, connection);
            if (e.status >= 500 || e.status == 429 || e.status == 408) {
                throw KeywordException.retryable(e.getMessage(), e);
            }
            throw KeywordException.permanent(e.getMessage());
        } catch (IOException e) {
            drop(key, connection);
            throw KeywordException.retryable(
                    "Failed to connect to MCP server '" + server.name() + "': " + e.getMessage(), e);
        }
    }

    private void drop(String key, McpConnection connection) {
        if (connections.remove(key, connection)) {
            connection.close();
        }
    }

    /** The parameters as a JSON object: a map, a JSON object text, or nothing. */
    private static JsonNode arguments(String keyword, Value parameters) throws KeywordException {
        if (parameters instanceof NullValue) {
            return McpConnection.JSON.createObjectNode();
        }
        try {
            JsonNode node = McpConnection.JSON.readTree(
                    parameters instanceof MapValue ? Json.write(parameters) : parameters.display());
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // said below
        }
        throw KeywordException.permanent(keyword + " needs the tool's parameters as a map such as {\"path\":"
                + " \"/data/a.json\"}, not '" + parameters.display() + "'");
    }

    /**
     * A {@code tools/call} result as a value: its {@code structuredContent} when there is one, else the
     * text of its content (one JSON object or array text is parsed), several contents joined by lines.
     */
    static Value result(JsonNode result) {
        JsonNode structured = result.get("structuredContent");
        if (structured != null && !structured.isNull()) {
            return ToolCalling.value(structured);
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode content : result.path("content")) {
            switch (content.path("type").asText()) {
                case "text" -> texts.add(content.path("text").asText());
                case "resource" ->
                    texts.add(content.path("resource").path("text").asText(""));
                default -> texts.add("[" + content.path("type").asText() + "]");
            }
        }
        String text = String.join("\n", texts);
        String trimmed = text.strip();
        if (texts.size() == 1 && (trimmed.startsWith("{") || trimmed.startsWith("["))) {
            try {
                return ToolCalling.value(McpConnection.JSON.readTree(trimmed));
            } catch (IOException e) {
                // not JSON after all: the text
            }
        }
        return new TextValue(text);
    }
}
