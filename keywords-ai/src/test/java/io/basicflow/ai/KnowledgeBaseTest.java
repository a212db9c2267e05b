package io.basicflow.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.ScriptRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code USE KB} on the real all-MiniLM-L6-v2 model, in process: the right passage for paraphrased questions. */
class KnowledgeBaseTest {

    @TempDir
    Path kbFolder;

    private static String best(KnowledgeBases knowledge, Path folder, String question) throws Exception {
        return knowledge.search(List.of(folder), question, 1).getFirst();
    }

    @Test
    void findsThePassageThatAnswersAParaphrasedQuestion() throws Exception {
        Path folder = Library.write(kbFolder);
        KnowledgeBases knowledge = new KnowledgeBases(configuration -> new MemoryKbStore());

        assertThat(best(knowledge, folder, "Can I come by on a weekend morning?"))
                .contains(Library.HOURS);
        assertThat(best(knowledge, folder, "What do I pay if I bring a novel back two weeks late?"))
                .contains(Library.FINES);
        assertThat(best(knowledge, folder, "How do I become a member?")).contains(Library.CARD);
        assertThat(best(knowledge, folder, "Is there wifi and what is the code to log in?"))
                .contains(Library.WIFI);
        assertThat(best(knowledge, folder, "How much for a copy of a document in colour?"))
                .contains(Library.PRINT);
    }

    @Test
    void htmlIsReadWithoutItsTagsAndOtherFilesAreLeftOut() throws Exception {
        Path folder = Library.write(kbFolder);
        KnowledgeBases knowledge = new KnowledgeBases(configuration -> new MemoryKbStore());

        KnowledgeBases.Indexing indexing = knowledge.index(folder);

        assertThat(indexing.indexed()).isEqualTo(5);
        String card = best(knowledge, folder, "library card");
        assertThat(card).contains("Library card").contains(Library.CARD).doesNotContain("<p>", "color:red");
    }

    @Test
    void indexesAgainOnlyWhatChanged() throws Exception {
        Path folder = Library.write(kbFolder);
        KnowledgeBases knowledge = new KnowledgeBases(configuration -> new MemoryKbStore());

        assertThat(knowledge.index(folder)).isEqualTo(new KnowledgeBases.Indexing(5, 0, 0, 5));
        assertThat(knowledge.index(folder)).isEqualTo(new KnowledgeBases.Indexing(0, 0, 5, 0));

        Files.writeString(folder.resolve("fines.txt"), "There are no late fees any more: return books when you can.");
        Files.delete(folder.resolve("services/wifi.md"));
        assertThat(knowledge.index(folder)).isEqualTo(new KnowledgeBases.Indexing(1, 1, 3, 1));

        assertThat(best(knowledge, folder, "What do I pay if I bring a novel back late?"))
                .contains("no late fees any more");
        assertThat(knowledge.search(List.of(folder), "wifi password", 5))
                .noneMatch(text -> text.contains("Library-Guest"));
    }

    @Test
    void longDocumentsAreCutIntoPassagesOfWholeSentences() {
        String sentence = "This sentence is about the reading room and its quiet rules. ";
        List<String> chunks = KbDocuments.chunks("Intro.\n\n" + sentence.repeat(30));

        assertThat(chunks).hasSizeGreaterThan(2);
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.length()).isLessThanOrEqualTo(KbDocuments.CHUNK_CHARS));
        assertThat(chunks.subList(1, chunks.size()))
                .allSatisfy(chunk -> assertThat(chunk).endsWith("rules."));
    }

    @Test
    void llmPromptsGetTheBestPassagesWhileTheKnowledgeBaseIsInUse() {
        Library.write(kbFolder);
        String script = """
                USE KB "library"
                a = LLM "Until when can I visit on Saturday?"
                CLEAR KB
                b = LLM "Until when can I visit on Saturday?"
                TALK a
                TALK b
                """;
        try (FakeModelServer server = FakeModelServer.start()) {
            server.answer("Until 4 pm.").answer("I do not know.");

            List<String> said = Scripts.direct(
                    script, Scripts.settings(server, "kb-folder", kbFolder.toString(), "kb-chunks", "2"));

            assertThat(said).containsExactly("Until 4 pm.", "I do not know.", "completed");
            List<String> first = FakeModelServer.messages(server.requests().get(0));
            assertThat(first).hasSize(2);
            assertThat(first.getFirst())
                    .startsWith("system: Use these passages")
                    .contains(Library.HOURS);
            assertThat(first.getFirst().split("\n---\n")).hasSize(3);
            assertThat(FakeModelServer.messages(server.requests().get(1)))
                    .containsExactly("user: Until when can I visit on Saturday?");
        }
    }

    @Test
    void aDurableRunKeepsItsKnowledgeBasesAndSystemPromptAcrossAWait() {
        Library.write(kbFolder);
        String script = """
                #workflow
                BEGIN SYSTEM PROMPT
                You answer questions about the town library.
                END SYSTEM PROMPT
                USE KB "library.gbkb"
                HEAR question
                answer = LLM question
                TALK answer
                """;
        try (FakeModelServer server = FakeModelServer.start();
                BasicflowTestKit kit = Scripts.kit(Scripts.settings(server, "kb-folder", kbFolder.toString()))) {
            server.answer("It is free.");

            ScriptRun run = kit.run(script).awaitStatus(ExecutionStatus.WAITING_INPUT);
            run.input("Does it cost anything to get a card?").awaitStatus(ExecutionStatus.COMPLETED);

            assertThat(run.messages()).containsExactly("It is free.");
            String system =
                    FakeModelServer.messages(server.requests().getFirst()).getFirst();
            assertThat(system)
                    .startsWith("system: You answer questions about the town library.")
                    .contains(Library.CARD);
        }
    }

    @Test
    void aMissingKnowledgeBaseFailsTheStepNamingTheFolder() {
        try (FakeModelServer server = FakeModelServer.start()) {
            List<String> said = Scripts.direct(
                    "USE KB \"recipes\"\nTALK \"never\"\n", Scripts.settings(server, "kb-folder", kbFolder.toString()));

            assertThat(said).hasSize(1);
            assertThat(said.getFirst()).startsWith("failed: ").contains("recipes", kbFolder.toString());
        }
    }
}
