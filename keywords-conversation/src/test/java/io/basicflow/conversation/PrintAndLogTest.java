package io.basicflow.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.EventView;
import io.basicflow.spi.value.Value;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.EffectCall;
import io.basicflow.testkit.ScriptRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PRINT and LOG on the durable engine: in the history and the log, never in the conversation. */
class PrintAndLogTest {

    private static final String SCRIPT = """
            #workflow
            total = 0
            FOR i = 1 TO 3
                total = total + i
                PRINT "step " + i + ", total " + total
            NEXT
            LOG total
            TALK "Total: " + total
            RETURN total
            """;

    @Test
    void linesGoToTheHistoryAndNotToTheUser() {
        try (BasicflowTestKit kit = BasicflowTestKit.withPlugins(new ConversationPlugin())) {
            ScriptRun run = kit.run("count.bas", SCRIPT);

            assertThat(run.awaitResult()).isEqualTo(Value.number(6));
            assertThat(run.messages()).containsExactly("Total: 6");
            assertThat(kit.effectCalls("PRINT"))
                    .extracting(call -> call.argument("value"))
                    .containsExactly(
                            Value.text("step 1, total 1"),
                            Value.text("step 2, total 3"),
                            Value.text("step 3, total 6"));
            assertThat(kit.effectCalls("LOG")).extracting(EffectCall::arguments).hasSize(1);
            List<String> started = run.events("EffectStarted").stream()
                    .map(EventView::payloadJson)
                    .toList();
            assertThat(started).hasSize(4);
            assertThat(started.get(0)).contains("step 1, total 1");
            assertThat(started.get(3)).contains("LOG").contains("6");
        }
    }
}
