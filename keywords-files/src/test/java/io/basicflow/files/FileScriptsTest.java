package io.basicflow.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.spi.value.Value;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.DirectRun;
import io.basicflow.testkit.EffectCall;
import io.basicflow.testkit.ScriptRun;
import io.basicflow.testkit.StepMatcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file keywords in scripts: in memory (direct) and on the durable engine with a real PostgreSQL. */
class FileScriptsTest {

    /** The golden script: every file keyword, in both of its written forms where it has two. */
    static final String SCRIPT = """
            WRITE "notes/hello.txt", "Hello " + name
            WRITE { total: 3 } TO "data/order.json"
            text = READ "notes/hello.txt"
            TALK text
            order = READ "data/order.json"
            TALK order
            COPY "notes/hello.txt" TO "archive/copy.txt"
            moved = MOVE "archive/copy.txt", "archive/moved.txt"
            TALK "moved to " + moved
            archived = LIST "archive/"
            FOR EACH entry IN archived
                TALK entry.name + " " + entry.size + " bytes"
            NEXT
            pdfs = LIST "notes/" FILTER "*.pdf"
            TALK "pdfs: " + LEN(pdfs)
            gone = DELETE_FILE "notes/hello.txt"
            again = DELETE FILE "notes/hello.txt"
            TALK "deleted: " + gone + ", then: " + again
            RETURN READ "archive/moved.txt"
            """;

    static final List<String> MESSAGES = List.of(
            "Hello Ana",
            "{\"total\":3}",
            "moved to archive/moved.txt",
            "moved.txt 9 bytes",
            "pdfs: 0",
            "deleted: true, then: false");

    @TempDir
    Path root;

    @Test
    void theDurableRunSaysAndLeavesWhatTheDirectRunDoes() throws Exception {
        Path directRoot = Files.createDirectories(root.resolve("direct"));
        DirectRun direct = DirectRun.of(
                List.of(new FilesPlugin()),
                Map.of("basicflow.files.root", directRoot.toString()),
                "shop/start.bas",
                SCRIPT,
                Map.of("name", Value.text("Ana")));
        assertThat(direct.outcome()).isEqualTo(new DirectOutcome.Completed(Optional.of(Value.text("Hello Ana"))));
        assertThat(direct.messages()).containsExactlyElementsOf(MESSAGES);

        Path durableRoot = Files.createDirectories(root.resolve("durable"));
        try (BasicflowTestKit kit = StorageTree.kit(durableRoot)) {
            ScriptRun run = kit.run("shop/start.bas", "#workflow\n" + SCRIPT, Map.of("name", "Ana"));

            assertThat(run.awaitResult()).isEqualTo(Value.text("Hello Ana"));
            assertThat(run.messages()).containsExactlyElementsOf(MESSAGES);
            // every file keyword is a recorded effect step: READ's content is in its completion event
            assertThat(run.events("EffectCompleted"))
                    .anySatisfy(event -> assertThat(event.payloadJson()).contains("Hello Ana"));
        }
        assertThat(StorageTree.files(durableRoot.resolve("shop.gbai/shop.gbdrive")))
                .isEqualTo(StorageTree.files(directRoot.resolve("shop.gbai/shop.gbdrive")))
                .containsExactly("archive/moved.txt", "data/order.json");
    }

    @Test
    void aWriteWhoseCompletionWasLostIsWrittenAgainOnceWithItsKey() throws Exception {
        String source = "#workflow\nWRITE \"log/day.txt\", \"line for \" + name\nRETURN READ \"log/day.txt\"\n";
        try (BasicflowTestKit kit = StorageTree.kit(root).crashAt(StepMatcher.effectStarted("WRITE"))) {
            ScriptRun run = kit.run("shop/log.bas", source, Map.of("name", "Ana"));

            assertThat(run.awaitResult()).isEqualTo(Value.text("line for Ana"));
            assertThat(kit.crashes()).isEqualTo(1);
            List<EffectCall> writes = kit.effectCalls("WRITE");
            assertThat(writes).hasSize(2);
            assertThat(writes)
                    .extracting(EffectCall::idempotencyKey)
                    .containsOnly(writes.getFirst().idempotencyKey());
        }
        Path folder = root.resolve("shop.gbai/shop.gbdrive/log");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("day.txt");
        }
        assertThat(folder.resolve("day.txt")).hasContent("line for Ana");
    }

    @Test
    void aPathThatLeavesTheStorageFailsItsExecutionWithTheReason() {
        try (BasicflowTestKit kit = StorageTree.kit(root)) {
            ScriptRun run = kit.run("shop/bad.bas", "#workflow\nx = READ \"../../etc/passwd\"\n");

            run.awaitStatus(ExecutionStatus.FAILED);

            assertThat(run.error().orElseThrow().toString())
                    .contains("PATH_TRAVERSAL")
                    .contains("../../etc/passwd");
            assertThat(kit.effectCalls("READ")).hasSize(1); // refused for good: not retried
        }
    }
}
