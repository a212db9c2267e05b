package io.basicflow.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.basicflow.engine.api.MessageExtras;
import io.basicflow.spi.Suggestion;
import io.basicflow.spi.value.Value;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Long-polls and server-sent event streams of messages. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StreamingTest {

    @TempDir
    Path scripts;

    TestServer api;
    ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

    @BeforeEach
    void start() {
        api = TestServer.start(scripts);
        api.startTicket("t1");
    }

    @AfterEach
    void stop() {
        background.shutdownNow();
        api.close();
    }

    @Test
    void aMessagesSuggestionsAndFileTravelInTheJsonAndTheStream() throws Exception {
        long asked = api.engine.talk(
                "t1",
                "Which size?",
                new MessageExtras(
                        List.of(Suggestion.of("Small"), new Suggestion("Large", "size:large")), Optional.empty()));
        api.engine.talk(
                "t1",
                "Our chart",
                new MessageExtras(
                        List.of(),
                        Optional.of(new MessageExtras.SentFile("charts/sizes.pdf", Optional.of("Our chart")))));

        JsonNode messages = api.get("/executions/t1/messages").json().path("messages");
        assertThat(Json.write(messages.get(0).path("suggestions")))
                .isEqualTo("[{\"text\":\"Small\",\"reply\":\"Small\"},{\"text\":\"Large\",\"reply\":\"size:large\"}]");
        assertThat(messages.get(0).path("file").isNull()).isTrue();
        assertThat(messages.get(1).path("suggestions")).isEmpty();
        assertThat(Json.write(messages.get(1).path("file")))
                .isEqualTo("{\"path\":\"charts/sizes.pdf\",\"caption\":\"Our chart\"}");

        try (EventStreamClient stream =
                new EventStreamClient(api, sseRequest("/executions/t1/messages").build())) {
            EventStreamClient.Frame first = stream.next("message");
            assertThat(first.id()).contains(Long.toString(asked));
            JsonNode json = Json.parse(bytes(first.data()));
            assertThat(json.path("suggestions").get(1).path("reply").asText()).isEqualTo("size:large");
            EventStreamClient.Frame second = stream.next("message");
            assertThat(Json.parse(bytes(second.data()))
                            .path("file")
                            .path("path")
                            .asText())
                    .isEqualTo("charts/sizes.pdf");
        }
    }

    @Test
    void aLongPollReturnsAsSoonAsAMessageIsCommitted() throws Exception {
        CompletableFuture<TestServer.Reply> poll =
                CompletableFuture.supplyAsync(() -> api.get("/executions/t1/messages?wait=5"), background);
        api.engine.awaitWaiters(1);

        long seq = api.engine.talk("t1", "What is your name?");

        JsonNode page = poll.get().json();
        assertThat(page.path("messages")).hasSize(1);
        assertThat(page.path("messages").get(0).path("text").asText()).isEqualTo("What is your name?");
        assertThat(page.path("next").asLong()).isEqualTo(seq);
    }

    @Test
    void aLongPollReturnsEmptyAfterItsWait() {
        JsonNode page = api.get("/executions/t1/messages?after=1&wait=0.5").json();

        assertThat(page.path("messages")).isEmpty();
        assertThat(page.path("next").asLong()).isEqualTo(1);
        assertThat(api.engine.requestedWaits()).containsExactly(Duration.ofMillis(500));
    }

    @Test
    void aLongPollReturnsWhenTheExecutionEnds() throws Exception {
        CompletableFuture<TestServer.Reply> poll =
                CompletableFuture.supplyAsync(() -> api.get("/executions/t1/messages?wait=5"), background);
        api.engine.awaitWaiters(1);

        api.engine.complete("t1", Value.text("done"));

        JsonNode page = poll.get().json();
        assertThat(page.path("messages")).isEmpty();
        assertThat(page.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(page.path("ended").asBoolean()).isTrue();
    }

    @Test
    void longWaitsAreCutToTheConfiguredMaximumAndNoWaitMeansNone() {
        api.engine.complete("t1", Value.nullValue()); // ended: the engine answers at once

        api.get("/executions/t1/messages?wait=3600");
        api.get("/executions/t1/messages");

        assertThat(api.engine.requestedWaits()).containsExactly(Duration.ofSeconds(5), Duration.ZERO);
    }

    @Test
    void waitingRequestsRunOnVirtualThreads() throws Exception {
        CompletableFuture<TestServer.Reply> poll =
                CompletableFuture.supplyAsync(() -> api.get("/executions/t1/messages?wait=5"), background);
        api.engine.awaitWaiters(1);
        api.engine.talk("t1", "hi");
        poll.get();

        assertThat(api.engine.messageCallsOnVirtualThreads()).isNotEmpty().containsOnly(true);
    }

    @Test
    void manyLongPollsWaitAtOnceWithoutExhaustingThreads() throws Exception {
        int polls = 300; // more than Jetty's default pool of 200 platform threads
        List<CompletableFuture<TestServer.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < polls; i++) {
            replies.add(CompletableFuture.supplyAsync(() -> api.get("/executions/t1/messages?wait=5"), background));
        }
        api.engine.awaitWaiters(polls);

        api.engine.talk("t1", "to everyone");

        for (CompletableFuture<TestServer.Reply> reply : replies) {
            assertThat(reply.get().json().path("messages").get(0).path("text").asText())
                    .isEqualTo("to everyone");
        }
    }

    @Test
    void anEventStreamDeliversMessagesInOrderAsTheyAreCommittedAndEndsWithTheExecution() {
        long hello = api.engine.talk("t1", "Hello");

        try (EventStreamClient stream =
                new EventStreamClient(api, sseRequest("/executions/t1/messages").build())) {
            assertThat(stream.response().statusCode()).isEqualTo(200);
            assertThat(stream.response().headers().firstValue("Content-Type"))
                    .get()
                    .asString()
                    .startsWith("text/event-stream");
            assertThat(stream.response().headers().firstValue("Cache-Control")).contains("no-cache");

            EventStreamClient.Frame status = stream.next("status");
            assertThat(Json.parse(bytes(status.data())).path("status").asText()).isEqualTo("RUNNING");
            EventStreamClient.Frame first = stream.next("message");
            assertThat(first.id()).contains(Long.toString(hello));
            assertThat(Json.parse(bytes(first.data())).path("text").asText()).isEqualTo("Hello");

            long second = api.engine.talk("t1", "What is your name?");
            long third = api.engine.talk("t1", "Line with\nnewline and \"quotes\"");
            EventStreamClient.Frame two = stream.next("message");
            EventStreamClient.Frame three = stream.next("message");
            assertThat(two.id()).contains(Long.toString(second));
            assertThat(three.id()).contains(Long.toString(third));
            assertThat(Json.parse(bytes(three.data())).path("text").asText())
                    .isEqualTo("Line with\nnewline and \"quotes\"");

            api.engine.waitForInput("t1", "name");
            assertThat(Json.parse(bytes(stream.next("status").data()))
                            .path("status")
                            .asText())
                    .isEqualTo("WAITING_INPUT");

            api.engine.talk("t1", "Bye");
            api.engine.complete("t1", Value.text("done"));
            EventStreamClient.Frame bye = stream.next("message");
            assertThat(Json.parse(bytes(bye.data())).path("text").asText()).isEqualTo("Bye");
            EventStreamClient.Frame end = stream.next("end");
            assertThat(Json.parse(bytes(end.data())).path("status").asText()).isEqualTo("COMPLETED");
            assertThat(end.id()).isEmpty();
            assertThat(stream.next()).isEmpty(); // the server closed the stream
        }
    }

    @Test
    void anEventStreamResumesAfterTheLastEventId() {
        long one = api.engine.talk("t1", "one");
        long two = api.engine.talk("t1", "two");
        api.engine.talk("t1", "three");
        api.engine.complete("t1", Value.nullValue());

        try (EventStreamClient stream = new EventStreamClient(
                api,
                sseRequest("/executions/t1/messages")
                        .header("Last-Event-ID", Long.toString(one))
                        .build())) {
            List<String> texts = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (var frame = stream.next(); frame.isPresent(); frame = stream.next()) {
                if (frame.get().event().equals("message")) {
                    texts.add(Json.parse(bytes(frame.get().data())).path("text").asText());
                    ids.add(frame.get().id().orElseThrow());
                }
            }
            assertThat(texts).containsExactly("two", "three");
            assertThat(ids.getFirst()).isEqualTo(Long.toString(two));
        }
    }

    @Test
    void anEventStreamStartsAfterTheAfterParameterWithoutLastEventId() {
        long one = api.engine.talk("t1", "one");
        api.engine.talk("t1", "two");
        api.engine.complete("t1", Value.nullValue());

        try (EventStreamClient stream = new EventStreamClient(
                api, sseRequest("/executions/t1/messages?after=" + one).build())) {
            assertThat(Json.parse(bytes(stream.next("message").data()))
                            .path("text")
                            .asText())
                    .isEqualTo("two");
            stream.next("end");
        }
    }

    @Test
    void anIdleEventStreamSendsHeartbeatComments() {
        try (EventStreamClient stream =
                new EventStreamClient(api, sseRequest("/executions/t1/messages").build())) {
            stream.next("status");

            stream.awaitComments(2);

            assertThat(api.engine.requestedWaits()).contains(Duration.ofSeconds(1)); // the configured heartbeat
            long seq = api.engine.talk("t1", "still there");
            assertThat(stream.next("message").id()).contains(Long.toString(seq));
        }
    }

    @Test
    void closingTheServerEndsOpenStreamsAndWaitingPolls() throws Exception {
        EventStreamClient stream =
                new EventStreamClient(api, sseRequest("/executions/t1/messages").build());
        stream.next("status");
        api.engine.awaitWaiters(1);

        api.server.close();

        assertThat(stream.next()).isEmpty();
        stream.close();
    }

    private java.net.http.HttpRequest.Builder sseRequest(String path) {
        return api.request(path).header("Accept", "text/event-stream");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
