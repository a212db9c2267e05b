package io.basicflow.compiler;

import static io.basicflow.compiler.Scripts.diagnostics;
import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.diagnostics.Diagnostic;
import io.basicflow.compiler.diagnostics.DiagnosticKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Event handlers ({@code ON "event" … END ON}) are declarations the script's own run skips; General Bots'
 * table triggers are declarations too; the folder and mail triggers are reported as not supported yet (an unknown keyword naming what to write
 * instead), with their blocks skipped, so that {@code check} lists them and checks the rest.
 */
class OnTriggersTest {

    @Test
    void eventHandlersAreDeclarationsTheScriptsOwnRunSkipsAndTheirBodiesAreChecked() {
        List<Diagnostic> found = diagnostics("""
                ON EVENT "approval_received" DO
                  TALK "Manager approval received"
                END ON

                ON "pricing:viewed"
                    FROBNICATE params.lead_id
                END ON
                ON "new_message" CALL HandleMessage
                TALK "main"
                FROBNICATE 3
                ON EVENT who DO
                END ON
                """);

        assertThat(found).extracting(Diagnostic::line).containsExactly(10, 11, 6, 8);
        assertThat(found.get(3).message())
                .as("the CALL form's SUB does not exist")
                .containsIgnoringCase("no SUB or FUNCTION named HandleMessage");
        assertThat(found.get(3).column())
                .as("at HandleMessage of the script's line")
                .isEqualTo(23);
        assertThat(found.get(3).sourceLine()).isEqualTo("ON \"new_message\" CALL HandleMessage");
        assertThat(found.get(0).subject()).contains("FROBNICATE");
        assertThat(found.get(1).subject()).contains("ON EVENT");
        assertThat(found.get(1).message()).contains("name the event with a string");
        assertThat(found.get(2).subject())
                .as("an error inside a handler, at its line")
                .contains("FROBNICATE");

        assertThat(Scripts.steps("""
                        ON "lead:created"
                            TALK "never inline"
                        END ON
                        TALK "main"
                        """))
                .singleElement()
                .isInstanceOfSatisfying(
                        io.basicflow.spi.program.Step.Talk.class,
                        talk -> assertThat(talk.span().line()).isEqualTo(4));
    }

    @Test
    void folderAndMailTriggersAreReportedWithOrWithoutAnEndOn() {
        List<Diagnostic> found = diagnostics("""
                ON CHANGE "/var/uploads/incoming" EVENTS "create"
                    TALK "changed"
                END ON
                ON EMAIL "support@example.com" FROM "x@example.com"
                TALK "after a trigger without a block"
                ON ERROR RESUME NEXT
                """);

        assertThat(found).extracting(d -> d.subject().orElse("")).containsExactly("ON CHANGE", "ON EMAIL");
        assertThat(found).extracting(Diagnostic::line).containsExactly(1, 4);
        assertThat(found).allSatisfy(d -> assertThat(d.kind()).isEqualTo(DiagnosticKind.UNKNOWN_KEYWORD));
    }

    @Test
    void tableTriggersAreDeclarationsWithABlockOrTheRestOfTheScriptAndTheirBodiesAreChecked() {
        List<Diagnostic> found = diagnostics("""
                TALK "main"
                ON INSERT OF "orders"
                    FROBNICATE params.new.id
                END ON
                ON DELETE OF orders
                ON UPDATE OF "stock" NOW
                ON UPDATE OF "stock"
                TALK "the rest of the script is the body"
                FROBNICATE 2
                """);

        assertThat(found).extracting(Diagnostic::line).containsExactly(5, 6, 3, 9);
        assertThat(found.get(0).message()).contains("needs the table's name in quotes");
        assertThat(found.get(1).message()).contains("expected the end of the line after ON UPDATE OF");
        assertThat(found.get(2).subject()).contains("FROBNICATE");
        assertThat(found.get(3).subject())
                .as("an error in the one-line form's body")
                .contains("FROBNICATE");

        assertThat(Scripts.steps("""
                        TALK "main"
                        ON INSERT OF "orders"
                            TALK "never inline"
                        END ON
                        TALK "after"
                        ON UPDATE OF "orders"
                        TALK "never inline either"
                        """)).extracting(step -> step.span().line()).containsExactly(1, 5);
    }

    @Test
    void anEndOnOutsideTheBuiltInBlockOfTheTriggerDoesNotCloseIt() {
        List<Diagnostic> found = diagnostics("IF a THEN\n  ON EVENT \"x\" DO\nEND IF\nEND ON\n");

        assertThat(found.getFirst().kind()).isEqualTo(DiagnosticKind.SYNTAX);
        assertThat(found.getFirst().message())
                .contains("has no END ON (or whose IF/FOR/DO blocks do not close inside it)");
        assertThat(found).extracting(Diagnostic::kind).contains(DiagnosticKind.UNMATCHED_BLOCK_END);
    }

    @Test
    void aVariableOrErrorHandlingNamedLikeATriggerIsUntouched() {
        assertThat(Scripts.steps("on_event = 1\nON ERROR RESUME NEXT\nTALK on_event\n"))
                .hasSize(3);
    }
}
