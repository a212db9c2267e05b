package io.basicflow.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.app.scripts.FolderScriptLibrary;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bearer token and the refusal to listen on an open address without one. */
class AuthTest {

    @TempDir
    Path scripts;

    @Test
    void everyRouteButHealthRequiresTheTokenAndAFailedCheckChangesNothing() {
        try (TestServer api = TestServer.start(scripts, TestServer.config().withApiToken(TestServer.TOKEN))) {
            api.startTicket("t1");
            api.engine.fail("t1", "boom");
            List<String> routes = api.server.routes();
            assertThat(routes).contains("GET /health", "POST /executions", "GET /metrics");

            for (String route : routes) {
                if (route.equals("GET /health")) {
                    continue;
                }
                String before = api.engine.snapshot();
                HttpRequest.Builder missing = requestFor(api, route);
                HttpRequest.Builder wrong = requestFor(api, route).header("Authorization", "Bearer not-the-token");
                HttpRequest.Builder basic = requestFor(api, route).header("Authorization", "Basic dXNlcjpwYXNz");

                TestServer.Reply noToken = api.send(missing.build());
                noToken.problem(401, "unauthorized");
                assertThat(noToken.header("WWW-Authenticate")).as(route).contains("Bearer realm=\"basicflow\"");

                TestServer.Reply wrongToken = api.send(wrong.build());
                wrongToken.problem(401, "unauthorized");
                assertThat(wrongToken.header("WWW-Authenticate"))
                        .as(route)
                        .get()
                        .asString()
                        .contains("invalid_token");

                TestServer.Reply otherScheme = api.send(basic.build());
                otherScheme.problem(401, "unauthorized");
                assertThat(otherScheme.header("WWW-Authenticate"))
                        .as(route)
                        .get()
                        .asString()
                        .contains("invalid_request");

                assertThat(api.engine.snapshot()).as(route).isEqualTo(before);
            }
        }
    }

    @Test
    void theRightTokenOpensEveryRoute() {
        try (TestServer api = TestServer.start(scripts, TestServer.config().withApiToken(TestServer.TOKEN))) {
            api.startTicket("t1");

            assertThat(api.get("/executions/t1").status()).isEqualTo(200);
            assertThat(api.get("/scripts").status()).isEqualTo(200);
            assertThat(api.get("/metrics").status()).isEqualTo(200);
            assertThat(api.get("/openapi.json").status()).isEqualTo(200);
            TestServer.Reply lowerCaseScheme = api.send(HttpRequest.newBuilder(api.uri("/executions/t1"))
                    .header("Authorization", "bearer " + TestServer.TOKEN)
                    .build());
            assertThat(lowerCaseScheme.status()).isEqualTo(200);
        }
    }

    @Test
    void healthNeedsNoTokenSoProbesWork() {
        try (TestServer api = TestServer.start(scripts, TestServer.config().withApiToken(TestServer.TOKEN))) {
            TestServer.Reply health =
                    api.send(HttpRequest.newBuilder(api.uri("/health")).build());

            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().path("status").asText()).isEqualTo("UP");
        }
    }

    @Test
    void unknownPathsAreRefusedBeforeRoutingSoTheyRevealNothing() {
        try (TestServer api = TestServer.start(scripts, TestServer.config().withApiToken(TestServer.TOKEN))) {
            api.send(HttpRequest.newBuilder(api.uri("/admin")).build()).problem(401, "unauthorized");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::"})
    void refusesToListenOnAnOpenAddressWithoutAToken(String host) {
        HttpServer server = server(TestServer.config().withHost(host));

        assertThatThrownBy(server::start)
                .isInstanceOf(UnprotectedListenerException.class)
                .hasMessage("refusing to listen on " + host
                        + " without an API token: set basicflow.api.token or --token, or listen on 127.0.0.1");
        assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
        server.close();
    }

    @Test
    void listensOnAnOpenAddressWithAToken() {
        try (HttpServer server = server(TestServer.config().withHost("0.0.0.0").withApiToken(TestServer.TOKEN))) {
            server.start();

            assertThat(server.port()).isPositive();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "::1"})
    void listensOnLoopbackWithoutAToken(String host) {
        try (HttpServer server = server(TestServer.config().withHost(host))) {
            server.start();

            assertThat(server.port()).isPositive();
        }
    }

    @Test
    void theConfigurationNeverPrintsTheToken() {
        HttpServerConfig config = TestServer.config().withApiToken(TestServer.TOKEN);

        assertThat(config.toString()).doesNotContain(TestServer.TOKEN).contains("apiToken=(set)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "two words", "tab\there"})
    void unusableTokensAreRefusedAtConfiguration(String token) {
        assertThatThrownBy(() -> TestServer.config().withApiToken(token))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("API token");
    }

    private HttpServer server(HttpServerConfig config) {
        TestServer.writeScripts(scripts);
        return new HttpServer(
                new FakeWorkflowEngine(),
                new FolderScriptLibrary(scripts, new LineChecker()),
                ToolSchemas.unavailable(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                config);
    }

    /** A request for a route, with concrete path parameters and a body that would succeed. */
    private static HttpRequest.Builder requestFor(TestServer api, String route) {
        String[] parts = route.split(" ", 2);
        String path = parts[1].replace("{id}", "t1").replace("{name}", "ticket.bas");
        HttpRequest.Builder builder = HttpRequest.newBuilder(api.uri(path)).header("Content-Type", "application/json");
        String body = switch (parts[1]) {
            case "/executions" -> "{\"script\": \"ticket.bas\", \"id\": \"sneaky\"}";
            case "/executions/{id}/input" -> "{\"text\": \"sneaky\"}";
            case "/executions/{id}/messages/ack" -> "{\"upto\": 1}";
            case "/executions/{id}/cancel" -> "{\"reason\": \"sneaky\"}";
            case "/scripts/check" -> "{\"source\": \"TALK 1\"}";
            default -> "";
        };
        return switch (parts[0]) {
            case "GET" -> builder.GET();
            case "POST" -> builder.POST(HttpRequest.BodyPublishers.ofString(body));
            case "DELETE" -> builder.DELETE();
            default -> throw new AssertionError("a route with method " + parts[0] + " has no test request: " + route);
        };
    }
}
