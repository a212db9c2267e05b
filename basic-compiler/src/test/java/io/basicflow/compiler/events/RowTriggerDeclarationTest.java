package io.basicflow.compiler.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The table triggers a script declares, each with the text it runs as (lines kept where they were). */
class RowTriggerDeclarationTest {

    private static final String SCRIPT = """
            ' orders.bas
            ON INSERT OF "orders"
                TALK "new order " + params.new.id
            END ON
            on delete of "Orders"
                CALL Audit
            END ON
            ON "lead:created"
                TALK "an event handler, not a trigger"
            END ON
            ON UPDATE OF "stock"
            TALK "stock changed " + params.new.sku
            SUB Audit
                TALK "audit"
            END SUB
            """;

    @Test
    void blockAndOneLineFormsAreFoundWithTheirLines() {
        List<RowTriggerDeclaration> found = RowTriggerDeclaration.declaredIn("orders.bas", SCRIPT);

        assertThat(found)
                .extracting(
                        RowTriggerDeclaration::operation,
                        RowTriggerDeclaration::table,
                        RowTriggerDeclaration::line,
                        RowTriggerDeclaration::firstBodyLine,
                        RowTriggerDeclaration::lastBodyLine)
                .containsExactly(
                        tuple("INSERT", "orders", 2, 3, 3),
                        tuple("DELETE", "Orders", 5, 6, 6),
                        tuple("UPDATE", "stock", 11, 12, 16));
    }

    @Test
    void aTriggersTextIsItsBodyAndTheSubsWithEveryOtherLineBlank() {
        List<RowTriggerDeclaration> found = RowTriggerDeclaration.declaredIn("orders.bas", SCRIPT);

        List<String> insert = found.get(0).source().lines().toList();
        assertThat(insert.get(2)).isEqualTo("    TALK \"new order \" + params.new.id");
        assertThat(insert.get(12)).isEqualTo("SUB Audit");
        assertThat(String.join("\n", insert))
                .doesNotContain("ON ")
                .doesNotContain("stock")
                .doesNotContain("event");

        List<String> oneLine = found.get(2).source().lines().toList();
        assertThat(oneLine.get(10)).as("the ON line itself is blank").isEmpty();
        assertThat(oneLine.get(11)).isEqualTo("TALK \"stock changed \" + params.new.sku");
    }

    @Test
    void aOneLineTriggerEndsWhereTheNextTriggerStarts() {
        List<RowTriggerDeclaration> found =
                RowTriggerDeclaration.declaredIn("a.bas", "ON INSERT OF \"a\"\nTALK 1\nON DELETE OF \"b\"\nTALK 2\n");

        assertThat(found)
                .extracting(
                        RowTriggerDeclaration::table,
                        RowTriggerDeclaration::firstBodyLine,
                        RowTriggerDeclaration::lastBodyLine)
                .containsExactly(tuple("a", 2, 2), tuple("b", 4, 5));
        assertThat(found.get(0).source()).doesNotContain("TALK 2");
    }
}
