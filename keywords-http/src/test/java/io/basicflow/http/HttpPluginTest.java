package io.basicflow.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.Value;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every verb against a real HTTP server on 127.0.0.1, called as the engine calls the handlers. */
class HttpPluginTest {

    private final HttpPlugin plugin = new HttpPlugin();
    private TestServer server;
    private TestContext context;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer();
        context = TestContext.allowingLoopback();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void getReturnsJsonAsAValueAndTextAsText() throws Exception {
        server.route(
                        "/user",
                        (exchange, request) -> TestServer.reply(
                                exchange, 200, "application/json", "{\"name\":\"Ana\",\"orders\":[1,2.5]}"))
                .route("/motd", (exchange, request) -> TestServer.reply(exchange, 200, "text/plain", "hello"));

        Value user = context.call(plugin, "GET", server.url("/user"));
        Value motd = context.call(plugin, "GET", server.url("/motd"));

        assertThat(user)
                .isEqualTo(Value.of(Map.of("name", "Ana", "orders", List.of(1, new java.math.BigDecimal("2.5")))));
        assertThat(motd).isEqualTo(Value.text("hello"));
        assertThat(context.call(plugin, "HTTP RESPONSE"))
                .isInstanceOfSatisfying(
                        MapValue.class,
                        last -> assertThat(last.entries().get("status")).isEqualTo(Value.number(200)));
    }

    @Test
    void eachVerbSendsItsMethodBodyAndOnlyPostAndPatchAnIdempotencyKey() throws Exception {
        server.route(
                "/items", (exchange, request) -> TestServer.reply(exchange, 201, "application/json", "{\"ok\":true}"));

        context.call(plugin, "POST", server.url("/items"), new java.util.TreeMap<>(Map.of("qty", 2, "sku", "A-1")));
        context.call(plugin, "PUT", server.url("/items"), "plain words");
        context.call(plugin, "PATCH", server.url("/items"), "{\"qty\":3}");
        context.call(plugin, "DELETE HTTP", server.url("/items"));

        List<TestServer.Request> requests = server.requests();
        assertThat(requests).extracting(TestServer.Request::method).containsExactly("POST", "PUT", "PATCH", "DELETE");
        assertThat(requests.get(0).body()).isEqualTo("{\"qty\":2,\"sku\":\"A-1\"}");
        assertThat(requests.get(0).header("Content-Type")).isEqualTo("application/json");
        assertThat(requests.get(0).header("Idempotency-Key")).isEqualTo("exec-1/1");
        assertThat(requests.get(1).header("Content-Type")).isEqualTo("text/plain; charset=UTF-8");
        assertThat(requests.get(1).header("Idempotency-Key")).isNull();
        assertThat(requests.get(2).header("Content-Type")).isEqualTo("application/json");
        assertThat(requests.get(2).header("Idempotency-Key")).isEqualTo("exec-1/3");
        assertThat(requests.get(3).header("Idempotency-Key")).isNull();
        assertThat(requests.get(3).body()).isEmpty();
    }

    @Test
    void aFormContentTypeSendsAMapAsAForm() throws Exception {
        server.route("/form", (exchange, request) -> TestServer.reply(exchange, 200, "text/plain", "ok"));

        context.call(plugin, "POST", server.url("/form"), Map.of("q", "a b&c"), "application/x-www-form-urlencoded");

        assertThat(server.requests().getFirst().body()).isEqualTo("q=a+b%26c");
    }

    @Test
    void headersSetBySetHeaderGoWithLaterCallsAndSecretsAreNotKeptInClear() throws Exception {
        server.route("/me", (exchange, request) -> TestServer.reply(exchange, 200, "text/plain", "ok"));

        context.call(plugin, "SET HEADER", "Authorization", "Bearer s3cr3t-token");
        context.call(plugin, "SET HEADER", "X-Request-ID", "req-7");
        context.call(plugin, "GET", server.url("/me"));
        context.call(plugin, "SET HEADER", "X-Request-ID", "");
        context.call(plugin, "GET", server.url("/me"));
        context.call(plugin, "CLEAR HEADERS");
        context.call(plugin, "GET", server.url("/me"));

        List<TestServer.Request> requests = server.requests();
        assertThat(requests.get(0).header("Authorization")).isEqualTo("Bearer s3cr3t-token");
        assertThat(requests.get(0).header("X-Request-ID")).isEqualTo("req-7");
        assertThat(requests.get(1).header("Authorization")).isEqualTo("Bearer s3cr3t-token");
        assertThat(requests.get(1).header("X-Request-ID")).isNull();
        assertThat(requests.get(2).header("Authorization")).isNull();

        context.call(plugin, "SET HEADER", "Authorization", "Bearer s3cr3t-token");
        Value stored = context.kept.get(Headers.STATE);
        assertThat(stored.display()).doesNotContain("s3cr3t").contains("secret:v1:");
    }

    @Test
    void aClientErrorIsAValueTheScriptCanTest() throws Exception {
        server.route(
                "/missing",
                (exchange, request) ->
                        TestServer.reply(exchange, 404, "application/json", "{\"message\":\"no such user\"}"));

        Value answer = context.call(plugin, "GET", server.url("/missing"));

        assertThat(answer).isInstanceOfSatisfying(MapValue.class, map -> {
            assertThat(map.entries().get("status")).isEqualTo(Value.number(404));
            assertThat(map.entries().get("error")).isEqualTo(Value.of(Map.of("message", "no such user")));
        });
    }

    @Test
    void serverErrorsAreRetryableAndRetryAfterIsPassedOn() throws Exception {
        server.route("/down", (exchange, request) -> TestServer.reply(exchange, 503, "text/plain", "maintenance"))
                .route("/busy", (exchange, request) -> {
                    exchange.getResponseHeaders().set("Retry-After", "3");
                    TestServer.reply(exchange, 429, "text/plain", "slow down");
                })
                .route("/very-busy", (exchange, request) -> {
                    exchange.getResponseHeaders().set("Retry-After", "86400");
                    TestServer.reply(exchange, 429, null, "");
                });

        assertThatThrownBy(() -> context.call(plugin, "GET", server.url("/down")))
                .isInstanceOfSatisfying(KeywordException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.retryAfter()).isEmpty();
                    assertThat(e.getMessage()).contains("answered 503").contains("maintenance");
                });
        assertThatThrownBy(() -> context.call(plugin, "POST", server.url("/busy"), "x"))
                .isInstanceOfSatisfying(KeywordException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
                });
        assertThatThrownBy(() -> context.call(plugin, "GET", server.url("/very-busy")))
                .isInstanceOfSatisfying(KeywordException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("max-retry-after-seconds");
                });
    }

    @Test
    void aSlowServerTimesOutAndTheFailureIsRetryable() throws Exception {
        server.route("/slow", (exchange, request) -> {
            exchange.sendResponseHeaders(200, 100);
            OutputStream out = exchange.getResponseBody();
            out.write("partial".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        TestContext quick = new TestContext(Map.of("allow", "127.0.0.1", "timeout-ms", "400"));

        long started = System.nanoTime();
        assertThatThrownBy(() -> quick.call(plugin, "GET", server.url("/slow")))
                .isInstanceOfSatisfying(KeywordException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("no complete answer within 400 ms");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aConnectionClosedMidBodyIsRetryable() throws Exception {
        server.route("/cut", (exchange, request) -> {
            exchange.sendResponseHeaders(200, 1_000);
            OutputStream out = exchange.getResponseBody();
            out.write("only a part".getBytes(StandardCharsets.UTF_8));
            out.flush();
            throw new java.io.IOException("the server goes away mid-body");
        });

        assertThatThrownBy(() -> context.call(plugin, "GET", server.url("/cut")))
                .isInstanceOfSatisfying(
                        KeywordException.class, e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void anAnswerOverTheSizeLimitFailsTheStep() throws Exception {
        server.route("/big", (exchange, request) -> TestServer.reply(exchange, 200, "text/plain", "x".repeat(5_000)));
        TestContext small = new TestContext(Map.of("allow", "127.0.0.1", "max-response-bytes", "1000"));

        assertThatThrownBy(() -> small.call(plugin, "GET", server.url("/big")))
                .isInstanceOfSatisfying(KeywordException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("larger than 1000 bytes");
                });
    }

    @Test
    void redirectsAreFollowedButNotToADeniedAddress() throws Exception {
        server.route("/old", (exchange, request) -> {
                    exchange.getResponseHeaders().set("Location", "/new");
                    TestServer.reply(exchange, 301, null, "");
                })
                .route("/new", (exchange, request) -> TestServer.reply(exchange, 200, "text/plain", "moved here"))
                .route("/sneaky", (exchange, request) -> {
                    exchange.getResponseHeaders().set("Location", "http://169.254.169.254/latest/meta-data/");
                    TestServer.reply(exchange, 302, null, "");
                })
                .route("/loop", (exchange, request) -> {
                    exchange.getResponseHeaders().set("Location", "/loop");
                    TestServer.reply(exchange, 307, null, "");
                });

        assertThat(context.call(plugin, "GET", server.url("/old"))).isEqualTo(Value.text("moved here"));
        assertThatThrownBy(() -> context.call(plugin, "GET", server.url("/sneaky")))
                .isInstanceOfSatisfying(KeywordException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage())
                            .contains("refused to call http://169.254.169.254/latest/meta-data/ (a redirect)")
                            .contains("cloud metadata");
                });
        assertThatThrownBy(() -> context.call(plugin, "GET", server.url("/loop")))
                .isInstanceOfSatisfying(
                        KeywordException.class, e -> assertThat(e.getMessage()).contains("more than 5 redirects"));
    }

    @Test
    void theEnginesOwnMachineAndMetadataAreRefusedByDefault() throws Exception {
        server.route(
                "/", (exchange, request) -> TestServer.reply(exchange, 200, "text/plain", "should not be reached"));
        TestContext defaults = new TestContext(Map.of());

        for (String url : List.of(
                server.url("/"),
                "http://localhost:" + server.port() + "/",
                "http://[::1]:" + server.port() + "/",
                "http://169.254.169.254/latest/meta-data/",
                "http://100.100.100.200/")) {
            assertThatThrownBy(() -> defaults.call(plugin, "GET", url))
                    .as(url)
                    .isInstanceOfSatisfying(KeywordException.class, e -> {
                        assertThat(e.retryable()).isFalse();
                        assertThat(e.getMessage()).contains("refused to call").contains("basicflow.http.allow");
                    });
        }
        TestContext denied = new TestContext(Map.of("allow", "127.0.0.1", "deny", "127.0.0.0/8"));
        assertThatThrownBy(() -> denied.call(plugin, "GET", server.url("/"))).hasMessageContaining("refused to call");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void anInvalidUrlFailsTheStepNamingIt() {
        assertThatThrownBy(() -> context.call(plugin, "GET", "ftp://example.com/file"))
                .isInstanceOfSatisfying(KeywordException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).isEqualTo("GET: 'ftp://example.com/file' is not an http or https URL");
                });
    }
}
