package io.basicflow.compiler;

import static io.basicflow.compiler.Scripts.diagnostics;
import static io.basicflow.compiler.Scripts.steps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.basicflow.compiler.diagnostics.Diagnostic;
import io.basicflow.compiler.diagnostics.DiagnosticKind;
import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.program.Target;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An effect keyword inside an expression becomes its own step, assigning a hidden temporary just
 * before its statement; where the expression is evaluated conditionally or repeatedly it stays an
 * error.
 */
class EffectHoistingTest {

    private static Step.Invoke invoke(Step step) {
        assertThat(step).isInstanceOf(Step.Invoke.class);
        return (Step.Invoke) step;
    }

    @Test
    void returnOfAKeywordCallRunsTheCallFirstThenReturnsItsValue() {
        List<Step> steps = steps("RETURN FIND \"users\" WHERE id = 1\n");

        assertThat(steps).hasSize(2);
        Step.Invoke find = invoke(steps.get(0));
        assertThat(find.keyword()).isEqualTo("FIND");
        assertThat(find.arguments()).extracting(Step.Argument::parameter).containsExactly("table", "filter");
        assertThat(find.result()).contains(Target.variable("$effect1"));
        Step.Return ret = (Step.Return) steps.get(1);
        assertThat(ret.value().orElseThrow().tree()).isEqualTo(new Expr.Variable("$effect1"));
    }

    @Test
    void callsAreHoistedLeftToRightAndInnerCallsFirst() {
        List<Step> steps =
                steps("SET BOT MEMORY \"k\", \"Bearer \" + GET BOT MEMORY(\"a\") + FIND(GET BOT MEMORY \"b\")\n");

        assertThat(steps)
                .extracting(step -> step instanceof Step.Invoke i ? i.keyword() + " -> " + i.result() : "statement")
                .containsExactly(
                        "GET BOT MEMORY -> " + Optional.of(Target.variable("$effect1")),
                        "GET BOT MEMORY -> " + Optional.of(Target.variable("$effect2")),
                        "FIND -> " + Optional.of(Target.variable("$effect3")),
                        "SET BOT MEMORY -> Optional.empty");
        Step.Invoke find = invoke(steps.get(2));
        assertThat(find.arguments().getFirst().value().tree()).isEqualTo(new Expr.Variable("$effect2"));
    }

    @Test
    void aCallInAMapLiteralEndsAtTheEntrysComma() {
        List<Step> steps = steps("m = { \"ip\": GET BOT MEMORY \"ip\", \"rows\": FIND \"t\" WHERE a = 1, \"n\": 2 }\n");

        assertThat(steps).hasSize(3);
        assertThat(invoke(steps.get(0)).arguments()).hasSize(1);
        assertThat(invoke(steps.get(1)).arguments())
                .extracting(Step.Argument::parameter)
                .containsExactly("table", "filter");
        Expr.MapLiteral map =
                (Expr.MapLiteral) ((Step.Assign) steps.get(2)).value().tree();
        assertThat(map.entries())
                .extracting(Expr.MapEntry::key, Expr.MapEntry::value)
                .containsExactly(
                        tuple("ip", new Expr.Variable("$effect1")),
                        tuple("rows", new Expr.Variable("$effect2")),
                        tuple("n", Scripts.lit(2)));
    }

    @Test
    void aCallInAOneLineIfsBranchRunsOnlyInThatBranch() {
        List<Step> steps = steps("IF x THEN TALK FIND \"t\" ELSE TALK \"none\"\n");

        assertThat(steps).hasSize(1);
        Step.If branch = (Step.If) steps.getFirst();
        assertThat(branch.branches().getFirst().body()).hasSize(2);
        assertThat(invoke(branch.branches().getFirst().body().getFirst()).keyword())
                .isEqualTo("FIND");
        assertThat(branch.otherwise()).hasSize(1);
    }

    @Test
    void aCallInAnIfConditionRunsBeforeTheIfButNotInAnElseIf() {
        List<Step> steps = steps("IF FIND(\"t\") = 1 THEN\n  TALK 1\nEND IF\n");
        assertThat(steps).hasSize(2);
        assertThat(invoke(steps.getFirst()).keyword()).isEqualTo("FIND");

        List<Diagnostic> elseIf = diagnostics("IF x THEN\n  TALK 1\nELSEIF FIND(\"t\") = 1 THEN\n  TALK 2\nEND IF\n");
        assertThat(elseIf)
                .extracting(Diagnostic::kind, Diagnostic::line)
                .containsExactly(tuple(DiagnosticKind.CALL_IN_EXPRESSION, 3));
    }

    @Test
    void callsEvaluatedConditionallyOrRepeatedlyStayErrors() {
        String script = String.join(
                "\n",
                "DO WHILE FIND(\"t\") = 1",
                "LOOP",
                "ok = x OR FIND(\"t\")",
                "v = IIF(x, FIND \"t\", 0)",
                "w = x ? FIND(\"t\") : 0",
                "FOR i = 1 TO FIND(\"t\")",
                "NEXT",
                "SELECT CASE x",
                "  CASE FIND(\"t\")",
                "END SELECT",
                "");

        assertThat(diagnostics(script))
                .extracting(Diagnostic::kind, Diagnostic::line)
                .containsExactly(
                        tuple(DiagnosticKind.CALL_IN_EXPRESSION, 1),
                        tuple(DiagnosticKind.CALL_IN_EXPRESSION, 3),
                        tuple(DiagnosticKind.CALL_IN_EXPRESSION, 4),
                        tuple(DiagnosticKind.CALL_IN_EXPRESSION, 5),
                        tuple(DiagnosticKind.CALL_IN_EXPRESSION, 6),
                        tuple(DiagnosticKind.CALL_IN_EXPRESSION, 9));
    }

    @Test
    void aStatementKeywordInsideAnExpressionIsStillReported() {
        assertThat(diagnostics("x = \"a\" + SET BOT MEMORY(\"k\", 1)\n"))
                .extracting(Diagnostic::kind)
                .containsExactly(DiagnosticKind.CALL_IN_EXPRESSION);
    }

    @Test
    void anAssignmentStartingWithAKeywordCallInParenthesesHoistsIt() {
        List<Step> steps = steps("x = GET BOT MEMORY(\"a\") + \"b\"\n");

        assertThat(steps).hasSize(2);
        assertThat(invoke(steps.get(0)).keyword()).isEqualTo("GET BOT MEMORY");
        assertThat(((Step.Assign) steps.get(1)).value().tree())
                .isEqualTo(new Expr.Binary(Expr.BinaryOperator.ADD, new Expr.Variable("$effect1"), Scripts.lit("b")));
    }
}
