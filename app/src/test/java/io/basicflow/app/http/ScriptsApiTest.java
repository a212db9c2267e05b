package io.basicflow.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code /scripts} resources over real HTTP. */
class ScriptsApiTest {

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
    void listShowsEveryScriptWithSizeModifiedAndMode() throws Exception {
        JsonNode listing = api.get("/scripts").json();

        assertThat(listing.path("scripts")
                        .valueStream()
                        .map(script -> script.path("name").asText()))
                .containsExactly("broken.bas", "hello.bas", "support/refund.bas", "ticket.bas");
        JsonNode ticket = listing.path("scripts").get(3);
        assertThat(ticket.path("mode").asText()).isEqualTo("workflow");
        assertThat(ticket.path("size").asLong()).isEqualTo(Files.size(scripts.resolve("ticket.bas")));
        assertThat(ticket.path("modified").asText())
                .isEqualTo(Files.getLastModifiedTime(scripts.resolve("ticket.bas"))
                        .toInstant()
                        .toString());
        assertThat(ticket.path("links").path("self").asText()).isEqualTo("/scripts/ticket.bas");
        assertThat(listing.path("scripts").get(1).path("mode").asText()).isEqualTo("direct");
        assertThat(listing.path("problems")).isEmpty();
    }

    @Test
    void getShowsTheSourceAndItsCheck() {
        JsonNode ticket = api.get("/scripts/ticket.bas").json();
        assertThat(ticket.path("source").asText()).isEqualTo(TestServer.TICKET);
        assertThat(ticket.path("check").path("compiles").asBoolean()).isTrue();
        assertThat(ticket.path("check").path("mode").asText()).isEqualTo("workflow");
        assertThat(ticket.path("check").path("diagnostics")).isEmpty();

        JsonNode broken = api.get("/scripts/broken.bas").json();
        assertThat(broken.path("check").path("compiles").asBoolean()).isFalse();
        assertThat(broken.path("check").path("diagnostics").get(0).path("line").asInt())
                .isEqualTo(3);
    }

    @Test
    void getFindsScriptsInSubfoldersAndWithoutTheExtension() {
        assertThat(api.get("/scripts/support/refund.bas").json().path("name").asText())
                .isEqualTo("support/refund.bas");
        assertThat(api.get("/scripts/ticket").json().path("name").asText()).isEqualTo("ticket.bas");
    }

    @Test
    void getOfAnUnknownOrRefusedNameIsAProblem() {
        api.get("/scripts/nothing.bas").problem(404, "script-not-found");
        api.get("/scripts/support/..%2F..%2Fetc%2Fpasswd").problem(400, "invalid-script-name");
        api.get("/scripts/.hidden.bas").problem(400, "invalid-script-name");
    }

    @Test
    void checkTakesPlainTextOrJsonAndAnswersDiagnosticsWithoutRunningAnything() {
        JsonNode plain = api.postText("/scripts/check?name=draft.bas", "#workflow\nTALK \"hi\"\nSHOUT \"x\"\n")
                .json();
        assertThat(plain.path("name").asText()).isEqualTo("draft.bas");
        assertThat(plain.path("compiles").asBoolean()).isFalse();
        assertThat(plain.path("mode").asText()).isEqualTo("workflow");
        JsonNode diagnostic = plain.path("diagnostics").get(0);
        assertThat(diagnostic.path("file").asText()).isEqualTo("draft.bas");
        assertThat(diagnostic.path("line").asInt()).isEqualTo(3);
        assertThat(diagnostic.path("column").asInt()).isEqualTo(1);
        assertThat(diagnostic.path("sourceLine").asText()).isEqualTo("SHOUT \"x\"");

        JsonNode json = api.post("/scripts/check", "{\"source\": \"TALK \\\"hi\\\"\\n\"}")
                .json();
        assertThat(json.path("name").asText()).isEqualTo(ScriptEndpoints.POSTED_NAME);
        assertThat(json.path("compiles").asBoolean()).isTrue();
        assertThat(json.path("mode").asText()).isEqualTo("direct");
        assertThat(api.engine.executionCount()).isZero();
    }

    @Test
    void checkRefusesABodyWithoutSource() {
        api.post("/scripts/check", "{\"name\": \"x.bas\"}").problem(400, "invalid-request");
        api.post("/scripts/check", "not json").problem(400, "invalid-json");
    }

    @Test
    void aMissingScriptsFolderIs503AndSaysWhatToDo() throws Exception {
        try (TestServer broken = TestServer.startOver(scripts.resolve("not-there"))) {
            JsonNode problem = broken.get("/scripts").problem(503, "scripts-unavailable");
            assertThat(problem.path("detail").asText()).contains("does not exist");
        }
    }
}
