package io.basicflow.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.EventView;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.Value;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.ScriptRun;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a durable run records of {@code HTTP RESPONSE}'s answer: a call whose status, URL and headers
 * equal the last one's adds nothing to its step's event (a loop of calls to one server records the
 * answer's headers once), and the headers of the connection and the clock ({@code Date}) are left
 * out, so two answers of one server are equal.
 */
class LastResponseRecordingTest {

    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer()
                .route("/item", (exchange, request) -> {
                    exchange.getResponseHeaders().set("X-Version", "7");
                    TestServer.reply(exchange, 200, "application/json", "{\"n\":42}");
                })
                .route("/other", (exchange, request) -> TestServer.reply(exchange, 200, "text/plain", "other"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anAnswerLikeTheLastIsNotRecordedAgain() {
        String source = """
                #workflow
                a = GET base + "/item"
                b = GET base + "/item"
                c = GET base + "/other"
                d = GET base + "/item"
                r = HTTP RESPONSE
                RETURN r
                """;
        try (BasicflowTestKit kit =
                BasicflowTestKit.withPlugins(new HttpPlugin()).configuration("http.allow", "127.0.0.1")) {
            ScriptRun run = kit.run("shop/calls.bas", source, Map.of("base", server.url("")));

            Value result = run.awaitResult();
            List<EventView> completed = run.events("EffectCompleted");
            assertThat(completed).hasSize(4);
            assertThat(completed)
                    .extracting(event -> event.payloadJson().contains("$http.response"))
                    .containsExactly(true, false, true, true);
            assertThat(result).isInstanceOfSatisfying(MapValue.class, last -> {
                assertThat(last.entries().get("status")).isEqualTo(Value.number(200));
                assertThat(last.entries().get("url")).isEqualTo(Value.text(server.url("/item")));
                MapValue headers = (MapValue) last.entries().get("headers");
                assertThat(headers.entries()).containsEntry("x-version", Value.text("7"));
                assertThat(headers.entries()).containsKey("content-type");
                assertThat(headers.entries()).doesNotContainKeys("date", "connection", "keep-alive");
            });
        }
    }
}
