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
 * The reference pages' data forms that were syntax errors before ({@code UPDATE … SET} field lines with
 * {@code WHERE} on its own line, {@code ORDER BY a DESC, b ASC}, {@code LIMIT n OFFSET m}, {@code WHERE
 * column IN [..]}, {@code UPDATE table, id, "column", value}, {@code MERGE INTO … ON key = v WITH …}), in
 * a direct and a durable run of the same script on a real PostgreSQL.
 */
@ExtendWith(PostgresExtension.class)
class ReferenceDataFormsTest {

    static final String SCRIPT = """
            INSERT INTO "jobs" WITH title = "wash", status = "pending", priority = 1
            INSERT INTO "jobs" WITH title = "dry", status = "processing", priority = 2
            INSERT INTO "jobs" WITH title = "fold", status = "pending", priority = 2
            INSERT INTO "jobs" WITH title = "iron", status = "done", priority = 3
            job_id = 1
            UPDATE "jobs" SET
                status = "shipped",
                priority = 5
            WHERE id = job_id
            open = FIND "jobs" WHERE status IN ["pending", "processing"] ORDER BY priority DESC, title ASC
            TALK "open: " + JOIN(MAP(open, "title"), ",")
            page = FIND "jobs" ORDER BY priority DESC, title LIMIT 2 OFFSET 1
            TALK "page: " + JOIN(MAP(page, "title"), ",")
            rest = FIND "jobs"
            ORDER BY title
            LIMIT 10
            OFFSET 3
            TALK "rest: " + JOIN(MAP(rest, "title"), ",")
            first = FIND "jobs" WHERE status = "shipped"
            limit = 7
            TALK "limit " + limit + " " + first[0].title
            changed = UPDATE "jobs", 4, "status", "archived"
            iron = FIND "jobs" WHERE id = 4
            TALK "changed " + changed + ": " + iron[0].status
            MERGE INTO "people" ON email = "ana@example.com" WITH
                name = "Ana",
                city = "Porto"
            MERGE INTO "people" ON email = "ana@example.com" WITH
                name = "Ana Lima"
            people = FIND "people"
            TALK "people: " + LEN(people) + " " + people[0].name + " " + people[0].city + " " + people[0].email
            """;

    @Test
    void theReferenceFormsGiveTheSameMessagesDirectAndDurable(TestDatabase database) throws Exception {
        DataEngines.Run direct = DataEngines.direct(database, "refdirect/start.bas", SCRIPT, List.of());
        assertCompleted(direct);
        assertThat(direct.messages())
                .containsExactly(
                        "open: dry,fold",
                        "page: iron,dry",
                        "rest: wash",
                        "limit 7 wash",
                        "changed 1: archived",
                        "people: 1 Ana Lima Porto ana@example.com");
        try (DurableFixture engine = DataEngines.fixture(database)) {
            DataEngines.Run durable = DataEngines.durable(engine, "refdurable/start.bas", SCRIPT, Map.of());
            assertCompleted(durable);
            assertThat(durable.messages()).isEqualTo(direct.messages());
        }
        assertThat(DataEngines.rows(database, "bot_refdurable", "jobs"))
                .isEqualTo(DataEngines.rows(database, "bot_refdirect", "jobs"));
    }

    @Test
    void aFourArgumentUpdateWithAFilterTextAndANegativeOffsetFailTheirLineWithTheReason(TestDatabase database) {
        String setup = "INSERT INTO \"marks\" WITH name = \"a\", score = 2\n";
        DataEngines.Run variables = DataEngines.direct(
                database,
                "referrors/update.bas",
                setup + "name = \"b\"\nscore = 3\nUPDATE \"marks\", \"id=1\", name, score\n",
                List.of());
        assertThat(variables.outcome())
                .startsWith("FAILED referrors/update.bas:4:")
                .contains("UPDATE table, id, \"column\", value");
        DataEngines.Run offset = DataEngines.direct(
                database, "referrors/offset.bas", setup + "x = FIND \"marks\" LIMIT 5 OFFSET -1\n", List.of());
        assertThat(offset.outcome())
                .startsWith("FAILED referrors/offset.bas:2:")
                .contains("OFFSET");
    }

    @Test
    void anInWithoutAColumnOnItsLeftIsACompileError() {
        io.basicflow.compiler.ScriptService compiler = new io.basicflow.compiler.ScriptService(
                io.basicflow.compiler.catalogue.KeywordCatalogue.of(DataEngines.plugins()));
        assertThat(compiler.check("in.bas", "x = FIND \"jobs\" WHERE \"a\" IN [\"a\"]\n")
                        .diagnostics())
                .singleElement()
                .satisfies(d ->
                        assertThat(d.toString()).startsWith("in.bas:1:").contains("column name on the left of IN"));
    }
}
