package io.basicflow.compiler;

import static io.basicflow.compiler.Scripts.diagnostics;
import static io.basicflow.compiler.Scripts.steps;
import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.diagnostics.Diagnostic;
import io.basicflow.spi.program.Orchestration;
import io.basicflow.spi.program.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code DELEGATE task TO BOT "name" [TIMEOUT s]} in every form of keyword-delegate-to-bot.md and
 * keywords-multi-agent.md (the pages' examples in other words) compiles to {@link Orchestration.Delegate}.
 */
class DelegateParsingTest {

    private static Orchestration.Delegate delegate(Step step) {
        return (Orchestration.Delegate) ((Step.Orchestrate) step).action();
    }

    @Test
    void theStatementFormHasNoResultAndWaitsOnlyWithATimeout() {
        List<Step> steps = steps("DELEGATE \"Put 'good morning' into French\" TO BOT \"translator\"\n"
                + "TALK \"Sent.\"\n"
                + "DELEGATE \"Restart the queue\" TO BOT \"ops-bot\" TIMEOUT 15\n");

        Orchestration.Delegate fireAndForget = delegate(steps.get(0));
        assertThat(fireAndForget.task().text()).isEqualTo("\"Put 'good morning' into French\"");
        assertThat(fireAndForget.bot().text()).isEqualTo("\"translator\"");
        assertThat(fireAndForget.result()).isEmpty();
        assertThat(fireAndForget.timeout()).isEmpty();
        assertThat(fireAndForget.waits()).isFalse();

        Orchestration.Delegate bounded = delegate(steps.get(2));
        assertThat(bounded.timeout().orElseThrow().text()).isEqualTo("15");
        assertThat(bounded.waits()).isTrue();
        assertThat(steps.get(2).span().line()).isEqualTo(3);
    }

    @Test
    void theAssignmentFormTakesExpressionsForTaskBotAndTimeout() {
        List<Step> steps = steps("customerid = 7\n"
                + "info = DELEGATE \"Account status of \" + customerid TO BOT \"billing-bot\" TIMEOUT 30\n"
                + "view = DELEGATE question TO BOT experts[1]\n"
                + "status = DELEGATE \"HEALTH_CHECK\" TO BOT worker TIMEOUT wait_seconds * 2\n");

        Orchestration.Delegate info = delegate(steps.get(1));
        assertThat(info.task().text()).isEqualTo("\"Account status of \" + customerid");
        assertThat(info.bot().text()).isEqualTo("\"billing-bot\"");
        assertThat(info.result().orElseThrow().variable()).isEqualTo("info");
        assertThat(info.waits()).isTrue();

        Orchestration.Delegate view = delegate(steps.get(2));
        assertThat(view.task().text()).isEqualTo("question");
        assertThat(view.bot().text()).isEqualTo("experts[1]");
        assertThat(view.timeout()).isEmpty();
        assertThat(view.waits()).as("an assignment waits (30 s by default)").isTrue();

        assertThat(delegate(steps.get(3)).timeout().orElseThrow().text()).isEqualTo("wait_seconds * 2");
    }

    @Test
    void delegationsInsideSelectCaseAndOneLineIfCompile() {
        List<Step> steps = steps("SELECT CASE category\n"
                + "  CASE \"billing\"\n"
                + "    response = DELEGATE userquery TO BOT \"billing-bot\"\n"
                + "  CASE ELSE\n"
                + "    response = DELEGATE userquery TO BOT \"general-assistant\"\n"
                + "END SELECT\n"
                + "IF hops < 3 THEN DELEGATE task TO BOT \"specialist\"\n");

        assertThat(steps).hasSize(2);
        Step.If conditional = (Step.If) steps.get(1);
        assertThat(delegate(conditional.branches().getFirst().body().getFirst())
                        .bot()
                        .text())
                .isEqualTo("\"specialist\"");
    }

    @Test
    void delegateAsAVariableOrWithoutToBotIsNotADelegation() {
        List<Step> steps = steps("delegate = 1\nTALK delegate + 1\n");

        assertThat(steps.getFirst()).isInstanceOf(Step.Assign.class);
    }

    @Test
    void malformedDelegationsNameWhatIsMissingAtItsColumn() {
        assertThat(diagnostics("x = DELEGATE TO BOT \"a\"\n")).first().satisfies(d -> {
            assertThat(d.line()).isEqualTo(1);
            assertThat(d.column()).isEqualTo(14);
            assertThat(d.message()).contains("DELEGATE needs a task before TO BOT");
        });
        assertThat(diagnostics("DELEGATE \"t\" TO BOT\n"))
                .extracting(Diagnostic::message)
                .first()
                .asString()
                .contains("TO BOT needs the bot's name");
        assertThat(diagnostics("r = DELEGATE \"t\" TO BOT \"b\" TIMEOUT\n"))
                .extracting(Diagnostic::message)
                .first()
                .asString()
                .contains("TIMEOUT needs a number of seconds");
        assertThat(diagnostics("r = DELEGATE \"a\" \"b\" TO BOT \"c\"\n"))
                .extracting(Diagnostic::message)
                .first()
                .asString()
                .contains("expected TO BOT");
    }

    @Test
    void transferConversationNamesTheBotAsAnExpression() {
        List<Step> steps = steps("TALK \"Let me connect you.\"\n"
                + "IF kind = \"technical\" THEN\n"
                + "    TRANSFER CONVERSATION TO \"tech-support-bot\"\n"
                + "ELSE\n"
                + "    TRANSFER CONVERSATION TO prefix + \"-support-bot\"\n"
                + "END IF\n");

        Step.If conditional = (Step.If) steps.get(1);
        Orchestration.Transfer first = (Orchestration.Transfer)
                ((Step.Orchestrate) conditional.branches().getFirst().body().getFirst()).action();
        assertThat(first.bot().text()).isEqualTo("\"tech-support-bot\"");
        Orchestration.Transfer other = (Orchestration.Transfer)
                ((Step.Orchestrate) conditional.otherwise().getFirst()).action();
        assertThat(other.bot().text()).isEqualTo("prefix + \"-support-bot\"");
        assertThat(diagnostics("TRANSFER CONVERSATION TO\n"))
                .extracting(Diagnostic::message)
                .first()
                .asString()
                .contains("TRANSFER CONVERSATION TO needs the bot's name");
    }
}
