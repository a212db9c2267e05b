package io.basicflow.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default limits, as {@code basicflow serve} runs them. */
class LimitsTest {

    @TempDir
    Path scripts;

    @Test
    void theDefaultBodyLimitIsOneMebibyte() {
        try (TestServer api =
                TestServer.start(scripts, HttpServerConfig.defaults().withPort(0))) {
            api.startTicket("t1");
            api.engine.maxInputCharacters(2 << 20);

            String exactly = "{\"text\": \"" + "a".repeat((1 << 20) - 12) + "\"}";
            assertThat(exactly.length()).isEqualTo(1 << 20);
            assertThat(api.post("/executions/t1/input", exactly).status()).isEqualTo(202);

            String before = api.engine.snapshot();
            TestServer.Reply over = api.post("/executions/t1/input", "{\"text\": \"" + "a".repeat(1 << 20) + "\"}");
            assertThat(over.problem(413, "body-too-large").path("limit").asInt())
                    .isEqualTo(1 << 20);
            assertThat(api.engine.snapshot()).isEqualTo(before);
        }
    }

    @Test
    void aFarLargerBodyIsRefusedWithAProblemNotADroppedConnection() {
        try (TestServer api =
                TestServer.start(scripts, HttpServerConfig.defaults().withPort(0))) {
            api.startTicket("t1");

            TestServer.Reply reply = api.send(api.request("/executions/t1/input")
                    .header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[16 << 20]))
                    .build());

            reply.problem(413, "body-too-large");
            assertThat(api.engine.inbox("t1")).isEmpty();
        }
    }

    @Test
    void theDefaultsListenOnLoopbackPort8080WithoutToken() {
        HttpServerConfig defaults = HttpServerConfig.defaults();

        assertThat(defaults.host()).isEqualTo("127.0.0.1");
        assertThat(defaults.port()).isEqualTo(8080);
        assertThat(defaults.apiToken()).isEmpty();
        assertThat(defaults.maxBodyBytes()).isEqualTo(1 << 20);
        assertThat(defaults.maxLongPollWait()).hasSeconds(30);
    }
}
