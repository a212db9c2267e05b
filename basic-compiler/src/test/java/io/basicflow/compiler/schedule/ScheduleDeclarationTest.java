package io.basicflow.compiler.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.basicflow.compiler.CompilationResult;
import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.diagnostics.Diagnostic;
import io.basicflow.compiler.diagnostics.DiagnosticKind;
import io.basicflow.spi.program.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleDeclarationTest {

    private static final ScriptService COMPILER = new ScriptService(KeywordCatalogue.empty());

    @Test
    void theDeclarationsOfAScriptAreFoundWithTheirLines() {
        String source = """
                ' nightly sync
                SET SCHEDULE "0 30 22 * * *"
                REM SET SCHEDULE "every minute"
                ' SET SCHEDULE "every hour"
                set schedule "every monday at 9am"
                SET SCHEDULE "0 30 22 * * *"
                TALK "SET SCHEDULE \\"hourly\\""
                SET SCHEDULE "0 6 * * *" "jobs.bas"
                """;

        assertThat(ScheduleDeclaration.declaredIn("sync.bas", source))
                .extracting(d -> d.expression().cron().text(), ScheduleDeclaration::line, ScheduleDeclaration::column)
                .containsExactly(tuple("0 30 22 * * *", 2, 14), tuple("0 9 * * 1", 5, 14));
    }

    @Test
    void aDeclarationCompilesToNoStepAndTheScriptStillRuns() {
        CompilationResult result = COMPILER.check("report.bas", """
                SET SCHEDULE "every day at 9am"
                TALK "report"
                """);

        assertThat(result.diagnostics()).isEmpty();
        List<Step> body = result.plan().orElseThrow().program().body();
        assertThat(body).singleElement().isInstanceOf(Step.Talk.class);
    }

    @Test
    void aWrongExpressionIsASyntaxErrorAtItsString() {
        List<Diagnostic> diagnostics = COMPILER.check("report.bas", """
                TALK "report"
                SET SCHEDULE "every fortnight"
                """).diagnostics();

        assertThat(diagnostics)
                .extracting(Diagnostic::line, Diagnostic::column, Diagnostic::kind)
                .containsExactly(tuple(2, 14, DiagnosticKind.SYNTAX));
        assertThat(diagnostics.getFirst().message()).startsWith("SET SCHEDULE: 'every fortnight' is neither a cron");
        assertThat(ScheduleDeclaration.declaredIn("report.bas", "SET SCHEDULE \"every fortnight\"\n"))
                .isEmpty();
    }

    @Test
    void aDeclarationInsideAOneLineIfIsRefused() {
        List<Diagnostic> diagnostics =
                COMPILER.check("r.bas", "IF a THEN SET SCHEDULE \"hourly\"\n").diagnostics();

        assertThat(diagnostics).extracting(Diagnostic::line, Diagnostic::column).containsExactly(tuple(1, 11));
        assertThat(diagnostics.getFirst().message()).contains("cannot stand inside a one-line IF");
    }
}
