package io.basicflow.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.app.scripts.FolderScriptLibrary;
import io.basicflow.app.sites.SiteEndpoints;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sites of {@code CREATE SITE} on the real server: the page and its assets under {@code
 * /sites/<alias>/}, without the API token, sandboxed by their Content-Security-Policy; nothing outside a
 * site's folder, no hidden file, and the API itself still asks for the token.
 */
class SiteEndpointsTest {

    @TempDir
    Path scripts;

    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> get(HttpServer server, String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(server.uri() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSiteIsServedPubliclyAndSandboxedAndNothingOutsideItIs() throws Exception {
        Path sites = scripts.resolve("sites");
        Path assets = Files.createDirectories(sites.resolve("crm/_assets"));
        Files.writeString(sites.resolve("crm/index.html"), "<!DOCTYPE html><html><body>CRM</body></html>");
        Files.writeString(assets.resolve("app.js"), "console.log('crm')");
        Files.writeString(sites.resolve("crm/.index-key.tmp"), "half written");
        Files.writeString(sites.resolve("secret.txt"), "outside every site");
        TestServer.writeScripts(scripts);
        try (HttpServer server = new HttpServer(
                        new FakeWorkflowEngine(),
                        new FolderScriptLibrary(scripts, new LineChecker()),
                        ToolSchemas.unavailable(),
                        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                        TestServer.config().withApiToken(TestServer.TOKEN),
                        null,
                        List.of(new SiteEndpoints(sites)))
                .start()) {
            for (String path : List.of("/sites/crm", "/sites/crm/")) {
                HttpResponse<String> page = get(server, path);
                assertThat(page.statusCode()).as(path).isEqualTo(200);
                assertThat(page.body()).contains("CRM");
                assertThat(page.headers().firstValue("Content-Type").orElseThrow())
                        .startsWith("text/html");
                assertThat(page.headers().firstValue("Content-Security-Policy"))
                        .hasValue("sandbox allow-scripts allow-forms allow-popups");
            }
            HttpResponse<String> script = get(server, "/sites/crm/_assets/app.js");
            assertThat(script.statusCode()).isEqualTo(200);
            assertThat(script.body()).isEqualTo("console.log('crm')");
            assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");

            for (String path : List.of(
                    "/sites/crm/.index-key.tmp", "/sites/crm/..%2Fsecret.txt", "/sites/nosuch", "/sites/crm/x.css")) {
                HttpResponse<String> missing = get(server, path);
                assertThat(missing.statusCode()).as(path).isEqualTo(404);
                assertThat(missing.body()).doesNotContain("outside every site", "half written");
            }
            assertThat(get(server, "/executions").statusCode()).isEqualTo(401);
        }
    }
}
