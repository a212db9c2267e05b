package io.basicflow.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.engine.api.EventView;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.engine.api.StartRequest;
import io.basicflow.engine.direct.Conversation;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.engine.direct.DirectRunner;
import io.basicflow.engine.direct.ScriptCompiler;
import io.basicflow.engine.interpreter.RuntimeCatalogue;
import io.basicflow.persistence.WorkerMain;
import io.basicflow.persistence.testing.ChildJvm;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.value.Value;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Durable scripts that {@code POST} payments to a real local server counting requests by {@code
 * Idempotency-Key}, run by real worker JVMs killed with SIGKILL. The kill points are drawn from a
 * seeded generator as request numbers: the server kills the worker <em>while handling</em> that
 * request, so the request has left and its completion can never be committed — the worst point for
 * an at-least-once effect. A last worker finishes everything.
 *
 * <p>Checked: every execution completes with the variables of its direct run; every step's requests
 * carried one key, the step's; no key reached the server more often than once plus the kills that
 * hit it (at least once, and recognisably the same request); every key is one step of one execution.
 */
@ExtendWith(PostgresExtension.class)
class HttpKillNineTest {

    private static final int EXECUTIONS = Integer.getInteger("basicflow.proof.executions", 12);
    private static final int KILLS = Integer.getInteger("basicflow.proof.kills", 4);
    private static final int LINES = 4;

    static final String SCRIPT = """
            #workflow
            total = 0
            receipts = []
            FOR line = 1 TO lines
                paid = POST base + "/pay", { order: order, line: line, cents: line * 125 }
                total = total + paid.cents
                receipts = receipts + [paid.receipt]
            NEXT
            RETURN total
            """;

    private static final Pattern LINE = Pattern.compile("\"line\":(\\d+)");
    private static final Pattern CENTS = Pattern.compile("\"cents\":(\\d+)");
    private static final Pattern KEY = Pattern.compile("\"idempotencyKey\"\\s*:\\s*\"([^\"]+)\"");

    @Test
    void paymentsSurviveKillNineWhileTheirRequestIsAtTheServer(TestDatabase database) throws Exception {
        long seed = Long.getLong("basicflow.proof.seed", 20261206L);
        SplittableRandom random = new SplittableRandom(seed);
        AtomicReference<ChildJvm> worker = new AtomicReference<>();
        AtomicInteger requests = new AtomicInteger();
        AtomicInteger killAt = new AtomicInteger(-1);
        List<String> kills = new ArrayList<>();
        try (TestServer server = new TestServer()) {
            server.route("/pay", (exchange, request) -> {
                int number = requests.incrementAndGet();
                if (number == killAt.get()) {
                    ChildJvm dying = worker.get();
                    kills.add("request " + number + " (key " + request.header("Idempotency-Key") + ")");
                    dying.killHard(); // the request left; its completion will never be committed
                    return;
                }
                // The receipt depends only on the payment, not on the key: direct and durable runs agree.
                String line = group(LINE, request.body());
                String cents = group(CENTS, request.body());
                TestServer.reply(
                        exchange,
                        201,
                        "application/json",
                        "{\"receipt\":\"r-" + line + "-" + cents + "\",\"cents\":" + cents + "}");
            });
            Map<String, Map<String, Value>> direct = new TreeMap<>();
            try (DurableFixture api = DurableFixture.builder(database)
                    .workers(false)
                    .plugins(new HttpPlugin())
                    .start()) {
                for (int i = 0; i < EXECUTIONS; i++) {
                    String id = "pay-" + i;
                    Map<String, Value> variables = new LinkedHashMap<>();
                    variables.put("order", Value.text("o-" + i));
                    variables.put("lines", Value.number(LINES));
                    variables.put("base", Value.text(server.url("")));
                    api.engine().start(new StartRequest(Optional.of(id), "pay.bas", SCRIPT, variables));
                    direct.put(id, runDirectly(variables));
                }
                for (int round = 1; round <= KILLS; round++) {
                    int target = requests.get() + (int) random.nextLong(1, EXECUTIONS * LINES / KILLS + 2);
                    killAt.set(target);
                    ChildJvm started = startWorker(database, "kill-" + round);
                    worker.set(started);
                    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    while (started.isAlive() && System.nanoTime() < deadline && unfinished(api) > 0) {
                        Thread.sleep(20);
                    }
                    started.close();
                }
                killAt.set(-1);
                ChildJvm last = startWorker(database, "last");
                worker.set(last);
                try {
                    for (String id : direct.keySet()) {
                        ExecutionView view = awaitEnd(api, id);
                        assertThat(view.status()).as(id + ": " + view.error()).isEqualTo(ExecutionStatus.COMPLETED);
                        assertThat(view.result()).contains(Value.number(125L * LINES * (LINES + 1) / 2));
                        assertThat(scriptVariables(view.variables())).as(id).isEqualTo(direct.get(id));
                    }
                } finally {
                    last.send("stop");
                    last.awaitExit(Duration.ofSeconds(30));
                    last.close();
                }
                System.out.println("[http kill -9] seed " + seed + ", kills at " + kills);
                assertThat(kills).isNotEmpty();

                Map<String, Integer> byKey = new TreeMap<>();
                server.requestsByKey().forEach((key, count) -> {
                    if (key.startsWith("pay-")) { // the direct runs' keys are named after their own ids
                        byKey.put(key, count);
                    }
                });
                // One key per POST step: the keys the history recorded are exactly those the server saw.
                for (String id : direct.keySet()) {
                    List<String> started = new ArrayList<>();
                    int completed = 0;
                    for (EventView event : api.engine().history(id, 0, 10_000)) {
                        if (event.type().equals("EffectStarted")) {
                            started.add(group(KEY, event.payloadJson()));
                        } else if (event.type().equals("EffectCompleted")) {
                            completed++;
                        }
                    }
                    assertThat(completed).as(id).isEqualTo(LINES);
                    assertThat(started.stream().distinct().toList())
                            .as(id)
                            .hasSize(LINES)
                            .allMatch(key -> key.startsWith(id + "/"))
                            .containsExactlyInAnyOrderElementsOf(byKey.keySet().stream()
                                    .filter(key -> key.startsWith(id + "/"))
                                    .toList());
                }
                assertThat(byKey).hasSize(EXECUTIONS * LINES);
                // At least once, and no more often than once plus one per worker that died with it in flight.
                assertThat(byKey.values()).allMatch(count -> count >= 1 && count <= 1 + kills.size());
                assertThat(byKey.values()).anyMatch(count -> count > 1); // the kills did hit requests
                System.out.println("[http kill -9] requests by key: " + byKey);
            }
        }
    }

    private static String group(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : "?";
    }

    private static int unfinished(DurableFixture api) {
        int count = 0;
        for (int i = 0; i < EXECUTIONS; i++) {
            ExecutionView view = api.engine().find("pay-" + i).orElseThrow();
            if (!ended(view.status())) {
                count++;
            }
        }
        return count;
    }

    private static boolean ended(ExecutionStatus status) {
        return status == ExecutionStatus.COMPLETED
                || status == ExecutionStatus.FAILED
                || status == ExecutionStatus.CANCELLED;
    }

    private static ExecutionView awaitEnd(DurableFixture api, String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            ExecutionView view = api.engine().find(id).orElseThrow();
            if (ended(view.status()) || System.nanoTime() > deadline) {
                return view;
            }
            Thread.sleep(20);
        }
    }

    /** The script's own variables (the plugin's hidden ones hold the last answer's Date header). */
    private static Map<String, Value> scriptVariables(Map<String, Value> variables) {
        Map<String, Value> own = new TreeMap<>();
        variables.forEach((name, value) -> {
            if (!name.startsWith("$")) { // a plugin's own values ($http.…) hold the server's Date header
                own.put(name, value);
            }
        });
        return own;
    }

    private static ChildJvm startWorker(TestDatabase database, String node) {
        List<String> options = List.of(
                "-XX:+UseSerialGC",
                "-Dbasicflow.db.url=" + database.jdbcUrl(),
                "-Dbasicflow.db.user=" + database.user(),
                "-Dbasicflow.db.pool.size=4",
                "-Dbasicflow.http.allow=127.0.0.1",
                "-Dbasicflow.durable.node=" + node,
                "-Dbasicflow.durable.concurrency=16",
                "-Dbasicflow.durable.poll-interval=100ms",
                "-Dbasicflow.durable.lease-timeout=2s",
                "-Dbasicflow.durable.heartbeat-interval=300ms",
                "-Dbasicflow.durable.checkpoint-interval=50ms");
        ChildJvm jvm = ChildJvm.start(WorkerMain.class, options);
        try {
            jvm.awaitLine(line -> line.startsWith("READY "), Duration.ofSeconds(90));
            return jvm;
        } catch (RuntimeException | AssertionError e) {
            jvm.close();
            throw e;
        }
    }

    private static Map<String, Value> runDirectly(Map<String, Value> variables) {
        List<KeywordPlugin> plugins = List.of(new CorePlugin(), new HttpPlugin());
        ScriptService compiler = new ScriptService(KeywordCatalogue.of(plugins));
        RuntimeCatalogue catalogue =
                RuntimeCatalogue.of(plugins, Map.of("basicflow.http.allow", "127.0.0.1"), Clock.systemUTC());
        DirectRunner.DirectRun run = DirectRunner.builder(catalogue, ScriptCompiler.using(compiler))
                .build()
                .run(compiler.compile("pay.bas", SCRIPT).program(), variables, Conversation.silent());
        assertThat(run.outcome()).isInstanceOf(DirectOutcome.Completed.class);
        return scriptVariables(run.state().variables());
    }
}
