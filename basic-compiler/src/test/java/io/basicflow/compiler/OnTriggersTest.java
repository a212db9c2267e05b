package io.basicflow.compiler;

import static io.basicflow.compiler.Scripts.diagnostics;
import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.diagnostics.Diagnostic;
import io.basicflow.compiler.diagnostics.DiagnosticKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Event handlers ({@code ON "event" … END ON}) are declarations the script's own run skips; General Bots'
 * table triggers and the mail and folder monitors ({@code ON EMAIL}, {@code ON CHANGE}) are declarations too,
 * with their lines checked at compile time; {@code GET LAST "name"} reads the event in {@code params}.
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
    void mailAndFolderMonitorsAreDeclarationsWithABlockOrTheRestOfTheScriptAndTheirBodiesAreChecked() {
        String script = """
                TALK "main"
                ON EMAIL "support@example.com" FROM "boss@" SUBJECT "urgent"
                    FROBNICATE params.subject
                END ON
                ON CHANGE "uploads/incoming" EVENTS "create, modify"
                TALK "the rest of the script is the body"
                FROBNICATE 2
                """;
        List<Diagnostic> found = diagnostics(script);

        assertThat(found).extracting(Diagnostic::line).containsExactly(3, 7);
        assertThat(found).allSatisfy(d -> assertThat(d.subject()).contains("FROBNICATE"));

        assertThat(Scripts.steps("""
                        TALK "main"
                        ON EMAIL "support@example.com"
                            TALK "never inline"
                        END ON
                        TALK "after"
                        ON CHANGE "uploads"
                        TALK "never inline either"
                        """)).extracting(step -> step.span().line()).containsExactly(1, 5);

        List<io.basicflow.compiler.events.MonitorDeclaration> monitors =
                io.basicflow.compiler.events.MonitorDeclaration.declaredIn("test.bas", script);
        assertThat(monitors).hasSize(2);
        assertThat(monitors.get(0).kind()).isEqualTo("EMAIL");
        assertThat(monitors.get(0).target()).isEqualTo("support@example.com");
        assertThat(monitors.get(0).clause("FROM")).contains("boss@");
        assertThat(monitors.get(0).clause("SUBJECT")).contains("urgent");
        assertThat(monitors.get(0).firstBodyLine()).isEqualTo(3);
        assertThat(monitors.get(0).lastBodyLine()).isEqualTo(3);
        assertThat(monitors.get(1).kind()).isEqualTo("CHANGE");
        assertThat(monitors.get(1).target()).isEqualTo("uploads/incoming");
        assertThat(monitors.get(1).clause("EVENTS")).contains("create, modify");
        assertThat(monitors.get(1).firstBodyLine()).isEqualTo(6);
        assertThat(monitors.get(1).lastBodyLine()).isEqualTo(8);
        assertThat(monitors.get(1).source().split("\n", -1))
                .as("the body keeps the script's line numbers")
                .containsExactly("", "", "", "", "", "TALK \"the rest of the script is the body\"", "FROBNICATE 2", "");
    }

    @Test
    void aOneLineTableTriggerEndsWhereAMonitorStarts() {
        String script = """
                ON INSERT OF "orders"
                TALK "order"
                ON EMAIL "a@example.com"
                TALK "mail"
                """;
        assertThat(io.basicflow.compiler.events.RowTriggerDeclaration.declaredIn("test.bas", script))
                .singleElement()
                .satisfies(t -> assertThat(t.lastBodyLine()).isEqualTo(2));
        assertThat(io.basicflow.compiler.events.MonitorDeclaration.declaredIn("test.bas", script))
                .singleElement()
                .satisfies(m -> assertThat(m.firstBodyLine()).isEqualTo(4));
    }

    @Test
    void badMonitorLinesAreErrorsAtTheirLineAndColumn() {
        List<Diagnostic> found = diagnostics("""
                ON EMAIL support
                ON EMAIL "a@example.com" TO "x"
                ON EMAIL "a@example.com" FROM x
                ON EMAIL "a@example.com" FROM "x" FROM "y"
                ON CHANGE "../uploads"
                ON CHANGE "account://me@gmail.com/Docs"
                ON CHANGE "uploads" EVENTS "create, rename"
                ON CHANGE "/var/uploads"
                """);

        assertThat(found).extracting(Diagnostic::line).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(found).extracting(Diagnostic::column).containsExactly(10, 26, 31, 35, 11, 11, 28, 11);
        assertThat(found.get(0).message()).contains("ON EMAIL needs the monitored address in quotes");
        assertThat(found.get(1).message())
                .contains("expected FROM \"sender\", SUBJECT \"pattern\" or the end of the line");
        assertThat(found.get(2).message()).contains("FROM needs its text in quotes");
        assertThat(found.get(3).message()).contains("ON EMAIL has FROM twice");
        assertThat(found.get(4).message()).contains("leaves the bot's storage folder");
        assertThat(found.get(5).message()).contains("account:// folders are not reachable from basicflow");
        assertThat(found.get(6).message()).contains("a renamed or moved file is a delete of the old path and a create");
        assertThat(found.get(7).message()).contains("inside the bot's storage folder");
        assertThat(found).allSatisfy(d -> assertThat(d.kind()).isEqualTo(DiagnosticKind.SYNTAX));
    }

    @Test
    void aRefusedFolderWithItsBlockIsOneErrorNotAlsoAnEndOnWithoutOn() {
        List<Diagnostic> found = diagnostics("""
                ON CHANGE "gdrive:///archive" EVENTS "delete"
                    TALK "deleted"
                END ON
                TALK "after"
                """);

        assertThat(found).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(1);
            assertThat(d.column()).isEqualTo(11);
            assertThat(d.message())
                    .startsWith("gdrive:// folders are not reachable from basicflow")
                    .doesNotContain("found");
        });
    }

    @Test
    void getLastIsTheEventInParams() {
        assertThat(Scripts.step("e = GET LAST \"email_received_events\"\n"))
                .isInstanceOfSatisfying(
                        io.basicflow.spi.program.Step.Assign.class,
                        assign -> assertThat(assign.value().tree())
                                .isEqualTo(new io.basicflow.spi.program.Expr.Call(
                                        "TRIGGEREVENT",
                                        List.of(
                                                new io.basicflow.spi.program.Expr.Variable("params"),
                                                new io.basicflow.spi.program.Expr.Literal(
                                                        new io.basicflow.spi.value.TextValue(
                                                                "email_received_events"))))));
        assertThat(Scripts.steps("TALK GET LAST \"orders\".total\n")).hasSize(1);
    }

    @Test
    void onEventWithoutANameIsReportedWithOrWithoutAnEndOn() {
        List<Diagnostic> found = diagnostics("""
                ON EVENT approval DO
                    TALK "approved"
                END ON
                TALK "after"
                """);

        assertThat(found).extracting(d -> d.subject().orElse("")).containsExactly("ON EVENT");
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
