package io.basicflow.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.basicflow.app.scripts.CompilerScriptChecker;
import io.basicflow.app.scripts.FolderScriptLibrary;
import io.basicflow.app.scripts.ScriptMode;
import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder of General Bots bots behind the HTTP API, on the real compiler: each script's real status,
 * starts by bot name, and {@code PARAM}s filled from a start's variables.
 */
class BotScriptsApiTest {

    @TempDir
    Path folder;

    TestServer api;

    @BeforeEach
    void start() throws IOException {
        write("shop.gbai/shop.gbdialog/start.bas", "TALK \"Welcome\"\nHEAR name\n");
        write("shop.gbai/shop.gbdialog/order.bas", """
                PARAM count AS INTEGER DESCRIPTION "how many boxes"
                PARAM email AS EMAIL DESCRIPTION "where the receipt goes"
                PARAM note AS STRING OPTIONAL
                RETURN count * 3
                """);
        write("shop.gbai/shop.gbdialog/stock.bas", "TALK \"checking\"\nFROBNICATE \"boxes\"\n");
        write("shop.gbai/shop.gbdialog/broken.bas", "TALK \"one\"\nIF x THEN\n");
        ScriptService compiler = new ScriptService(KeywordCatalogue.of(new CorePlugin()));
        api = TestServer.over(new FolderScriptLibrary(
                folder,
                new CompilerScriptChecker(compiler),
                FolderScriptLibrary.DEFAULT_MAX_SCRIPT_BYTES,
                ScriptMode.WORKFLOW));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private void write(String path, String source) throws IOException {
        Path file = folder.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
    }

    private JsonNode script(JsonNode listing, String name) {
        for (JsonNode script : listing.path("scripts")) {
            if (script.path("name").asText().equals(name)) {
                return script;
            }
        }
        throw new AssertionError("no script " + name + " in " + listing);
    }

    @Test
    void theListingReportsEachScriptsRealStatus() {
        JsonNode listing = api.get("/scripts").json();

        List<String> names = new ArrayList<>();
        listing.path("scripts").forEach(script -> names.add(script.path("name").asText()));
        assertThat(names).containsExactly("shop/broken.bas", "shop/order.bas", "shop/start.bas", "shop/stock.bas");

        JsonNode start = script(listing, "shop/start.bas");
        assertThat(start.path("mode").asText()).isEqualTo("workflow");
        assertThat(start.path("check").path("compiles").asBoolean()).isTrue();
        assertThat(start.path("check").path("diagnostics")).isEmpty();

        JsonNode broken = script(listing, "shop/broken.bas").path("check");
        assertThat(broken.path("compiles").asBoolean()).isFalse();
        assertThat(broken.path("diagnostics").get(0).path("text").asText()).startsWith("shop/broken.bas:2:");
        assertThat(broken.path("unknownKeywords")).isEmpty();

        JsonNode stock = script(listing, "shop/stock.bas").path("check");
        assertThat(stock.path("compiles").asBoolean()).isFalse();
        assertThat(stock.path("unknownKeywords")).hasSize(1);
        assertThat(stock.path("unknownKeywords").get(0).path("name").asText()).isEqualTo("FROBNICATE");
        assertThat(stock.path("unknownKeywords").get(0).path("at").asText()).isEqualTo("shop/stock.bas:2:1");
        assertThat(stock.path("unknownKeywords").get(0).path("module").isNull()).isTrue();
    }

    @Test
    void aBotIsStartedByItsNameAndRunsDurablyWithoutWorkflow() {
        TestServer.Reply reply = api.post("/executions", "{\"bot\": \"shop\", \"id\": \"chat-1\"}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.json().path("script").asText()).isEqualTo("shop/start.bas");
        assertThat(api.post("/executions", "{\"script\": \"shop\", \"id\": \"chat-2\"}")
                        .json()
                        .path("script")
                        .asText())
                .isEqualTo("shop/start.bas");
        // Starting the same id again by the bot's name, either way, is the same start.
        assertThat(api.post("/executions", "{\"script\": \"shop\", \"id\": \"chat-1\"}")
                        .status())
                .isEqualTo(200);
        assertThat(api.post("/executions", "{\"bot\": \"shop\", \"id\": \"chat-2\"}")
                        .status())
                .isEqualTo(200);
        TestServer.Reply both = api.post("/executions", "{\"bot\": \"shop\", \"script\": \"shop/start.bas\"}");
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().path("detail").asText()).contains("either 'script' or 'bot'");
    }

    @Test
    void aStartsVariablesFillTheScriptsParamsCheckedAndCoerced() {
        TestServer.Reply started = api.post(
                "/executions",
                "{\"script\": \"shop/order.bas\", \"id\": \"o-1\", \"variables\": {\"Count\": \"4\","
                        + " \"email\": \"Ana@Example.com\", \"channel\": \"web\"}}");

        assertThat(started.status()).as(started.body()).isEqualTo(201);
        assertThat(api.engine.variables("o-1"))
                .containsEntry("count", IntegerValue.of(4))
                .containsEntry("email", new TextValue("ana@example.com"))
                .containsEntry("note", NullValue.NULL)
                .containsEntry("channel", new TextValue("web"));
    }

    @Test
    void eachBadOrMissingParamIsNamedAndNothingStarts() {
        TestServer.Reply refused = api.post(
                "/executions",
                "{\"script\": \"shop/order.bas\", \"id\": \"o-2\", \"variables\": {\"count\": \"many\"}}");

        assertThat(refused.status()).isEqualTo(400);
        JsonNode problem = refused.json();
        assertThat(problem.path("type").asText()).isEqualTo("urn:basicflow:problem:invalid-request");
        List<String> pointers = new ArrayList<>();
        problem.path("problems").forEach(p -> pointers.add(p.path("pointer").asText()));
        assertThat(pointers).containsExactlyInAnyOrder("/variables/count", "/variables/email");
        assertThat(problem.path("detail").asText()).contains("many").contains("email");
        assertThat(api.engine.find("o-2")).isEmpty();
    }
}
