package io.basicflow.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.spi.value.Value;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.ScriptRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The General Bots spellings of the HTTP keywords, run direct and durable against a real local
 * server: {@code SET HEADER "name" AS value}, {@code SET HEADER "name" = value}, and an HTTP call
 * inside an expression ({@code TALK "…" + GET url}, a map entry), which the compiler runs as its own
 * step first.
 */
class HttpFormsTest {

    static final String SCRIPT = """
            SET HEADER "X-Api-Key" AS "k-" + token
            SET HEADER "Accept" = "application/json"
            TALK "Hello " + GET(base + "/user").name + "!"
            answer = { "who": GET base + "/user", "n": 1 }
            TALK answer.who.name + " " + answer.n
            RETURN GET base + "/user"
            """;

    private TestServer server;
    private final List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new TestServer().route("/user", (exchange, request) -> {
            seen.add(request.header("X-Api-Key") + " " + request.header("Accept"));
            TestServer.reply(exchange, 200, "application/json", "{\"name\":\"Ana\"}");
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Map<String, Value> inputs() {
        Map<String, Value> inputs = new LinkedHashMap<>();
        inputs.put("token", Value.text("t1"));
        inputs.put("base", Value.text(server.url("")));
        return inputs;
    }

    @Test
    void directAndDurableRunsSendTheHeadersAndUseTheAnswersInExpressions() {
        List<String> messages = new ArrayList<>();
        DirectOutcome direct = DirectRuns.run("forms.bas", SCRIPT, inputs(), messages);

        assertThat(direct).isInstanceOf(DirectOutcome.Completed.class);
        assertThat(messages).containsExactly("Hello Ana!", "Ana 1");
        assertThat(seen).containsExactly("k-t1 application/json", "k-t1 application/json", "k-t1 application/json");

        seen.clear();
        try (BasicflowTestKit kit =
                BasicflowTestKit.withPlugins(new HttpPlugin()).configuration("http.allow", "127.0.0.1")) {
            Map<String, Object> arguments = Map.of("token", "t1", "base", server.url(""));
            ScriptRun run = kit.run("forms.bas", "#workflow\n" + SCRIPT, arguments);

            assertThat(run.awaitResult()).isEqualTo(Value.of(Map.of("name", "Ana")));
            assertThat(run.messages()).containsExactly("Hello Ana!", "Ana 1");
            assertThat(run.events("EffectCompleted")).hasSize(3);
        }
        assertThat(seen).hasSize(3).allMatch("k-t1 application/json"::equals);
    }
}
