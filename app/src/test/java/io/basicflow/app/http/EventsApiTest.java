package io.basicflow.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.TextValue;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /events/{name}}: what an outside system uses to wake {@code WAIT FOR EVENT}. */
class EventsApiTest {

    @TempDir
    Path scripts;

    @Test
    void anEventToOneConversationCarriesItsDataAndSaysHowManyItWoke() {
        try (TestServer api = TestServer.start(scripts)) {
            api.startTicket("chat-1");
            api.startTicket("chat-2");
            api.engine.waitForEvent("chat-1", "approval_received");
            api.engine.waitForEvent("chat-2", "approval_received");

            TestServer.Reply reply = api.post(
                    "/events/approval_received",
                    "{\"conversation\": \"chat-1\", \"data\": {\"decision\": \"yes\", \"amount\": 150}}");

            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(reply.json().path("event").asText()).isEqualTo("approval_received");
            assertThat(reply.json().path("woken").asInt()).isEqualTo(1);
            assertThat(reply.json().path("conversation").asText()).isEqualTo("chat-1");
            List<Object> published = api.engine.published.getFirst();
            assertThat(published.subList(0, 3))
                    .containsExactly(
                            "chat-1",
                            "approval_received",
                            new MapValue(Map.of("decision", new TextValue("yes"), "amount", IntegerValue.of(150))));
        }
    }

    @Test
    void withoutABodyTheEventGoesToEveryConversationWithTheValueTrue() {
        try (TestServer api = TestServer.start(scripts)) {
            api.startTicket("chat-1");
            api.startTicket("chat-2");
            api.engine.waitForEvent("chat-1", "go");
            api.engine.waitForEvent("chat-2", "go");

            TestServer.Reply reply = api.send(api.request("/events/go")
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build());

            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(reply.json().path("woken").asInt()).isEqualTo(2);
            assertThat(reply.json().path("conversation").isNull()).isTrue();
            assertThat(api.engine.published.getFirst().subList(0, 3)).containsExactly("*", "go", BooleanValue.TRUE);
        }
    }

    @Test
    void theSameIdempotencyKeyPublishesOnceAndNoKeyPublishesEachTime() {
        try (TestServer api = TestServer.start(scripts)) {
            for (int i = 0; i < 2; i++) {
                TestServer.Reply reply = api.send(api.request("/events/paid")
                        .header("Content-Type", "application/json")
                        .header(ExecutionEndpoints.IDEMPOTENCY_KEY, "invoice-7")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"data\": 7}"))
                        .build());
                assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            }
            assertThat(api.engine.published).hasSize(1);
            assertThat(api.engine.published.getFirst().get(3)).isEqualTo("http/invoice-7");

            api.post("/events/paid", "{}");
            api.post("/events/paid", "{}");
            assertThat(api.engine.published).hasSize(3);
        }
    }

    @Test
    void badRequestsAreProblemsThatSayWhatToFix() {
        try (TestServer api = TestServer.start(scripts)) {
            assertThat(api.post("/events/go", "{\"conversation\": \"nobody\"}")
                            .problem(404, "execution-not-found")
                            .path("detail")
                            .asText())
                    .contains("nobody");
            assertThat(api.post("/events/go", "{\"conversation\": \"no body\"}")
                            .problem(400, "invalid-execution-id")
                            .path("detail")
                            .asText())
                    .isNotBlank();
            assertThat(api.post("/events/go", "{\"data\": 1, \"when\": \"now\"}")
                            .problem(400, "invalid-request")
                            .path("detail")
                            .asText())
                    .contains("unknown member 'when'");
            assertThat(api.post("/events/" + "e".repeat(201), "{}")
                            .problem(400, "invalid-request")
                            .path("detail")
                            .asText())
                    .contains("1 to 200 characters");
            api.postText("/events/go", "yes").problem(415, "unsupported-media-type");
            assertThat(api.engine.published).isEmpty();
        }
    }
}
