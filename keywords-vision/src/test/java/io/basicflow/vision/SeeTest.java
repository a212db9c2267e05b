package io.basicflow.vision;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.files.FilesPlugin;
import io.basicflow.spi.PluginConfiguration;
import io.basicflow.spi.value.Value;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.ScriptRun;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code SEE image} against a local server that speaks the OpenAI chat-completions protocol with image
 * parts: the image goes as a data URL of its bytes (a URL as itself), the model's text is the value,
 * direct and durable alike, one request per run; a model that refuses the key or settings that are
 * missing fail the step saying what to set.
 */
class SeeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};

    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final List<String> keys = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @TempDir
    Path root;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            try (exchange) {
                JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
                requests.add(request);
                keys.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                String url = request.path("messages")
                        .path(0)
                        .path("content")
                        .path(1)
                        .path("image_url")
                        .path("url")
                        .asText();
                boolean allowed =
                        "Bearer vision-key".equals(exchange.getRequestHeaders().getFirst("Authorization"));
                String reply = allowed
                        ? JSON.createObjectNode()
                                .set(
                                        "choices",
                                        JSON.createArrayNode()
                                                .add(JSON.createObjectNode()
                                                        .set(
                                                                "message",
                                                                JSON.createObjectNode()
                                                                        .put("role", "assistant")
                                                                        .put(
                                                                                "content",
                                                                                " A red ceramic mug ("
                                                                                        + url.substring(0, 22)
                                                                                        + "…) by Acme. "))))
                                .toString()
                        : "{\"error\":{\"message\":\"Incorrect API key provided\"}}";
                byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(allowed ? 200 : 401, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        });
        server.start();
        Path photos = Files.createDirectories(root.resolve("store.gbai/store.gbdrive/photos"));
        Files.write(photos.resolve("mug.png"), PNG);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Map<String, String> settings(String key) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(
                "vision.see.base-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/");
        settings.put("vision.see.model", "gpt-4o-mini");
        settings.put("vision.see.api-key", key);
        settings.put("files.root", root.toString());
        return settings;
    }

    static final String SCRIPT = """
            description = SEE image
            TALK description
            RETURN LEN(description) > 0
            """;

    static final String SAID = "A red ceramic mug (data:image/png;base64,…) by Acme.";

    @Test
    void theModelsDescriptionIsTheValueDirectAndDurable() {
        List<String> direct = new ArrayList<>();
        assertThat(DirectRuns.run(
                        "store/see.bas",
                        SCRIPT,
                        settings("vision-key"),
                        Map.of("image", Value.text("photos/mug.png")),
                        direct))
                .isInstanceOf(DirectOutcome.Completed.class);
        assertThat(direct).containsExactly(SAID);
        try (BasicflowTestKit kit = BasicflowTestKit.withPlugins(new VisionPlugin(), new FilesPlugin())) {
            settings("vision-key").forEach(kit::configuration);
            ScriptRun run = kit.run("store/see.bas", "#workflow\n" + SCRIPT, Map.of("image", "photos/mug.png"));
            assertThat(run.awaitResult()).isEqualTo(Value.of(true));
            assertThat(run.messages()).containsExactly(SAID);
            assertThat(run.events("EffectCompleted")).hasSize(1);
        }
        assertThat(requests).hasSize(2);
        JsonNode request = requests.getFirst();
        assertThat(request.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(request.path("messages")
                        .path(0)
                        .path("content")
                        .path(0)
                        .path("text")
                        .asText())
                .isEqualTo(ImageDescriber.PROMPT);
        assertThat(request.path("messages")
                        .path(0)
                        .path("content")
                        .path(1)
                        .path("image_url")
                        .path("url")
                        .asText())
                .isEqualTo("data:image/png;base64," + Base64.getEncoder().encodeToString(PNG));
        assertThat(keys).containsOnly("Bearer vision-key");

        List<String> byUrl = new ArrayList<>();
        DirectRuns.run(
                "store/see.bas",
                SCRIPT,
                settings("vision-key"),
                Map.of("image", Value.text("https://shop.example/mug.jpg")),
                byUrl);
        assertThat(requests.getLast()
                        .path("messages")
                        .path(0)
                        .path("content")
                        .path(1)
                        .path("image_url")
                        .path("url")
                        .asText())
                .isEqualTo("https://shop.example/mug.jpg");
    }

    @Test
    void aRefusedKeyAndMissingSettingsFailTheStepSayingWhatToSet() {
        List<String> messages = new ArrayList<>();
        DirectOutcome refused = DirectRuns.run(
                "store/see.bas", SCRIPT, settings("wrong"), Map.of("image", Value.text("photos/mug.png")), messages);
        assertThat(((DirectOutcome.Failed) refused).error().message())
                .contains("refused the key (HTTP 401")
                .contains("check basicflow.vision.see.api-key");
        DirectOutcome unset = DirectRuns.run(
                "store/see.bas",
                SCRIPT,
                Map.of("files.root", root.toString()),
                Map.of("image", Value.text("photos/mug.png")),
                messages);
        assertThat(((DirectOutcome.Failed) unset).error().message())
                .contains("SEE failed: SEE needs basicflow.vision.see.base-url");
        assertThat(new VisionPlugin().missingConfiguration("SEE", PluginConfiguration.empty("vision")))
                .hasValueSatisfying(text -> assertThat(text).contains("basicflow.vision.see.model"));
        DirectOutcome notAnImage = DirectRuns.run(
                "store/see.bas",
                SCRIPT,
                settings("vision-key"),
                Map.of("image", Value.text("data:image/png;base64,aGVsbG8gd29ybGQ=")),
                messages);
        assertThat(((DirectOutcome.Failed) notAnImage).error().message())
                .contains("SEE: base64 data is no PNG, JPEG, GIF or WebP image");
        assertThat(messages).isEmpty();
    }
}
