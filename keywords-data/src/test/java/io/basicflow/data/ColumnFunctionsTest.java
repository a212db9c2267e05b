package io.basicflow.data;

import static io.basicflow.data.DataEngines.assertCompleted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Functions on the column side of a condition ({@code DATE(created_at) = '2025-01-15'}, keyword-aggregate.md's
 * {@code WHERE DATE(created_at) = today}) and {@code AGGREGATE "t" SUM (quantity * unit_price)}, in filter
 * texts and BASIC {@code WHERE} clauses, on tables and on lists, direct and durable on a real PostgreSQL;
 * and what a script cannot smuggle through them.
 */
@ExtendWith(PostgresExtension.class)
class ColumnFunctionsTest {

    static final String SCRIPT = """
            TABLE orders
                id number key
                item string(20)
                qty integer
                price double
                created_at datetime
            END TABLE
            INSERT INTO "orders" WITH id = 1, item = "Pen", qty = 2, price = 1.5, created_at = "2025-01-15 09:30:00"
            INSERT INTO "orders" WITH id = 2, item = "ink", qty = 3, price = 4, created_at = "2025-01-15 23:59:00"
            INSERT INTO "orders" WITH id = 3, item = "PAD", qty = 1, price = 10, created_at = "2025-02-01 00:00:00"
            INSERT INTO "orders" WITH id = 4, item = " cap ", qty = 5, price = 2, created_at = NOW()
            jan15 = FIND "orders", "DATE(created_at) = '2025-01-15'"
            TALK "jan15 " + LEN(jan15)
            recent = FIND "orders", "DATE(created_at) >= DATEADD(NOW(), -7, 'day')"
            TALK "recent " + recent[0].id + " of " + LEN(recent)
            feb = FIND "orders", "YEAR(created_at) = 2025 AND MONTH(created_at) = 2 AND DAY(created_at) = 1"
            TALK "feb " + feb[0].id + " of " + LEN(feb)
            late = FIND "orders", "HOUR(created_at) = 23 AND MINUTE(created_at) >= 59"
            TALK "late " + late[0].id
            day = "2025-01-15"
            n = AGGREGATE "orders" COUNT WHERE DATE(created_at) = day
            TALK "count " + n
            pen = FIND "orders" WHERE LOWER(item) = "pen"
            TALK "pen " + pen[0].id + " of " + LEN(pen)
            up = FIND "orders", "UPPER(item) IN ('INK', 'PAD')"
            TALK "up " + LEN(up)
            cap = FIND "orders", "TRIM(item) = 'cap' AND LEN(item) = 5 AND NOT LOWER(item) LIKE '%x%'"
            TALK "cap " + cap[0].id + " of " + LEN(cap)
            ci = FIND "orders", "item ILIKE 'p%' OR item ILIKE '%NK'"
            TALK "ilike " + LEN(ci)
            cs = FIND "orders", "item LIKE 'p%' OR item NOT ILIKE '%a%'"
            TALK "like " + LEN(cs)
            worth = AGGREGATE "orders" SUM (qty * price) WHERE DATE(created_at) = day
            TALK "value " + (worth = 15)
            tenth = AGGREGATE "orders" SUM (qty * price * 10 / 100)
            TALK "tenth " + (tenth = 3.5)
            diff = AGGREGATE "orders" MAX (price - qty) WHERE YEAR(created_at) = 2025
            TALK "diff " + (diff = 9)
            rows = FIND "orders", "id > 0"
            mem = AGGREGATE rows SUM (qty * price) WHERE DATE(created_at) = day
            TALK "memory " + (mem = 15)
            memcount = AGGREGATE rows COUNT WHERE UPPER(item) = "PEN" OR MONTH(created_at) = 2
            TALK "memory count " + memcount
            listed = [#{a: 2, b: 3}, #{a: 4, b: -1}, #{a: 1}]
            lsum = AGGREGATE listed SUM (a * b + 1)
            TALK "list " + lsum
            """;

    @Test
    void functionsOnColumnsAndExpressionSumsGiveTheSameMessagesDirectAndDurable(TestDatabase database)
            throws Exception {
        DataEngines.Run direct = DataEngines.direct(database, "fndirect/start.bas", SCRIPT, List.of());
        assertCompleted(direct);
        assertThat(direct.messages())
                .containsExactly(
                        "jan15 2",
                        "recent 4 of 1",
                        "feb 3 of 1",
                        "late 2",
                        "count 2",
                        "pen 1 of 1",
                        "up 2",
                        "cap 4 of 1",
                        "ilike 3",
                        "like 2",
                        "value true",
                        "tenth true",
                        "diff true",
                        "memory true",
                        "memory count 2",
                        "list 4");
        try (DurableFixture engine = DataEngines.fixture(database)) {
            DataEngines.Run durable = DataEngines.durable(engine, "fndurable/start.bas", SCRIPT, Map.of());
            assertCompleted(durable);
            assertThat(durable.messages()).isEqualTo(direct.messages());
        }
    }

    @Test
    void aFunctionOutsideTheListOrSqlInsideOneFailsTheLineAndTouchesNothing(TestDatabase database) {
        String setup = "INSERT INTO \"notes\" WITH title = \"a\", size = 2\n";
        for (String filter : List.of(
                "PG_SLEEP(size) = 1",
                "DATE(size); drop table notes = 1",
                "LOWER(title || 'x') = 'a'",
                "LOWER(title) = 'a'); drop table notes; --",
                "DATE(notes.title) = '2025-01-01'",
                "LOWER(nothere) = 'a'")) {
            DataEngines.Run run = DataEngines.direct(
                    database,
                    "fninject/start.bas",
                    setup + "x = FIND \"notes\", \"" + filter.replace("\"", "\"\"") + "\"\nTALK LEN(x)\n",
                    List.of());
            assertThat(run.outcome()).as(filter).startsWith("FAILED fninject/start.bas:2:");
        }
        // a condition map written by the script itself names a function: only the fixed list is accepted
        DataEngines.Run mapped = DataEngines.direct(
                database,
                "fnmap/start.bas",
                setup + "c = #{column: \"title\", function: \"pg_sleep\", operator: \"=\", value: 1}\n"
                        + "x = FIND \"notes\", c\n",
                List.of());
        assertThat(mapped.outcome()).startsWith("FAILED fnmap/start.bas:3:").contains("unknown function pg_sleep");
        // a bound value is never SQL: the text is compared, not run
        DataEngines.Run bound = DataEngines.direct(
                database,
                "fnbound/start.bas",
                setup
                        + "x = FIND \"notes\" WHERE LOWER(title) = \"a'; drop table notes; --\"\nTALK \"found \" + LEN(x)\n"
                        + "y = AGGREGATE \"notes\" COUNT\nTALK \"still \" + y\n",
                List.of());
        assertCompleted(bound);
        assertThat(bound.messages()).containsExactly("found 0", "still 1");
        // an expression over a text column, or an unknown column, fails its line naming it
        DataEngines.Run text = DataEngines.direct(
                database, "fntext/start.bas", setup + "x = AGGREGATE \"notes\" SUM (title * 2)\n", List.of());
        assertThat(text.outcome()).startsWith("FAILED fntext/start.bas:2:").contains("title");
        DataEngines.Run unknown = DataEngines.direct(
                database, "fnunknown/start.bas", setup + "x = AGGREGATE \"notes\" SUM (size * weight)\n", List.of());
        assertThat(unknown.outcome())
                .startsWith("FAILED fnunknown/start.bas:2:")
                .contains("no column weight");
    }

    @Test
    void anExpressionBeyondColumnsNumbersAndArithmeticIsACompileError(TestDatabase database) {
        assertThatThrownBy(() -> DataEngines.direct(
                        database, "fncompile/start.bas", "x = AGGREGATE \"t\" SUM (LEN(title) * 2)\n", List.of()))
                .hasMessageContaining("only column names, numbers, + - * / and parentheses");
        assertThatThrownBy(() -> DataEngines.direct(
                        database, "fncompile/start.bas", "x = AGGREGATE \"t\" SUM (price & \"x\")\n", List.of()))
                .hasMessageContaining("only column names, numbers, + - * / and parentheses");
    }
}
