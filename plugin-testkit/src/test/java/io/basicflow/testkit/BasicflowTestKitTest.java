package io.basicflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.engine.api.EventView;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ScriptCompilationException;
import io.basicflow.spi.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kit as a plugin author uses it: dialogs, configuration, effect calls, crashes, failures. */
class BasicflowTestKitTest {

    private static final String GREETING = """
            #workflow
            TALK "What is your name?"
            HEAR name
            stamp = STAMP(name)
            TALK "Hello " + name + " (" + stamp + ")"
            HEAR age AS INTEGER
            RETURN stamp
            """;

    @Test
    void runsADialogWithInputMessagesVariablesEventsAndResult() {
        try (BasicflowTestKit kit = BasicflowTestKit.withPlugins(new StampPlugin())) {
            ScriptRun run = kit.run("greeting.bas", GREETING);

            run.awaitStatus(ExecutionStatus.WAITING_INPUT);
            assertThat(run.messages()).containsExactly("What is your name?");

            run.input("Ana").awaitMessages(2);
            run.awaitStatus(ExecutionStatus.WAITING_INPUT);
            assertThat(run.variable("stamp")).isEqualTo(Value.text("stamped:Ana"));

            run.input("not a number");
            run.awaitMessages(3);
            run.input("42");
            Value result = run.awaitResult();

            assertThat(result).isEqualTo(Value.text("stamped:Ana"));
            assertThat(run.messages().subList(0, 2)).containsExactly("What is your name?", "Hello Ana (stamped:Ana)");
            assertThat(run.messages()).hasSize(3); // the third asks for a number again
            assertThat(run.variables()).containsEntry("age", Value.number(42));
            assertThat(run.events("InputReceived")).hasSize(2);
            assertThat(run.events("InputRejected")).hasSize(1);
            assertThat(run.events().getLast().type()).isEqualTo("ExecutionCompleted");
            assertThat(kit.crashes()).isZero();
        }
    }

    @Test
    void theConfigurationReachesThePlugin() {
        try (BasicflowTestKit kit =
                BasicflowTestKit.withPlugins(new StampPlugin()).configuration("stamp.prefix", "seal")) {
            ScriptRun run = kit.run("#workflow\ns = STAMP(\"x\")\nRETURN s\n");

            assertThat(run.awaitResult()).isEqualTo(Value.text("seal:x"));
        }
    }

    @Test
    void theFullKeyWorksAsWell() {
        try (BasicflowTestKit kit =
                BasicflowTestKit.withPlugins(new StampPlugin()).configuration("basicflow.stamp.prefix", "seal")) {
            assertThat(kit.run("#workflow\ns = STAMP(\"x\")\nRETURN s\n").awaitResult())
                    .isEqualTo(Value.text("seal:x"));
        }
    }

    @Test
    void effectCallsShowKeysAndAttemptsOfRetries() {
        StampPlugin plugin = new StampPlugin();
        try (BasicflowTestKit kit = BasicflowTestKit.withPlugins(plugin)) {
            ScriptRun run = kit.run("#workflow\nr = WOBBLY(2)\nRETURN r\n");

            assertThat(run.awaitResult()).isEqualTo(Value.number(3));
            List<EffectCall> calls = kit.effectCalls("wobbly");
            assertThat(calls).extracting(EffectCall::attempt).containsExactly(1, 2, 3);
            assertThat(calls)
                    .extracting(EffectCall::idempotencyKey)
                    .containsOnly(calls.getFirst().idempotencyKey());
            assertThat(calls.getFirst().idempotencyKey()).startsWith(run.id() + "/");
            assertThat(calls.get(0).failure())
                    .hasValueSatisfying(failure -> assertThat(failure).hasMessage("wobbly call 1"));
            assertThat(calls.get(2).result()).contains(Value.number(3));
            assertThat(run.events("EffectFailed")).hasSize(2);
        }
    }

    @Test
    void aCrashAfterAnEffectStartedCallsTheHandlerAgainWithTheSameKey() {
        try (BasicflowTestKit kit =
                BasicflowTestKit.withPlugins(new StampPlugin()).crashAt(StepMatcher.effectStarted("STAMP"))) {
            ScriptRun run = kit.run("#workflow\ns = STAMP(\"a\")\nTALK \"got \" + s\nRETURN s\n");

            assertThat(run.awaitResult()).isEqualTo(Value.text("stamped:a"));

            assertThat(kit.crashes()).isEqualTo(1);
            List<EffectCall> calls = kit.effectCalls("STAMP");
            assertThat(calls).hasSize(2);
            assertThat(calls)
                    .extracting(EffectCall::idempotencyKey)
                    .containsOnly(calls.getFirst().idempotencyKey());
            assertThat(calls).extracting(EffectCall::attempt).containsExactly(1, 2);
            // The dying engine's TALK was never committed: the message is said once, by the new engine.
            assertThat(run.messages()).containsExactly("got stamped:a");
            assertThat(run.events("EffectCompleted")).hasSize(1);
        }
    }

    @Test
    void aCrashAfterACommitRetakesInputThatWasNotRecorded() {
        // Commit 1: the start (parks at HEAR). The input is taken in memory; the dying engine never
        // records it, so the new engine takes it from the inbox again.
        try (BasicflowTestKit kit =
                BasicflowTestKit.withPlugins(new StampPlugin()).crashAfterCommit(1)) {
            ScriptRun run = kit.run("#workflow\nHEAR name\nTALK \"hi \" + name\nRETURN name\n");
            run.awaitStatus(ExecutionStatus.WAITING_INPUT);

            run.input("Bo");

            assertThat(run.awaitResult()).isEqualTo(Value.text("Bo"));
            assertThat(kit.crashes()).isEqualTo(1);
            assertThat(run.messages()).containsExactly("hi Bo");
            assertThat(run.events("InputReceived")).hasSize(1);
        }
    }

    @Test
    void aCrashAtAMessageKeepsTheCommittedMessageAndSaysTheRestOnce() {
        try (BasicflowTestKit kit =
                BasicflowTestKit.withPlugins(new StampPlugin()).crashAt(StepMatcher.message("first"))) {
            ScriptRun run = kit.run(
                    "#workflow\nTALK \"first\"\ns = STAMP(\"x\")\nTALK \"second \" + s\nHEAR a\nTALK \"third\"\n");
            run.awaitStatus(ExecutionStatus.WAITING_INPUT);
            run.input("ok");
            run.awaitStatus(ExecutionStatus.COMPLETED);

            assertThat(kit.crashes()).isEqualTo(1);
            assertThat(run.messages()).containsExactly("first", "second stamped:x", "third");
        }
    }

    @Test
    void aCrashAtAPlainStepInsideARunOfStepsFiresAfterTheCommitThatHoldsIt() {
        // lines 3-5 are plain steps stored in one row with the rest of their commit (EventsPacked): the
        // matcher still sees line 4
        try (BasicflowTestKit kit = BasicflowTestKit.withPlugins(new StampPlugin())
                .crashAt(StepMatcher.line(4).and(StepMatcher.type("StepCompleted")))) {
            ScriptRun run = kit.run("#workflow\nTALK \"before\"\na = 1\nb = a + 1\nc = b * 3\n"
                    + "s = STAMP(\"x\")\nTALK \"after \" + c + \" \" + s\n");

            assertThat(run.awaitStatus(ExecutionStatus.COMPLETED).status()).isEqualTo(ExecutionStatus.COMPLETED);
            assertThat(kit.crashes()).isEqualTo(1);
            assertThat(run.messages()).containsExactly("before", "after 6 stamped:x");
            assertThat(run.events("StepCompleted"))
                    .extracting(event -> event.line() + ": " + event.summary())
                    .containsExactly("3: a = 1", "4: b = a + 1", "5: c = b * 3");
        }
    }

    @Test
    void aCrashInAChildScriptResumesTheChild(@TempDir Path scripts) throws Exception {
        Files.writeString(scripts.resolve("lookup.bas"), "r = STAMP(\"abc\")\nTALK r\n");
        try (BasicflowTestKit kit = BasicflowTestKit.withPlugins(new StampPlugin())
                .scriptsFolder(scripts)
                .crashAt(StepMatcher.effectStarted("STAMP").and(StepMatcher.inChild()))) {
            ScriptRun run = kit.run("#workflow\nCALL \"lookup.bas\"\nRETURN \"done\"\n");

            assertThat(run.awaitResult()).isEqualTo(Value.text("done"));
            assertThat(kit.crashes()).isEqualTo(1);
            String child = run.id() + "~2";
            assertThat(kit.effectCalls("STAMP"))
                    .hasSize(2)
                    .allSatisfy(call -> assertThat(call.executionId()).isEqualTo(child));
            assertThat(kit.execution(child).messages()).containsExactly("stamped:abc");
        }
    }

    @Test
    void waitingForAStatusFailsAtOnceWithTheErrorWhenTheExecutionFails() {
        try (BasicflowTestKit kit =
                BasicflowTestKit.withPlugins(new StampPlugin()).timeout(Duration.ofMinutes(5))) {
            ScriptRun run = kit.run("refuse.bas", "#workflow\nTALK \"before\"\nREFUSE \"no way\"\n");

            long started = System.nanoTime();
            assertThatThrownBy(run::awaitResult)
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("FAILED")
                    .hasMessageContaining("no way")
                    .hasMessageContaining("messages: [before]")
                    .hasMessageContaining("EffectFailed");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMinutes(5));
            assertThat(run.error())
                    .hasValueSatisfying(error -> assertThat(error.keyword()).contains("REFUSE"));
        }
    }

    @Test
    void aScriptThatDoesNotCompileIsRefusedWithItsDiagnostics() {
        try (BasicflowTestKit kit = BasicflowTestKit.withPlugins(new StampPlugin())) {
            assertThatThrownBy(() -> kit.run("bad.bas", "#workflow\nFROBNICATE 1\n"))
                    .isInstanceOf(ScriptCompilationException.class)
                    .hasMessageContaining("FROBNICATE");
        }
    }

    @Test
    void theKitIsConfiguredBeforeItsFirstRun() {
        try (BasicflowTestKit kit = BasicflowTestKit.withPlugins(new StampPlugin())) {
            kit.run("#workflow\nRETURN 1\n").awaitResult();

            assertThatThrownBy(() -> kit.configuration("stamp.prefix", "late"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("before its first run");
        }
    }

    @Test
    void discoveredPluginsAreTheOnesListedOnTheClassPath() {
        try (BasicflowTestKit kit = BasicflowTestKit.withDiscoveredPlugins()) {
            ScriptRun run = kit.run("#workflow\ns = STAMP(UPPER(\"q\"))\nRETURN s\n");

            assertThat(run.awaitResult()).isEqualTo(Value.text("stamped:Q"));
        }
    }

    @Test
    void eachKitHasADatabaseOfItsOwn() {
        try (BasicflowTestKit first = BasicflowTestKit.withPlugins(new StampPlugin());
                BasicflowTestKit second = BasicflowTestKit.withPlugins(new StampPlugin())) {
            ScriptRun run = first.run("#workflow\nRETURN 1\n");
            run.awaitResult();

            assertThat(first.jdbcUrl()).isNotEqualTo(second.jdbcUrl());
            assertThat(second.engine().find(run.id())).isEmpty();
        }
    }

    @Test
    void historySummariesNameTheSteps() {
        try (BasicflowTestKit kit = BasicflowTestKit.withPlugins(new StampPlugin())) {
            ScriptRun run = kit.run("#workflow\nTALK \"hello\"\n");
            run.awaitStatus(ExecutionStatus.COMPLETED);

            assertThat(run.events("MessageSent"))
                    .extracting(EventView::summary)
                    .singleElement()
                    .asString()
                    .contains("hello");
        }
    }
}
