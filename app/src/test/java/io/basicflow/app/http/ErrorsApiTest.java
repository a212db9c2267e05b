package io.basicflow.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.basicflow.spi.value.Value;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every refusal of the API: the right status and problem type, a detail a person can act on, and
 * nothing changed in the engine.
 */
class ErrorsApiTest {

    @TempDir
    Path scripts;

    TestServer api;

    @BeforeEach
    void start() {
        api = TestServer.start(scripts);
        api.startTicket("t1");
        api.engine.talk("t1", "What is your name?");
        api.engine.waitForInput("t1", "name");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    /** Sends a request that must fail and checks that the engine's state did not change. */
    private TestServer.Reply unchanged(Supplier<TestServer.Reply> request) {
        String before = api.engine.snapshot();
        TestServer.Reply reply = request.get();
        assertThat(api.engine.snapshot())
                .as("engine state after %s", reply.body())
                .isEqualTo(before);
        return reply;
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"script\": \"ticket.bas\"", "{script: 1}", "{\"script\": \"ticket.bas\"} trailing", ""})
    void invalidJsonIs400AndSaysWhere(String body) {
        JsonNode problem = unchanged(() -> api.post("/executions", body)).problem(400, "invalid-json");

        assertThat(problem.path("detail").asText()).containsAnyOf("line 1", "empty");
    }

    @Test
    void duplicateKeysAreInvalidJson() {
        JsonNode problem = unchanged(
                        () -> api.post("/executions", "{\"script\": \"ticket.bas\", \"script\": \"hello.bas\"}"))
                .problem(400, "invalid-json");

        assertThat(problem.path("detail").asText()).contains("script");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            [1, 2]                                              | ''             | must be a JSON object
            {}                                                  | /script        | 'script' is required
            {"script": 42}                                      | /script        | 'script' must be a string
            {"script": "ticket.bas", "variable": {}}            | /variable      | unknown member 'variable'
            {"script": "ticket.bas", "variables": [1]}          | /variables     | 'variables' must be an object
            {"script": "ticket.bas", "variables": {"1x": 1}}    | /variables/1x  | is not a BASIC name
            {"script": "ticket.bas", "variables": {"a-b": 1}}   | /variables/a-b | is not a BASIC name
            {"script": "ticket.bas", "variables": {"": 1}}      | /variables/    | is not a BASIC name
            {"script": "ticket.bas", "variables": {"a": 1, "A": 2}} | /variables/A | given twice
            """)
    void wrongShapesAre400AndPointAtTheMember(String body, String pointer, String detail) {
        JsonNode problem = unchanged(() -> api.post("/executions", body)).problem(400, "invalid-request");

        assertThat(problem.path("pointer").asText()).isEqualTo(pointer);
        assertThat(problem.path("detail").asText()).contains(detail);
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "", "..", "semi;colon", "ünïcode"})
    void badIdsInTheBodyAre400(String id) {
        JsonNode problem = unchanged(
                        () -> api.post("/executions", "{\"script\": \"ticket.bas\", \"id\": \"" + id + "\"}"))
                .problem(400, "invalid-execution-id");

        assertThat(problem.path("pointer").asText()).isEqualTo("/id");
        assertThat(api.engine.executionCount()).isEqualTo(1);
    }

    @Test
    void badIdsInThePathAre400OnEveryExecutionResource() {
        String bad = "/executions/bad%20id";
        assertThat(unchanged(() -> api.get(bad))
                        .problem(400, "invalid-execution-id")
                        .path("detail")
                        .asText())
                .contains("1-200 characters of letters, digits and -_.:@");
        unchanged(() -> api.post(bad + "/input", "{\"text\": \"x\"}")).problem(400, "invalid-execution-id");
        unchanged(() -> api.get(bad + "/messages")).problem(400, "invalid-execution-id");
        unchanged(() -> api.post(bad + "/messages/ack", "{\"upto\": 1}")).problem(400, "invalid-execution-id");
        unchanged(() -> api.get(bad + "/events")).problem(400, "invalid-execution-id");
        unchanged(() -> api.post(bad + "/cancel", "{}")).problem(400, "invalid-execution-id");
        unchanged(() -> api.post(bad + "/retry", "")).problem(400, "invalid-execution-id");
        unchanged(() -> api.get(bad + "/tools")).problem(400, "invalid-execution-id");
    }

    @Test
    void unknownExecutionsAre404OnEveryExecutionResource() {
        String missing = "/executions/nobody";
        JsonNode problem = unchanged(() -> api.get(missing)).problem(404, "execution-not-found");
        assertThat(problem.path("executionId").asText()).isEqualTo("nobody");
        assertThat(problem.path("detail").asText()).contains("nobody");
        unchanged(() -> api.post(missing + "/input", "{\"text\": \"x\"}")).problem(404, "execution-not-found");
        unchanged(() -> api.get(missing + "/messages")).problem(404, "execution-not-found");
        unchanged(() -> api.get(missing + "/messages?wait=1")).problem(404, "execution-not-found");
        unchanged(() -> api.send(api.request(missing + "/messages")
                        .header("Accept", "text/event-stream")
                        .build()))
                .problem(404, "execution-not-found");
        unchanged(() -> api.post(missing + "/messages/ack", "{\"upto\": 1}")).problem(404, "execution-not-found");
        unchanged(() -> api.get(missing + "/events")).problem(404, "execution-not-found");
        unchanged(() -> api.post(missing + "/cancel", "{}")).problem(404, "execution-not-found");
        unchanged(() -> api.post(missing + "/retry", "")).problem(404, "execution-not-found");
        unchanged(() -> api.get(missing + "/tools")).problem(404, "execution-not-found");
    }

    @Test
    void anUnknownScriptIs404AndSuggestsNearbyNames() {
        JsonNode problem = unchanged(() -> api.post("/executions", "{\"script\": \"tiket.bas\", \"id\": \"new\"}"))
                .problem(404, "script-not-found");

        assertThat(problem.path("script").asText()).isEqualTo("tiket.bas");
        assertThat(problem.path("didYouMean").get(0).asText()).isEqualTo("ticket.bas");
        assertThat(problem.path("detail").asText())
                .contains("did you mean 'ticket.bas'?")
                .contains("GET /scripts");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../ticket.bas", "/etc/passwd", "support/../ticket.bas", ".hidden.bas", "a\\\\b.bas"})
    void refusedScriptNamesAre400(String name) {
        JsonNode problem = unchanged(() -> api.post("/executions", "{\"script\": \"" + name + "\"}"))
                .problem(400, "invalid-script-name");

        assertThat(problem.path("detail").asText()).contains("is refused");
    }

    @Test
    void anIdTakenByAnotherScriptIs409() {
        JsonNode problem = unchanged(
                        () -> api.post("/executions", "{\"script\": \"support/refund.bas\", \"id\": \"t1\"}"))
                .problem(409, "execution-conflict");

        assertThat(problem.path("executionId").asText()).isEqualTo("t1");
        assertThat(problem.path("existingScript").asText()).isEqualTo("ticket.bas");
        assertThat(problem.path("detail").asText()).contains("choose another id");
    }

    @Test
    void endedExecutionsRefuseInputAndCancelWith409AndOnlyFailedOnesRetry() {
        JsonNode retry = unchanged(() -> api.post("/executions/t1/retry", "")).problem(409, "execution-state");
        assertThat(retry.path("executionStatus").asText()).isEqualTo("WAITING_INPUT");

        api.engine.complete("t1", Value.text("done"));
        JsonNode input = unchanged(() -> api.post("/executions/t1/input", "{\"text\": \"late\"}"))
                .problem(409, "execution-state");
        assertThat(input.path("executionStatus").asText()).isEqualTo("COMPLETED");
        assertThat(input.path("detail").asText()).contains("no more input");
        unchanged(() -> api.post("/executions/t1/cancel", "{}")).problem(409, "execution-state");
        assertThat(api.engine.inbox("t1")).isEmpty();
    }

    @Test
    void oversizedBodiesAre413WithTheLimit() {
        String huge = "{\"text\": \"" + "x".repeat(5000) + "\"}";

        JsonNode input = unchanged(() -> api.post("/executions/t1/input", huge)).problem(413, "body-too-large");
        assertThat(input.path("limit").asInt()).isEqualTo(4096);
        unchanged(() -> api.postText("/executions/t1/input", "y".repeat(4097))).problem(413, "body-too-large");
        unchanged(() -> api.post(
                        "/executions",
                        "{\"script\": \"ticket.bas\", \"variables\": {\"v\": \"" + "z".repeat(5000) + "\"}}"))
                .problem(413, "body-too-large");
        unchanged(() -> api.postText("/scripts/check", "TALK 1\n".repeat(1000))).problem(413, "body-too-large");
        assertThat(api.engine.inbox("t1")).isEmpty();
    }

    @Test
    void aBodyOfExactlyTheLimitIsAccepted() {
        api.engine.maxInputCharacters(10_000);
        TestServer.Reply reply = api.postText("/executions/t1/input", "a".repeat(4096));

        assertThat(reply.status()).isEqualTo(202);
        assertThat(api.engine.inbox("t1")).containsExactly("a".repeat(4096));
    }

    @Test
    void inputOverTheEnginesLimitIs413InputTooLarge() {
        api.engine.maxInputCharacters(10);

        JsonNode problem = unchanged(() -> api.postText("/executions/t1/input", "eleven chars"))
                .problem(413, "input-too-large");

        assertThat(problem.path("limit").asInt()).isEqualTo(10);
        assertThat(problem.path("detail").asText()).contains("exceeds the limit of 10 characters");
    }

    @Test
    void otherMediaTypesAre415() {
        JsonNode problem = unchanged(() -> api.send(api.request("/executions/t1/input")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("text=hi"))
                        .build()))
                .problem(415, "unsupported-media-type");

        assertThat(problem.path("detail").asText()).contains("application/json or text/plain");
        unchanged(() -> api.send(api.request("/executions")
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("ticket.bas"))
                        .build()))
                .problem(415, "unsupported-media-type");
    }

    @Test
    void aScriptWithCompileErrorsIs422WithDiagnostics() {
        JsonNode problem = unchanged(() -> api.post("/executions", "{\"script\": \"broken.bas\", \"id\": \"b1\"}"))
                .problem(422, "script-does-not-compile");

        assertThat(problem.path("script").asText()).isEqualTo("broken.bas");
        JsonNode diagnostic = problem.path("diagnostics").get(0);
        assertThat(diagnostic.path("file").asText()).isEqualTo("broken.bas");
        assertThat(diagnostic.path("line").asInt()).isEqualTo(3);
        assertThat(diagnostic.path("column").asInt()).isEqualTo(1);
        assertThat(diagnostic.path("severity").asText()).isEqualTo("error");
        assertThat(diagnostic.path("message").asText()).contains("unknown keyword 'FROBNICATE'");
        assertThat(diagnostic.path("sourceLine").asText()).isEqualTo("FROBNICATE 3");
        assertThat(diagnostic.path("text").asText())
                .isEqualTo("broken.bas:3:1: error: unknown keyword 'FROBNICATE'; no installed plugin provides it\n"
                        + "FROBNICATE 3\n^" + "~".repeat(9));
        assertThat(diagnostic.path("length").asInt()).isEqualTo(10);
        assertThat(api.engine.find("b1")).isEmpty();
    }

    @Test
    void aDirectScriptIs422AndSaysHowToMakeItAWorkflow() {
        JsonNode problem = unchanged(() -> api.post("/executions", "{\"script\": \"hello.bas\"}"))
                .problem(422, "not-a-workflow");

        assertThat(problem.path("detail").asText())
                .contains("hello.bas is not a #workflow script")
                .contains("add #workflow as its first line, or set basicflow.scripts.default-mode=durable");
    }

    @Test
    void compileErrorsTheEngineFindsAre422WithTheirDiagnosticsReadBack() throws Exception {
        // The library reads this as a workflow; the fake engine insists on a bare #workflow line.
        Files.writeString(scripts.resolve("picky.bas"), "#workflow ' with a comment\nTALK \"hi\"\n");

        JsonNode problem = unchanged(() -> api.post("/executions", "{\"script\": \"picky.bas\"}"))
                .problem(422, "script-does-not-compile");

        JsonNode diagnostic = problem.path("diagnostics").get(0);
        assertThat(diagnostic.path("file").asText()).isEqualTo("picky.bas");
        assertThat(diagnostic.path("line").asInt()).isEqualTo(1);
        assertThat(diagnostic.path("message").asText()).isEqualTo("not a #workflow script");
        assertThat(diagnostic.path("sourceLine").asText()).isEqualTo("#workflow ' with a comment");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            /executions?limit=0                       | limit
            /executions?limit=1001                    | limit
            /executions?limit=ten                     | limit
            /executions?status=SLEEPING               | status
            /executions?from=yesterday                | from
            /executions?from=2026-11-25T10:00:00Z&to=2026-11-25T09:00:00Z | to
            /executions/t1/messages?after=-1          | after
            /executions/t1/messages?wait=-1           | wait
            /executions/t1/messages?wait=soon         | wait
            /executions/t1/events?limit=5000          | limit
            """)
    void badQueryParametersAre400AndNameTheParameter(String path, String parameter) {
        JsonNode problem = unchanged(() -> api.get(path)).problem(400, "invalid-request");

        assertThat(problem.path("parameter").asText()).isEqualTo(parameter);
    }

    @Test
    void aBadLastEventIdIs400() {
        JsonNode problem = unchanged(() -> api.send(api.request("/executions/t1/messages")
                        .header("Accept", "text/event-stream")
                        .header("Last-Event-ID", "yesterday")
                        .build()))
                .problem(400, "invalid-request");

        assertThat(problem.path("parameter").asText()).isEqualTo("Last-Event-ID");
    }

    @Test
    void aBadAcknowledgementIs400() {
        unchanged(() -> api.post("/executions/t1/messages/ack", "{}")).problem(400, "invalid-request");
        unchanged(() -> api.post("/executions/t1/messages/ack", "{\"upto\": -1}"))
                .problem(400, "invalid-request");
        unchanged(() -> api.post("/executions/t1/messages/ack", "{\"upto\": \"3\"}"))
                .problem(400, "invalid-request");
    }

    @Test
    void unknownPathsAre404AndWrongMethods405AsProblems() {
        JsonNode notFound = api.get("/nothing/here").problem(404, "not-found");
        assertThat(notFound.path("detail").asText()).contains("/openapi.json");

        TestServer.Reply wrongMethod =
                api.send(api.request("/executions").DELETE().build());
        wrongMethod.problem(405, "method-not-allowed");
        assertThat(wrongMethod.header("Allow")).contains("GET, HEAD, POST");
    }

    @Test
    void anEngineFailureIs500WithAnErrorIdAndNoInternals() {
        api.engine.failNextCall(new IllegalStateException("connection pool exhausted at db-7"));

        JsonNode problem = api.get("/executions/t1").problem(500, "internal-error");

        assertThat(problem.path("errorId").asText()).hasSize(36);
        assertThat(problem.path("detail").asText())
                .contains(problem.path("errorId").asText())
                .doesNotContain("db-7");
    }
}
