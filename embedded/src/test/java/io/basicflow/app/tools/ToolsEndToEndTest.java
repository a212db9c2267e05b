package io.basicflow.app.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionQuery;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionSummary;
import io.basicflow.spi.value.Value;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.EffectCall;
import io.basicflow.testkit.ScriptRun;
import io.basicflow.testkit.StepMatcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tools on the durable engine and PostgreSQL: the active tool set is part of the execution's durable
 * state, {@code r = USE TOOL "name", args…} is a child execution that the parent waits for without a
 * thread, arguments are checked against the tool's schema, and tools come only from the tools
 * folder.
 */
class ToolsEndToEndTest {

    @TempDir
    Path toolsFolder;

    private ToolsFixture fixture;

    @BeforeEach
    void tools() {
        fixture = new ToolsFixture(toolsFolder);
    }

    @Test
    void theActiveToolSetIsDurableAndSurvivesACrash() {
        // Commit 1 parks at the first HEAR; the engine dies at the next commit and a new one resumes
        // from the database alone.
        try (BasicflowTestKit kit = fixture.kit().crashAfterCommit(1)) {
            ScriptRun run = kit.run("helpdesk.bas", """
                    #workflow
                    ADD TOOL "ask"
                    USE TOOL "support/create-ticket"
                    ADD TOOL "ask.bas"
                    HEAR question
                    ADD TOOL "repeat"
                    HEAR again
                    CLEAR TOOLS
                    ADD TOOL "loud"
                    """);
            run.awaitStatus(ExecutionStatus.WAITING_INPUT);
            // Names as the tools folder spells them, each once.
            assertThat(run.activeTools()).containsExactly("ask", "support/Create-Ticket");

            run.input("how do I print?");
            run.awaitStatus(ExecutionStatus.WAITING_INPUT);
            assertThat(kit.crashes()).isEqualTo(1);
            assertThat(run.activeTools()).containsExactly("ask", "support/Create-Ticket", "repeat");

            run.input("thanks");
            run.awaitStatus(ExecutionStatus.COMPLETED);
            assertThat(run.activeTools()).containsExactly("loud");
            // Each activation was checked by the tools plugin's handler, which named "ask.bas" "ask".
            assertThat(kit.effectCalls("ADD TOOL"))
                    .extracting(call -> call.argument("tool"))
                    .contains(Value.text("ask"), Value.text("ask.bas"), Value.text("repeat"), Value.text("loud"));
            assertThat(kit.effectCalls("USE TOOL"))
                    .singleElement()
                    .satisfies(call -> assertThat(call.result().orElseThrow().display())
                            .contains("\"name\":\"support/Create-Ticket\""));
        }
    }

    @Test
    void activatingAToolThatIsNotInTheFolderFailsTheStep() {
        try (BasicflowTestKit kit = fixture.kit()) {
            ScriptRun run = kit.run("helpdesk.bas", "#workflow\nADD TOOL \"asc\"\nTALK \"never\"\n");

            run.awaitStatus(ExecutionStatus.FAILED);

            assertThat(run.error().orElseThrow().message()).contains("asc").contains("ask");
            assertThat(run.error().orElseThrow().line()).isEqualTo(2);
            assertThat(run.messages()).isEmpty();
            assertThat(run.activeTools()).isEmpty();
        }
    }

    @Test
    void aToolRunIsAChildThatTheParentWaitsForWithoutAThread() {
        try (BasicflowTestKit kit = fixture.kit()) {
            ScriptRun parent = kit.run(
                    "helpdesk.bas",
                    "#workflow\nr = USE TOOL \"ask\", \"printers\"\nTALK \"the tool said \" + r\nRETURN r\n");

            // The parent is parked: no worker holds it while the child waits for the user.
            parent.awaitStatus(ExecutionStatus.WAITING_CHILD);
            ScriptRun child = kit.execution(parent.id() + "~2").awaitStatus(ExecutionStatus.WAITING_INPUT);
            assertThat(parent.status()).isEqualTo(ExecutionStatus.WAITING_CHILD);
            assertThat(parent.view().waitingFor())
                    .hasValueSatisfying(
                            waiting -> assertThat(waiting).contains("ask").contains(child.id()));
            assertThat(child.view().parentId()).contains(parent.id());
            assertThat(child.view().scriptName()).isEqualTo("ask.bas");
            assertThat(child.variables()).containsEntry("topic", Value.text("printers"));
            assertThat(child.messages()).containsExactly("Tell me about printers");

            parent.input("paper jam"); // the conversation belongs to the child while it runs

            assertThat(parent.awaitResult()).isEqualTo(Value.text("PAPER JAM"));
            assertThat(parent.messages()).containsExactly("the tool said PAPER JAM");
            assertThat(child.status()).isEqualTo(ExecutionStatus.COMPLETED);
        }
    }

    @Test
    void argumentsAreCheckedAgainstTheToolsSchemaAndCoerced() {
        try (BasicflowTestKit kit = fixture.kit()) {
            ScriptRun positional = kit.run("a.bas", "#workflow\nr = USE TOOL \"repeat\", \"ho\", \"3\"\nRETURN r\n");
            ScriptRun named = kit.run(
                    "b.bas",
                    "#workflow\nr = USE TOOL \"repeat\", #{count: 2, word: \"hey\", separator: \"-\"}\nRETURN r\n");

            assertThat(positional.awaitResult()).isEqualTo(Value.text("ho ho ho"));
            assertThat(kit.execution(positional.id() + "~2").variables())
                    .containsEntry("count", Value.number(3))
                    .containsEntry("separator", Value.nullValue());
            assertThat(named.awaitResult()).isEqualTo(Value.text("hey-hey"));
        }
    }

    @Test
    void argumentsThatDoNotFitFailTheStepNamingEveryProblemAndStartNoChild() {
        try (BasicflowTestKit kit = fixture.kit()) {
            ScriptRun run = kit.run(
                    "helpdesk.bas", "#workflow\nr = USE TOOL \"repeat\", #{count: \"many\", colour: \"red\"}\n");

            run.awaitStatus(ExecutionStatus.FAILED);

            String message = run.error().orElseThrow().message();
            assertThat(message)
                    .contains("USE TOOL \"repeat\" failed")
                    .contains("count")
                    .contains("colour");
            assertThat(message).contains("word"); // missing
            assertThat(kit.engine().find(run.id() + "~2")).isEmpty();
        }
    }

    @Test
    void toolsComeOnlyFromTheToolsFolder() throws Exception {
        Path outside = Files.createTempFile("secret", ".bas");
        Files.writeString(outside, "RETURN \"secret\"\n");
        try (BasicflowTestKit kit = fixture.kit()) {
            ScriptRun missing = kit.run("a.bas", "#workflow\nr = USE TOOL \"repaet\", \"x\", 1\n");
            ScriptRun escaping = kit.run("b.bas", "#workflow\nr = USE TOOL \"../" + outside.getFileName() + "\"\n");
            ScriptRun absolute = kit.run("c.bas", "#workflow\nr = USE TOOL \"" + outside + "\"\n");

            missing.awaitStatus(ExecutionStatus.FAILED);
            escaping.awaitStatus(ExecutionStatus.FAILED);
            absolute.awaitStatus(ExecutionStatus.FAILED);

            assertThat(missing.error().orElseThrow().message())
                    .contains("repaet")
                    .contains("repeat");
            assertThat(escaping.error().orElseThrow().message()).contains("tools folder");
            assertThat(absolute.error().orElseThrow().message()).contains("tools folder");
            assertThat(List.of(missing, escaping, absolute))
                    .allSatisfy(run ->
                            assertThat(kit.engine().find(run.id() + "~2")).isEmpty());
        } finally {
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void aCrashInsideTheChildResumesTheChildThenTheParent() {
        try (BasicflowTestKit kit =
                fixture.kit().crashAt(StepMatcher.effectStarted("SHOUT").and(StepMatcher.inChild()))) {
            ScriptRun parent =
                    kit.run("helpdesk.bas", "#workflow\nr = USE TOOL \"loud\", \"hello\"\nTALK r\nRETURN r\n");

            assertThat(parent.awaitResult()).isEqualTo(Value.text("HELLO!"));

            assertThat(kit.crashes()).isEqualTo(1);
            List<EffectCall> shouts = kit.effectCalls("SHOUT");
            assertThat(shouts).hasSize(2);
            assertThat(shouts)
                    .extracting(EffectCall::idempotencyKey)
                    .containsOnly(shouts.getFirst().idempotencyKey());
            assertThat(shouts.getFirst().executionId()).isEqualTo(parent.id() + "~2");
            assertThat(parent.messages()).containsExactly("HELLO!");
            assertThat(parent.events("ChildStarted")).hasSize(1);
            assertThat(parent.events("ChildCompleted")).hasSize(1);
        }
    }

    @Test
    void aCrashRightAfterTheParentStartedTheChildLosesNothing() {
        try (BasicflowTestKit kit = fixture.kit().crashAt(StepMatcher.type("ChildStarted"))) {
            ScriptRun parent = kit.run("helpdesk.bas", "#workflow\nr = USE TOOL \"loud\", \"again\"\nRETURN r\n");

            assertThat(parent.awaitResult()).isEqualTo(Value.text("AGAIN!"));

            assertThat(kit.crashes()).isEqualTo(1);
            assertThat(kit.effectCalls("SHOUT")).hasSizeBetween(1, 2);
            assertThat(parent.events("ChildStarted")).hasSize(1);
            assertThat(kit.engine().list(ExecutionQuery.all(10)).executions()).hasSize(2);
        }
    }

    @Test
    void toolRunsMayBeNestedAndEachLevelIsAChild() throws Exception {
        Files.writeString(
                toolsFolder.resolve("twice.bas"),
                "PARAM text AS STRING\nDESCRIPTION \"Shouts twice\"\na = USE TOOL \"loud\", text\n"
                        + "b = USE TOOL \"loud\", a\nRETURN b\n");
        try (BasicflowTestKit kit = fixture.kit()) {
            ScriptRun run = kit.run("n.bas", "#workflow\nr = USE TOOL \"twice\", \"hi\"\nRETURN r\n", Map.of());

            assertThat(run.awaitResult()).isEqualTo(Value.text("HI!!"));
            List<ExecutionSummary> all =
                    kit.engine().list(ExecutionQuery.all(10)).executions();
            assertThat(all).hasSize(4); // the script, twice, and loud two times
            assertThat(all)
                    .filteredOn(execution -> execution.id().startsWith(run.id() + "~2~"))
                    .hasSize(2);
        }
    }
}
