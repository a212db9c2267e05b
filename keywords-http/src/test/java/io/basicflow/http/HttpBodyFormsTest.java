package io.basicflow.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.ScriptRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The body forms of {@code keyword-post.md}, {@code keyword-put.md} and {@code keyword-patch.md},
 * against a real local server that echoes what it received: {@code POST url WITH} a field block or
 * one line of fields (the body is that map, as JSON), and {@code POST url, p1, p2, p3, …} with more
 * than three arguments (the body is the JSON list of every argument after the URL). Run direct and
 * durable; both send the same bodies.
 */
class HttpBodyFormsTest {

    static final String SCRIPT = """
            result = POST base + "/echo" WITH
                name = "Ana",
                qty = 2
            TALK result.name + " " + result.qty
            r = PATCH base + "/echo" WITH email = "a@example.com", on_sale = true
            TALK r.email + " " + r.on_sale
            PUT base + "/echo" WITH
                price = 39.99
            POST base + "/echo", "o-1", 3, "express", "x"
            TALK "sent"
            """;

    private TestServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new TestServer().route("/echo", (exchange, request) -> {
            bodies.add(request.method() + " " + request.body());
            TestServer.reply(exchange, 200, "application/json", request.body());
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void withBlocksAndPositionalParametersBecomeTheBodyDirect() {
        List<String> messages = new ArrayList<>();
        DirectOutcome outcome =
                DirectRuns.run("bodies.bas", SCRIPT, Map.of("base", Value.text(server.url(""))), messages);

        assertThat(outcome).isInstanceOf(DirectOutcome.Completed.class);
        assertThat(messages).containsExactly("Ana 2", "a@example.com true", "sent");
        assertSent();
    }

    @Test
    void withBlocksAndPositionalParametersBecomeTheBodyDurable() {
        try (BasicflowTestKit kit =
                BasicflowTestKit.withPlugins(new HttpPlugin()).configuration("http.allow", "127.0.0.1")) {
            ScriptRun run = kit.run("bodies.bas", "#workflow\n" + SCRIPT, Map.of("base", server.url("")));

            assertThat(run.awaitResult()).isEqualTo(NullValue.NULL);
            assertThat(run.messages()).containsExactly("Ana 2", "a@example.com true", "sent");
        }
        assertSent();
    }

    private void assertSent() {
        assertThat(bodies)
                .containsExactly(
                        "POST {\"name\":\"Ana\",\"qty\":2}",
                        "PATCH {\"email\":\"a@example.com\",\"on_sale\":true}",
                        "PUT {\"price\":39.99}",
                        "POST [\"o-1\",3,\"express\",\"x\"]");
    }
}
