package io.basicflow.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.spi.value.Value;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.EffectCall;
import io.basicflow.testkit.ScriptRun;
import io.basicflow.testkit.StepMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SCRAPE and SCRAPE_ALL against a real local server that serves HTML pages: the store scripts' forms
 * (a list of links, then SCRAPE of a link item), in memory and on the durable engine, where a crash
 * after a completed SCRAPE never fetches its page again.
 */
class ScrapeTest {

    /** What enrich-product.bas and search-products.bas do with the answers. */
    static final String SCRIPT = """
            links = SCRAPE_ALL base + "/search?q=red shoes", "a"
            TALK LEN(links) + " links"
            TALK links[0].text + " -> " + links[0].href
            TALK links[2].href
            results = SCRAPE_ALL base + "/search?q=red shoes", ".g"
            TALK results[0].text + " | " + results[0].href
            content = SCRAPE links[0], "body"
            TALK content
            price = SCRAPE(base + "/p/1", ".price")
            TALK "price " + price
            gone = SCRAPE base + "/gone", "h1"
            IF NOT gone THEN
                TALK "gone"
            END IF
            none = SCRAPE_ALL base + "/p/1", "table td"
            RETURN LEN(none)
            """;

    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer()
                .route(
                        "/search",
                        (exchange, request) -> TestServer.reply(exchange, 200, "text/html; charset=utf-8", """
                        <html><head><title>Results</title></head><body>
                        <div class="g"><a href="/p/1">Red shoe</a> <span>Light   running
                        shoe</span></div>
                        <div class="g"><a href="p/2?size=40&amp;c=red">Blue shoe</a></div>
                        <a href="https://example.org/about">About</a>
                        </body></html>"""))
                .route("/p/", (exchange, request) -> TestServer.reply(exchange, 200, "text/html", """
                        <html><body><h1>Red shoe</h1>
                        <p class="price">R$ 99,90</p></body></html>"""))
                .route(
                        "/gone",
                        (exchange, request) -> TestServer.reply(exchange, 404, "text/html", "<h1>Not here</h1>"))
                .route("/data.json", (exchange, request) -> TestServer.reply(exchange, 200, "application/json", "{}"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private List<String> expectedMessages() {
        return List.of(
                "3 links",
                "Red shoe -> " + server.url("/p/1"),
                "https://example.org/about",
                "Red shoe Light running shoe | " + server.url("/p/1"),
                "Red shoe R$ 99,90",
                "price R$ 99,90",
                "gone");
    }

    @Test
    void theStoreScriptsFormsReadLinksTextsAndAbsoluteHrefs() {
        List<String> messages = new ArrayList<>();
        DirectOutcome outcome =
                DirectRuns.run("scrape.bas", SCRIPT, Map.of("base", Value.text(server.url(""))), messages);

        assertThat(outcome).isEqualTo(new DirectOutcome.Completed(java.util.Optional.of(Value.number(0))));
        assertThat(messages).containsExactlyElementsOf(expectedMessages());
        // the space of the concatenated query was encoded, not refused
        assertThat(server.requests()).extracting(TestServer.Request::path).contains("/search?q=red%20shoes");
    }

    @Test
    void aResumedRunUsesTheRecordedPageAndFetchesNothingTwice() {
        try (BasicflowTestKit kit = BasicflowTestKit.withPlugins(new HttpPlugin())
                .configuration("http.allow", "127.0.0.1")
                .crashAt(StepMatcher.effectCompleted("SCRAPE"))) {
            ScriptRun run = kit.run("scrape.bas", "#workflow\n" + SCRIPT, Map.of("base", server.url("")));

            assertThat(run.awaitResult()).isEqualTo(Value.number(0));
            assertThat(kit.crashes()).isEqualTo(1);
            assertThat(run.messages()).containsExactlyElementsOf(expectedMessages());
            // The engine died after the commit that recorded the first SCRAPE's answer: the two SCRAPE_ALL
            // and that SCRAPE never fetch again. The next SCRAPE, whose start that commit also held, is
            // called again under its key (at least once, as every effect), the one after it once.
            List<String> paths =
                    server.requests().stream().map(TestServer.Request::path).toList();
            assertThat(paths).filteredOn(path -> path.startsWith("/search")).hasSize(2);
            assertThat(paths).filteredOn("/gone"::equals).hasSize(1);
            List<String> keys = kit.effectCalls("SCRAPE").stream()
                    .map(EffectCall::idempotencyKey)
                    .toList();
            assertThat(keys).hasSizeBetween(3, 4);
            assertThat(new java.util.LinkedHashSet<>(keys)).hasSize(3);
            assertThat(keys).filteredOn(keys.getFirst()::equals).hasSize(1);
            assertThat(keys).filteredOn(keys.getLast()::equals).hasSize(1);
            assertThat(kit.effectCalls("SCRAPE_ALL")).hasSize(3); // two here, one after the crash
            assertThat(run.events("EffectCompleted"))
                    .extracting(io.basicflow.engine.api.EventView::payloadJson)
                    .anyMatch(json -> json.contains("Light running shoe"));
        }
    }

    @Test
    void aPageThatIsNoHtmlABadSelectorAndARefusedHostFailTheStepWithTheirReason() {
        assertThat(failure("x = SCRAPE base + \"/data.json\", \"h1\""))
                .contains("application/json")
                .contains("not an HTML page");
        assertThat(failure("x = SCRAPE base + \"/p/1\", \"h1[\"")).contains("is not a CSS selector");
        assertThat(failure("x = SCRAPE \"http://169.254.169.254/latest\", \"body\""))
                .contains("refused");
        assertThat(failure("x = SCRAPE #{ title: \"no link\" }, \"body\"")).contains("has no href or url");
        // the address policy holds for SCRAPE as for GET: without allow, loopback is refused
        try (BasicflowTestKit kit = BasicflowTestKit.withPlugins(new HttpPlugin())) {
            ScriptRun run = kit.run(
                    "refused.bas", "#workflow\nx = SCRAPE base + \"/p/1\", \"h1\"\n", Map.of("base", server.url("")));
            run.awaitStatus(ExecutionStatus.FAILED);
            assertThat(run.error().orElseThrow().toString()).contains("the engine's own machine");
        }
        assertThat(server.requests()).extracting(TestServer.Request::path).containsExactly("/data.json");
    }

    private String failure(String source) {
        DirectOutcome outcome =
                DirectRuns.run("bad.bas", source, Map.of("base", Value.text(server.url(""))), new ArrayList<>());
        assertThat(outcome).isInstanceOf(DirectOutcome.Failed.class);
        return ((DirectOutcome.Failed) outcome).error().toString();
    }
}
