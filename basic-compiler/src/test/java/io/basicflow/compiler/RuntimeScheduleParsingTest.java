package io.basicflow.compiler;

import static io.basicflow.compiler.Scripts.diagnostics;
import static io.basicflow.compiler.Scripts.steps;
import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.diagnostics.Diagnostic;
import io.basicflow.compiler.schedule.ScheduleDeclaration;
import io.basicflow.spi.program.Expression;
import io.basicflow.spi.program.Orchestration;
import io.basicflow.spi.program.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The run-time {@code SET SCHEDULE when, "script.bas"} compiles to a step; the declaration stays one. */
class RuntimeScheduleParsingTest {

    private static Orchestration.ScheduleScript schedule(Step step) {
        return (Orchestration.ScheduleScript) ((Step.Orchestrate) step).action();
    }

    @Test
    void theLeadScoringFormHasADateTimeAndAScript() {
        List<Step> steps = steps(
                "IF warm THEN\n" + "    SET SCHEDULE DATEADD(NOW(), 3, \"day\"), \"nurture-day-3.bas\"\n" + "END IF\n");

        Step inner = ((Step.If) steps.getFirst()).branches().getFirst().body().getFirst();
        Orchestration.ScheduleScript schedule = schedule(inner);
        assertThat(schedule.when().text()).isEqualTo("DATEADD(NOW(), 3, \"day\")");
        assertThat(schedule.script().text()).isEqualTo("\"nurture-day-3.bas\"");
        assertThat(schedule.arguments()).isEmpty();
        assertThat(inner.span().line()).isEqualTo(2);
    }

    @Test
    void theCorpusFormsWithAVariableAndWithoutCommasCompile() {
        List<Step> steps = steps("schedule = \"0 8 * * 1\"\n"
                + "SET SCHEDULE schedule, \"generate-scheduled-report.bas\"\n"
                + "SET SCHEDULE \"0 6 * * *\" \"erp-jobs.bas\" \"inventory_reorder\"\n"
                + "SET SCHEDULE \"every day at 9am\", \"report.bas\", region, 3\n");

        assertThat(schedule(steps.get(1)).when().text()).isEqualTo("schedule");
        Orchestration.ScheduleScript erp = schedule(steps.get(2));
        assertThat(erp.when().text()).isEqualTo("\"0 6 * * *\"");
        assertThat(erp.script().text()).isEqualTo("\"erp-jobs.bas\"");
        assertThat(erp.arguments()).extracting(Expression::text).containsExactly("\"inventory_reorder\"");
        assertThat(schedule(steps.get(3)).arguments())
                .extracting(Expression::text)
                .containsExactly("region", "3");
    }

    @Test
    void theDeclarationAndAVariableNamedScheduleKeepTheirMeaning() {
        List<Step> steps = steps("SET SCHEDULE \"every hour\"\nSET schedule = \"x\"\nTALK schedule\n");

        assertThat(steps).hasSize(2);
        assertThat(steps.getFirst()).isNotInstanceOf(Step.Orchestrate.class);
        assertThat(ScheduleDeclaration.declaredIn("s.bas", "SET SCHEDULE \"0 6 * * *\" \"jobs.bas\"\n"))
                .as("a run-time registration is no declaration of the script")
                .isEmpty();
    }

    @Test
    void aScheduleInAVariableWithoutAScriptSaysWhatIsMissing() {
        List<Diagnostic> found = diagnostics("SET SCHEDULE when\n");

        assertThat(found).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(1);
            assertThat(d.column()).isEqualTo(18);
            assertThat(d.message())
                    .contains("SET SCHEDULE when needs the script to start after it")
                    .contains("SET SCHEDULE \"0 8 * * *\"");
        });
    }
}
