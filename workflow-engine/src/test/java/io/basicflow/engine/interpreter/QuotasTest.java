package io.basicflow.engine.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.engine.direct.DirectRunner;
import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.event.VariableChange;
import io.basicflow.engine.json.EngineJson;
import io.basicflow.engine.state.ExecutionError;
import io.basicflow.engine.state.ExecutionSnapshot;
import io.basicflow.engine.state.ExecutionStatus;
import io.basicflow.engine.testing.FakeTime;
import io.basicflow.engine.testing.Harness;
import io.basicflow.engine.testing.ScriptedConversation;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.program.Program;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The quotas of one execution (steps, events, bytes of history, messages), the size of a message, and
 * a list or map that grows by appends being recorded by what was added, not whole every time.
 */
class QuotasTest {

    private final Harness harness = new Harness();
    private final ScriptService compiler =
            new ScriptService(KeywordCatalogue.of(List.<KeywordPlugin>of(new CorePlugin(), harness.plugin)));

    private Program compile(String source) {
        return compiler.compile("quota.bas", source).program();
    }

    private static ExecutionError failure(Harness.Run run) {
        assertThat(run.outcome()).as("outcome").isInstanceOf(Outcome.Failed.class);
        ExecutionError error = ((Outcome.Failed) run.outcome()).error();
        assertThat(error.kind()).isEqualTo(ExecutionError.Kind.LIMIT);
        return error;
    }

    @Test
    void anEmptyLoopEndsAtItsStepQuotaWithAClearError() {
        Harness.Run run = harness.run(
                compile("#workflow\nDO\nLOOP\n"), List.of(), Limits.DEFAULT.withQuotas(5_000, 1_000_000, 1 << 30, 100));

        ExecutionError error = failure(run);
        assertThat(error.problem()).contains("quota of 5000 steps").contains("basicflow.limits.max-steps");
        assertThat(run.state().steps()).isEqualTo(5_000);
        assertThat(run.state().status()).isEqualTo(ExecutionStatus.FAILED);
    }

    @Test
    void talkInALoopEndsAtItsMessageQuotaAfterExactlyThatManyMessages() {
        Harness.Run run = harness.run(
                compile("#workflow\nDO\n  TALK \"spam\"\nLOOP\n"),
                List.of(),
                Limits.DEFAULT.withQuotas(1_000_000, 1_000_000, 1 << 30, 25));

        assertThat(failure(run).problem()).contains("quota of 25 messages").contains("basicflow.limits.max-messages");
        assertThat(run.transcript()).hasSize(25).containsOnly("spam");
    }

    @Test
    void theEventQuotaBoundsAHistory() {
        Harness.Run run = harness.run(
                compile("#workflow\nn = 0\nDO\n  n = n + 1\nLOOP\n"),
                List.of(),
                Limits.DEFAULT.withQuotas(1_000_000, 300, 1 << 30, 100));

        assertThat(failure(run).problem()).contains("quota of 300 events");
        // The failure itself is the one event past the quota.
        assertThat(run.journal().events()).hasSize(301);
    }

    @Test
    void theHistoryQuotaStopsAScriptThatWritesBigValuesOverAndOver() {
        Harness.Run run = harness.run(
                compile(
                        "#workflow\nbig = \"0123456789\"\nFOR k = 1 TO 10\n  big = big + big\nNEXT\nDO\n  t = big\nLOOP\n"),
                List.of(),
                Limits.DEFAULT.withQuotas(1_000_000, 1_000_000, 1_000_000, 100));

        assertThat(failure(run).problem())
                .contains("quota of 1000000 bytes of history")
                .contains("basicflow.limits.max-history-bytes");
        assertThat(run.state().snapshot().historyBytes()).isBetween(1_000_000L, 1_030_000L);
    }

    @Test
    void aMessageLongerThanTheTextLimitIsNeverSent() {
        Harness.Run run = harness.run(
                compile("#workflow\nTALK \"ok\"\na = \"0123456789\"\nb = a + a + a + a + a + a + a + a + a + a\n"
                        + "c = b + b + b + b + b + b\nTALK c + c\n"),
                List.of(),
                Limits.DEFAULT.withMaxTextLength(1000));

        assertThat(failure(run).problem()).contains("the message has 1200 characters, more than the limit of 1000");
        assertThat(run.transcript()).containsExactly("ok");
    }

    @Test
    void usageSurvivesTheSnapshotSoAResumedRunKeepsCounting() {
        Harness.Run run = harness.run(compile("#workflow\nTALK \"one\"\nTALK \"two\"\nHEAR x\n"));
        ExecutionSnapshot snapshot = run.state().snapshot();

        ExecutionSnapshot reread = EngineJson.readSnapshot(EngineJson.write(snapshot));

        assertThat(reread).isEqualTo(snapshot);
        assertThat(reread.messages()).isEqualTo(2);
        assertThat(reread.historyBytes()).isPositive();
        assertThat(StateFold.fold(run.journal().events())).isEqualTo(snapshot);
    }

    @Test
    void aSnapshotWrittenBeforeQuotasExistedReadsWithNoUsage() {
        Harness.Run run = harness.run(compile("#workflow\nTALK \"one\"\nHEAR x\n"));
        String json = EngineJson.write(run.state().snapshot())
                .replaceAll(",\"messages\":\\d+", "")
                .replaceAll(",\"historyBytes\":\\d+", "");
        assertThat(json).doesNotContain("messages").doesNotContain("historyBytes");

        ExecutionSnapshot old = EngineJson.readSnapshot(json);

        assertThat(old.messages()).isZero();
        assertThat(old.historyBytes()).isZero();
        assertThat(old.variables()).isEqualTo(run.state().snapshot().variables());
    }

    @Test
    void appendingToAListRecordsOnlyTheNewElementAndFoldsBackToTheWholeList() {
        Harness.Run run =
                harness.run(compile("#workflow\nl = [0]\nFOR i = 1 TO 2000\n  l = l + [i]\nNEXT\nRETURN COUNT(l)\n"));

        assertThat(run.outcome()).isEqualTo(new Outcome.Completed(java.util.Optional.of(IntegerValue.of(2001))));
        List<VariableChange> appends = run.journal().events().stream()
                .flatMap(event -> event.delta().variables().stream())
                .filter(change -> change.name().equals("l") && change.append())
                .toList();
        assertThat(appends).hasSize(2000);
        assertThat(appends)
                .allSatisfy(change ->
                        assertThat(((ListValue) change.value()).elements()).hasSize(1));
        // The CheckingJournal folded every event and compared it with the live state at every step.
        Value folded = StateFold.fold(run.journal().events()).variable("l");
        assertThat(((ListValue) folded).elements()).hasSize(2001);
        // History grows linearly: 2000 appends weigh far less than 2000 copies of a growing list.
        assertThat(run.state().snapshot().historyBytes()).isLessThan(2000L * 400);
    }

    @Test
    void theJsonOfAnAppendSaysSoAndAPlainChangeDoesNot() {
        VariableChange append = VariableChange.between("l", listOf(1), listOf(7, 2), false);
        // Same element objects: the new list is the old one plus one element.
        ListValue old = listOf(1, 2);
        ListValue grown = new ListValue(java.util.stream.Stream.concat(
                        old.elements().stream(), java.util.stream.Stream.of((Value) IntegerValue.of(3)))
                .toList());
        VariableChange real = VariableChange.between("l", old, grown, false);

        assertThat(append.append())
                .as("a list whose first element changed: the whole value")
                .isFalse();
        assertThat(real.append()).isTrue();
        assertThat(real.value()).isEqualTo(listOf(3));
        assertThat(real.applyTo(old)).isEqualTo(grown);
        ExecutionEvent.StepCompleted event = new ExecutionEvent.StepCompleted(
                2,
                io.basicflow.spi.program.SourceSpan.of(1, 1, 0),
                new io.basicflow.engine.event.Delta(
                        List.of(real, append), java.util.Optional.empty(), java.util.Optional.empty()));
        String json = EngineJson.write(event);
        assertThat(json).contains("\"append\":true").containsOnlyOnce("append");
        assertThat(EngineJson.readEvent(json)).isEqualTo(event);
    }

    @Test
    void settingOneKeyOfABigMapRecordsThatKeyOnly() {
        Harness.Run run = harness.run(compile("""
                #workflow
                m = {"a": 1, "b": 2, "c": 3, "d": 4}
                m.b = 20
                m.e = 5
                RETURN m
                """));

        List<VariableChange> changes = run.journal().events().stream()
                .flatMap(event -> event.delta().variables().stream())
                .filter(change -> change.name().equals("m"))
                .toList();
        assertThat(changes).extracting(VariableChange::append).containsExactly(false, true, true);
        assertThat(((MapValue) changes.get(1).value()).entries()).containsOnlyKeys("b");
        assertThat(((MapValue) changes.get(2).value()).entries()).containsOnlyKeys("e");
        assertThat(((MapValue) StateFold.fold(run.journal().events()).variable("m")).entries())
                .containsExactly(
                        java.util.Map.entry("a", IntegerValue.of(1)),
                        java.util.Map.entry("b", IntegerValue.of(20)),
                        java.util.Map.entry("c", IntegerValue.of(3)),
                        java.util.Map.entry("d", IntegerValue.of(4)),
                        java.util.Map.entry("e", IntegerValue.of(5)));
    }

    private static ListValue listOf(int... numbers) {
        return new ListValue(java.util.Arrays.stream(numbers)
                .mapToObj(n -> (Value) IntegerValue.of(n))
                .toList());
    }

    /** A script's {@code #quota} lines replace the global quotas for its executions, direct and durable. */
    @Nested
    class AScriptsQuotaLine {

        @Test
        void aScriptsStepQuotaStopsItsLoopBeforeTheGlobalOneAndNamesItsLine() {
            Harness.Run run = harness.run(compile("#workflow\n#quota steps=2_000\nDO\nLOOP\n"));

            assertThat(failure(run).problem())
                    .contains("quota of 2000 steps")
                    .contains("steps= in the script's #quota line (line 2)")
                    .doesNotContain("basicflow.limits.max-steps");
            assertThat(run.state().steps()).isEqualTo(2_000);
        }

        @Test
        void aScriptMayRaiseAGlobalQuota() {
            Program program = compile("#workflow\n#quota messages=40\nFOR i = 1 TO 30\n  TALK i\nNEXT\nRETURN 1\n");

            Harness.Run run =
                    harness.run(program, List.of(), Limits.DEFAULT.withQuotas(1_000_000, 1_000_000, 1 << 30, 20));

            assertThat(run.outcome()).isInstanceOf(Outcome.Completed.class);
            assertThat(run.transcript()).hasSize(30);
        }

        @Test
        void quotasTheScriptDoesNotSetStayGlobal() {
            Program program = compile("#workflow\n#quota steps=1000000\nDO\n  TALK \"spam\"\nLOOP\n");

            Harness.Run run =
                    harness.run(program, List.of(), Limits.DEFAULT.withQuotas(1_000_000, 1_000_000, 1 << 30, 7));

            assertThat(failure(run).problem())
                    .contains("quota of 7 messages")
                    .contains("basicflow.limits.max-messages");
            assertThat(run.transcript()).hasSize(7);
        }

        @Test
        void theEventAndHistoryQuotasOfAScriptBoundItsHistory() {
            Harness.Run events = harness.run(compile("#workflow\n#quota events=50\nn = 0\nDO\n  n = n + 1\nLOOP\n"));
            Harness.Run bytes = harness.run(compile(
                    "#workflow\n#quota history-bytes=20000\nbig = \"0123456789\"\nFOR k = 1 TO 8\n  big = big + big\nNEXT\n"
                            + "DO\n  t = big\nLOOP\n"));

            assertThat(failure(events).problem()).contains("quota of 50 events").contains("events= in the script's");
            assertThat(events.journal().events()).hasSize(51);
            assertThat(failure(bytes).problem())
                    .contains("quota of 20000 bytes of history")
                    .contains("history-bytes=");
        }

        @Test
        void aDirectRunKeepsTheScriptsQuotaToo() {
            FakeTime time = new FakeTime();
            Program program = compile("#quota messages=3\nDO\n  TALK \"spam\"\nLOOP\n");
            DirectRunner runner = DirectRunner.builder(
                            RuntimeCatalogue.of(List.<KeywordPlugin>of(new CorePlugin()), Map.of(), time),
                            (name, source) -> program)
                    .clock(time)
                    .sleeper(time)
                    .build();
            ScriptedConversation conversation = new ScriptedConversation(List.of());

            DirectRunner.DirectRun run = runner.run(program, conversation);

            assertThat(run.outcome()).isInstanceOf(DirectOutcome.Failed.class);
            assertThat(run.outcome().message()).contains("quota of 3 messages").contains("#quota line (line 1)");
            assertThat(conversation.transcript()).containsExactly("spam", "spam", "spam");
        }
    }
}
