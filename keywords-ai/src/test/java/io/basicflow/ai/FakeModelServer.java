package io.basicflow.ai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An OpenAI-compatible chat completions server on 127.0.0.1 for tests: the real wire protocol
 * ({@code POST /v1/chat/completions}, JSON in and out), answers scripted in order — a text, a tool
 * call, an HTTP error, a hang — and every request kept for assertions. With no scripted reply left it
 * answers HTTP 500 "no scripted reply", which a test sees as an unexpected call.
 */
final class FakeModelServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Deque<Reply> replies = new ArrayDeque<>();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final Deque<Reply> images = new ArrayDeque<>();
    private final List<JsonNode> imageRequests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    private sealed interface Reply {}

    private record Answer(String text) implements Reply {}

    private record ToolCall(List<String> namesAndArguments) implements Reply {}

    private record Status(int code, String body) implements Reply {}

    private record Hang() implements Reply {}

    private record Picture(byte[] bytes) implements Reply {}

    private FakeModelServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/chat/completions", this::handle);
        server.createContext("/v1/images/generations", this::handleImage);
        server.start();
    }

    static FakeModelServer start() {
        try {
            return new FakeModelServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL to configure: {@code http://127.0.0.1:<port>/v1}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    synchronized FakeModelServer answer(String text) {
        replies.add(new Answer(text));
        return this;
    }

    synchronized FakeModelServer toolCall(String name, String arguments) {
        return toolCalls(name, arguments);
    }

    /** One answer with several tool calls: name, JSON arguments, name, JSON arguments… */
    synchronized FakeModelServer toolCalls(String... namesAndArguments) {
        replies.add(new ToolCall(List.of(namesAndArguments)));
        return this;
    }

    synchronized FakeModelServer status(int code, String body) {
        replies.add(new Status(code, body));
        return this;
    }

    /** The next call gets no answer until the server closes. */
    synchronized FakeModelServer hang() {
        replies.add(new Hang());
        return this;
    }

    List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    /** The next image request gets this picture, as {@code data[0].b64_json}. */
    synchronized FakeModelServer image(byte[] picture) {
        images.add(new Picture(picture));
        return this;
    }

    /** The next image request gets this status and body. */
    synchronized FakeModelServer imageStatus(int code, String body) {
        images.add(new Status(code, body));
        return this;
    }

    /** The image requests ({@code POST /v1/images/generations}), in order. */
    List<JsonNode> imageRequests() {
        return List.copyOf(imageRequests);
    }

    private void handleImage(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            imageRequests.add(request);
            Reply reply;
            synchronized (this) {
                reply = images.poll();
            }
            switch (reply) {
                case null -> send(exchange, 500, "{\"error\":{\"message\":\"no scripted image\"}}");
                case Status status -> send(exchange, status.code(), status.body());
                case Picture picture -> {
                    ObjectNode body = JSON.createObjectNode().put("created", 1_700_000_000L);
                    body.putArray("data")
                            .addObject()
                            .put("b64_json", java.util.Base64.getEncoder().encodeToString(picture.bytes()));
                    send(exchange, 200, body.toString());
                }
                default -> send(exchange, 500, "{\"error\":{\"message\":\"not an image reply\"}}");
            }
        }
    }

    List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    /** The messages of a request as {@code role: content} lines. */
    static List<String> messages(JsonNode request) {
        return java.util.stream.StreamSupport.stream(request.path("messages").spliterator(), false)
                .map(message -> message.path("role").asText() + ": "
                        + message.path("content").asText())
                .toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            requests.add(request);
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            Reply reply;
            synchronized (this) {
                reply = replies.poll();
            }
            switch (reply) {
                case null -> send(exchange, 500, "{\"error\":{\"message\":\"no scripted reply\"}}");
                case Picture picture -> send(exchange, 500, "{\"error\":{\"message\":\"an image for a chat\"}}");
                case Status status -> send(exchange, status.code(), status.body());
                case Hang hang -> {
                    try {
                        closing.await(5, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                case Answer answer -> {
                    ObjectNode message =
                            JSON.createObjectNode().put("role", "assistant").put("content", answer.text());
                    send(exchange, 200, completion(request, message, "stop"));
                }
                case ToolCall call -> {
                    ObjectNode message = JSON.createObjectNode().put("role", "assistant");
                    message.putNull("content");
                    ArrayNode calls = message.putArray("tool_calls");
                    List<String> parts = call.namesAndArguments();
                    for (int i = 0; i + 1 < parts.size(); i += 2) {
                        calls.addObject()
                                .put("id", "call_" + requests.size() + "_" + (i / 2 + 1))
                                .put("type", "function")
                                .putObject("function")
                                .put("name", parts.get(i))
                                .put("arguments", parts.get(i + 1));
                    }
                    send(exchange, 200, completion(request, message, "tool_calls"));
                }
            }
        }
    }

    private String completion(JsonNode request, ObjectNode message, String finish) {
        ObjectNode body = JSON.createObjectNode()
                .put("id", "chatcmpl-" + requests.size())
                .put("object", "chat.completion")
                .put("created", 1_700_000_000L)
                .put("model", request.path("model").asText("test-model"));
        body.putArray("choices")
                .addObject()
                .put("index", 0)
                .put("finish_reason", finish)
                .set("message", message);
        body.putObject("usage")
                .put("prompt_tokens", 10)
                .put("completion_tokens", 5)
                .put("total_tokens", 15);
        return body.toString();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
