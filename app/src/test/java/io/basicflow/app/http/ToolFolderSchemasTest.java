package io.basicflow.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.tools.ToolFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
}
