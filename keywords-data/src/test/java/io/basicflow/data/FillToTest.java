package io.basicflow.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.files.FilesPlugin;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.DirectRun;
import io.basicflow.testkit.ScriptRun;
import io.basicflow.testkit.StepMatcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code FILL template, data TO "path"} (keyword-fill.md) with the real files plugin: a template file of
 * the bot, or a template text, filled and written into the bot's storage, with the page's {@code {path,
 * content, size}} — the same files and messages in a direct and a durable run; a Word template is
 * refused saying what to use instead.
 */
class FillToTest {

    static final String SCRIPT = """
            WRITE "templates/contract.txt", "SERVICE AGREEMENT\\nCompany: {{company_name}}\\nContact: {{contact_name}}\\n{{#items}}- {{name}} x{{qty}}\\n{{/items}}"
            data = #{company_name: "Acme Corp", contact_name: "Jane Wilson", items: [#{name: "Widget", qty: 10}, #{name: "Gadget", qty: 5}]}
            FILL "templates/contract.txt", data TO "contracts/acme.txt"
            r = FILL "Dear {{contact_name}}, welcome.", data TO "letters/" + "jane.md"
            TALK r.path + " " + r.size + " " + r.content
            plain = FILL "Hi {{contact_name}}", data
            TALK plain
            """;

    static final List<String> SAID = List.of("letters/jane.md 26 Dear Jane Wilson, welcome.", "Hi Jane Wilson");

    @TempDir
    Path root;

    private Map<String, String> settings() {
        return Map.of("basicflow.files.root", root.toString());
    }

    private static List<KeywordPlugin> plugins() {
        return List.of(new DataListsPlugin(), new FilesPlugin());
    }

    @Test
    void theFilledDocumentIsWrittenToTheBotsStorageInBothModes() throws Exception {
        DirectRun direct = DirectRun.of(plugins(), settings(), "direct/fill.bas", SCRIPT, Map.of());
        assertThat(direct.outcome()).isInstanceOf(DirectOutcome.Completed.class);
        assertThat(direct.messages()).isEqualTo(SAID);

        try (BasicflowTestKit kit = BasicflowTestKit.withPlugins(plugins().toArray(KeywordPlugin[]::new))
                .configuration("files.root", root.toString())) {
            ScriptRun run = kit.run("durable/fill.bas", "#workflow\n" + SCRIPT);
            run.awaitStatus(ExecutionStatus.COMPLETED);
            assertThat(run.messages()).isEqualTo(SAID);
        }
        for (String bot : List.of("direct", "durable")) {
            Path drive = root.resolve(bot + ".gbai/" + bot + ".gbdrive");
            assertThat(Files.readString(drive.resolve("contracts/acme.txt")))
                    .isEqualTo(
                            "SERVICE AGREEMENT\nCompany: Acme Corp\nContact: Jane Wilson\n- Widget x10\n- Gadget x5\n");
            assertThat(Files.readString(drive.resolve("letters/jane.md"))).isEqualTo("Dear Jane Wilson, welcome.");
        }
    }

    static final String KINDS = """
            #workflow
            plain = FILL "Hi {{n}}", #{n: "Ana"}
            TALK plain
            r = FILL "Bye {{n}}", #{n: "Ana"} TO "out/bye.txt"
            TALK r.content
            """;

    @Test
    void onlyTheToFormIsARecordedStep() {
        try (BasicflowTestKit kit = BasicflowTestKit.withPlugins(plugins().toArray(KeywordPlugin[]::new))
                .configuration("files.root", root.toString())) {
            ScriptRun run = kit.run("kinds/fill.bas", KINDS);
            run.awaitStatus(ExecutionStatus.COMPLETED);
            assertThat(run.messages()).containsExactly("Hi Ana", "Bye Ana");
            // the plain FILL is pure: no effect event; the TO form's effect is started once, completed once
            assertThat(run.events("EffectStarted")).singleElement().satisfies(started -> {
                assertThat(started.line()).isEqualTo(4);
                assertThat(started.payloadJson()).contains("FILL").contains("out/bye.txt");
            });
            assertThat(run.events("EffectCompleted"))
                    .singleElement()
                    .satisfies(completed -> assertThat(completed.line()).isEqualTo(4));
        }
    }

    @Test
    void theToFormWritesTheFileOnceAcrossACrash() throws Exception {
        try (BasicflowTestKit kit = BasicflowTestKit.withPlugins(plugins().toArray(KeywordPlugin[]::new))
                .configuration("files.root", root.toString())
                .crashAt(StepMatcher.effectStarted("FILL"))) {
            ScriptRun run = kit.run("crashed/fill.bas", KINDS);
            run.awaitStatus(ExecutionStatus.COMPLETED);
            assertThat(run.messages()).containsExactly("Hi Ana", "Bye Ana");
            assertThat(kit.crashes()).isEqualTo(1);
            // the crash came after EffectStarted: the handler ran again with the same key
            List<io.basicflow.testkit.EffectCall> writes = kit.effectCalls("FILL").stream()
                    .filter(call -> !(call.argument("output_path") instanceof io.basicflow.spi.value.NullValue))
                    .toList();
            assertThat(writes).isNotEmpty();
            assertThat(writes)
                    .extracting(io.basicflow.testkit.EffectCall::idempotencyKey)
                    .containsOnly(writes.getFirst().idempotencyKey());
        }
        Path out = root.resolve("crashed.gbai/crashed.gbdrive/out");
        assertThat(Files.readString(out.resolve("bye.txt"))).isEqualTo("Bye Ana");
        try (var files = Files.list(out)) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactly("bye.txt");
        }
    }

    @Test
    void aResumedRunDoesNotWriteTheFileAgain() throws Exception {
        String source = """
                #workflow
                r = FILL "Bye {{n}}", #{n: "Ana"} TO "out/bye.txt"
                HEAR go
                TALK r.size
                """;
        try (BasicflowTestKit kit = BasicflowTestKit.withPlugins(plugins().toArray(KeywordPlugin[]::new))
                .configuration("files.root", root.toString())
                .crashAt(StepMatcher.effectCompleted("FILL"))) {
            ScriptRun run = kit.run("resumed/fill.bas", source);
            run.awaitStatus(ExecutionStatus.WAITING_INPUT);
            run.input("go");
            run.awaitStatus(ExecutionStatus.COMPLETED);
            assertThat(kit.crashes()).isEqualTo(1);
            assertThat(run.messages()).containsExactly("7");
            assertThat(kit.effectCalls("FILL")).hasSize(1);
        }
    }

    @Test
    void aWordTemplateIsRefusedSayingWhatToUse() {
        DirectRun run = DirectRun.of(
                plugins(),
                settings(),
                "direct/docx.bas",
                "FILL \"templates/contract.docx\", #{a: 1} TO \"out/contract.docx\"\n",
                Map.of());
        assertThat(run.outcome()).isInstanceOf(DirectOutcome.Failed.class);
        assertThat(((DirectOutcome.Failed) run.outcome()).error().message())
                .contains("is a .docx file")
                .contains("text formats only");
    }
}
