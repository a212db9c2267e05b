package io.basicflow.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests a hostile or broken client sends: every one is answered with a 4xx {@code
 * application/problem+json}, never a 500 and never Jetty's HTML page, and changes nothing.
 */
class MalformedRequestsTest {

    @TempDir
    Path scripts;

    TestServer api;

    @BeforeEach
    void start() {
        api = TestServer.start(scripts);
        api.startTicket("t1");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static JsonNode problem(RawHttp.Answer answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).as(answer.body()).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("type").asText()).startsWith("urn:basicflow:problem:");
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
        return problem;
    }

    private RawHttp.Answer unchanged(java.util.function.Supplier<RawHttp.Answer> request) {
        String before = api.engine.snapshot();
        RawHttp.Answer answer = request.get();
        assertThat(api.engine.snapshot())
                .as("engine state after %s", answer.body())
                .isEqualTo(before);
        return answer;
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "x", "%FF", "bm90LWEtY3Vyc29y", "LTk5OTk5OTk5OTk5OTk5OTk5OTk6eA"})
    void aCursorThatIsNoneIs400(String cursor) {
        JsonNode problem = problem(unchanged(() -> RawHttp.get(api.server.port(), "/executions?after=" + cursor)), 400);

        assertThat(problem.path("type").asText()).isEqualTo("urn:basicflow:problem:invalid-request");
        assertThat(problem.path("parameter").asText()).isEqualTo("after");
        assertThat(problem.path("detail").asText()).contains("not a cursor");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "from=%2B999999999-12-31T23:59:59Z",
                "to=-999999999-01-01T00:00:00Z",
                "from=-0001-01-01T00:00:00Z",
                "to=%2B10000-01-01T00:00:00Z"
            })
    void aTimeNoDatabaseHoldsIs400(String query) {
        JsonNode problem = problem(unchanged(() -> RawHttp.get(api.server.port(), "/executions?" + query)), 400);

        assertThat(problem.path("detail").asText()).contains("must be a time between");
    }

    @Test
    void aBodyOfInvalidBytesIsInvalidJson() {
        byte[] body = {0, 0, 0, '{', 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        JsonNode problem = problem(
                unchanged(() -> RawHttp.send(
                        api.server.port(), "POST", "/executions", "Content-Type: application/json\r\n", body)),
                400);

        assertThat(problem.path("type").asText()).isEqualTo("urn:basicflow:problem:invalid-json");
    }

    @Test
    void invalidBytesAsInputAreInvalidJsonToo() {
        byte[] body = {(byte) 0xfe, (byte) 0xff, 0, '{', (byte) 0xd8, 0};
        problem(
                unchanged(() -> RawHttp.send(
                        api.server.port(), "POST", "/executions/t1/input", "Content-Type: application/json\r\n", body)),
                400);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/executions/%FF",
                "/executions/a%00b",
                "/scripts/../../etc/passwd",
                "/scripts/%2e%2e/%2e%2e/etc/passwd",
                "/executions/%",
                "/executions/%zz"
            })
    void jettysOwnRefusalsOfAPathAreProblems(String path) {
        problem(unchanged(() -> RawHttp.get(api.server.port(), path)), 400);
    }

    @Test
    void aControlCharacterInAHeaderIsAProblem() {
        problem(
                unchanged(() -> RawHttp.send(
                        api.server.port(), "GET", "/executions", "Authorization: Bearer a\u0001b\r\n", new byte[0])),
                400);
    }

    @Test
    void aPathOfTwentyThousandCharactersIs414Problem() {
        String path = "/executions/" + "a".repeat(20_000);
        JsonNode problem = problem(unchanged(() -> RawHttp.get(api.server.port(), path)), 414);

        assertThat(problem.path("type").asText()).isEqualTo("urn:basicflow:problem:uri-too-long");
    }

    @Test
    void headersTooLargeAre431Problem() {
        String header = "X-Filler: " + "b".repeat(20_000) + "\r\n";
        problem(unchanged(() -> RawHttp.send(api.server.port(), "GET", "/executions", header, new byte[0])), 431);
    }

    @Test
    void aStartVariableOfABillionDigitsIs400AndCreatesNothing() {
        TestServer.Reply reply = api.post(
                "/executions", "{\"script\": \"ticket.bas\", \"id\": \"big\", \"variables\": {\"a\": 1e999999999}}");

        JsonNode problem = reply.problem(400, "invalid-request");
        assertThat(problem.path("pointer").asText()).isEqualTo("/variables/a");
        assertThat(problem.path("detail").asText()).contains("more than 1000 digits");
        assertThat(api.get("/executions/big").status()).isEqualTo(404);
    }

    @Test
    void aStartVariableNested300DeepIs400() {
        String deep = "[".repeat(300) + "1" + "]".repeat(300);
        String before = api.engine.snapshot();

        JsonNode problem = api.post("/executions", "{\"script\": \"ticket.bas\", \"variables\": {\"d\": " + deep + "}}")
                .problem(400, "invalid-request");

        assertThat(problem.path("detail").asText()).contains("deeper than the limit of 256 levels");
        assertThat(api.engine.snapshot()).isEqualTo(before);
    }
}
