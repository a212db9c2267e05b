package io.basicflow.engine.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.engine.direct.DirectRunner;
import io.basicflow.engine.interpreter.RuntimeCatalogue;
import io.basicflow.engine.testing.FakeTime;
import io.basicflow.engine.testing.ScriptedConversation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** In a direct run nobody else can publish: a WAIT FOR EVENT without TIMEOUT fails, saying what to do. */
class EventsDirectTest {

    @Test
    void aWaitWithoutTimeoutFailsInADirectRunInsteadOfHangingForEver() {
        KeywordCatalogue catalogue = KeywordCatalogue.of(new CorePlugin());
        ScriptService compiler = new ScriptService(catalogue);
        FakeTime time = new FakeTime();
        DirectRunner runner = DirectRunner.builder(
                        RuntimeCatalogue.of(List.of(new CorePlugin()), Map.of(), time),
                        (name, source) -> compiler.compile(name, source).program())
                .clock(time)
                .sleeper(time::sleep)
                .build();

        DirectOutcome outcome = runner.run(
                        compiler.compile("w.bas", "TALK \"waiting\"\nx = WAIT FOR EVENT \"approved\"\n")
                                .program(),
                        new ScriptedConversation(List.of()))
                .outcome();

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        DirectOutcome.Failed.class,
                        failed -> assertThat(failed.message())
                                .isEqualTo(
                                        "w.bas:2:1: WAIT FOR EVENT \"approved\" without TIMEOUT would wait for ever: nothing can"
                                                + " publish an event to a direct run; add a TIMEOUT, or run the script durably (#workflow or"
                                                + " ORCHESTRATE WORKFLOW)"));
    }
}
