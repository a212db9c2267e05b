package io.basicflow.ai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A small Model Context Protocol server for tests, written from the protocol's description: JSON-RPC
 * 2.0 with {@code initialize}, {@code notifications/initialized}, {@code tools/list} (two pages) and
 * {@code tools/call}. Over streamable HTTP on 127.0.0.1 (a session id given at {@code initialize} and
 * required after it; answers as JSON or as a server-sent event stream) or, run as a program ({@link
 * #main}), over stdio. Its tools: {@code add} (structured result), {@code read_file} (a JSON text),
 * {@code send_message} (a plain text) and {@code fail} (a tool error). Every message is kept.
 */
final class McpTestServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    private final List<String> sessionHeaders = new CopyOnWriteArrayList<>();
    private final List<String> apiKeys = new CopyOnWriteArrayList<>();
    private final String session = UUID.randomUUID().toString();
    private final boolean eventStream;
    private volatile String requiredKey;
    private final java.util.concurrent.atomic.AtomicBoolean hangNextCall =
            new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.CountDownLatch closing = new java.util.concurrent.CountDownLatch(1);

    private McpTestServer(boolean eventStream) throws IOException {
        this.eventStream = eventStream;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/mcp", this::handle);
        server.start();
    }

    /** A server that answers requests with {@code application/json}, or with an event stream. */
    static McpTestServer start(boolean eventStream) {
        try {
            return new McpTestServer(eventStream);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Requests without this {@code X-API-Key} get HTTP 401. */
    McpTestServer requireKey(String key) {
        this.requiredKey = key;
        return this;
    }

    /** The next {@code tools/call} gets no answer until the server closes (a server that is still working). */
    McpTestServer hangNextCall() {
        hangNextCall.set(true);
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/mcp";
    }

    List<JsonNode> messages() {
        return List.copyOf(messages);
    }

    /** The methods received, in order. */
    List<String> methods() {
        return messages.stream().map(m -> m.path("method").asText()).toList();
    }

    /** The {@code tools/call} requests' params. */
    List<JsonNode> calls() {
        return messages.stream()
                .filter(m -> m.path("method").asText().equals("tools/call"))
                .map(m -> m.path("params"))
                .toList();
    }

    List<String> sessionHeaders() {
        return List.copyOf(sessionHeaders);
    }

    List<String> apiKeys() {
        return List.copyOf(apiKeys);
    }

    String session() {
        return session;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (exchange.getRequestMethod().equals("DELETE")) {
                send(exchange, 200, "text/plain", "");
                return;
            }
            String key = exchange.getRequestHeaders().getFirst("X-API-Key");
            apiKeys.add(key == null ? "" : key);
            if (requiredKey != null && !requiredKey.equals(key)) {
                send(exchange, 401, "text/plain", "bad key");
                return;
            }
            JsonNode message = JSON.readTree(exchange.getRequestBody());
            messages.add(message);
            String method = message.path("method").asText();
            String given = exchange.getRequestHeaders().getFirst("Mcp-Session-Id");
            if (!method.equals("initialize")) {
                sessionHeaders.add(given == null ? "" : given);
                if (!session.equals(given)) {
                    send(exchange, 400, "text/plain", "missing or unknown Mcp-Session-Id");
                    return;
                }
            }
            if (method.equals("tools/call") && hangNextCall.compareAndSet(true, false)) {
                try {
                    closing.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            JsonNode answer = answer(message);
            if (answer == null) {
                send(exchange, 202, "text/plain", "");
                return;
            }
            if (method.equals("initialize")) {
                exchange.getResponseHeaders().add("Mcp-Session-Id", session);
            }
            if (eventStream) {
                ObjectNode progress = JSON.createObjectNode();
                progress.put("jsonrpc", "2.0");
                progress.put("method", "notifications/message");
                progress.putObject("params").put("data", "working");
                send(
                        exchange,
                        200,
                        "text/event-stream",
                        "event: message\ndata: " + JSON.writeValueAsString(progress) + "\n\n" + "event: message\ndata: "
                                + JSON.writeValueAsString(answer) + "\n\n");
            } else {
                send(exchange, 200, "application/json", JSON.writeValueAsString(answer));
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** The answer to a message, or null for a notification. */
    static JsonNode answer(JsonNode message) {
        if (!message.has("id")) {
            return null;
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("jsonrpc", "2.0");
        answer.set("id", message.get("id"));
        JsonNode params = message.path("params");
        switch (message.path("method").asText()) {
            case "initialize" -> {
                ObjectNode result = answer.putObject("result");
                result.put("protocolVersion", params.path("protocolVersion").asText());
                result.putObject("capabilities").putObject("tools");
                result.putObject("serverInfo").put("name", "test-mcp").put("version", "1");
            }
            case "tools/list" -> {
                ObjectNode result = answer.putObject("result");
                ArrayNode tools = result.putArray("tools");
                if (params.path("cursor").isMissingNode()) {
                    tool(tools, "add", "Adds two numbers", "a", "number", "b", "number");
                    tool(tools, "read_file", "Reads a file", "path", "string");
                    result.put("nextCursor", "page-2");
                } else {
                    tool(tools, "send_message", "Posts to a channel", "channel", "string", "text", "string");
                    tool(tools, "fail", "Always fails");
                }
            }
            case "tools/call" -> {
                JsonNode arguments = params.path("arguments");
                ObjectNode result = JSON.createObjectNode();
                ArrayNode content = result.putArray("content");
                switch (params.path("name").asText()) {
                    case "add" -> {
                        double sum = arguments.path("a").asDouble()
                                + arguments.path("b").asDouble();
                        result.putObject("structuredContent").put("sum", sum);
                        content.addObject().put("type", "text").put("text", "{\"sum\": " + sum + "}");
                    }
                    case "read_file" -> {
                        ObjectNode file = JSON.createObjectNode();
                        file.put("path", arguments.path("path").asText());
                        file.put("size", 42);
                        file.put("text", "debug=true");
                        content.addObject().put("type", "text").put("text", file.toString());
                    }
                    case "send_message" ->
                        content.addObject()
                                .put("type", "text")
                                .put(
                                        "text",
                                        "sent to " + arguments.path("channel").asText() + ": "
                                                + arguments.path("text").asText());
                    case "fail" -> {
                        result.put("isError", true);
                        content.addObject().put("type", "text").put("text", "disk full");
                    }
                    default -> {
                        ObjectNode error = answer.putObject("error");
                        error.put("code", -32602);
                        error.put(
                                "message",
                                "Unknown tool: " + params.path("name").asText());
                        return answer;
                    }
                }
                answer.set("result", result);
            }
            default -> {
                ObjectNode error = answer.putObject("error");
                error.put("code", -32601);
                error.put("message", "Method not found");
            }
        }
        return answer;
    }

    private static void tool(ArrayNode tools, String name, String description, String... properties) {
        ObjectNode tool = tools.addObject();
        tool.put("name", name);
        tool.put("description", description);
        ObjectNode schema = tool.putObject("inputSchema");
        schema.put("type", "object");
        ObjectNode props = schema.putObject("properties");
        for (int i = 0; i + 1 < properties.length; i += 2) {
            props.putObject(properties[i]).put("type", properties[i + 1]);
        }
    }

    /**
     * The stdio server: one JSON message per line on standard input, answers on standard output, a
     * banner line first (servers print those) and each message received echoed to the file named by the
     * first argument, when given.
     */
    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println("test-mcp stdio server ready");
        PrintStream log = args.length > 0 ? new PrintStream(new java.io.FileOutputStream(args[0], true), true) : null;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode message = JSON.readTree(line);
            if (log != null) {
                log.println(message.path("method").asText());
            }
            JsonNode answer = answer(message);
            if (answer != null) {
                out.println(JSON.writeValueAsString(answer));
            }
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
