package io.basicflow.compiler;

import static io.basicflow.compiler.Scripts.diagnostics;
import static io.basicflow.compiler.Scripts.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.diagnostics.Diagnostic;
import io.basicflow.compiler.diagnostics.DiagnosticKind;
import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Step;
import org.junit.jupiter.api.Test;

/** {@code SET KEYWORD name AS value} and {@code SET KEYWORD name = value} mean {@code SET KEYWORD name, value}. */
class NameValueFormsTest {

    private static Step.Invoke invoke(String script) {
        return (Step.Invoke) step(script);
    }

    @Test
    void asAndEqualsSeparateTheNameFromTheValueLikeAComma() {
        Step.Invoke comma = invoke("SET BOT MEMORY \"k\", a = 1\n");
        Step.Invoke as = invoke("Set BOT MEMORY \"k\" As a = 1\n");
        Step.Invoke equals = invoke("SET BOT MEMORY \"k\" = a = 1\n");

        for (Step.Invoke call : new Step.Invoke[] {as, equals}) {
            assertThat(call.keyword()).isEqualTo("SET BOT MEMORY");
            assertThat(call.arguments()).extracting(Step.Argument::parameter).containsExactly("key", "value");
            assertThat(call.arguments().get(0).value().tree()).isEqualTo(Scripts.lit("k"));
            // the value is the whole rest: a comparison there is still a comparison
            assertThat(call.arguments().get(1).value().tree())
                    .isEqualTo(comma.arguments().get(1).value().tree());
            assertThat(call.arguments().get(1).value().tree()).isInstanceOf(Expr.Binary.class);
        }
    }

    @Test
    void aMissingValueAfterAsIsReported() {
        assertThat(diagnostics("SET BOT MEMORY \"k\" AS\n"))
                .extracting(Diagnostic::kind)
                .containsExactly(DiagnosticKind.ARGUMENT_COUNT);
    }

    @Test
    void otherKeywordsKeepEqualsAsAComparison() {
        Step.Invoke save = invoke("SAVE \"t\", a = 1\n");
        assertThat(save.arguments().get(1).value().tree()).isInstanceOf(Expr.Binary.class);
        assertThat(diagnostics("SAVE \"t\" AS 1\n")).isNotEmpty();
    }

    @Test
    void rememberReadsTheSameWayWithItsOptionalDurationStillAfterAComma() {
        Step.Invoke equals = invoke("REMEMBER \"po_\" + id = po\n");
        assertThat(equals.keyword()).isEqualTo("REMEMBER");
        assertThat(equals.arguments()).extracting(Step.Argument::parameter).containsExactly("key", "value");
        assertThat(equals.arguments().get(0).value().tree()).isInstanceOf(Expr.Binary.class);
        assertThat(equals.arguments().get(1).value().tree()).isInstanceOf(Expr.Variable.class);

        Step.Invoke withDuration = invoke("REMEMBER \"k\" AS v, \"1 day\"\n");
        assertThat(withDuration.arguments())
                .extracting(Step.Argument::parameter)
                .containsExactly("key", "value", "duration");
    }
}
