package io.basicflow.engine.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.engine.direct.DirectRunner;
import io.basicflow.engine.state.ExecutionError;
import io.basicflow.engine.testing.FakeTime;
import io.basicflow.engine.testing.Harness;
import io.basicflow.engine.testing.ScriptedConversation;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.program.Program;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A script's {@code #quota} lines replace the global quotas for its executions, direct and durable. */
class ScriptQuotasTest {

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

        Harness.Run run = harness.run(program, List.of(), Limits.DEFAULT.withQuotas(1_000_000, 1_000_000, 1 << 30, 20));

        assertThat(run.outcome()).isInstanceOf(Outcome.Completed.class);
        assertThat(run.transcript()).hasSize(30);
    }

    @Test
    void quotasTheScriptDoesNotSetStayGlobal() {
        Program program = compile("#workflow\n#quota steps=1000000\nDO\n  TALK \"spam\"\nLOOP\n");

        Harness.Run run = harness.run(program, List.of(), Limits.DEFAULT.withQuotas(1_000_000, 1_000_000, 1 << 30, 7));

        assertThat(failure(run).problem()).contains("quota of 7 messages").contains("basicflow.limits.max-messages");
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
