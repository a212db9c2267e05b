package io.basicflow.ai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.basicflow.spi.KeywordException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection to an MCP server, speaking JSON-RPC 2.0 as the Model Context Protocol says: {@code
 * initialize} then the {@code notifications/initialized} notification once, then {@code tools/list} and
 * {@code tools/call} requests. Two transports: streamable HTTP (each message a POST; the answer is JSON
 * or a server-sent event stream; the {@code Mcp-Session-Id} the server gives is sent back) and stdio (a
 * child process, one JSON message per line on its standard input and output). Calls are serialized.
 */
abstract class McpConnection implements AutoCloseable {

    static final String PROTOCOL_VERSION = "2025-06-18";
    static final ObjectMapper JSON = new ObjectMapper();

    /** An MCP server's JSON-RPC error answer. */
    static final class RpcError extends Exception {
        final int code;

        RpcError(int code, String message) {
            super(message);
            this.code = code;
        }
    }

    private final AtomicLong ids = new AtomicLong();
    final String name;
    final Duration timeout;
    private boolean initialized;

    McpConnection(String name, Duration timeout) {
        this.name = name;
        this.timeout = timeout;
    }

    /** Opens a connection of the server's type, not yet initialized. */
    static McpConnection open(McpServers.Server server, Optional<String> credential, Duration timeout)
            throws KeywordException {
        return switch (server.type()) {
            case "http", "https", "streamable-http" -> new Http(server, credential, timeout);
            case "stdio" -> new Stdio(server, credential, timeout);
            default ->
                throw KeywordException.permanent("MCP server '" + server.name() + "' has type '" + server.type()
                        + "': basicflow speaks MCP over stdio and http (streamable HTTP) only; websocket and tcp"
                        + " are not supported");
        };
    }

    /** Sends a request and waits for its answer's {@code result}. */
    synchronized JsonNode request(String method, JsonNode params) throws IOException, RpcError {
        if (!initialized) {
            ObjectNode init = JSON.createObjectNode();
            init.put("protocolVersion", PROTOCOL_VERSION);
            init.putObject("capabilities");
            ObjectNode client = init.putObject("clientInfo");
            client.put("name", "basicflow");
            client.put("version", "1");
            exchange("initialize", init);
            send(message(null, "notifications/initialized", JSON.createObjectNode()), false);
            initialized = true;
        }
        return exchange(method, params);
    }

    private JsonNode exchange(String method, JsonNode params) throws IOException, RpcError {
        long id = ids.incrementAndGet();
        JsonNode answer = send(message(id, method, params), true);
        if (answer == null) {
            throw new IOException("MCP server '" + name + "' gave no answer to " + method);
        }
        JsonNode error = answer.get("error");
        if (error != null && !error.isNull()) {
            throw new RpcError(error.path("code").asInt(), error.path("message").asText(error.toString()));
        }
        return answer.path("result");
    }

    private static ObjectNode message(Long id, String method, JsonNode params) {
        ObjectNode message = JSON.createObjectNode();
        message.put("jsonrpc", "2.0");
        if (id != null) {
            message.put("id", id);
        }
        message.put("method", method);
        message.set("params", params);
        return message;
    }

    /** Sends a message; for a request, returns the answer with the same id. */
    abstract JsonNode send(ObjectNode message, boolean request) throws IOException;

    @Override
    public abstract void close();

    /** Streamable HTTP: every message a POST to the server's URL. */
    static final class Http extends McpConnection {
        private final HttpClient client;
        private final URI uri;
        private final McpServers.Server server;
        private final Optional<String> credential;
        private volatile String session;

        Http(McpServers.Server server, Optional<String> credential, Duration timeout) throws KeywordException {
            super(server.name(), timeout);
            this.server = server;
            this.credential = credential;
            try {
                this.uri = URI.create(server.command());
            } catch (IllegalArgumentException e) {
                throw KeywordException.permanent("MCP server '" + server.name() + "': '" + server.command()
                        + "' is not a URL (the command column of an http server is its endpoint)");
            }
            this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
        }

        @Override
        JsonNode send(ObjectNode message, boolean request) throws IOException {
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .header("MCP-Protocol-Version", PROTOCOL_VERSION)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(message)));
            if (session != null) {
                builder.header("Mcp-Session-Id", session);
            }
            credential.ifPresent(secret -> {
                switch (server.authType()) {
                    case "api_key" -> builder.header("X-API-Key", secret);
                    case "bearer" -> builder.header("Authorization", "Bearer " + secret);
                    default -> {}
                }
            });
            HttpResponse<String> response;
            try {
                response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            response.headers().firstValue("Mcp-Session-Id").ifPresent(id -> session = id);
            int status = response.statusCode();
            if (status == 401 || status == 403) {
                throw new AuthenticationFailed("MCP server '" + name + "' refused the credentials (HTTP " + status
                        + "); check auth_type and the variable named by auth_env ("
                        + (server.authEnv().isBlank() ? "none set" : server.authEnv()) + ")");
            }
            if (status == 404 && session != null) {
                throw new IOException("MCP server '" + name + "' forgot the session (HTTP 404)");
            }
            if (status >= 400) {
                throw new HttpFailure(
                        status,
                        "MCP server '" + name + "' answered HTTP " + status + ": " + abbreviate(response.body()));
            }
            if (!request) {
                return null;
            }
            String type = response.headers().firstValue("Content-Type").orElse("");
            String body = response.body();
            if (type.startsWith("text/event-stream")) {
                return fromEvents(body, message.get("id").asLong());
            }
            return JSON.readTree(body);
        }

        /** The answer among the events of a stream: the {@code data:} lines of each event joined. */
        private JsonNode fromEvents(String body, long id) throws IOException {
            StringBuilder data = new StringBuilder();
            for (String line : (body + "\n\n").split("\r?\n", -1)) {
                if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n")
                            .append(line.substring(5).strip());
                } else if (line.isEmpty() && !data.isEmpty()) {
                    JsonNode event = JSON.readTree(data.toString());
                    data.setLength(0);
                    if (event.path("id").asLong(-1) == id && (event.has("result") || event.has("error"))) {
                        return event;
                    }
                }
            }
            throw new IOException("MCP server '" + name + "' ended its event stream without answering request " + id);
        }

        @Override
        public void close() {
            if (session != null) {
                try {
                    HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofSeconds(2))
                            .header("Mcp-Session-Id", session)
                            .DELETE();
                    client.send(builder.build(), HttpResponse.BodyHandlers.discarding());
                } catch (IOException | RuntimeException e) {
                    // the server ends the session itself in time
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** A refused credential: retrying does not help. */
    static final class AuthenticationFailed extends IOException {
        AuthenticationFailed(String message) {
            super(message);
        }
    }

    /** An HTTP error status other than 401/403. */
    static final class HttpFailure extends IOException {
        final int status;

        HttpFailure(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /** stdio: a child process; one JSON message per line each way. */
    static final class Stdio extends McpConnection {
        private final Process process;
        private final OutputStream input;
        private final BlockingQueue<Object> lines = new LinkedBlockingQueue<>();
        private static final Object END = new Object();

        Stdio(McpServers.Server server, Optional<String> credential, Duration timeout) throws KeywordException {
            super(server.name(), timeout);
            List<String> command = new ArrayList<>();
            command.add(server.command());
            command.addAll(server.args());
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
            credential.ifPresent(secret -> builder.environment().put(server.authEnv(), secret));
            try {
                process = builder.start();
            } catch (IOException e) {
                throw KeywordException.permanent("Failed to connect to MCP server '" + server.name()
                        + "': cannot start " + String.join(" ", command) + " (" + e.getMessage()
                        + "); check the command column and that the program is installed");
            }
            input = process.getOutputStream();
            Thread reader = new Thread(
                    () -> {
                        try (BufferedReader out = new BufferedReader(
                                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                            for (String line = out.readLine(); line != null; line = out.readLine()) {
                                lines.add(line);
                            }
                        } catch (IOException e) {
                            // the process ended
                        } finally {
                            lines.add(END);
                        }
                    },
                    "mcp-stdio-" + server.name());
            reader.setDaemon(true);
            reader.start();
        }

        @Override
        JsonNode send(ObjectNode message, boolean request) throws IOException {
            input.write((JSON.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8));
            input.flush();
            if (!request) {
                return null;
            }
            long id = message.get("id").asLong();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                Object line;
                try {
                    line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
                if (line == null) {
                    throw new IOException(
                            "MCP server '" + name + "' did not answer within " + timeout.toMillis() + " ms");
                }
                if (line == END) {
                    lines.add(END);
                    throw new IOException("MCP server '" + name + "' (a stdio process) ended"
                            + (process.isAlive() ? "" : " with exit status " + waitFor()));
                }
                String text = ((String) line).strip();
                if (text.isEmpty() || !text.startsWith("{")) {
                    continue; // not a message: some servers print a banner
                }
                JsonNode answer = JSON.readTree(text);
                if (answer.has("method")) {
                    if (answer.has("id")) { // a request of the server: ping is answered, others refused
                        ObjectNode reply = JSON.createObjectNode();
                        reply.put("jsonrpc", "2.0");
                        reply.set("id", answer.get("id"));
                        if ("ping".equals(answer.path("method").asText())) {
                            reply.putObject("result");
                        } else {
                            ObjectNode error = reply.putObject("error");
                            error.put("code", -32601);
                            error.put(
                                    "message",
                                    "basicflow does not offer "
                                            + answer.path("method").asText());
                        }
                        input.write((JSON.writeValueAsString(reply) + "\n").getBytes(StandardCharsets.UTF_8));
                        input.flush();
                    }
                    continue;
                }
                if (answer.path("id").asLong(-1) == id) {
                    return answer;
                }
            }
        }

        private int waitFor() {
            try {
                return process.waitFor(1, TimeUnit.SECONDS) ? process.exitValue() : -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        @Override
        public void close() {
            try {
                input.close();
            } catch (IOException e) {
                // already gone
            }
            try {
                if (!process.waitFor(2, TimeUnit.SECONDS)) {
                    process.destroy();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroy();
            }
        }
    }

    static String abbreviate(String text) {
        String flat = text == null ? "" : text.strip();
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
