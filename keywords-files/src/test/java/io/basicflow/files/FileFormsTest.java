package io.basicflow.files;

import static org.assertj.core.api.Assertions.assertThat;

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

/** READ … AS TABLE|LINES, WRITE … AS TABLE|LINES, WRITE … APPEND and LIST … RECURSIVE, in both modes. */
class FileFormsTest {

    static final String SCRIPT = """
            products = [{ name: "Tea", price: "2.50" }, { name: "Cake, lemon", price: "4" }]
            WRITE products TO "shop/products.csv" AS TABLE
            rows = READ "shop/products.csv" AS TABLE
            FOR EACH product IN rows
                TALK product.name + ": $" + product.price
            NEXT
            questions = ["first", "second"]
            WRITE questions TO "faq.txt" AS LINES
            WRITE "third" TO "faq.txt" APPEND
            WRITE "log/events.log", "started;" APPEND
            faq = READ "faq.txt" AS LINES
            TALK "faq lines: " + LEN(faq)
            FOR EACH line IN faq
                TALK "- " + line
            NEXT
            everything = LIST RECURSIVE
            FOR EACH entry IN everything
                TALK entry.path + IIF(entry.is_folder, "/", "")
            NEXT
            csvs = LIST "" FILTER "*.csv" RECURSIVE
            top = LIST ""
            folder = "shop"
            old_style = DIR folder
            TALK "DIR " + folder + ": " + old_style[0].name + " " + old_style[0].size + " bytes"
            RETURN LEN(csvs) + " csv of " + LEN(top) + " at the top"
            """;

    static final List<String> MESSAGES = List.of(
            "Tea: $2.50",
            "Cake, lemon: $4",
            "faq lines: 3",
            "- first",
            "- second",
            "- third",
            "faq.txt",
            "log/",
            "log/events.log",
            "shop/",
            "shop/products.csv",
            "DIR shop: products.csv 39 bytes");

    @TempDir
    Path root;

    @Test
    void theFormsSayTheSameInBothModes() throws Exception {
        Path directRoot = Files.createDirectories(root.resolve("direct"));
        DirectRun direct = DirectRun.of(
                List.of(new FilesPlugin()),
                Map.of("basicflow.files.root", directRoot.toString()),
                "shop/forms.bas",
                SCRIPT,
                Map.of());
        assertThat(direct.outcome())
                .isEqualTo(new DirectOutcome.Completed(Optional.of(Value.text("1 csv of 3 at the top"))));
        assertThat(direct.messages()).containsExactlyElementsOf(MESSAGES);
        Path drive = directRoot.resolve("shop.gbai/shop.gbdrive");
        assertThat(drive.resolve("shop/products.csv")).hasContent("name,price\r\nTea,2.50\r\n\"Cake, lemon\",4\r\n");
        assertThat(drive.resolve("faq.txt")).hasContent("first\nsecond\nthird");

        Path durableRoot = Files.createDirectories(root.resolve("durable"));
        try (BasicflowTestKit kit = kit(durableRoot)) {
            ScriptRun run = kit.run("shop/forms.bas", "#workflow\n" + SCRIPT, Map.of());

            assertThat(run.awaitResult()).isEqualTo(Value.text("1 csv of 3 at the top"));
            assertThat(run.messages()).containsExactlyElementsOf(MESSAGES);
        }
        assertThat(tree(durableRoot.resolve("shop.gbai/shop.gbdrive"))).isEqualTo(tree(drive));
    }

    @Test
    void parseCsvReadsATextAsReadReadsACsvFile() {
        DirectRun direct = DirectRun.of(
                List.of(new FilesPlugin()),
                Map.of("basicflow.files.root", root.toString()),
                "shop/csv.bas",
                """
                content = "name,value" + CHR(10) + "default,true" + CHR(13) + CHR(10) + CHR(34) + "a, b" + CHR(34) + ",2"
                data = PARSE_CSV(content)
                TALK "Loaded " + LEN(data) + " entries: " + data[0].name + "=" + data[0].value + ", " + data[1].name
                TALK LEN(PARSE_CSV(NULL))
                broken = PARSE_CSV("a,a" + CHR(10) + "1,2")
                """,
                Map.of());
        assertThat(direct.messages()).containsExactly("Loaded 2 entries: default=true, a, b", "0");
        assertThat(direct.outcome()).isInstanceOf(DirectOutcome.Failed.class);
        assertThat(direct.outcome().toString()).contains("PARSE_CSV").contains("the column 'a' twice");
    }

    @Test
    void anAppendWhoseCompletionWasLostIsNotAddedTwice() throws Exception {
        String source = """
                #workflow
                WRITE "log/day.txt", "opened;"
                WRITE "entry for " + name + ";" TO "log/day.txt" APPEND
                WRITE "closed" TO "log/day.txt" APPEND
                RETURN READ "log/day.txt"
                """;
        try (BasicflowTestKit kit =
                kit(root).crashAt(StepMatcher.effectStarted("WRITE").and(StepMatcher.line(3)))) {
            ScriptRun run = kit.run("shop/log.bas", source, Map.of("name", "Ana"));

            assertThat(run.awaitResult()).isEqualTo(Value.text("opened;entry for Ana;closed"));
            assertThat(kit.crashes()).isEqualTo(1);
            List<EffectCall> writes = kit.effectCalls("WRITE");
            assertThat(writes).hasSize(4); // the append after the crash ran twice, with one key
            assertThat(writes.get(1).idempotencyKey()).isEqualTo(writes.get(2).idempotencyKey());
        }
        Path folder = root.resolve("shop.gbai/shop.gbdrive/log");
        assertThat(folder.resolve("day.txt")).hasContent("opened;entry for Ana;closed");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("day.txt", ".day.txt.appends");
        }
    }

    @Test
    void aTornAppendIsCutBackAndWrittenWhole() throws Exception {
        Path file = Files.createDirectories(root).resolve("log.txt");
        Files.writeString(file, "old;");
        assertThat(AppendLedger.append(file, "new;".getBytes(), "a1", 1000)).isEqualTo(8);
        // the same key again: already there, nothing added
        assertThat(AppendLedger.append(file, "new;".getBytes(), "a1", 1000)).isEqualTo(8);
        assertThat(file).hasContent("old;new;");
        // a crash left half of b2's bytes: the next attempt cuts them and writes the whole text
        assertThat(AppendLedger.append(file, "more".getBytes(), "b2", 1000)).isEqualTo(12);
        Files.writeString(file, "old;new;mo");
        assertThat(AppendLedger.append(file, "more".getBytes(), "b2", 1000)).isEqualTo(12);
        assertThat(file).hasContent("old;new;more");
        // beyond the size limit: refused, nothing written
        assertThat(AppendLedger.append(file, "x".repeat(100).getBytes(), "c3", 50))
                .isEqualTo(-1);
        assertThat(file).hasContent("old;new;more");
    }

    private BasicflowTestKit kit(Path filesRoot) {
        return BasicflowTestKit.withPlugins(new FilesPlugin()).configuration("files.root", filesRoot.toString());
    }

    private static List<String> tree(Path folder) throws Exception {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.map(f -> folder.relativize(f).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }
}
