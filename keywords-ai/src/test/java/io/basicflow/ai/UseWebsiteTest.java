package io.basicflow.ai;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.ScriptRun;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code USE WEBSITE} against a real local site on 127.0.0.1: the crawl stays on the host, honours
 * robots.txt and the depth limit, reads HTML and text only; the site's passages reach the LLM prompt
 * direct and durable; the crawl is kept until its refresh interval passes, the shortest interval wins.
 */
class UseWebsiteTest {

    static final String HOURS =
            "The reading room is open on Saturdays from nine in the morning until four in the" + " afternoon.";
    static final String FEES = "Books returned late cost twenty cents a day, at most five dollars a book.";
    static final String SECRET = "The staff door code is 4711.";

    @TempDir
    Path websites;

    private HttpServer site;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private String base;

    @BeforeEach
    void startSite() throws IOException {
        site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        page("/robots.txt", "text/plain", "User-agent: otherbot\nDisallow: /\n\nUser-agent: *\nDisallow: /private\n");
        page("/", "text/html", """
                <html><head><title>Town library</title></head><body>
                <a href="/hours.html">Hours</a> <a href='fees.html#top'>Fees</a>
                <a href="/private/staff.html">Staff</a> <a href="http://example.invalid/elsewhere">Partner</a>
                <a href="mailto:desk@library.test">Mail</a> <a href="/catalogue.pdf">Catalogue</a>
                <a href="/level1.html">More</a>
                </body></html>""");
        page("/hours.html", "text/html; charset=utf-8", "<html><body><h1>Hours</h1><p>" + HOURS + "</p></body></html>");
        page("/fees.html", "text/plain", FEES);
        page("/private/staff.html", "text/html", "<p>" + SECRET + "</p>");
        page("/catalogue.pdf", "application/pdf", "%PDF-1.4");
        page("/level1.html", "text/html", "<p>Level one.</p><a href=\"/level2.html\">deeper</a>");
        page("/level2.html", "text/html", "<p>Level two.</p><a href=\"/level3.html\">deeper</a>");
        page("/level3.html", "text/html", "<p>Level three.</p>");
        site.start();
        base = "http://127.0.0.1:" + site.getAddress().getPort();
    }

    private void page(String path, String type, String body) {
        site.createContext(path, exchange -> {
            if (!exchange.getRequestURI().getPath().equals(path)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            requests.add(exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("User-Agent"));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
    }

    @AfterEach
    void stopSite() {
        site.stop(0);
    }

    private Map<String, String> settings(FakeModelServer model) {
        return Scripts.settings(
                model, "website-folder", websites.toString(), "website-max-depth", "2", "kb-chunks", "1");
    }

    private String script() {
        return "USE WEBSITE \"" + base + "\" REFRESH \"1d\"\n"
                + "answer = LLM \"Until when can I visit on Saturday?\"\n"
                + "TALK answer\n";
    }

    @Test
    void theSiteIsCrawledWithinItsRulesAndItsPassagesReachTheModelDirectAndDurable() {
        try (FakeModelServer model = FakeModelServer.start()) {
            model.answer("Until 4 pm.").answer("Until 4 pm.");

            assertThat(Scripts.direct(script(), settings(model))).containsExactly("Until 4 pm.", "completed");

            assertThat(requests)
                    .containsExactly(
                            "/robots.txt basicflow",
                            "/ basicflow",
                            "/hours.html basicflow",
                            "/fees.html basicflow",
                            "/catalogue.pdf basicflow",
                            "/level1.html basicflow",
                            "/level2.html basicflow");
            String system =
                    FakeModelServer.messages(model.requests().getFirst()).getFirst();
            assertThat(system)
                    .startsWith("system: Use these passages")
                    .contains(HOURS)
                    .doesNotContain(SECRET);

            // the durable run finds the crawl kept (its interval has not passed) and fetches nothing
            requests.clear();
            try (BasicflowTestKit kit = Scripts.kit(settings(model))) {
                ScriptRun run = kit.run("#workflow\n" + script());
                run.awaitStatus(io.basicflow.engine.api.ExecutionStatus.COMPLETED);
                assertThat(run.messages()).containsExactly("Until 4 pm.");
                assertThat(run.events("EffectCompleted")).hasSize(2);
            }
            assertThat(requests).isEmpty();
            assertThat(FakeModelServer.messages(model.requests().get(1)).getFirst())
                    .contains(HOURS);
        }
    }

    @Test
    void theCrawlIsDoneAgainOnlyWhenTheShortestIntervalRegisteredHasPassed() throws Exception {
        try (FakeModelServer model = FakeModelServer.start()) {
            Map<String, String> settings = settings(model);
            String use = "USE WEBSITE \"" + base + "\" REFRESH ";
            assertThat(Scripts.direct(use + "\"1w\"\n", settings)).containsExactly("completed");
            assertThat(requests).hasSize(7);
            Path record = crawlRecord();
            assertThat(load(record).getProperty("interval")).isEqualTo("PT168H");

            age(record, 2);
            requests.clear();
            assertThat(Scripts.direct(use + "\"1w\"\n", settings)).containsExactly("completed");
            assertThat(requests).isEmpty();

            // two days old, and now registered daily: the shorter interval wins and the site is crawled again
            assertThat(Scripts.direct(use + "\"1d\"\n", settings)).containsExactly("completed");
            assertThat(requests).hasSize(7);
            assertThat(load(record).getProperty("interval")).isEqualTo("PT24H");

            // a longer interval later does not lengthen it
            requests.clear();
            assertThat(Scripts.direct("USE WEBSITE \"" + base + "\"\n", settings))
                    .containsExactly("completed");
            assertThat(load(record).getProperty("interval")).isEqualTo("PT24H");
            assertThat(requests).isEmpty();

            // the call form real scripts write, the interval as a second argument: registered (shorter), and
            // the crawl of a moment ago is still fresh
            assertThat(Scripts.direct("USE_WEBSITE(\"" + base + "\", \"12h\")\n", settings))
                    .containsExactly("completed");
            assertThat(load(record).getProperty("interval")).isEqualTo("PT12H");
            assertThat(requests).isEmpty();
        }
    }

    @Test
    void aPageLimitBadArgumentsAndAMissingSiteFailClearly() {
        try (FakeModelServer model = FakeModelServer.start()) {
            Map<String, String> settings = new java.util.LinkedHashMap<>(settings(model));
            settings.put("basicflow.ai.website-max-pages", "2");
            assertThat(Scripts.direct("USE WEBSITE \"" + base + "/\"\n", settings))
                    .containsExactly("completed");
            assertThat(requests).containsExactly("/robots.txt basicflow", "/ basicflow", "/hours.html basicflow");

            assertThat(Scripts.direct("USE WEBSITE \"ftp://files.test\"\n", settings)
                            .getLast())
                    .contains("USE WEBSITE needs an http or https URL with a host")
                    .contains("ftp://files.test");
            assertThat(Scripts.direct("USE WEBSITE \"" + base + "\" REFRESH \"soon\"\n", settings)
                            .getLast())
                    .contains("REFRESH needs an interval such as \"1d\"")
                    .contains("'soon'");
            assertThat(Scripts.direct("USE WEBSITE \"" + base + "/private/staff.html\"\n", settings)
                            .getLast())
                    .contains("no page could be read")
                    .contains("robots.txt");
        }
    }

    @Test
    void clearWebsitesStopsUsingTheSitesAndKeepsNothingElseFromThem() {
        try (FakeModelServer model = FakeModelServer.start()) {
            model.answer("Until 4 pm.").answer("I do not know.");
            String source = script() + "CLEAR WEBSITES\nb = LLM \"Until when can I visit on Saturday?\"\nTALK b\n";

            assertThat(Scripts.direct(source, settings(model)))
                    .containsExactly("Until 4 pm.", "I do not know.", "completed");
            assertThat(FakeModelServer.messages(model.requests().get(1)))
                    .containsExactly("user: Until when can I visit on Saturday?");
        }
    }

    private Path crawlRecord() throws IOException {
        try (Stream<Path> folders = Files.list(websites)) {
            return folders.toList().getFirst().resolve("crawl.properties");
        }
    }

    private static Properties load(Path record) throws IOException {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(record)) {
            properties.load(reader);
        }
        return properties;
    }

    private static void age(Path record, int days) throws IOException {
        Properties properties = load(record);
        properties.setProperty(
                "crawled-at", Instant.now().minus(days, ChronoUnit.DAYS).toString());
        try (var writer = Files.newBufferedWriter(record)) {
            properties.store(writer, null);
        }
    }
}
