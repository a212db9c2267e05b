package io.basicflow.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.Value;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code /executions} resources over real HTTP: success paths. */
class ExecutionsApiTest {

    @TempDir
    Path scripts;

    TestServer api;

    @BeforeEach
    void start() {
        api = TestServer.start(scripts);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void variableNamesFollowTheScriptsNameRulesInAnyAlphabet() {
        // the names a script can write (the lexer's rules), not only ASCII ones
        TestServer.Reply reply = api.post("/executions", """
                {"script": "ticket.bas", "id": "names", "variables": {"número": 3, "客户": "Li", "_x2": true}}
                """);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(api.engine.variables("names"))
                .containsEntry("número", Value.number(3))
                .containsEntry("客户", Value.text("Li"))
                .containsEntry("_x2", io.basicflow.spi.value.BooleanValue.TRUE);
    }

    @Test
    void startCreatesAnExecutionAndAnswers201WithItsViewAndLocation() {
        TestServer.Reply reply = api.post("/executions", """
                {"script": "ticket.bas", "id": "chat-42", "variables": {"Customer": "Ana"}}
                """);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.header("Location")).contains("/executions/chat-42");
        JsonNode view = reply.json();
        assertThat(view.path("id").asText()).isEqualTo("chat-42");
        assertThat(view.path("script").asText()).isEqualTo("ticket.bas");
        assertThat(view.path("status").asText()).isEqualTo("RUNNABLE");
        assertThat(view.path("variables").path("customer").asText()).isEqualTo("Ana");
        assertThat(view.path("scriptHash").asText()).hasSize(64);
        assertThat(view.path("links").path("messages").asText()).isEqualTo("/executions/chat-42/messages");
        assertThat(view.path("links").path("input").asText()).isEqualTo("/executions/chat-42/input");
        assertThat(view.path("links").has("retry")).isFalse();
        assertThat(api.engine.variables("chat-42")).containsEntry("customer", Value.text("Ana"));
    }

    @Test
    void startWithoutAnIdGetsOneFromTheEngine() {
        TestServer.Reply reply = api.post("/executions", "{\"script\": \"ticket\"}");

        assertThat(reply.status()).isEqualTo(201);
        String id = reply.json().path("id").asText();
        assertThat(id).isNotBlank();
        assertThat(reply.json().path("script").asText()).isEqualTo("ticket.bas");
        assertThat(api.get("/executions/" + id).status()).isEqualTo(200);
    }

    @Test
    void startingTheSameIdAgainIsIdempotentAndAnswers200() {
        api.startTicket("same");
        String before = api.engine.snapshot();

        TestServer.Reply again = api.post("/executions", "{\"script\": \"ticket.bas\", \"id\": \"same\"}");

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("Location")).contains("/executions/same");
        assertThat(again.json().path("id").asText()).isEqualTo("same");
        assertThat(api.engine.snapshot()).isEqualTo(before);
        assertThat(api.engine.executionCount()).isEqualTo(1);
    }

    @Test
    void startsAScriptInASubfolder() {
        TestServer.Reply reply = api.post("/executions", "{\"script\": \"support/refund.bas\", \"id\": \"r1\"}");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().path("script").asText()).isEqualTo("support/refund.bas");
    }

    @Test
    void variablesKeepExactNumbersAndNesting() {
        TestServer.Reply reply = api.post("/executions", """
                {"script": "ticket.bas", "id": "exact", "variables": {
                  "price": 0.1, "big": 123456789012345678901234567890, "count": 3, "ratio": 1.50,
                  "tags": ["a", true, null], "address": {"city": "Lisboa", "zip": "1000-001"}}}
                """);

        assertThat(reply.status()).isEqualTo(201);
        Map<String, Value> variables = api.engine.variables("exact");
        assertThat(variables.get("price")).isEqualTo(NumberValue.of(new BigDecimal("0.1")));
        assertThat(variables.get("big")).isEqualTo(NumberValue.of(new BigDecimal("123456789012345678901234567890")));
        assertThat(variables.get("count")).isEqualTo(IntegerValue.of(3));
        assertThat(variables.get("ratio")).isEqualTo(NumberValue.of(new BigDecimal("1.5")));
        assertThat(variables.get("tags"))
                .isEqualTo(new ListValue(List.of(Value.text("a"), Value.of(true), Value.nullValue())));
        assertThat(variables.get("address"))
                .isEqualTo(new MapValue(Map.of("city", Value.text("Lisboa"), "zip", Value.text("1000-001"))));
        // ... and come back out as the same JSON numbers, not as doubles.
        String body = api.get("/executions/exact").body();
        assertThat(body)
                .contains("\"price\":0.1")
                .contains("\"big\":123456789012345678901234567890")
                .contains("\"ratio\":1.5");
    }

    @Test
    void getShowsStatusVariablesResultErrorAndWaitingFor() {
        api.startTicket("t1");
        api.engine.talk("t1", "What is your name?");
        api.engine.waitForInput("t1", "name");

        JsonNode waiting = api.get("/executions/t1").json();
        assertThat(waiting.path("status").asText()).isEqualTo("WAITING_INPUT");
        assertThat(waiting.path("waitingFor").asText()).isEqualTo("HEAR name");
        assertThat(waiting.path("lastSeq").asLong()).isEqualTo(3);
        assertThat(waiting.path("result").isNull()).isTrue();
        assertThat(waiting.path("error").isNull()).isTrue();
        assertThat(waiting.path("ended").asBoolean()).isFalse();

        api.engine.fail("t1", "ticket.bas:4:5: SEND MAIL failed: 550 mailbox unavailable");
        JsonNode failed = api.get("/executions/t1").json();
        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("error").path("message").asText()).contains("550 mailbox unavailable");
        assertThat(failed.path("error").path("line").asInt()).isEqualTo(4);
        assertThat(failed.path("error").path("keyword").asText()).isEqualTo("SEND MAIL");
        assertThat(failed.path("links").path("retry").asText()).isEqualTo("/executions/t1/retry");

        api.engine.retry("t1");
        api.engine.complete("t1", Value.of(Map.of("ticket", 42)));
        JsonNode completed = api.get("/executions/t1").json();
        assertThat(completed.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(completed.path("ended").asBoolean()).isTrue();
        assertThat(completed.path("result").path("ticket").asLong()).isEqualTo(42);
        assertThat(completed.path("links").has("input")).isFalse();
        assertThat(completed.path("links").has("cancel")).isFalse();
    }

    @Test
    void listFiltersByStatusScriptAndTimeAndPagesWithACursor() {
        for (int i = 1; i <= 5; i++) {
            api.startTicket("t" + i);
        }
        api.post("/executions", "{\"script\": \"support/refund.bas\", \"id\": \"r1\"}");
        api.engine.waitForInput("t2", "name");
        api.engine.waitForInput("t4", "name");

        JsonNode all = api.get("/executions?limit=4").json();
        assertThat(ids(all)).containsExactly("r1", "t5", "t4", "t3");
        String next = all.path("next").asText();
        assertThat(next).isNotBlank();
        JsonNode second = api.get("/executions?limit=4&after=" + next).json();
        assertThat(ids(second)).containsExactly("t2", "t1");
        assertThat(second.path("next").isNull()).isTrue();

        assertThat(ids(api.get("/executions?status=WAITING_INPUT").json())).containsExactly("t4", "t2");
        assertThat(ids(api.get("/executions?status=waiting_input,runnable&script=ticket.bas")
                        .json()))
                .containsExactly("t5", "t4", "t3", "t2", "t1");
        assertThat(ids(api.get("/executions?status=COMPLETED").json())).isEmpty();
        assertThat(ids(api.get("/executions?script=support/refund.bas").json())).containsExactly("r1");

        // t1 was created at the fake clock's first tick; t3 two ticks per start later.
        String t3Created = api.get("/executions/t3").json().path("createdAt").asText();
        assertThat(ids(api.get("/executions?script=ticket.bas&from=" + t3Created)
                        .json()))
                .containsExactly("t5", "t4", "t3");
        assertThat(ids(api.get("/executions?script=ticket.bas&to=" + t3Created).json()))
                .containsExactly("t2", "t1");
        JsonNode summary =
                api.get("/executions?limit=1").json().path("executions").get(0);
        assertThat(summary.path("links").path("self").asText()).isEqualTo("/executions/r1");
        assertThat(summary.path("createdAt").asText()).endsWith("Z");
    }

    @Test
    void timesWithAnOffsetAreAcceptedEvenWhenThePlusWasNotEncoded() {
        api.startTicket("t1");

        // 10:00+02:00 is 08:00Z, before the fake clock's first execution at 10:00Z.
        assertThat(ids(api.get("/executions?from=2026-11-25T10:00:00%2B02:00").json()))
                .containsExactly("t1");
        assertThat(ids(api.get("/executions?to=2026-11-25T10:00:00+02:00").json()))
                .isEmpty();
    }

    @Test
    void inputAsJsonOrPlainTextReachesTheInbox() {
        api.startTicket("t1");
        api.engine.waitForInput("t1", "name");

        TestServer.Reply json = api.post("/executions/t1/input", "{\"text\": \"Ana \\\"the\\\" Silva\"}");
        assertThat(json.status()).isEqualTo(202);
        assertThat(json.json().path("accepted").asBoolean()).isTrue();
        assertThat(json.json().path("links").path("messages").asText()).isEqualTo("/executions/t1/messages");
        assertThat(api.engine.find("t1").orElseThrow().status()).isEqualTo(ExecutionStatus.RUNNABLE);

        TestServer.Reply text = api.postText("/executions/t1/input", "línea dos\ncom acentuação 🙂");
        assertThat(text.status()).isEqualTo(202);

        assertThat(api.engine.inbox("t1")).containsExactly("Ana \"the\" Silva", "línea dos\ncom acentuação 🙂");
    }

    @Test
    void anInputWithAnIdempotencyKeyIsStoredOnceHoweverOftenItIsSent() {
        api.startTicket("t1");
        api.engine.waitForInput("t1", "name");

        TestServer.Reply first = api.send(api.request("/executions/t1/input")
                .header("Content-Type", "text/plain; charset=utf-8")
                .header("Idempotency-Key", "chat-msg-9")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("Ana"))
                .build());
        TestServer.Reply again = api.send(api.request("/executions/t1/input")
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "chat-msg-9")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"text\": \"Ana\"}"))
                .build());
        TestServer.Reply plain = api.post("/executions/t1/input", "{\"text\": \"Bea\"}");

        assertThat(first.status()).isEqualTo(202);
        assertThat(first.json().path("repeat").asBoolean()).isFalse();
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().path("repeat").asBoolean()).isTrue();
        assertThat(plain.json().path("repeat").asBoolean()).isFalse();
        assertThat(api.engine.inbox("t1")).containsExactly("Ana", "Bea");
    }

    @Test
    void anUnusableIdempotencyKeyIsABadRequestThatStoresNothing() {
        api.startTicket("t1");
        String before = api.engine.snapshot();

        TestServer.Reply reply = api.send(api.request("/executions/t1/input")
                .header("Content-Type", "text/plain; charset=utf-8")
                .header("Idempotency-Key", "k".repeat(201))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("Ana"))
                .build());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("parameter").asText()).isEqualTo("Idempotency-Key");
        assertThat(reply.json().path("detail").asText()).contains("1 to 200 characters");
        assertThat(api.engine.snapshot()).isEqualTo(before);
    }

    @Test
    void messagesAfterACursorAndTheirAcknowledgement() {
        api.startTicket("t1");
        long first = api.engine.talk("t1", "Hello");
        long second = api.engine.talk("t1", "What is your name?");
        api.engine.waitForInput("t1", "name");

        JsonNode page = api.get("/executions/t1/messages").json();
        assertThat(page.path("messages")).hasSize(2);
        assertThat(page.path("messages").get(0).path("position").asLong()).isEqualTo(first);
        assertThat(page.path("messages").get(0).path("executionId").asText()).isEqualTo("t1");
        assertThat(page.path("messages").get(0).path("seq").asLong())
                .as("the message's own event, not its position")
                .isNotEqualTo(first)
                .isPositive();
        assertThat(page.path("messages").get(0).path("text").asText()).isEqualTo("Hello");
        assertThat(page.path("messages").get(0).path("acknowledged").asBoolean())
                .isFalse();
        assertThat(page.path("messages").get(0).path("recipient").isNull()).isTrue();
        assertThat(page.path("next").asLong()).isEqualTo(second);
        assertThat(page.path("status").asText()).isEqualTo("WAITING_INPUT");
        assertThat(page.path("ended").asBoolean()).isFalse();

        JsonNode after = api.get("/executions/t1/messages?after=" + first).json();
        assertThat(after.path("messages")).hasSize(1);
        assertThat(after.path("messages").get(0).path("text").asText()).isEqualTo("What is your name?");

        JsonNode limited = api.get("/executions/t1/messages?limit=1").json();
        assertThat(limited.path("messages")).hasSize(1);
        assertThat(limited.path("next").asLong()).isEqualTo(first);

        JsonNode none = api.get("/executions/t1/messages?after=" + second).json();
        assertThat(none.path("messages")).isEmpty();
        assertThat(none.path("next").asLong()).isEqualTo(second);

        TestServer.Reply ack = api.post("/executions/t1/messages/ack", "{\"upto\": " + first + "}");
        assertThat(ack.status()).isEqualTo(204);
        assertThat(ack.body()).isEmpty();
        JsonNode acknowledged = api.get("/executions/t1/messages").json().path("messages");
        assertThat(acknowledged.get(0).path("acknowledged").asBoolean()).isTrue();
        assertThat(acknowledged.get(1).path("acknowledged").asBoolean()).isFalse();
    }

    @Test
    void eventsAreTheHistoryInOrderWithPayloads() {
        api.startTicket("t1");
        api.engine.talk("t1", "Hello");
        api.engine.waitForInput("t1", "name");
        api.post("/executions/t1/input", "{\"text\": \"Ana\"}");
        api.engine.consumeInput("t1", "name");

        JsonNode history = api.get("/executions/t1/events").json();
        JsonNode events = history.path("events");
        assertThat(events).hasSize(4);
        assertThat(events.findValuesAsText("type"))
                .containsExactly("ExecutionStarted", "StepCompleted", "InputRequested", "InputReceived");
        assertThat(events.get(1).path("seq").asLong()).isEqualTo(2);
        assertThat(events.get(1).path("summary").asText()).isEqualTo("TALK \"Hello\"");
        assertThat(events.get(1).path("payload").path("talk").asText()).isEqualTo("Hello");
        assertThat(events.get(3).path("payload").path("value").asText()).isEqualTo("Ana");
        assertThat(history.path("next").asLong()).isEqualTo(4);

        JsonNode page = api.get("/executions/t1/events?after=1&limit=2").json();
        assertThat(page.path("events").findValuesAsText("type")).containsExactly("StepCompleted", "InputRequested");
        assertThat(page.path("next").asLong()).isEqualTo(3);
    }

    @Test
    void cancelEndsAnExecutionWithTheGivenOrADefaultReason() {
        api.startTicket("t1");
        api.startTicket("t2");

        TestServer.Reply cancelled = api.post("/executions/t1/cancel", "{\"reason\": \"customer left\"}");
        assertThat(cancelled.status()).isEqualTo(202);
        assertThat(cancelled.json().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(api.get("/executions/t1/events")
                        .json()
                        .path("events")
                        .get(1)
                        .path("summary")
                        .asText())
                .isEqualTo("cancelled: customer left");

        TestServer.Reply noBody = api.send(api.request("/executions/t2/cancel")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(noBody.status()).isEqualTo(202);
        assertThat(api.get("/executions/t2/events")
                        .json()
                        .path("events")
                        .get(1)
                        .path("summary")
                        .asText())
                .isEqualTo("cancelled: " + ExecutionEndpoints.DEFAULT_CANCEL_REASON);
    }

    @Test
    void retryResumesAFailedExecution() {
        api.startTicket("t1");
        api.engine.fail("t1", "SEND MAIL failed");

        TestServer.Reply retried = api.send(api.request("/executions/t1/retry")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                .build());

        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.json().path("status").asText()).isEqualTo("RUNNABLE");
        assertThat(retried.json().path("error").isNull()).isTrue();
    }

    @Test
    void toolsListsTheActiveToolsWithTheirSchemasAndTheOnesThatCannotBeDescribed() {
        api.startTicket("t1");
        JsonNode none = api.get("/executions/t1/tools").json();
        assertThat(none.path("tools")).isEmpty();
        assertThat(none.path("problems")).isEmpty();

        api.engine.activateTool("t1", "lookup");
        api.engine.activateTool("t1", "vanished");
        api.engine.activateTool("t1", "create-ticket");

        JsonNode tools = api.get("/executions/t1/tools").json();
        assertThat(tools.path("tools").findValuesAsText("name")).containsExactly("lookup", "create-ticket");
        assertThat(tools.path("tools")
                        .get(0)
                        .path("inputSchema")
                        .path("required")
                        .get(0)
                        .asText())
                .isEqualTo("query");
        assertThat(tools.path("problems").get(0).path("tool").asText()).isEqualTo("vanished");
        assertThat(api.get("/executions/t1").json().path("activeTools").toString())
                .isEqualTo("[\"lookup\",\"vanished\",\"create-ticket\"]");
    }

    @Test
    void healthAnswersUp() {
        TestServer.Reply health = api.get("/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
    }

    private static List<String> ids(JsonNode page) {
        return page.path("executions").findValuesAsText("id");
    }
}
