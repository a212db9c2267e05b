package io.basicflow.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server ({@code basicflow serve} in a child JVM, on the embedded PostgreSQL) driven over
 * HTTP as a chat front end drives it — including a {@code kill -9} of the server mid-conversation.
 */
class ServeEndToEndTest {

    private static final Duration START = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path folder;

    private Path scripts;
    private Path data;

    @BeforeEach
    void scripts() throws Exception {
        scripts = Files.createDirectories(folder.resolve("scripts"));
        data = folder.resolve("pg");
        Files.writeString(scripts.resolve("support.bas"), """
                #workflow
                TALK "Describe the issue"
                HEAR description
                HEAR email AS EMAIL WITH "Your e-mail?"
                WITH ticket
                    text = description
                    contact = email
                END WITH
                TALK "Thanks, we will write to {email}"
                RETURN ticket
                """);
    }

    private BasicflowProcess serve(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("serve", "--port", "0", "-Dbasicflow.scripts.folder=" + scripts));
        args.addAll(List.of(extra));
        return BasicflowProcess.start(folder, data, args.toArray(String[]::new));
    }

    private static URI baseUri(BasicflowProcess server) throws InterruptedException {
        return server.awaitServing(START);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode post(URI base, String path, String json) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    /** Posts an input with an {@code Idempotency-Key}, as a chat front end that may retry does. */
    private JsonNode postInput(URI base, String id, String text, String key) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/executions/" + id + "/input"))
                .header("Content-Type", "text/plain; charset=utf-8")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(text)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body());
    }

    private JsonNode get(URI base, String path) throws Exception {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(base.resolve(path)).GET());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Long-polls the messages after a sequence number until there is one, as a chat window does. */
    private List<JsonNode> awaitMessages(URI base, String id, long after) throws Exception {
        for (int attempt = 0; attempt < 30; attempt++) {
            JsonNode page = get(base, "/executions/" + id + "/messages?after=" + after + "&wait=2");
            List<JsonNode> messages = new ArrayList<>();
            page.get("messages").forEach(messages::add);
            if (!messages.isEmpty()) {
                return messages;
            }
        }
        throw new AssertionError("no message after " + after);
    }

    @Test
    void aWholeConversationOverHttpSurvivesAServerKilledInTheMiddle() throws Exception {
        List<String> said = new ArrayList<>();
        List<Long> seqs = new ArrayList<>();
        long after = 0;
        try (BasicflowProcess server = serve()) {
            URI base = baseUri(server);
            JsonNode started = post(base, "/executions", "{\"script\": \"support.bas\", \"id\": \"chat-42\"}");
            assertThat(started.get("id").asText()).isEqualTo("chat-42");
            // Starting the same id again is idempotent.
            assertThat(post(base, "/executions", "{\"script\": \"support.bas\", \"id\": \"chat-42\"}")
                            .get("id")
                            .asText())
                    .isEqualTo("chat-42");

            for (JsonNode message : awaitMessages(base, "chat-42", after)) {
                said.add(message.get("text").asText());
                seqs.add(after = message.get("position").asLong());
            }
            assertThat(postInput(base, "chat-42", "The VPN drops every hour", "chat-msg-1")
                            .get("repeat")
                            .asBoolean())
                    .isFalse();
            for (JsonNode message : awaitMessages(base, "chat-42", after)) {
                said.add(message.get("text").asText());
                seqs.add(after = message.get("position").asLong());
            }
            server.killHard();
        }

        try (BasicflowProcess server = serve()) {
            URI base = baseUri(server);
            assertThat(get(base, "/executions/chat-42").get("status").asText()).isEqualTo("WAITING_INPUT");
            // The front end never saw the answer to its last input before the kill, so it sends it again.
            assertThat(postInput(base, "chat-42", "The VPN drops every hour", "chat-msg-1")
                            .get("repeat")
                            .asBoolean())
                    .isTrue();
            assertThat(get(base, "/executions/chat-42").get("status").asText()).isEqualTo("WAITING_INPUT");
            post(base, "/executions/chat-42/input", "{\"text\": \"not an address\"}");
            post(base, "/executions/chat-42/input", "{\"text\": \"Ana@Example.com\"}");
            while (true) {
                JsonNode view = get(base, "/executions/chat-42");
                for (JsonNode message : get(base, "/executions/chat-42/messages?after=" + after + "&wait=1")
                        .get("messages")) {
                    said.add(message.get("text").asText());
                    seqs.add(after = message.get("position").asLong());
                }
                if (view.get("status").asText().equals("COMPLETED")) {
                    break;
                }
            }
            JsonNode done = get(base, "/executions/chat-42");
            assertThat(done.get("result").get("text").asText()).isEqualTo("The VPN drops every hour");
            assertThat(done.get("result").get("contact").asText()).isEqualTo("ana@example.com");

            JsonNode events = get(base, "/executions/chat-42/events");
            List<String> types = new ArrayList<>();
            events.get("events").forEach(event -> types.add(event.get("type").asText()));
            assertThat(types)
                    .startsWith("ExecutionStarted")
                    .endsWith("ExecutionCompleted")
                    .contains("InputRejected");
            HttpResponse<String> metrics =
                    send(HttpRequest.newBuilder(base.resolve("/metrics")).GET());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body())
                    .contains("basicflow_executions{status=\"COMPLETED\"} 1.0")
                    .contains("basicflow_executions{status=\"WAITING_INPUT\"} 0.0")
                    .containsPattern("basicflow_steps_total [1-9]")
                    .contains("basicflow_commit_latency_seconds_count")
                    .contains("basicflow_commit_queue_depth")
                    .contains("http_server_requests_seconds_count");
            server.stop();
            // SIGTERM: a graceful stop (the JVM reports it as 128 + 15).
            assertThat(server.awaitExit(START)).isEqualTo(143);
            assertThat(server.stderr())
                    .contains("stopping: running activations reach a commit or give their lease back");
        }

        assertThat(said)
                .containsExactly(
                        "Describe the issue",
                        "Your e-mail?",
                        "Please enter a valid e-mail address, like name@example.com.",
                        "Your e-mail?",
                        "Thanks, we will write to ana@example.com");
        assertThat(seqs).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void anApiOnlyNodeAndAWorkerNodeShareOneDatabase() throws Exception {
        try (BasicflowProcess api = serve("--workers", "0")) {
            URI base = baseUri(api);
            post(base, "/executions", "{\"script\": \"support.bas\", \"id\": \"shared-1\"}");
            Thread.sleep(1000);
            // Nobody runs it yet: the API node has no workers.
            assertThat(get(base, "/executions/shared-1").get("status").asText()).isEqualTo("RUNNABLE");

            try (BasicflowProcess worker = BasicflowProcess.start(
                    folder,
                    data,
                    "worker",
                    "-Dbasicflow.scripts.folder=" + scripts,
                    "-Dbasicflow.durable.node=worker-1")) {
                worker.awaitLine(line -> line.contains("worker worker-1 running"), START);
                assertThat(awaitMessages(base, "shared-1", 0))
                        .extracting(message -> message.get("text").asText())
                        .containsExactly("Describe the issue");
                worker.stop();
                assertThat(worker.awaitExit(START)).isEqualTo(143);
                assertThat(worker.stderr()).contains("stopping:");
            }
        }
    }

    @Test
    void aServerRefusesToListenOnEveryAddressWithoutATokenAndChecksTheTokenOtherwise() throws Exception {
        try (BasicflowProcess open = BasicflowProcess.start(
                folder, data, "serve", "--host", "0.0.0.0", "--port", "0", "-Dbasicflow.scripts.folder=" + scripts)) {
            assertThat(open.awaitExit(START)).isEqualTo(2);
            assertThat(open.stderr()).contains("refusing to listen on 0.0.0.0 without an API token");
        }
        try (BasicflowProcess guarded = serve("--token", "s3cret")) {
            URI base = baseUri(guarded);
            HttpResponse<String> anonymous =
                    send(HttpRequest.newBuilder(base.resolve("/executions")).GET());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("Content-Type")).contains("application/problem+json");
            HttpResponse<String> authorised = send(HttpRequest.newBuilder(base.resolve("/executions"))
                    .header("Authorization", "Bearer s3cret")
                    .GET());
            assertThat(authorised.statusCode()).isEqualTo(200);
        }
    }
    /**
     * A General Bots bot folder served as it is: no {@code #workflow} line, started by its bot name,
     * a tool beside its dialogs, and the conversation survives a {@code kill -9} of the server.
     */
    @Test
    void aBotFolderIsServedUneditedAndItsConversationSurvivesAKilledServer() throws Exception {
        Path dialogs = Files.createDirectories(scripts.resolve("shop.gbai").resolve("shop.gbdialog"));
        Files.writeString(dialogs.resolve("start.bas"), """
                ' The shop's entry: no #workflow line, as in every General Bots bot
                TALK "Welcome! What is your name?"
                HEAR name
                TALK "How many boxes, {name}?"
                HEAR boxes AS INTEGER
                total = USE TOOL "price", boxes
                TALK "That is {total} euros, {name}"
                RETURN total
                """);
        Files.writeString(dialogs.resolve("price.bas"), """
                PARAM count AS INTEGER DESCRIPTION "how many boxes"
                DESCRIPTION "The price of some boxes"
                RETURN count * 3
                """);
        List<String> said = new ArrayList<>();
        long after = 0;
        try (BasicflowProcess server =
                BasicflowProcess.start(folder, data, "serve", "--port", "0", "--scripts", scripts.toString())) {
            URI base = baseUri(server);
            JsonNode listing = get(base, "/scripts");
            List<String> names = new ArrayList<>();
            listing.get("scripts")
                    .forEach(script -> names.add(script.get("name").asText()));
            assertThat(names).contains("shop/start.bas", "shop/price.bas");

            JsonNode started = post(base, "/executions", "{\"bot\": \"shop\", \"id\": \"shop-1\"}");
            assertThat(started.get("script").asText()).isEqualTo("shop/start.bas");
            for (JsonNode message : awaitMessages(base, "shop-1", after)) {
                said.add(message.get("text").asText());
                after = message.get("position").asLong();
            }
            postInput(base, "shop-1", "Ana", "shop-msg-1");
            for (JsonNode message : awaitMessages(base, "shop-1", after)) {
                said.add(message.get("text").asText());
                after = message.get("position").asLong();
            }
            server.killHard();
        }

        try (BasicflowProcess server =
                BasicflowProcess.start(folder, data, "serve", "--port", "0", "--scripts", scripts.toString())) {
            URI base = baseUri(server);
            assertThat(get(base, "/executions/shop-1").get("status").asText()).isEqualTo("WAITING_INPUT");
            postInput(base, "shop-1", "4", "shop-msg-2");
            JsonNode view = get(base, "/executions/shop-1");
            for (int attempt = 0; attempt < 60 && !view.get("status").asText().equals("COMPLETED"); attempt++) {
                Thread.sleep(250);
                view = get(base, "/executions/shop-1");
            }
            assertThat(view.get("status").asText()).as(view.toString()).isEqualTo("COMPLETED");
            assertThat(view.get("result").asInt()).isEqualTo(12);
            for (JsonNode message :
                    get(base, "/executions/shop-1/messages?after=" + after).get("messages")) {
                said.add(message.get("text").asText());
            }
        }
        assertThat(said)
                .containsExactly("Welcome! What is your name?", "How many boxes, Ana?", "That is 12 euros, Ana");
    }

    /** An outside system wakes a {@code WAIT FOR EVENT} of one conversation with {@code POST /events/{name}}. */
    @Test
    void anEventPostedOverHttpWakesTheConversationWaitingForIt() throws Exception {
        Files.writeString(scripts.resolve("approval.bas"), """
                #workflow
                TALK "Asking the manager"
                decision = WAIT FOR EVENT "approval_received" TIMEOUT 3600
                TALK "Manager says: " + decision.answer
                """);
        try (BasicflowProcess server = serve()) {
            URI base = baseUri(server);
            post(base, "/executions", "{\"script\": \"approval.bas\", \"id\": \"ap-1\"}");
            post(base, "/executions", "{\"script\": \"approval.bas\", \"id\": \"ap-2\"}");
            long after =
                    awaitMessages(base, "ap-1", 0).getLast().get("position").asLong();
            for (String id : List.of("ap-1", "ap-2")) {
                JsonNode view = get(base, "/executions/" + id);
                for (int attempt = 0;
                        attempt < 120 && !view.get("status").asText().equals("WAITING_TIMER");
                        attempt++) {
                    Thread.sleep(250);
                    view = get(base, "/executions/" + id);
                }
                assertThat(view.get("status").asText()).as(view.toString()).isEqualTo("WAITING_TIMER");
            }

            JsonNode published = post(
                    base, "/events/approval_received", "{\"conversation\": \"ap-1\", \"data\": {\"answer\": \"yes\"}}");

            assertThat(published.get("woken").asInt()).isEqualTo(1);
            assertThat(awaitMessages(base, "ap-1", after).getFirst().get("text").asText())
                    .isEqualTo("Manager says: yes");
            assertThat(get(base, "/executions/ap-2").get("status").asText()).isEqualTo("WAITING_TIMER");
            // ap-1 waits no more: publishing again wakes only ap-2, whatever the conversation
            assertThat(post(base, "/events/approval_received", "{\"data\": {\"answer\": \"no\"}}")
                            .get("woken")
                            .asInt())
                    .isEqualTo(1);
        }
    }
}
