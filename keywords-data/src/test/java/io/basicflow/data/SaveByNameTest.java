package io.basicflow.data;

import static io.basicflow.data.DataEngines.assertCompleted;
import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code SAVE "table", id, var1, var2, …} (keyword-save.md's second form): the variables' names are the
 * columns. The same script in a direct and a durable run on a real PostgreSQL leaves the same rows and
 * says the same; the one-map form still works; an argument that is no variable is a compile error.
 */
@ExtendWith(PostgresExtension.class)
class SaveByNameTest {

    static final String SCRIPT = """
            ' a sign-up form's answers, saved under their own names
            customerName = "Rita Prado"
            email = "rita@example.com"
            phone = "+55 81 98888-0000"
            SAVE "clients", "C-1", customerName, email, phone
            ' one variable that is no map is a one-column row: only status changes
            status = "pending"
            SAVE "clients", "C-1", status
            ' one variable holding a map is the map form: its keys are the columns
            profile = #{"customerName": "Caio Lins", "email": "caio@example.com", "status": "new"}
            SAVE "clients", "C-2", profile
            ' a field of a map saves under the field's name, as General Bots' scripts save item.customerName
            answers = #{city: "Olinda", answeredAt: "09:30"}
            SAVE "clients", "C-2", answers.city, answers.answeredAt
            ' an order with a number, saved twice: the second SAVE updates the row
            order_id = "ORD-7"
            total = 150.5
            status = "pending"
            SAVE "orders", order_id, customerName, total, status
            status = "shipped"
            tracking = "TR-1"
            SAVE "orders", order_id, status, tracking
            clients = FIND "clients" ORDER BY id
            FOR EACH c IN clients
                TALK c.id + ": " + c.customername + " <" + c.email + "> " + c.phone + " " + c.status
            NEXT
            TALK "C-2 city: " + clients[1].city + " at " + clients[1].answeredat
            o = FIND "orders"
            TALK o[0].id + " " + o[0].customername + " " + o[0].total + " " + o[0].status + " " + o[0].tracking
            """;

    @Test
    void variablesNamesAreTheColumnsDirectAndDurable(TestDatabase database) throws Exception {
        DataEngines.Run direct = DataEngines.direct(database, "savedirect/start.bas", SCRIPT, List.of());
        assertCompleted(direct);
        assertThat(direct.messages())
                .containsExactly(
                        "C-1: Rita Prado <rita@example.com> +55 81 98888-0000 pending",
                        "C-2: Caio Lins <caio@example.com>  new",
                        "C-2 city: Olinda at 09:30",
                        "ORD-7 Rita Prado 150.5 shipped TR-1");
        try (DurableFixture engine = DataEngines.fixture(database)) {
            DataEngines.Run durable = DataEngines.durable(engine, "savedurable/start.bas", SCRIPT, Map.of());
            assertCompleted(durable);
            assertThat(durable.messages()).isEqualTo(direct.messages());
        }
        for (String table : List.of("clients", "orders")) {
            assertThat(DataEngines.rows(database, "bot_savedurable", table))
                    .isEqualTo(DataEngines.rows(database, "bot_savedirect", table));
        }
        assertThat(DataEngines.rows(database, "bot_savedirect", "orders"))
                .containsExactly("id=ORD-7, customername=Rita Prado, total=150.5, status=shipped, tracking=TR-1");
    }

    @Test
    void anArgumentThatIsNoVariableIsACompileErrorAtItsPlace() {
        ScriptService compiler = new ScriptService(KeywordCatalogue.of(DataEngines.plugins()));
        String source = "email = \"a@b.c\"\nSAVE \"clients\", \"C-1\", UPPER(email), email\n";
        assertThat(compiler.check("form.bas", source).diagnostics())
                .singleElement()
                .satisfies(d -> assertThat(d.toString())
                        .startsWith("form.bas:2:24:")
                        .contains("UPPER(email) is no variable or field")
                        .contains("write it into a variable first"));
        assertThat(compiler.check("sum.bas", "n = 1\nSAVE \"t\", 1, n, n + 1\n").diagnostics())
                .singleElement()
                .satisfies(d ->
                        assertThat(d.toString()).startsWith("sum.bas:2:17:").contains("n + 1 is no variable or field"));
        // one argument after the id may be any expression: the map form
        assertThat(compiler.check("map.bas", "SAVE \"t\", 1, #{a: 1}\n").diagnostics())
                .isEmpty();
    }

    @Test
    void oneValueWithoutANameFailsItsStepSayingHowToNameIt(TestDatabase database) {
        DataEngines.Run run =
                DataEngines.direct(database, "saveerrors/start.bas", "SAVE \"t\", 1, \"loose\"\n", List.of());
        assertThat(run.outcome())
                .startsWith("FAILED saveerrors/start.bas:1:")
                .contains("has no column name")
                .contains("#{status: …}");
        DataEngines.Run twice = DataEngines.direct(
                database, "saveerrors/twice.bas", "name = 1\nNAME = 2\nSAVE \"t\", 1, name, NAME\n", List.of());
        assertThat(twice.outcome()).startsWith("FAILED saveerrors/twice.bas:3:");
    }
}
