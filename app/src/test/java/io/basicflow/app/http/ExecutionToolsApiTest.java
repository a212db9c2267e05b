package io.basicflow.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.basicflow.app.scripts.CompilerScriptChecker;
import io.basicflow.app.scripts.FolderScriptLibrary;
import io.basicflow.app.tools.ToolsFixture;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.ScriptRun;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /executions/{id}/tools} on the real durable engine: a chat front end or an LLM host
 * lists an execution's active tools with their MCP {@code tools/list} schemas, from the tools folder.
 */
class ExecutionToolsApiTest {

    @TempDir
    Path toolsFolder;

    @TempDir
    Path scriptsFolder;

    @Test
    void listsTheActiveToolsOfAnExecutionWithTheirSchemas() throws Exception {
        ToolsFixture fixture = new ToolsFixture(toolsFolder);
        try (BasicflowTestKit kit = fixture.kit();
                HttpServer server = new HttpServer(
                                kit.engine(),
                                new FolderScriptLibrary(scriptsFolder, new CompilerScriptChecker(fixture.compiler())),
                                new ToolFolderSchemas(fixture.tools()),
                                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                                HttpServerConfig.defaults().withPort(0))
                        .start()) {
            ScriptRun run =
                    kit.run("helpdesk.bas", "#workflow\nADD TOOL \"repeat\"\nUSE TOOL \"ask\"\nHEAR question\n");
            run.awaitStatus(ExecutionStatus.WAITING_INPUT);
            // A tool that breaks after it was activated is reported, not listed.
            Files.writeString(toolsFolder.resolve("ask.bas"), "PARAM topic AS\n");

            JsonNode body = get(server, "/executions/" + run.id() + "/tools");

            List<String> names = new ArrayList<>();
            body.path("tools").forEach(tool -> names.add(tool.path("name").asText()));
            assertThat(names).containsExactly("repeat");
            JsonNode repeat = body.path("tools").get(0);
            assertThat(repeat.path("description").asText()).isEqualTo("Repeats a word");
            JsonNode schema = repeat.path("inputSchema");
            assertThat(schema.path("type").asText()).isEqualTo("object");
            assertThat(schema.path("properties").path("count").path("type").asText())
                    .isEqualTo("integer");
            List<String> required = new ArrayList<>();
            schema.path("required").forEach(name -> required.add(name.asText()));
            assertThat(required).containsExactly("word", "count");
            assertThat(body.path("problems")).hasSize(1);
            assertThat(body.path("problems").get(0).path("tool").asText()).isEqualTo("ask");
        }
    }

    private static JsonNode get(HttpServer server, String path) throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        HttpResponse<byte[]> response = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode())
                .as(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        return Json.parse(response.body());
    }
}
