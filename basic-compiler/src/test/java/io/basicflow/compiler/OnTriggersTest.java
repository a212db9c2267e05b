package io.basicflow.compiler;

import static io.basicflow.compiler.Scripts.diagnostics;
import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.diagnostics.Diagnostic;
import io.basicflow.compiler.diagnostics.DiagnosticKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * General Bots' {@code ON} triggers are reported as not supported yet (an unknown keyword naming what to
 * write instead), with their blocks skipped, so that {@code check} lists them and checks the rest.
 */
class OnTriggersTest {

    @Test
    void onEventBlocksAreReportedOnceEachAndTheRestOfTheScriptIsChecked() {
        List<Diagnostic> found = diagnostics("""
                ON EVENT "approval_received" DO
                  TALK "Manager approval received"
                END ON

                ON EVENT "timeout_occurred" DO
                  TALK "escalating"
                END ON
                TALK "main"
                FROBNICATE 3
                """);

        assertThat(found).hasSize(3);
        assertThat(found.subList(0, 2)).allSatisfy(d -> {
            assertThat(d.kind()).isEqualTo(DiagnosticKind.UNKNOWN_KEYWORD);
            assertThat(d.subject()).contains("ON EVENT");
            assertThat(d.message())
                    .contains("ON EVENT \"name\" DO … END ON")
                    .contains("not supported by basicflow yet")
                    .contains("WAIT FOR EVENT");
        });
        assertThat(found).extracting(Diagnostic::line).containsExactly(1, 5, 9);
    }

    @Test
    void tableFolderAndMailTriggersAreReportedWithOrWithoutAnEndOn() {
        List<Diagnostic> found = diagnostics("""
                ON INSERT OF "orders"
                    order = 1
                    TALK "new order"
                END ON
                ON UPDATE OF "stock"
                TALK "after a trigger without a block"
                ON CHANGE "/var/uploads/incoming" EVENTS "create"
                    TALK "changed"
                END ON
                ON EMAIL "support@example.com" FROM "x@example.com"
                    TALK "mail"
                END ON
                ON ERROR RESUME NEXT
                """);

        assertThat(found)
                .extracting(d -> d.subject().orElse(""))
                .containsExactly("ON INSERT", "ON UPDATE", "ON CHANGE", "ON EMAIL");
        assertThat(found).extracting(Diagnostic::line).containsExactly(1, 5, 7, 10);
        assertThat(found).allSatisfy(d -> assertThat(d.kind()).isEqualTo(DiagnosticKind.UNKNOWN_KEYWORD));
        assertThat(found.getFirst().message()).contains("a trigger that runs when a row is inserted");
    }

    @Test
    void anEndOnOutsideTheBuiltInBlockOfTheTriggerDoesNotCloseIt() {
        List<Diagnostic> found = diagnostics("IF a THEN\n  ON EVENT \"x\" DO\nEND IF\nEND ON\n");

        assertThat(found)
                .extracting(Diagnostic::kind)
                .containsExactly(DiagnosticKind.UNKNOWN_KEYWORD, DiagnosticKind.UNMATCHED_BLOCK_END);
    }

    @Test
    void aVariableOrErrorHandlingNamedLikeATriggerIsUntouched() {
        assertThat(Scripts.steps("on_event = 1\nON ERROR RESUME NEXT\nTALK on_event\n"))
                .hasSize(3);
    }
}
