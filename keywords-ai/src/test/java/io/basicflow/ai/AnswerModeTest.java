package io.basicflow.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.CompilationResult;
import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.data.DataPlugin;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code SET ANSWER MODE} and {@code ANSWER} in the default and document modes, {@code REFRESH} of a
 * knowledge base and of the bot's tables, {@code ADD_KB}, and the corpus's spellings of them.
 */
@ExtendWith(PostgresExtension.class)
class AnswerModeTest {

    @TempDir
    Path kbFolder;

    @Test
    void inDefaultModeAnswerIsAnLlmCall() {
        try (FakeModelServer server = FakeModelServer.start()) {
            server.answer("Hello!").answer("Hello!");

            List<String> said = Scripts.direct("""
                    BEGIN SYSTEM PROMPT
                    Be kind.
                    END SYSTEM PROMPT
                    a = ANSWER "Hi"
                    SET ANSWER MODE "default"
                    b = LLM "Hi"
                    TALK a + " " + b
                    """, Scripts.settings(server));

            assertThat(said).containsExactly("Hello! Hello!", "completed");
            assertThat(FakeModelServer.messages(server.requests().get(0)))
                    .containsExactly("system: Be kind.", "user: Hi")
                    .isEqualTo(FakeModelServer.messages(server.requests().get(1)));
        }
    }

    @Test
    void inDocumentModeTheModelAnswersOnlyFromTheContextAndSaysWhenItIsNotThere(TestDatabase database) {
        try (FakeModelServer server = FakeModelServer.start()) {
            server.answer("24 months.").answer("NOT_IN_DOCUMENT");

            List<String> said = AnswerRuns.direct(database, Scripts.settings(server), "law/case.bas", """
                    SET CONTEXT "Based on this document, answer the person's questions: The warranty lasts 24 months."
                    SET ANSWER MODE "document"
                    a = ANSWER "How long is the warranty?"
                    b = ANSWER "What colour is the box?"
                    TALK a
                    TALK b
                    """);

            assertThat(said).containsExactly("24 months.", "The document does not answer that question.", "completed");
            assertThat(FakeModelServer.messages(server.requests().get(0)))
                    .containsExactly(
                            "system: " + AnswerHandler.DOCUMENT_INSTRUCTIONS + "\n\nDocument:\nBased on this document,"
                                    + " answer the person's questions: The warranty lasts 24 months.",
                            "user: How long is the warranty?");
        }
    }

    @Test
    void documentModeWithoutAContextAndAnUnknownModeFailWithAClearError() {
        try (FakeModelServer server = FakeModelServer.start()) {
            assertThat(Scripts.direct("SET ANSWER MODE \"document\"\nx = ANSWER \"Why?\"\n", Scripts.settings(server)))
                    .singleElement()
                    .asString()
                    .contains("ANSWER in document mode answers from the conversation's context, and none is set");
            assertThat(Scripts.direct("SET ANSWER MODE \"chart\"\n", Scripts.settings(server)))
                    .singleElement()
                    .asString()
                    .contains("there is no answer mode 'chart'; the modes are \"default\", \"document\", \"sql\"");
            assertThat(server.requests()).isEmpty();
        }
    }

    @Test
    void refreshReindexesAChangedKnowledgeBaseInUse() throws IOException {
        Path folder = Library.write(kbFolder);
        String script = """
                USE KB "library"
                HEAR go
                %s
                x = LLM "How much is a late book per day?"
                TALK x
                """;
        for (boolean refresh : List.of(false, true)) {
            try (FakeModelServer server = FakeModelServer.start()) {
                server.answer("ok");
                Library.write(kbFolder);
                AtomicInteger heard = new AtomicInteger();
                List<String> said = AnswerRuns.direct(
                        null,
                        new AiPlugin(),
                        Scripts.settings(server, "kb-folder", kbFolder.toString(), "kb-chunks", "2"),
                        "library/ask.bas",
                        script.formatted(refresh ? "REFRESH \"library\"" : "REM no refresh"),
                        () -> {
                            // the document changes while the knowledge base is in use
                            write(folder.resolve("fines.txt"), "Late books cost nothing any more: no late fees.");
                            return heard.getAndIncrement() == 0 ? Optional.of("go") : Optional.empty();
                        });

                assertThat(said).containsExactly("ok", "completed");
                assertThat(FakeModelServer.messages(server.requests().getFirst())
                                .getFirst())
                        .as("refresh: " + refresh)
                        .contains(refresh ? "no late fees" : "25 cents per day")
                        .doesNotContain(refresh ? "25 cents per day" : "no late fees");
            }
        }
    }

    @Test
    void refreshOfTheBotsDataReadsItsTablesAgainAndAnUnknownNameIsAnError(TestDatabase database) {
        AnswerRuns.sql(
                database,
                "create schema bot_store",
                "create table bot_store.products (id serial primary key, name text)",
                "insert into bot_store.products (name) values ('pen')");
        String plan = "{\"table\": \"products\", \"columns\": [\"name\"]}";
        try (FakeModelServer server = FakeModelServer.start()) {
            server.answer(plan).answer(plan).answer(plan);
            AtomicInteger heard = new AtomicInteger();

            List<String> said = AnswerRuns.direct(
                    database, AnswerRuns.plugin(database), Scripts.settings(server), "store/data.bas", """
                    SET ANSWER MODE "sql"
                    a = ANSWER "Products?"
                    HEAR go
                    b = ANSWER "Products?"
                    REFRESH "data-analysis"
                    c = ANSWER "Products?"
                    REFRESH "products"
                    TALK a[0].name + b[0].name + c[0].name
                    REFRESH "nothing-of-that-name"
                    """, () -> {
                        if (heard.getAndIncrement() > 0) {
                            return Optional.empty();
                        }
                        AnswerRuns.sql(database, "create table bot_store.suppliers (id serial primary key, city text)");
                        return Optional.of("go");
                    });

            assertThat(said).hasSize(2);
            assertThat(said.getFirst()).isEqualTo("penpenpen");
            assertThat(said.get(1))
                    .startsWith("failed: store/data.bas:9:1: REFRESH failed: REFRESH \"nothing-of-that-name\": there is"
                            + " no knowledge base folder of that name (basicflow.ai.kb-folder is not set) and bot"
                            + " store has no table of that name");
            // the tables as read once, kept, then read again after REFRESH
            assertThat(FakeModelServer.messages(server.requests().get(1)).getFirst())
                    .doesNotContain("suppliers");
            assertThat(FakeModelServer.messages(server.requests().get(2)).getFirst())
                    .contains("- suppliers: id int4, city text");
        }
    }

    @Test
    void addKbIsUseKb() {
        Library.write(kbFolder);
        try (FakeModelServer server = FakeModelServer.start()) {
            server.answer("a").answer("b");
            Map<String, String> settings = Scripts.settings(server, "kb-folder", kbFolder.toString());

            Scripts.direct("kbname = \"library\"\nADD_KB kbname\nx = LLM \"Saturday hours?\"\n", settings);
            Scripts.direct("USE KB \"library\"\nx = LLM \"Saturday hours?\"\n", settings);

            assertThat(FakeModelServer.messages(server.requests().get(0)).getFirst())
                    .contains(Library.HOURS);
            assertThat(FakeModelServer.messages(server.requests().get(0)))
                    .isEqualTo(FakeModelServer.messages(server.requests().get(1)));
        }
    }

    @Test
    void theCorpusSpellingsCompile() {
        ScriptService compiler =
                new ScriptService(KeywordCatalogue.of(new CorePlugin(), new AiPlugin(), new DataPlugin()));
        for (String source : List.of(
                "SET ANSWER MODE \"sql\"\n",
                "REFRESH \"llm\"\nlist = ANSWER \"A list of latest 10 orders made.\"\nTALK \"The Report is: \\n\" + list\n",
                "REFRESH \"data-analysis\"\n",
                "text = \"x\"\nSET CONTEXT \"Based on this document:\\n\\n\" + text\nSET ANSWER MODE \"document\"\n",
                "kbname = LLM \"Return single word\"\nADD_KB kbname\n",
                "q = \"why\"\nx = ANSWER(q)\n",
                "answer = 1 + 2\nTALK answer\n",
                "USE WEBSITE \"https://example.com\" REFRESH \"1d\"\n")) {
            CompilationResult result = compiler.check("bot.bas", source);
            assertThat(result.succeeded()).as(source + "\n" + result.format()).isTrue();
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
