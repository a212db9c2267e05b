package com.example.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.basicflow.engine.api.EventView;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.Value;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.EffectCall;
import io.basicflow.testkit.ScriptRun;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code x = FETCH(url)} against a real HTTP server in the test JVM, on the durable engine. */
class FetchTest {

    private static final String SCRIPT = "#workflow\nanswer = FETCH(url)\nRETURN answer\n";

    /** One canned reply. */
    record Reply(int status, String contentType, String body) {}

    private HttpServer server;
    private boolean serverStopped;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Queue<Reply> replies = new ConcurrentLinkedQueue<>();
    private final List<String> idempotencyKeys = new CopyOnWriteArrayList<>();
    private BasicflowTestKit kit;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.setExecutor(executor); // several requests at once: a slow one must not hold up the next
        server.start();
        kit = BasicflowTestKit.withPlugins(new TicketPlugin()).configuration("tickets.fetch.max-bytes", "4096");
    }

    @AfterEach
    void stop() {
        kit.close();
        if (!serverStopped) {
            server.stop(0);
        }
        executor.shutdownNow();
    }

    private void answer(HttpExchange exchange) throws IOException {
        idempotencyKeys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
        Reply reply = replies.poll();
        if (reply == null) {
            reply = new Reply(500, "text/plain", "no reply prepared");
        }
        // The body in the charset its Content-Type names, as a real server sends it.
        int charset = reply.contentType().indexOf("charset=");
        byte[] body = reply.body()
                .getBytes(
                        charset < 0
                                ? StandardCharsets.UTF_8
                                : java.nio.charset.Charset.forName(
                                        reply.contentType().substring(charset + 8)));
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private ScriptRun fetch(String path) {
        return kit.run("fetch.bas", SCRIPT, Map.of("url", url(path)));
    }

    @Test
    void aJsonResponseBecomesAValueScriptsCanNavigate() {
        replies.add(new Reply(
                200,
                "application/json; charset=utf-8",
                "{\"name\": \"Ana\", \"open\": true, \"score\": 0.10, \"tags\": [\"vip\", \"ção\"], \"owner\": null}"));
        ScriptRun run = kit.run(
                "fetch.bas",
                "#workflow\nanswer = FETCH(url)\nTALK answer.name + \" \" + answer.tags[1]\nRETURN answer\n",
                Map.of("url", url("/customers/7?token=secret")));

        Value answer = run.awaitResult();

        assertThat(answer).isInstanceOf(MapValue.class);
        MapValue map = (MapValue) answer;
        assertThat(map.entries().keySet()).containsExactly("name", "open", "score", "tags", "owner");
        assertThat(map.entries())
                .containsEntry("name", Value.text("Ana"))
                .containsEntry("open", Value.of(true))
                .containsEntry("score", Value.of(new BigDecimal("0.1")))
                .containsEntry("tags", new ListValue(List.of(Value.text("vip"), Value.text("ção"))))
                .containsEntry("owner", Value.nullValue());
        assertThat(run.messages()).containsExactly("Ana ção");
        assertThat(idempotencyKeys)
                .containsExactly(kit.effectCalls("FETCH").getFirst().idempotencyKey());
    }

    @Test
    void aTextResponseIsItsText() {
        replies.add(new Reply(200, "text/plain; charset=ISO-8859-1", "plain é"));

        assertThat(fetch("/motd").awaitResult()).isEqualTo(Value.text("plain é"));
    }

    @Test
    void aServerErrorIsRetriedWithTheSameKeyUntilItSucceeds() {
        replies.add(new Reply(500, "text/plain", "database down"));
        replies.add(new Reply(200, "application/json", "[1, 2, 3]"));
        ScriptRun run = fetch("/numbers");

        Value answer = run.awaitResult();

        assertThat(answer).isEqualTo(Value.of(List.of(1, 2, 3)));
        List<EffectCall> calls = kit.effectCalls("FETCH");
        assertThat(calls).extracting(EffectCall::attempt).containsExactly(1, 2);
        assertThat(idempotencyKeys).hasSize(2).containsOnly(calls.getFirst().idempotencyKey());
        List<EventView> failures = run.events("EffectFailed");
        assertThat(failures)
                .singleElement()
                .satisfies(failure -> assertThat(failure.payloadJson())
                        .contains("HTTP 500: database down")
                        .contains("\"retryable\":true"));
    }

    @Test
    void notFoundFailsAtOnceWithTheReasonRecorded() {
        replies.add(new Reply(404, "text/plain", "no customer 99"));
        ScriptRun run = fetch("/customers/99?token=secret");

        run.awaitStatus(ExecutionStatus.FAILED);

        assertThat(kit.effectCalls("FETCH")).hasSize(1);
        assertThat(run.error()).hasValueSatisfying(error -> {
            assertThat(error.message())
                    .contains("FETCH http://127.0.0.1:" + server.getAddress().getPort() + "/customers/99: HTTP 404")
                    .contains("no customer 99")
                    .doesNotContain("secret");
            assertThat(error.keyword()).contains("FETCH");
            assertThat(error.line()).isEqualTo(2);
        });
        assertThat(run.events("EffectFailed"))
                .singleElement()
                .satisfies(failure -> assertThat(failure.payloadJson())
                        .contains("no customer 99")
                        .contains("\"retryable\":false"));
    }

    @Test
    void aResponseLargerThanTheConfiguredLimitFailsNamingTheSetting() {
        replies.add(new Reply(200, "text/plain", "x".repeat(5000)));
        ScriptRun run = fetch("/big");

        run.awaitStatus(ExecutionStatus.FAILED);

        assertThat(run.error().orElseThrow().message())
                .contains("larger than 4096 bytes")
                .contains("basicflow.tickets.fetch.max-bytes");
    }

    @Test
    void invalidJsonFailsWithWhereItBroke() {
        replies.add(new Reply(200, "application/json", "{\"a\": [1, 2}"));
        ScriptRun run = fetch("/broken");

        run.awaitStatus(ExecutionStatus.FAILED);

        assertThat(run.error().orElseThrow().message())
                .contains("not valid JSON")
                .contains("expected ',' or ']' in an array")
                .contains("offset 11");
    }

    @Test
    void aRefusedConnectionIsRetriedAndFailsAfterTheLastAttempt() {
        int port = server.getAddress().getPort();
        server.stop(0);
        serverStopped = true;
        ScriptRun run = kit.run("fetch.bas", SCRIPT, Map.of("url", "http://127.0.0.1:" + port + "/gone"));

        run.awaitStatus(ExecutionStatus.FAILED);

        assertThat(kit.effectCalls("FETCH")).extracting(EffectCall::attempt).containsExactly(1, 2, 3, 4);
        assertThat(run.error().orElseThrow().message())
                .contains("after 4 attempts")
                .contains("cannot reach the server");
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsRetriedThenFailsNamingTheSetting() {
        server.createContext("/slow", exchange -> {
            idempotencyKeys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        try (BasicflowTestKit impatient =
                BasicflowTestKit.withPlugins(new TicketPlugin()).configuration("tickets.fetch.timeout-ms", "200")) {
            ScriptRun run = impatient.run("fetch.bas", SCRIPT, Map.of("url", url("/slow")));

            run.awaitStatus(ExecutionStatus.FAILED);

            assertThat(impatient.effectCalls("FETCH")).hasSize(4);
            assertThat(run.error().orElseThrow().message())
                    .contains("no answer within 200 ms (basicflow.tickets.fetch.timeout-ms)");
        }
    }

    @Test
    void onlyHttpUrlsAreFetched() {
        ScriptRun run = kit.run("fetch.bas", SCRIPT, Map.of("url", "file:///etc/passwd"));

        run.awaitStatus(ExecutionStatus.FAILED);

        assertThat(run.error().orElseThrow().message()).contains("FETCH needs an http or https URL");
        assertThat(idempotencyKeys).isEmpty();
    }
}
