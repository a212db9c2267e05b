package io.basicflow.http;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The HTTP forms of the reference pages, run direct and durable against a real local server:
 * {@code GET url INTO var} (keyword-get.md), {@code GET url WITH service, date} (basics.md: the
 * variables become the query string) and {@code DOWNLOAD url TO "path"} (keyword-download.md).
 */
class ReferenceHttpFormsTest {

    static final String SCRIPT = """
            service = "consultation"
            date = "2026-12-24 15:00"
            GET base + "/slots" INTO RESPONSE
            TALK "open: " + RESPONSE.open
            slot = GET base + "/slots" WITH service, date
            TALK slot.query
            params = #{city: "São Paulo", tags: ["a", "b"], none: NULL}
            GET base + "/slots?x=1" WITH params INTO other
            TALK other.query
            DOWNLOAD base + "/files/report.csv" TO "reports/today.txt"
            TALK READ "reports/today.txt"
            RETURN RESPONSE.open
            """;

    static final List<String> MESSAGES = List.of(
            "open: 3",
            "service=consultation&date=2026-12-24+15%3A00",
            "x=1&city=S%C3%A3o+Paulo&tags=a&tags=b",
            "a,b\n1,2\n");

    @TempDir
    Path root;

    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer()
                .route("/slots", (exchange, request) -> {
                    String query = exchange.getRequestURI().getRawQuery();
                    TestServer.reply(
                            exchange,
                            200,
                            "application/json",
                            "{\"open\":3,\"query\":\"" + (query == null ? "" : query) + "\"}");
                })
                .route(
                        "/files/report.csv",
                        (exchange, request) -> TestServer.reply(exchange, 200, "text/csv", "a,b\n1,2\n"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void getIntoGetWithAndDownloadToGiveTheSameMessagesInBothModes() throws Exception {
        Path directRoot = Files.createDirectories(root.resolve("direct"));
        DirectRun direct = DirectRun.of(
                List.of(new HttpPlugin(), new FilesPlugin()),
                Map.of("basicflow.http.allow", "127.0.0.1", "basicflow.files.root", directRoot.toString()),
                "shop/start.bas",
                SCRIPT,
                Map.of("base", Value.text(server.url(""))));
        assertThat(direct.outcome()).isEqualTo(new DirectOutcome.Completed(Optional.of(Value.of(3))));
        assertThat(direct.messages()).containsExactlyElementsOf(MESSAGES);

        Path durableRoot = Files.createDirectories(root.resolve("durable"));
        try (BasicflowTestKit kit = BasicflowTestKit.withPlugins(new HttpPlugin(), new FilesPlugin())
                .configuration("http.allow", "127.0.0.1")
                .configuration("files.root", durableRoot.toString())) {
            ScriptRun run = kit.run("shop/start.bas", "#workflow\n" + SCRIPT, Map.of("base", server.url("")));

            assertThat(run.awaitResult()).isEqualTo(Value.of(3));
            assertThat(run.messages()).containsExactlyElementsOf(MESSAGES);
            assertThat(run.events("EffectCompleted")).hasSize(5); // three GETs, DOWNLOAD, READ
        }
        for (Path storage : List.of(directRoot, durableRoot)) {
            assertThat(storage.resolve("shop.gbai/shop.gbdrive/reports/today.txt"))
                    .hasContent("a,b\n1,2\n");
        }
    }

    @Test
    void aWithOnAStoragePathOrTwoDestinationsFailTheStepSayingWhy() {
        DirectRun withOnPath = DirectRun.of(
                List.of(new HttpPlugin(), new FilesPlugin()),
                Map.of("basicflow.files.root", root.toString()),
                "shop/api.bas",
                "service = \"x\"\ndate = \"y\"\na = GET \"api/appointments/available\" WITH service, date\n",
                Map.of());
        assertThat(withOnPath.outcome()).isInstanceOf(DirectOutcome.Failed.class);
        assertThat(withOnPath.outcome().toString())
                .contains("'api/appointments/available' WITH …: query parameters need an http(s) URL");

        DirectRun twice = DirectRun.of(
                List.of(new HttpPlugin(), new FilesPlugin()),
                Map.of("basicflow.http.allow", "127.0.0.1", "basicflow.files.root", root.toString()),
                "shop/dl.bas",
                "DOWNLOAD base + \"/files/report.csv\", \"a.csv\" TO \"b.csv\"\n",
                Map.of("base", Value.text(server.url(""))));
        assertThat(twice.outcome().toString()).contains("DOWNLOAD takes one destination");
        assertThat(server.requests()).isEmpty();
    }
}
