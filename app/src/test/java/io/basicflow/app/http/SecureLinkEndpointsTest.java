package io.basicflow.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.app.scripts.FolderScriptLibrary;
import io.basicflow.files.SecureLinks;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The links of {@code GENERATE SECURE LINK} on the real server: a genuine link downloads the file without
 * the API token; an altered, forged or expired one is a 403 problem; nothing outside the bot's storage.
 */
class SecureLinkEndpointsTest {

    private static final Instant NOW = Instant.parse("2026-03-11T12:00:00Z");

    @TempDir
    Path scripts;

    @TempDir
    Path root;

    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> get(HttpServer server, String pathAndQuery) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(server.uri() + pathAndQuery))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aGenuineLinkDownloadsTheFileAndAlteredForgedOrLateLinksAreRefused() throws Exception {
        Path drive = Files.createDirectories(root.resolve("shop.gbai/shop.gbdrive/reports"));
        Files.writeString(drive.resolve("sales report.csv"), "region,total\nnorth,12\n");
        Files.writeString(root.resolve("shop.gbai/secret.txt"), "outside the storage");
        SecureLinks links = SecureLinks.of(Optional.empty(), root);
        TestServer.writeScripts(scripts);
        try (HttpServer server = new HttpServer(
                        new FakeWorkflowEngine(),
                        new FolderScriptLibrary(scripts, new LineChecker()),
                        ToolSchemas.unavailable(),
                        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                        TestServer.config().withApiToken(TestServer.TOKEN),
                        null,
                        List.of(new SecureLinkEndpoints(root, links, Clock.fixed(NOW, ZoneOffset.UTC))))
                .start()) {
            String link = links.link("shop", "reports/sales report.csv", NOW.plus(Duration.ofDays(7)));
            HttpResponse<String> file = get(server, link);
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.body()).isEqualTo("region,total\nnorth,12\n");
            assertThat(file.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
            assertThat(file.headers().firstValue("Content-Disposition"))
                    .hasValue("attachment; filename=\"sales report.csv\"");

            String late = links.link("shop", "reports/sales report.csv", NOW.minusSeconds(1));
            String longer = link.replaceFirst(
                    "expires=\\d+", "expires=" + NOW.plus(Duration.ofDays(70)).getEpochSecond());
            String other = link.replace("sales%20report.csv", "other.csv");
            String foreign = new SecureLinks("another server's secret".getBytes(StandardCharsets.UTF_8))
                    .link("shop", "reports/sales report.csv", NOW.plus(Duration.ofDays(7)));
            for (String refused : List.of(late, longer, other, foreign, link.substring(0, link.indexOf('?')))) {
                HttpResponse<String> answer = get(server, refused);
                assertThat(answer.statusCode()).as(refused).isEqualTo(403);
                assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(answer.body())
                        .contains("urn:basicflow:problem:link-refused")
                        .doesNotContain("north");
            }
            assertThat(get(server, late).body()).contains("the link expired");
            assertThat(get(server, longer).body()).contains("altered");

            // a genuine signature over a path that leaves the storage still reaches nothing
            String out = links.link("shop", "../secret.txt", NOW.plus(Duration.ofDays(1)));
            HttpResponse<String> outside = get(server, out.replace("..", "%2E%2E"));
            assertThat(outside.statusCode()).isIn(403, 404);
            assertThat(outside.body()).doesNotContain("outside the storage");
            Files.delete(drive.resolve("sales report.csv"));
            assertThat(get(server, link).statusCode()).isEqualTo(404);
            assertThat(get(server, "/executions").statusCode()).isEqualTo(401);
        }
    }
}
