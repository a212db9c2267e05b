package io.basicflow.compiler.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The handlers a script declares, each with the text it runs as (lines kept where they were). */
class EventHandlerDeclarationTest {

    private static final String SCRIPT = """
            ' scoring.bas
            ON "webinar:attended"
                TALK "webinar " + params.lead_id
            END ON
            ON EVENT "approval_received" DO
              TALK "approved"
            END ON
            ON "new_message" CALL HandleMessage
            TALK "main body"
            SUB HandleMessage
                TALK "message " + params.text
            END SUB
            """;

    @Test
    void theThreeFormsAreFoundWithTheirLines() {
        List<EventHandlerDeclaration> found = EventHandlerDeclaration.declaredIn("scoring.bas", SCRIPT);

        assertThat(found)
                .extracting(
                        EventHandlerDeclaration::event,
                        EventHandlerDeclaration::line,
                        EventHandlerDeclaration::firstBodyLine,
                        EventHandlerDeclaration::lastBodyLine)
                .containsExactly(
                        tuple("webinar:attended", 2, 3, 3),
                        tuple("approval_received", 5, 6, 6),
                        tuple("new_message", 8, 8, 8));
    }

    @Test
    void aHandlersTextIsItsBodyAndTheSubsWithEveryOtherLineBlank() {
        List<EventHandlerDeclaration> found = EventHandlerDeclaration.declaredIn("scoring.bas", SCRIPT);

        List<String> webinar = found.get(0).source().lines().toList();
        assertThat(webinar.get(2)).isEqualTo("    TALK \"webinar \" + params.lead_id");
        assertThat(webinar.get(8)).as("the main body is not the handler's").isEmpty();
        assertThat(webinar.get(9)).isEqualTo("SUB HandleMessage");
        assertThat(String.join("\n", webinar)).doesNotContain("approved").doesNotContain("ON ");

        List<String> call = found.get(2).source().lines().toList();
        assertThat(call.get(7)).as("where the script writes it").isEqualTo("                 CALL HandleMessage");
        assertThat(call.get(10)).isEqualTo("    TALK \"message \" + params.text");
    }

    @Test
    void aHandlerWithoutEndOnOrInsideASubIsNoHandler() {
        assertThat(EventHandlerDeclaration.declaredIn("a.bas", "ON \"x\"\nTALK 1\n"))
                .isEmpty();
        assertThat(EventHandlerDeclaration.declaredIn("a.bas", "SUB S\nON \"x\" CALL T\nEND SUB\n"))
                .isEmpty();
        assertThat(EventHandlerDeclaration.declaredIn("a.bas", "ON ERROR RESUME NEXT\nTALK \"ON \"\n"))
                .isEmpty();
    }
}
