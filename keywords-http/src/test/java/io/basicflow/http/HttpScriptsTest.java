package io.basicflow.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.engine.api.EventView;
import io.basicflow.engine.direct.Conversation;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.engine.direct.DirectRunner;
import io.basicflow.engine.direct.ScriptCompiler;
import io.basicflow.engine.interpreter.InputRequest;
import io.basicflow.engine.interpreter.RuntimeCatalogue;
import io.basicflow.spi.value.Value;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.EffectCall;
import io.basicflow.testkit.ScriptRun;
import io.basicflow.testkit.StepMatcher;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scripts with HTTP calls, run in memory (direct) and on the durable engine with a real PostgreSQL,
 * against a real local server that answers like a payment API: a repeated {@code Idempotency-Key}
 * gets the answer the first request got.
 */
class HttpScriptsTest {

    /** The golden script: headers, a GET, a POST with a map body, a 404 tested by the script. */
    static final String SCRIPT = """
            SET HEADER "Authorization" = "Bearer " + token
            user = GET base + "/user"
            TALK "Hello " + user.name
            order = POST base + "/orders", { sku: "A-1", qty: 2 }
            TALK "Order " + order.id + " for " + order.sku
            missing = GET base + "/missing"
            IF missing.status = 404 THEN
                TALK "No coupon: " + missing.error.message
            END IF
            RETURN order.id
            """;

    private TestServer server;
    private final Map<String, String> ordersByKey = new ConcurrentHashMap<>();
    private final AtomicInteger orderNumbers = new AtomicInteger(1000);
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new TestServer()
                .route("/user", (exchange, request) -> {
                    authorizations.add(String.valueOf(request.header("Authorization")));
                    TestServer.reply(exchange, 200, "application/json", "{\"name\":\"Ana\"}");
                })
                .route("/orders", (exchange, request) -> {
                    String key = request.header("Idempotency-Key");
                    String id = ordersByKey.computeIfAbsent(
                            key == null ? "none-" + orderNumbers.get() : key,
                            k -> "ord-" + orderNumbers.incrementAndGet());
                    TestServer.reply(exchange, 201, "application/json", "{\"id\":\"" + id + "\",\"sku\":\"A-1\"}");
                })
                .route(
                        "/missing",
                        (exchange, request) ->
                                TestServer.reply(exchange, 404, "application/json", "{\"message\":\"expired\"}"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Map<String, Object> inputs() {
        return Map.of("token", "t0k3n", "base", server.url(""));
    }

    private BasicflowTestKit kit() {
        return BasicflowTestKit.withPlugins(new HttpPlugin()).configuration("http.allow", "127.0.0.1");
    }

    @Test
    void theDurableRunSaysWhatTheDirectRunSays() {
        List<String> directMessages = new ArrayList<>();
        DirectOutcome direct = runDirectly(directMessages);
        assertThat(direct).isInstanceOf(DirectOutcome.Completed.class);
        assertThat(directMessages).containsExactly("Hello Ana", "Order ord-1001 for A-1", "No coupon: expired");

        try (BasicflowTestKit kit = kit()) {
            ScriptRun run = kit.run("shop.bas", "#workflow\n" + SCRIPT, inputs());

            assertThat(run.awaitResult()).isEqualTo(Value.text("ord-1002"));
            assertThat(run.messages()).containsExactly("Hello Ana", "Order ord-1002 for A-1", "No coupon: expired");
            assertThat(authorizations).containsExactly("Bearer t0k3n", "Bearer t0k3n");
            assertThat(run.variable("user")).isEqualTo(Value.of(Map.of("name", "Ana")));
            // The answers are recorded; the secret header's value is not, anywhere in the history.
            assertThat(run.events("EffectCompleted")).hasSize(3);
            assertThat(run.events())
                    .extracting(EventView::payloadJson)
                    .noneMatch(json -> json.contains("Bearer t0k3n"));
            assertThat(kit.effectCalls("POST").getFirst().idempotencyKey()).startsWith(run.id() + "/");
        }
    }

    @Test
    void aCrashAfterThePostLeftSendsItAgainWithTheSameKeyAndGetsTheSameOrder() {
        try (BasicflowTestKit kit = kit().crashAt(StepMatcher.effectStarted("POST"))) {
            ScriptRun run = kit.run("shop.bas", "#workflow\n" + SCRIPT, inputs());

            Value order = run.awaitResult();

            assertThat(kit.crashes()).isEqualTo(1);
            List<EffectCall> posts = kit.effectCalls("POST");
            assertThat(posts).hasSize(2);
            assertThat(posts).extracting(EffectCall::attempt).containsExactly(1, 2);
            String key = posts.getFirst().idempotencyKey();
            assertThat(server.requestsByKey()).containsExactly(Map.entry(key, 2));
            assertThat(ordersByKey).containsOnlyKeys(key);
            assertThat(order).isEqualTo(Value.text(ordersByKey.get(key)));
            assertThat(run.messages())
                    .containsExactly("Hello Ana", "Order " + order.display() + " for A-1", "No coupon: expired");
            // The GET before the crash completed: it is not called again.
            assertThat(kit.effectCalls("GET")).hasSize(2);
            assertThat(authorizations).hasSize(1);
        }
    }

    @Test
    void headersSetBeforeACrashAreSentByTheResumedRun() {
        try (BasicflowTestKit kit = kit().crashAt(StepMatcher.effectStarted("GET"))) {
            ScriptRun run = kit.run("shop.bas", "#workflow\n" + SCRIPT, inputs());

            run.awaitResult();

            assertThat(kit.crashes()).isEqualTo(1);
            // The dying engine's GET and the resumed run's GET, which read the header back from the
            // execution's stored state (its value encrypted there).
            assertThat(authorizations).hasSize(2).containsOnly("Bearer t0k3n");
            assertThat(run.variables().get("$http.headers").display())
                    .doesNotContain("t0k3n")
                    .contains("Authorization");
        }
    }

    @Test
    void postOnceIsNeverSentTwiceAndACrashDuringItLeavesTheOutcomeToAnOperator() {
        String source = "#workflow\nx = POST ONCE base + \"/orders\", { sku: \"A-1\" }\nRETURN x.id\n";
        try (BasicflowTestKit kit = kit().crashAt(StepMatcher.effectStarted("POST ONCE"))) {
            ScriptRun run = kit.run("once.bas", source, Map.of("base", server.url("")));

            run.awaitStatus(io.basicflow.engine.api.ExecutionStatus.FAILED);

            assertThat(run.error().orElseThrow().toString()).contains("outcome unknown");
            assertThat(server.requestsByKey()).hasSize(1).containsValue(1);
        }
        try (BasicflowTestKit kit = kit()) {
            ScriptRun run = kit.run("once.bas", source, Map.of("base", server.url("")));

            assertThat(run.awaitResult().display()).startsWith("ord-");
        }
    }

    @Test
    void aServerAskingToWaitIsRetriedNoSoonerThanItsRetryAfter() {
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        server.route("/busy", (exchange, request) -> {
            arrivals.add(System.nanoTime());
            if (arrivals.size() == 1) {
                exchange.getResponseHeaders().set("Retry-After", "2");
                TestServer.reply(exchange, 429, "text/plain", "slow down");
            } else {
                TestServer.reply(exchange, 200, "text/plain", "done");
            }
        });
        try (BasicflowTestKit kit = kit()) {
            ScriptRun run = kit.run(
                    "busy.bas", "#workflow\nx = GET base + \"/busy\"\nRETURN x\n", Map.of("base", server.url("")));

            assertThat(run.awaitResult()).isEqualTo(Value.text("done"));
            assertThat(arrivals).hasSize(2);
            assertThat(Duration.ofNanos(arrivals.get(1) - arrivals.get(0)))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(1_900));
            assertThat(run.events("EffectFailed"))
                    .singleElement()
                    .satisfies(event -> assertThat(event.toString()).contains("429"));
        }
    }

    private DirectOutcome runDirectly(List<String> messages) {
        List<io.basicflow.spi.KeywordPlugin> plugins = List.of(new CorePlugin(), new HttpPlugin());
        ScriptService compiler = new ScriptService(KeywordCatalogue.of(plugins));
        RuntimeCatalogue catalogue =
                RuntimeCatalogue.of(plugins, Map.of("basicflow.http.allow", "127.0.0.1"), Clock.systemUTC());
        DirectRunner runner =
                DirectRunner.builder(catalogue, ScriptCompiler.using(compiler)).build();
        Map<String, Value> arguments = new java.util.LinkedHashMap<>();
        inputs().forEach((name, value) -> arguments.put(name, Value.of(value)));
        return runner.run(compiler.compile("shop.bas", SCRIPT).program(), arguments, new Conversation() {
                    @Override
                    public void say(String text) {
                        messages.add(text);
                    }

                    @Override
                    public Optional<String> listen(InputRequest request) {
                        return Optional.empty();
                    }
                })
                .outcome();
    }
}
