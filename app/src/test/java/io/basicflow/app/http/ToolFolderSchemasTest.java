package io.basicflow.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.basicflow.app.tools.ToolFolderChildScripts;
import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.tools.ToolCompiler;
import io.basicflow.tools.ToolFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real tools folder behind {@code GET /executions/{id}/tools}. */
class ToolFolderSchemasTest {

    @TempDir
    Path tools;

    @Test
    void describesActiveToolsAsMcpEntriesInOrderAndReportsTheOnesThatCannotBe() throws IOException {
        Files.writeString(tools.resolve("open-ticket.bas"), """
                DESCRIPTION "Opens a support ticket"
                PARAM title AS STRING LIKE "Printer jammed" DESCRIPTION "What is wrong"
                PARAM days AS INTEGER OPTIONAL
                TALK "Opening " + title
                """);
        Files.writeString(tools.resolve("lookup.bas"), "PARAM city AS STRING\nTALK city\n");
        ScriptService compiler = new ScriptService(KeywordCatalogue.of(new CorePlugin()));
        ToolSchemas schemas = new ToolFolderSchemas(new ToolFolder(
                tools, (name, source) -> compiler.compile(name, source).program()));

        ToolSchemas.Descriptions descriptions = schemas.describe(List.of("open-ticket", "vanished", "lookup"));

        assertThat(descriptions.tools())
                .extracting(tool -> tool.path("name").asText())
                .containsExactly("open-ticket", "lookup");
        JsonNode ticket = descriptions.tools().getFirst();
        assertThat(ticket.path("description").asText()).isEqualTo("Opens a support ticket");
        assertThat(ticket.path("inputSchema")
                        .path("properties")
                        .path("title")
                        .path("type")
                        .asText())
                .isEqualTo("string");
        assertThat(ticket.path("inputSchema").path("required").toString()).isEqualTo("[\"title\"]");
        assertThat(descriptions.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.tool()).isEqualTo("vanished");
            assertThat(problem.message()).contains("not found");
        });
    }

    @Test
    void aBotsExecutionFindsItsOwnToolsBesideItsScriptFirst() throws IOException {
        Path bot = Files.createDirectories(tools.resolve("bots/shop.gbai/shop.gbdialog"));
        Files.writeString(bot.resolve("price.bas"), "DESCRIPTION \"The shop's prices\"\nPARAM count AS INTEGER\n");
        Files.writeString(tools.resolve("price.bas"), "DESCRIPTION \"Prices of the tools folder\"\n");
        Files.writeString(tools.resolve("lookup.bas"), "DESCRIPTION \"Looks up\"\n");
        ScriptService compiler = new ScriptService(KeywordCatalogue.of(new CorePlugin()));
        ToolCompiler toolCompiler =
                (name, source) -> compiler.compile(name, source).program();
        ToolFolder shared = new ToolFolder(tools, toolCompiler);
        ToolSchemas schemas = new ToolFolderSchemas(
                shared,
                script -> script.startsWith("shop/")
                        ? Optional.of(new ToolFolderChildScripts.BotTools(new ToolFolder(bot, toolCompiler), "shop/"))
                        : Optional.empty());

        ToolSchemas.Descriptions forBot = schemas.describe("shop/start.bas", List.of("price", "lookup"));
        ToolSchemas.Descriptions forOther = schemas.describe("ticket.bas", List.of("price"));

        assertThat(forBot.tools())
                .extracting(tool -> tool.path("description").asText())
                .containsExactly("The shop's prices", "Looks up");
        assertThat(forBot.problems()).isEmpty();
        assertThat(forOther.tools())
                .extracting(tool -> tool.path("description").asText())
                .containsExactly("Prices of the tools folder");
    }
}
