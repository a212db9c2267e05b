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
 * {@code AGGREGATE collection SUM|COUNT|AVERAGE|MIN|MAX [field] [WHERE …]} on a table and on a list (the
 * data plugin's keyword), next to the list function {@code AGGREGATE("SUM", list, "field")}, which keeps
 * its meaning; in a direct and a durable run of the same script on a real PostgreSQL.
 */
@ExtendWith(PostgresExtension.class)
class AggregateFormTest {

    static final String SCRIPT = """
            INSERT INTO "sales" WITH item = "pen", status = "paid", amount = 10
            INSERT INTO "sales" WITH item = "ink", status = "paid", amount = 25
            INSERT INTO "sales" WITH item = "pad", status = "open", amount = 4
            INSERT INTO "sales" WITH item = "cap", status = "open"
            wanted = "paid"
            paid = AGGREGATE "sales" SUM amount WHERE status = wanted
            everything = AGGREGATE "sales" COUNT
            priced = AGGREGATE "sales" COUNT amount
            mean = AGGREGATE "sales" AVERAGE amount WHERE amount > 3 AND status <> "gone"
            cheapest = AGGREGATE "sales" MIN amount
            dearest = AGGREGATE "sales" MAX amount WHERE status = "open"
            nothing = AGGREGATE "sales" SUM amount WHERE status = "gone"
            TALK "table: " + paid + " " + everything + " " + priced + " " + mean + " " + cheapest + " " + dearest
            TALK "none: " + ISNULL(nothing)
            rows = FIND "sales" WHERE status = "paid"
            rowsum = AGGREGATE rows SUM amount
            rowcount = AGGREGATE rows COUNT
            TALK "rows: " + rowsum + " " + rowcount
            open = AGGREGATE rows COUNT WHERE amount >= 20
            TALK "big: " + open
            IF open > 0 THEN many = AGGREGATE rows COUNT ELSE many = -1
            TALK "many: " + many
            prices = [2.5, 7.5, 5]
            total = AGGREGATE prices SUM
            top = AGGREGATE prices MAX
            average = AGGREGATE prices AVERAGE
            TALK "list: " + total + " " + top + " " + average
            old = AGGREGATE("SUM", rows, "amount")
            TALK "function: " + old + " " + AGGREGATE("MAX", rows, "amount")
            """;

    @Test
    void theTableAndListFormsGiveTheSameMessagesDirectAndDurable(TestDatabase database) throws Exception {
        DataEngines.Run direct = DataEngines.direct(database, "aggdirect/start.bas", SCRIPT, List.of());
        assertCompleted(direct);
        assertThat(direct.messages())
                .containsExactly(
                        "table: 35 4 3 13 4 4",
                        "none: true",
                        "rows: 35 2",
                        "big: 1",
                        "many: 2",
                        "list: 15 7.5 5",
                        "function: 35 25");
        try (DurableFixture engine = DataEngines.fixture(database)) {
            DataEngines.Run durable = DataEngines.durable(engine, "aggdurable/start.bas", SCRIPT, Map.of());
            assertCompleted(durable);
            assertThat(durable.messages()).isEqualTo(direct.messages());
        }
    }

    static final String GROUPED = """
            INSERT INTO "orders" WITH region = "north", status = "paid", amount = 10
            INSERT INTO "orders" WITH region = "south", status = "paid", amount = 7
            INSERT INTO "orders" WITH region = "north", status = "paid", amount = 5
            INSERT INTO "orders" WITH region = "south", status = "open", amount = 100
            by_region = AGGREGATE "orders" SUM amount GROUP BY region
            FOR EACH r IN by_region
              TALK r.region + ": " + r.sum
            NEXT
            paid = AGGREGATE "orders" COUNT WHERE status = "paid" GROUP BY region
            TALK "paid " + paid[0].region + " " + paid[0].count + ", " + paid[1].region + " " + paid[1].count
            rows = FIND "orders" WHERE status = "paid"
            listed = AGGREGATE rows MAX amount GROUP BY "region"
            TALK "list " + listed.length + " " + listed[0].region + " " + listed[0].max
            """;

    @Test
    void groupByGivesOneRowPerValueOnATableAndOnAListDirectAndDurable(TestDatabase database) throws Exception {
        // keywords-data.md: sales_by_region = AGGREGATE "sales" SUM amount GROUP BY region
        DataEngines.Run direct = DataEngines.direct(database, "agggroup/start.bas", GROUPED, List.of());
        assertCompleted(direct);
        assertThat(direct.messages())
                .containsExactly("north: 15", "south: 107", "paid north 2, south 1", "list 2 north 10");
        try (DurableFixture engine = DataEngines.fixture(database)) {
            DataEngines.Run durable = DataEngines.durable(engine, "agggroupd/start.bas", GROUPED, Map.of());
            assertCompleted(durable);
            assertThat(durable.messages()).isEqualTo(direct.messages());
        }
        DataEngines.Run unknown = DataEngines.direct(
                database,
                "agggroupx/start.bas",
                "INSERT INTO \"t\" WITH a = 1\nx = AGGREGATE \"t\" SUM a GROUP BY \"a; drop table t\"\n",
                List.of());
        assertThat(unknown.outcome()).startsWith("FAILED agggroupx/start.bas:2:");
    }

    @Test
    void anUnknownColumnOrATextColumnFailsItsLineWithTheReason(TestDatabase database) {
        String setup = "INSERT INTO \"notes\" WITH title = \"a\", size = 2\n";
        DataEngines.Run unknown = DataEngines.direct(
                database, "aggerrors/start.bas", setup + "x = AGGREGATE \"notes\" SUM weight\n", List.of());
        assertThat(unknown.outcome())
                .startsWith("FAILED aggerrors/start.bas:2:")
                .contains("no column weight");
        DataEngines.Run injected = DataEngines.direct(
                database,
                "agginject/start.bas",
                setup + "x = AGGREGATE \"notes\" SUM \"size) from pg_class; --\"\n"
                        + "y = AGGREGATE \"notes\" COUNT WHERE title IN [\"a'); drop table notes; --\", \"b\"]\n"
                        + "TALK \"counted \" + y\n",
                List.of());
        assertThat(injected.outcome()).startsWith("FAILED agginject/start.bas:2:");
        DataEngines.Run counted = DataEngines.direct(
                database,
                "agginject/start.bas",
                "y = AGGREGATE \"notes\" COUNT WHERE title IN [\"a'); drop table notes; --\", \"a\"]\n"
                        + "TALK \"counted \" + y\n",
                List.of());
        assertThat(counted.messages()).containsExactly("counted 1");
        DataEngines.Run text = DataEngines.direct(
                database, "aggerrors/text.bas", setup + "x = AGGREGATE \"notes\" SUM title\n", List.of());
        assertThat(text.outcome()).startsWith("FAILED aggerrors/text.bas:2:").contains("not a number");
    }

    @Test
    void aMissingOperationOrAnExpressionBeyondArithmeticIsACompileErrorAtItsPosition() {
        io.basicflow.compiler.ScriptService compiler = new io.basicflow.compiler.ScriptService(
                io.basicflow.compiler.catalogue.KeywordCatalogue.of(DataEngines.plugins()));
        assertThat(compiler.check("agg.bas", "x = AGGREGATE \"orders\" TOTAL amount\n")
                        .diagnostics())
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.line()).isEqualTo(1);
                    assertThat(d.column()).isEqualTo(24);
                    assertThat(d.message()).contains("needs SUM, COUNT, AVERAGE, MIN or MAX");
                });
        assertThat(compiler.check("agg.bas", "t = 1\nx = AGGREGATE \"items\" SUM (price * stock)\n")
                        .diagnostics())
                .as("keyword-aggregate.md's expression over columns compiles (ColumnFunctionsTest runs it)")
                .isEmpty();
        assertThat(compiler.check("agg.bas", "t = 1\nx = AGGREGATE \"items\" SUM (price * UPPER(t))\n")
                        .diagnostics())
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.line()).isEqualTo(2);
                    assertThat(d.column()).isEqualTo(27);
                    assertThat(d.message()).contains("only column names, numbers, + - * / and parentheses");
                });
        assertThat(compiler.check("agg.bas", "rows = [#{a: 1}]\nx = AGGREGATE(\"SUM\", rows, \"a\")\n")
                        .diagnostics())
                .isEmpty();
    }
}
