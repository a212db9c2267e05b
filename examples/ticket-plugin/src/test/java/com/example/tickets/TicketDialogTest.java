package com.example.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.EventView;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.Value;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.EffectCall;
import io.basicflow.testkit.ScriptRun;
import io.basicflow.testkit.StepMatcher;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ticket dialog of {@code examples/ticket.bas}, run with the plugin on the durable engine. */
class TicketDialogTest {

    /** The example script itself, as the README runs it. */
    static Path ticketScript() {
        String root = System.getProperty("basicflow.root");
        return root != null ? Path.of(root, "examples", "ticket.bas") : Path.of("..", "ticket.bas");
    }

    @Test
    void theDialogOpensATicketAndSaysItsNumber() {
        try (BasicflowTestKit kit =
                BasicflowTestKit.withPlugins(new TicketPlugin()).configuration("tickets.queue", "printers")) {
            ScriptRun run = kit.run(ticketScript());

            run.awaitStatus(ExecutionStatus.WAITING_INPUT);
            assertThat(run.messages()).containsExactly("Describe the issue");

            run.input("The printer is on fire");
            run.awaitMessages(2);
            run.awaitStatus(ExecutionStatus.WAITING_INPUT);
            assertThat(run.messages().get(1)).isEqualTo("How urgent is it? (low, normal, urgent)");

            run.input("URG"); // a unique prefix of a menu option
            Value ticket = run.awaitResult();

            assertThat(ticket).isInstanceOf(IntegerValue.class);
            long number = ((IntegerValue) ticket).value();
            assertThat(number).isBetween(100_000L, 999_999L);
            assertThat(run.messages())
                    .containsExactly(
                            "Describe the issue",
                            "How urgent is it? (low, normal, urgent)",
                            "Ticket #" + number + " created");
            assertThat(run.variables())
                    .containsEntry("description", Value.text("The printer is on fire"))
                    .containsEntry("priority", Value.text("urgent"));

            EffectCall call = kit.effectCalls("CREATE").getFirst();
            assertThat(kit.effectCalls("CREATE")).hasSize(1);
            assertThat(call.argument("description")).isEqualTo(Value.text("The printer is on fire"));
            assertThat(call.argument("priority")).isEqualTo(Value.text("urgent"));
            assertThat(call.result()).contains(ticket);
            assertThat(call.idempotencyKey()).startsWith(run.id() + "/");

            assertThat(run.events())
                    .extracting(EventView::type)
                    .containsSubsequence(
                            "ExecutionStarted",
                            "MessageSent",
                            "InputRequested",
                            "InputReceived",
                            "InputReceived",
                            "EffectStarted",
                            "EffectCompleted",
                            "MessageSent",
                            "ExecutionCompleted");
        }
    }

    @Test
    void aCrashRightAfterCreateStartedGivesTheSameTicketOnResume() {
        try (BasicflowTestKit kit =
                BasicflowTestKit.withPlugins(new TicketPlugin()).crashAt(StepMatcher.effectStarted("CREATE"))) {
            ScriptRun run = kit.run(ticketScript());
            run.input("The printer is on fire").input("normal");

            Value ticket = run.awaitResult();

            assertThat(kit.crashes()).isEqualTo(1);
            List<EffectCall> calls = kit.effectCalls("CREATE");
            assertThat(calls).hasSize(2);
            assertThat(calls.get(1).idempotencyKey()).isEqualTo(calls.get(0).idempotencyKey());
            assertThat(calls).extracting(EffectCall::attempt).containsExactly(1, 2);
            // The dying engine's call opened the same ticket that the resumed run reports.
            assertThat(calls.get(0).result()).contains(ticket);
            assertThat(calls.get(1).result()).contains(ticket);
            assertThat(run.messages()).containsOnlyOnce("Ticket #" + ticket.display() + " created");
            assertThat(run.events("EffectCompleted")).hasSize(1);
        }
    }

    @Test
    void theKitFindsThePluginThroughItsServiceFile() {
        try (BasicflowTestKit kit = BasicflowTestKit.withDiscoveredPlugins()) {
            ScriptRun run = kit.run("discovered.bas", "#workflow\nt = CREATE(\"lost badge\")\nRETURN t\n");

            assertThat(run.awaitResult()).isInstanceOf(IntegerValue.class);
            assertThat(kit.effectCalls("CREATE"))
                    .singleElement()
                    .satisfies(call -> assertThat(call.argument("priority")).isEqualTo(Value.nullValue()));
        }
    }
}
