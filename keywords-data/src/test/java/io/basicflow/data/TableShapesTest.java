package io.basicflow.data;

import static io.basicflow.data.DataEngines.assertCompleted;
import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * keywords-data.md's "data analysis" forms on a bot's tables ({@code GROUP BY "sales" ON category},
 * {@code PIVOT "sales" ROWS month COLUMNS product VALUES SUM(amount)}, {@code JOIN "orders" WITH
 * "customers" ON customer_id = id}) and {@code GROUP BY list ON field}, in a direct and a durable run on
 * a real PostgreSQL; names and clauses that try to reach further are refused and change nothing.
 */
@ExtendWith(PostgresExtension.class)
class TableShapesTest {

    static final String SCRIPT = """
            INSERT INTO "sales" WITH category = "toys", month = "Jan", product = "Ball", amount = 10
            INSERT INTO "sales" WITH category = "toys", month = "Jan", product = "Kite", amount = 4
            INSERT INTO "sales" WITH category = "books", month = "Feb", product = "Ball", amount = 6
            INSERT INTO "sales" WITH category = "toys", month = "Feb", product = "Ball", amount = 1
            by_category = GROUP BY "sales" ON category
            FOR EACH group IN by_category
                TALK group.category + ": " + group.count + " sales, first " + group.items[0].product
            NEXT
            monthly = PIVOT "sales" ROWS month COLUMNS product VALUES SUM(amount)
            FOR EACH m IN monthly
                TALK m.month + " Ball=" + m.Ball + " Kite=" + m.Kite
            NEXT
            most = PIVOT "sales" ROWS category COLUMNS month VALUES MAX(amount)
            TALK most[0].row_header + " Jan " + most[0].Jan + " Feb " + most[0].Feb
            INSERT INTO "customers" WITH name = "Ana", city = "Recife"
            INSERT INTO "customers" WITH name = "Rui", city = "Braga"
            INSERT INTO "orders" WITH customer_id = 2, product = "Kite"
            INSERT INTO "orders" WITH customer_id = 1, product = "Ball"
            INSERT INTO "orders" WITH customer_id = 1, product = "Lamp"
            order_details = JOIN "orders" WITH "customers" ON customer_id = id
            FOR EACH detail IN order_details
                TALK detail.name + " ordered " + detail.product + " (order " + detail.id + ", customer " + detail.customers_id + ")"
            NEXT
            qualified = JOIN "orders" WITH "customers" ON orders.customer_id = customers.id
            TALK "qualified: " + LEN(qualified)
            enriched = [#{quarter: "Q1", total: 5}, #{quarter: "Q2", total: 7}, #{quarter: "Q1", total: 1}]
            quarterly_totals = GROUP BY enriched ON quarter
            TALK quarterly_totals[0].key + " " + quarterly_totals[0].count + ", " + quarterly_totals[1].key
            """;

    @Test
    void theDataAnalysisFormsGiveTheSameMessagesDirectAndDurable(TestDatabase database) throws Exception {
        DataEngines.Run direct = DataEngines.direct(database, "analysisdirect/start.bas", SCRIPT, List.of());
        assertCompleted(direct);
        assertThat(direct.messages())
                .containsExactly(
                        "toys: 3 sales, first Ball",
                        "books: 1 sales, first Ball",
                        "Jan Ball=10 Kite=4",
                        "Feb Ball=7 Kite=",
                        "toys Jan 10 Feb 1",
                        "Rui ordered Kite (order 1, customer 2)",
                        "Ana ordered Ball (order 2, customer 1)",
                        "Ana ordered Lamp (order 3, customer 1)",
                        "qualified: 3",
                        "Q1 2, Q2");
        try (DurableFixture engine = DataEngines.fixture(database)) {
            DataEngines.Run durable = DataEngines.durable(engine, "analysisdurable/start.bas", SCRIPT, Map.of());
            assertCompleted(durable);
            assertThat(durable.messages()).isEqualTo(direct.messages());
        }
    }

    @Test
    void joinMeetStaysAnUnknownKeywordAndAJoinWithoutWithFailsItsLine(TestDatabase database) {
        io.basicflow.compiler.ScriptService compiler = new io.basicflow.compiler.ScriptService(
                io.basicflow.compiler.catalogue.KeywordCatalogue.of(DataEngines.plugins()));
        assertThat(compiler.check("meet.bas", "JOIN MEET room_id\n").diagnostics())
                .singleElement()
                .satisfies(d -> assertThat(d.toString()).contains("unknown keyword JOIN MEET"));
        DataEngines.Run run =
                DataEngines.direct(database, "analysisjoin/start.bas", "x = JOIN \"a\" ON b = c\n", List.of());
        assertThat(run.outcome()).startsWith("FAILED analysisjoin/start.bas:1:").contains("WITH \"customers\"");
    }

    @Test
    void clausesAndNamesThatReachFurtherAreRefusedAndChangeNothing(TestDatabase database) throws Exception {
        String setup = "INSERT INTO \"ledger\" WITH category = \"a\", month = \"Jan\", amount = 1, customer_id = 1\n";
        List<String> attempts = List.of(
                "x = GROUP BY \"ledger\" ON category OR 1=1",
                "x = GROUP BY \"bot_other.secrets\" ON category",
                "x = GROUP BY \"pg_user\" ON usename",
                "x = PIVOT \"ledger\" ROWS month COLUMNS category VALUES SUM(amount) FROM pg_user",
                "x = PIVOT \"ledger\" ROWS month COLUMNS category VALUES SUM(amount); DROP TABLE ledger",
                "x = JOIN \"ledger\" WITH \"pg_user\" ON customer_id = usesysid",
                "x = JOIN \"ledger\" WITH \"ledger\" ON customer_id = id OR 1 = 1",
                "x = JOIN \"ledger\" WITH \"ledger\" ON pg_user.usesysid = ledger.id");
        for (int i = 0; i < attempts.size(); i++) {
            String name = "analysisattack/s" + i + ".bas";
            DataEngines.Run run = DataEngines.direct(database, name, setup + attempts.get(i) + "\n", List.of());
            assertThat(run.outcome()).as(attempts.get(i)).startsWith("FAILED " + name + ":2:");
        }
        assertThat(DataEngines.rows(database, "bot_analysisattack", "ledger")).hasSize(attempts.size());
    }
}
