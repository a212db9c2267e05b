package io.basicflow.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.files.FilesPlugin;
import io.basicflow.spi.value.Value;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.DirectRun;
import io.basicflow.testkit.ScriptRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET} and the one-argument {@code DELETE} of something that is no URL: a file of the bot's
 * storage, read and deleted the way the files plugin does; of a URL: the HTTP verb, against a real
 * local server.
 */
class HttpStorageTest {

    static final String SCRIPT = """
            WRITE "notes/a.txt", "from storage"
            text = GET "notes/a.txt"
            TALK text
            answer = DELETE base + "/items/1"
            TALK "server deleted " + answer.deleted
            removed = DELETE "notes/a.txt"
            TALK "file removed: " + removed
            left = LIST "notes/"
            RETURN LEN(left)
            """;

    static final List<String> MESSAGES = List.of("from storage", "server deleted 1", "file removed: true");

    @TempDir
    Path root;

    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer()
                .route(
                        "/items/1",
                        (exchange, request) -> TestServer.reply(
                                exchange,
                                200,
                                "application/json",
                                "{\"deleted\":" + (request.method().equals("DELETE") ? 1 : 0) + "}"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aPathIsAFileOfTheBotsStorageAndAUrlIsAnHttpCallInBothModes() throws Exception {
        DirectRun direct = DirectRun.of(
                List.of(new HttpPlugin(), new FilesPlugin()),
                Map.of(
                        "basicflow.http.allow",
                        "127.0.0.1",
                        "basicflow.files.root",
                        Files.createDirectories(root.resolve("direct")).toString()),
                "shop/start.bas",
                SCRIPT,
                Map.of("base", Value.text(server.url(""))));
        assertThat(direct.outcome()).isEqualTo(new DirectOutcome.Completed(Optional.of(Value.of(0))));
        assertThat(direct.messages()).containsExactlyElementsOf(MESSAGES);

        Path durableRoot = Files.createDirectories(root.resolve("durable"));
        try (BasicflowTestKit kit = kit(durableRoot)) {
            ScriptRun run = kit.run("shop/start.bas", "#workflow\n" + SCRIPT, Map.of("base", server.url("")));

            assertThat(run.awaitResult()).isEqualTo(Value.of(0));
            assertThat(run.messages()).containsExactlyElementsOf(MESSAGES);
        }
        assertThat(server.requests()).extracting(TestServer.Request::method).containsExactly("DELETE", "DELETE");
        assertThat(durableRoot.resolve("shop.gbai/shop.gbdrive/notes")).isEmptyDirectory();
    }

    @Test
    void aGetOfAPathOutOfTheStorageFailsWithTheReasonAndCallsNoServer() {
        try (BasicflowTestKit kit = kit(root)) {
            ScriptRun run = kit.run("shop/bad.bas", "#workflow\nx = GET \"../other.gbai/secret.txt\"\n");

            run.awaitStatus(ExecutionStatus.FAILED);

            assertThat(run.error().orElseThrow().toString()).contains("GET: PATH_TRAVERSAL");
        }
        assertThat(server.requests()).isEmpty();
    }

    private BasicflowTestKit kit(Path filesRoot) {
        return BasicflowTestKit.withPlugins(new HttpPlugin(), new FilesPlugin())
                .configuration("http.allow", "127.0.0.1")
                .configuration("files.root", filesRoot.toString());
    }
}
