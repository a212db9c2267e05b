package io.basicflow.compiler;

import static io.basicflow.compiler.Scripts.diagnostics;
import static io.basicflow.compiler.Scripts.steps;
import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.diagnostics.Diagnostic;
import io.basicflow.spi.program.Orchestration;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.program.Target;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ORCHESTRATE WORKFLOW, STEP n: BOT and STEP n: PARALLEL compile to {@link Step.Orchestrate}. */
class OrchestrationParsingTest {

    private static Orchestration action(Step step) {
        return ((Step.Orchestrate) step).action();
    }

    @Test
    void orchestrateWorkflowMakesTheScriptDurableWithoutThePragma() {
        CompilationResult result = Scripts.SERVICE.check("o.bas", "ORCHESTRATE WORKFLOW \"orders\"\nTALK \"hi\"\n");

        assertThat(result.plan().orElseThrow()).isInstanceOf(ExecutionPlan.Workflow.class);
        assertThat(action(result.plan().orElseThrow().program().body().getFirst()))
                .isInstanceOfSatisfying(
                        Orchestration.Workflow.class,
                        workflow -> assertThat(workflow.name().text()).isEqualTo("\"orders\""));
        assertThat(Scripts.SERVICE
                        .check("p.bas", "STEP 1: BOT \"a\" \"b\"\n")
                        .plan()
                        .orElseThrow())
                .isInstanceOf(ExecutionPlan.Direct.class);
    }

    @Test
    void aBotStepHasTheBotAndTheTaskSideBySideOrWithAComma() {
        List<Step> steps = steps("STEP 1: BOT \"classifier\" \"analyze complaint\"  ' note\n"
                + "  ' indented comment\n"
                + "STEP 2: BOT who, \"task \" + n\n");

        Orchestration.Bots first = (Orchestration.Bots) action(steps.get(0));
        assertThat(first.label()).isEqualTo("1");
        assertThat(first.parallel()).isFalse();
        assertThat(first.calls()).singleElement().satisfies(call -> {
            assertThat(call.bot().text()).isEqualTo("\"classifier\"");
            assertThat(call.task().text()).isEqualTo("\"analyze complaint\"");
            assertThat(call.branch()).isEqualTo("1");
        });
        Orchestration.Bots second = (Orchestration.Bots) action(steps.get(1));
        assertThat(second.calls().getFirst().bot().text()).isEqualTo("who");
        assertThat(second.calls().getFirst().task().text()).isEqualTo("\"task \" + n");
        assertThat(steps.get(1).span().line()).isEqualTo(3);
    }

    @Test
    void aParallelStepCollectsItsBranchesUpToEndParallelInsideAnyBlock() {
        List<Step> steps = steps("IF go THEN\n"
                + "  STEP 4: PARALLEL\n"
                + "    BRANCH A: BOT \"refund\" \"process refund\"\n"
                + "\n"
                + "    ' a comment between branches\n"
                + "    BRANCH B: BOT \"stock\" \"update stock\"\n"
                + "  END PARALLEL\n"
                + "END IF\n"
                + "TALK \"done\"\n");

        Step.If conditional = (Step.If) steps.getFirst();
        Orchestration.Bots bots = (Orchestration.Bots)
                action(conditional.branches().getFirst().body().getFirst());
        assertThat(bots.parallel()).isTrue();
        assertThat(bots.label()).isEqualTo("4");
        assertThat(bots.calls()).extracting(Orchestration.BotCall::branch).containsExactly("A", "B");
        assertThat(bots.calls()).extracting(call -> call.span().line()).containsExactly(3, 6);
        assertThat(steps).hasSize(2);
    }

    @Test
    void stepAsAVariableNameIsStillAnAssignment() {
        assertThat(steps("step = 1\n").getFirst()).isInstanceOf(Step.Assign.class);
    }

    @Test
    void mistakesAreReportedWithTheirLineAndWhatWasExpected() {
        assertThat(diagnostics("STEP 1: BOT \"only-a-name\"\n"))
                .extracting(Diagnostic::message)
                .singleElement()
                .asString()
                .contains("needs a task");
        assertThat(diagnostics("STEP 2: PARALLEL\n  BRANCH A: BOT \"a\" \"t\"\n  TALK \"x\"\nEND PARALLEL\n"))
                .first()
                .satisfies(d -> {
                    assertThat(d.line()).isEqualTo(3);
                    assertThat(d.message()).contains("expected BRANCH X: BOT");
                });
        assertThat(diagnostics("STEP 2: PARALLEL\n  BRANCH A: BOT \"a\" \"t\"\n"))
                .extracting(Diagnostic::message)
                .anySatisfy(message -> assertThat(message).contains("is not closed: expected END PARALLEL"));
        assertThat(diagnostics(
                        "STEP 2: PARALLEL\nBRANCH A: BOT \"a\" \"t\"\nBRANCH a: BOT \"b\" \"t\"\nEND PARALLEL\n"))
                .extracting(Diagnostic::message)
                .anySatisfy(message -> assertThat(message).contains("BRANCH a appears twice"));
        assertThat(diagnostics("STEP 3: HUMAN APPROVAL FROM \"boss@x.com\"\n  ON TIMEOUT: REJECT ORDER\n"))
                .singleElement()
                .satisfies(d -> assertThat(d.message()).contains("has ON TIMEOUT but no TIMEOUT"));
        assertThat(diagnostics("STEP 3: HUMAN APPROVAL\n"))
                .singleElement()
                .satisfies(d -> assertThat(d.message()).contains("needs the approver"));
    }

    @Test
    void aHumanApprovalIsTheRequestTheWaitAndTheTimeoutsAction() {
        // the corpus's form: STEP n: HUMAN APPROVAL FROM who / TIMEOUT s / ON TIMEOUT: action
        List<Step> steps = steps("IF x THEN\n  STEP 3: HUMAN APPROVAL FROM \"boss@x.com\"\n    TIMEOUT 900  ' 15 min\n"
                + "    ON TIMEOUT: ESCALATE TO \"director@x.com\"\nEND IF\nTALK approval\n");

        List<Step> body = ((Step.If) steps.get(0)).branches().getFirst().body();
        assertThat(body).hasSize(3);
        Step.TalkTo request = (Step.TalkTo) body.get(0);
        assertThat(request.recipient().text()).isEqualTo("\"boss@x.com\"");
        assertThat(request.message().text()).isEqualTo("\"Approval needed: STEP 3\"");
        Orchestration.WaitForEvent wait = (Orchestration.WaitForEvent) action(body.get(1));
        assertThat(wait.name().text()).isEqualTo("\"approval\"");
        assertThat(wait.timeout().orElseThrow().text()).isEqualTo("900");
        assertThat(wait.result()).isEqualTo(Target.variable("approval"));
        Step.If timedOut = (Step.If) body.get(2);
        List<Step> onTimeout = timedOut.branches().getFirst().body();
        assertThat(((Step.TalkTo) onTimeout.get(0)).recipient().text()).isEqualTo("\"director@x.com\"");
        assertThat(((Step.Assign) onTimeout.get(1)).value().text()).isEqualTo("\"ESCALATE TO director@x.com\"");
        assertThat(steps("STEP 1: HUMAN APPROVAL FROM who\nTALK approval\n")).hasSize(3);
    }

    @Test
    void eventsPublishWithOptionalDataAndWaitWithOptionalTimeoutAndTarget() {
        List<Step> steps = steps("PUBLISH EVENT \"approved\"\n"
                + "PUBLISH EVENT \"paid\" WITH order_id\n"
                + "WAIT FOR EVENT \"approval_received\" TIMEOUT 3600  ' an hour\n"
                + "answer = WAIT FOR EVENT \"answer\"\n");

        Orchestration.PublishEvent plain = (Orchestration.PublishEvent) action(steps.get(0));
        assertThat(plain.name().text()).isEqualTo("\"approved\"");
        assertThat(plain.data()).isEmpty();
        assertThat(((Orchestration.PublishEvent) action(steps.get(1)))
                        .data()
                        .orElseThrow()
                        .text())
                .isEqualTo("order_id");
        Orchestration.WaitForEvent timed = (Orchestration.WaitForEvent) action(steps.get(2));
        assertThat(timed.timeout().orElseThrow().text()).isEqualTo("3600");
        assertThat(timed.result()).isEqualTo(io.basicflow.spi.program.Target.variable("event"));
        Orchestration.WaitForEvent assigned = (Orchestration.WaitForEvent) action(steps.get(3));
        assertThat(assigned.timeout()).isEmpty();
        assertThat(assigned.result()).isEqualTo(io.basicflow.spi.program.Target.variable("answer"));
        assertThat(steps("WAIT 5\n").getFirst()).isInstanceOf(Step.Wait.class);
        assertThat(diagnostics("WAIT FOR EVENT \"x\" TIMEOUT\n"))
                .extracting(Diagnostic::message)
                .anySatisfy(message -> assertThat(message).contains("TIMEOUT needs a number of seconds"));
    }
}
