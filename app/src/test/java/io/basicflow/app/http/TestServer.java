package io.basicflow.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.basicflow.app.scripts.FolderScriptLibrary;
import io.basicflow.app.scripts.ScriptLibrary;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A real {@link HttpServer} on a free loopback port over a {@link FakeWorkflowEngine} and a scripts
 * folder with our test scripts, and a small client for it.
 */
final class TestServer implements AutoCloseable {

    static final String TICKET = """
            #workflow
            ' Opens a ticket after asking for a name.
            TALK "What is your name?"
            HEAR name
            TALK "Thanks, " + name
            """;
    static final String HELLO_DIRECT = """
            TALK "Hello"
            """;
    static final String BROKEN = """
            #workflow
            TALK "one"
            FROBNICATE 3
            """;
    static final String REFUND = """
            #workflow
            TALK "Refund for which order?"
            HEAR order
            """;
    static final String TOKEN = "s3cret-Token_for-tests";

    final FakeWorkflowEngine engine = new FakeWorkflowEngine();
    final InMemorySchedules schedules = new InMemorySchedules();
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final Path scriptsFolder;
    final HttpServer server;
    final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final Optional<String> token;

    /** A server whose scripts folder is {@code folder}, written to by nobody. */
    static TestServer startOver(Path folder) {
        return new TestServer(folder, config(), TestServer::describeTools);
    }

    private TestServer(Path scriptsFolder, HttpServerConfig config, ToolSchemas tools) {
        this(scriptsFolder, new FolderScriptLibrary(scriptsFolder, new LineChecker()), config, tools, null);
    }

    private TestServer(Path scriptsFolder, HttpServerConfig config, ToolSchemas tools, HealthProbe health) {
        this(scriptsFolder, new FolderScriptLibrary(scriptsFolder, new LineChecker()), config, tools, health);
    }

    private TestServer(
            Path scriptsFolder, ScriptLibrary library, HttpServerConfig config, ToolSchemas tools, HealthProbe health) {
        this.scriptsFolder = scriptsFolder;
        this.token = config.apiToken();
        this.server = new HttpServer(
                        engine,
                        library,
                        tools,
                        registry,
                        config,
                        health,
                        List.of(new ScheduleEndpoints(schedules, java.time.ZoneId.of("UTC"))))
                .start();
    }

    /** A server over a library of the caller's, e.g. on the real compiler. */
    static TestServer over(FolderScriptLibrary library) {
        return new TestServer(library.root(), library, config(), TestServer::describeTools, null);
    }

    /** A server with our scripts whose {@code /health} asks this probe about the database. */
    static TestServer startWithHealth(Path folder, HealthProbe health) {
        writeScripts(folder);
        return new TestServer(folder, config(), TestServer::describeTools, health);
    }

    /** A server with our scripts, no token, a 4 KiB body limit and a 1 s heartbeat. */
    static TestServer start(Path folder) {
        return start(folder, config());
    }

    static TestServer start(Path folder, HttpServerConfig config) {
        return start(folder, config, TestServer::describeTools);
    }

    static TestServer start(Path folder, HttpServerConfig config, ToolSchemas tools) {
        writeScripts(folder);
        return new TestServer(folder, config, tools);
    }

    static HttpServerConfig config() {
        return HttpServerConfig.defaults()
                .withPort(0)
                .withMaxBodyBytes(4096)
                .withSseHeartbeat(Duration.ofSeconds(1))
                .withMaxLongPollWait(Duration.ofSeconds(5));
    }

    static void writeScripts(Path folder) {
        try {
            Files.createDirectories(folder.resolve("support"));
            Files.writeString(folder.resolve("ticket.bas"), TICKET);
            Files.writeString(folder.resolve("hello.bas"), HELLO_DIRECT);
            Files.writeString(folder.resolve("broken.bas"), BROKEN);
            Files.writeString(folder.resolve("support/refund.bas"), REFUND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tools known to the test: {@code lookup} and {@code create-ticket}; others are problems. */
    static ToolSchemas.Descriptions describeTools(List<String> names) {
        List<JsonNode> tools = new java.util.ArrayList<>();
        List<ToolSchemas.Problem> problems = new java.util.ArrayList<>();
        for (String name : names) {
            switch (name) {
                case "lookup", "create-ticket" ->
                    tools.add(Json.parse(("""
                        {"name": "%s", "description": "A test tool",
                         "inputSchema": {"type": "object", "properties": {"query": {"type": "string"}},
                                         "required": ["query"], "additionalProperties": false}}
                        """.formatted(name)).getBytes(StandardCharsets.UTF_8)));
                default -> problems.add(new ToolSchemas.Problem(name, "tool '" + name + "' not found"));
            }
        }
        return new ToolSchemas.Descriptions(tools, problems);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60));
        token.ifPresent(t -> builder.header("Authorization", "Bearer " + t));
        return builder;
    }

    Reply get(String path) {
        return send(request(path).GET().build());
    }

    Reply post(String path, String json) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    Reply postText(String path, String text) {
        return send(request(path)
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(text))
                .build());
    }

    Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(request.method(), request.uri().getRawPath(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts ticket.bas with a caller id and checks it was created. */
    String startTicket(String id) {
        Reply reply = post("/executions", "{\"script\": \"ticket.bas\", \"id\": \"" + id + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return id;
    }

    @Override
    public void close() {
        server.close();
        client.close();
    }

    /** One answer. */
    record Reply(String method, String path, HttpResponse<String> response) {

        int status() {
            return response.statusCode();
        }

        String body() {
            return response.body();
        }

        JsonNode json() {
            return Json.parse(response.body().getBytes(StandardCharsets.UTF_8));
        }

        String contentType() {
            return response.headers().firstValue("Content-Type").orElse("");
        }

        Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }

        /** Asserts an RFC 9457 problem of this status and type, and returns it. */
        JsonNode problem(int status, String typeSlug) {
            assertThat(status()).as(body()).isEqualTo(status);
            assertThat(contentType()).startsWith("application/problem+json");
            JsonNode problem = json();
            assertThat(problem.path("type").asText()).isEqualTo("urn:basicflow:problem:" + typeSlug);
            assertThat(problem.path("status").asInt()).isEqualTo(status);
            assertThat(problem.path("title").asText()).isNotBlank();
            assertThat(problem.path("detail").asText()).isNotBlank();
            assertThat(problem.path("instance").asText()).isEqualTo(path);
            return problem;
        }
    }
}
