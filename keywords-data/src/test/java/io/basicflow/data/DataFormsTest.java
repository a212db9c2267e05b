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
 * General Bots' clause forms of the data keywords ({@code FIND … WHERE col = expr ORDER BY … LIMIT n},
 * {@code SAVE table, row}, {@code SAVE table WITH col AS expr}, {@code UPDATE … SET … WHERE …}, {@code
 * INSERT INTO … VALUES}, {@code DELETE FROM … WHERE}, {@code MERGE … WITH … BY}, {@code SET CONTEXT
 * "text"}) in a direct and a durable run of the same script, on a real PostgreSQL.
 */
@ExtendWith(PostgresExtension.class)
class DataFormsTest {

    static final String FORMS = """
            customer = #{id: "C1", name: "Ana", city: "Porto", visits: 3}
            SAVE "customers", customer
            SAVE ".customers", #{id: "C2", name: "Bo", city: "Lisboa", visits: 7}
            SAVE "log.xlsx", #{event: "started"}
            info = #{name: "Cy", city: "Porto"}
            SAVE "customers" WITH id AS "C3", name AS info.name, city AS info.city, visits AS 1
            town = "Porto"
            porto = FIND "customers" WHERE city = town ORDER BY visits DESC
            TALK "porto: " + porto[0].name + " " + porto[1].name + " of " + LEN(porto)
            few = FIND "customers" WHERE city = town AND visits > 1
            TALK "regulars: " + LEN(few) + " " + few[0].name
            first = FIND "customers" WHERE visits >= 1 ORDER BY name LIMIT 2
            TALK "first: " + first[0].name + " " + first[1].name + " of " + LEN(first)
            someone = #{id: "C2"}
            UPDATE "customers" SET city = "Faro", visits = 8 WHERE id = someone.id
            UPDATE "customers" WITH visits AS 9 WHERE name = "Cy"
            faro = FIND "customers" WHERE city = "Faro" OR visits = 9
            TALK "changed: " + LEN(faro) + " " + faro[0].visits + " " + faro[1].name
            INSERT INTO "orders" VALUES {"customer_id": "C1", "total": 12}
            INSERT INTO "orders" WITH customer_id = "C3", total = 30
            order = INSERT INTO "orders" VALUES #{customer_id: "C3", total: 5}
            TALK "order " + order.id
            DELETE FROM "orders" WHERE customer_id = "C3" AND total < 10
            orders = FIND "orders" WHERE total > 0 ORDER BY total DESC
            TALK "orders: " + LEN(orders) + " " + orders[0].total
            items = [#{Id: "p1", title: "Pen"}, #{Id: "p2", title: "Ink"}]
            MERGE "products" WITH items BY "Id"
            renamed = [#{Id: "p1", title: "Red pen"}]
            MERGE ".products" WITH renamed BY "Id"
            pens = FIND "products" WHERE title LIKE "%pen%"
            TALK "pens: " + LEN(pens) + " " + pens[0].title
            SET CONTEXT "You answer questions about " + town + "."
            context = GET CONTEXT("context")
            TALK context
            """;

    @Test
    void theClauseFormsGiveTheSameMessagesAndTablesDirectAndDurable(TestDatabase database) throws Exception {
        DataEngines.Run direct = DataEngines.direct(database, "formsdirect/start.bas", FORMS, List.of());
        assertCompleted(direct);
        assertThat(direct.messages())
                .containsExactly(
                        "porto: Ana Cy of 2",
                        "regulars: 1 Ana",
                        "first: Ana Bo of 2",
                        "changed: 2 8 Cy",
                        "order 3",
                        "orders: 2 30",
                        "pens: 1 Red pen",
                        "You answer questions about Porto.");
        try (DurableFixture engine = DataEngines.fixture(database)) {
            DataEngines.Run durable = DataEngines.durable(engine, "formsdurable/start.bas", FORMS, Map.of());
            assertCompleted(durable);
            assertThat(durable.messages()).isEqualTo(direct.messages());
        }
        for (String table : List.of("customers", "orders", "products", "log")) {
            assertThat(DataEngines.rows(database, "bot_formsdurable", table))
                    .as(table)
                    .isEqualTo(DataEngines.rows(database, "bot_formsdirect", table));
        }
        assertThat(DataEngines.rows(database, "bot_formsdirect", "customers"))
                .containsExactly(
                        "id=C1, name=Ana, city=Porto, visits=3",
                        "id=C2, name=Bo, city=Faro, visits=8",
                        "id=C3, name=Cy, city=Porto, visits=9");
    }

    @Test
    void aWhereOnAMissingColumnAndAnUpdateWithoutRowsFailTheirLineWithTheReason(TestDatabase database) {
        String setup = "SAVE \"items\", #{id: \"a\", size: 2}\n";
        DataEngines.Run unknown = DataEngines.direct(
                database, "formserrors/start.bas", setup + "x = FIND \"items\" WHERE colour = \"red\"\n", List.of());
        assertThat(unknown.outcome())
                .startsWith("FAILED formserrors/start.bas:2:")
                .contains("colour");

        DataEngines.Run everything = DataEngines.direct(
                database, "formserrors/update.bas", setup + "UPDATE \"items\" SET size = 3\n", List.of());
        assertThat(everything.outcome())
                .startsWith("FAILED formserrors/update.bas:2:")
                .contains("UPDATE needs the filter");
    }

    /**
     * {@code SET table, filter, values} (keyword-find.md's form), {@code INSERT INTO table, v1, v2, …} and
     * {@code INSERT table, v1, v2, …} (keyword-sms.md's, keyword-webhook.md's).
     */
    static final String SET_AND_POSITIONAL = """
            INSERT INTO "tasks" WITH title = "Plan the week", status = "done", owner = "cy"
            INSERT INTO "tasks", "Write the report", "open", "ana"
            INSERT "tasks.csv", "Call the bank", "open", "bo"
            tasks = FIND "tasks", "status=open"
            FOR EACH task IN tasks
                IF task.owner = "ana" THEN
                    SET "tasks", "id=" + task.id, "status=in_progress"
                END IF
            NEXT
            changed = SET "tasks", "owner = 'bo'", #{status: "done", owner: "cy"}
            TALK "changed " + changed
            SET BOT MEMORY "last_owner" = "cy"
            REMEMBER "tasks_seen" AS LEN(tasks)
            TALK "owner " + GET BOT MEMORY("last_owner") + ", seen " + RECALL("tasks_seen")
            rows = FIND "tasks", "status <> 'open'"
            TALK LEN(rows) + " " + rows[1].title + ": " + rows[1].status + ", " + rows[2].title + ": " + rows[2].status + " by " + rows[2].owner
            """;

    @Test
    void setOnATableAndInsertIntoInColumnOrderGiveTheSameRowsDirectAndDurable(TestDatabase database) throws Exception {
        DataEngines.Run direct = DataEngines.direct(database, "setdirect/start.bas", SET_AND_POSITIONAL, List.of());
        assertCompleted(direct);
        assertThat(direct.messages())
                .containsExactly(
                        "changed 1", "owner cy, seen 2", "3 Write the report: in_progress, Call the bank: done by cy");
        try (DurableFixture engine = DataEngines.fixture(database)) {
            DataEngines.Run durable = DataEngines.durable(engine, "setdurable/start.bas", SET_AND_POSITIONAL, Map.of());
            assertCompleted(durable);
            assertThat(durable.messages()).isEqualTo(direct.messages());
        }
        assertThat(DataEngines.rows(database, "bot_setdurable", "tasks"))
                .isEqualTo(DataEngines.rows(database, "bot_setdirect", "tasks"))
                .containsExactly(
                        "id=1, title=Plan the week, status=done, owner=cy",
                        "id=2, title=Write the report, status=in_progress, owner=ana",
                        "id=3, title=Call the bank, status=done, owner=cy");
    }

    @Test
    void insertIntoWithTheWrongNumberOfValuesNamesTheColumns(TestDatabase database) {
        String script = """
                TABLE notes
                    body text
                    author text
                END TABLE
                INSERT INTO "notes", "only one value"
                """;
        DataEngines.Run run = DataEngines.direct(database, "insertcount/start.bas", script, List.of());

        assertThat(run.outcome())
                .startsWith("FAILED insertcount/start.bas:5:")
                .contains("got 1 values for the 2 columns body, author");
    }
}
