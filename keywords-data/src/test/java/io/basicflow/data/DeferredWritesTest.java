package io.basicflow.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.durable.DurableSettings;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.ReplayVerification;
import io.basicflow.persistence.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Several {@code SAVE}s of one activation are recorded before they are written and written by its next
 * commit: the rows and the steps' events in one transaction (one {@code xmin}). A write the database
 * refuses fails its own step, with the error and the table a run without deferral gives, direct and
 * durable.
 */
@ExtendWith({PostgresExtension.class, ReplayVerification.class})
class DeferredWritesTest {

    private static final String FIVE_SAVES = """
            FOR i = 1 TO 5
                SAVE "notes", i, #{text: "note " + i}
            NEXT
            TALK "saved"
            """;

    @Test
    void consecutiveSavesAreWrittenByOneCommitWithTheirEvents(TestDatabase database) throws Exception {
        try (DurableFixture engine = DataEngines.fixture(database)) {
            DataEngines.Run run = DataEngines.durable(engine, "deferone/start.bas", FIVE_SAVES, Map.of());
            DataEngines.assertCompleted(run);
            assertThat(run.messages()).containsExactly("saved");
        }
        assertThat(DataEngines.rows(database, "bot_deferone", "notes"))
                .containsExactly(
                        "id=1, text=note 1",
                        "id=2, text=note 2",
                        "id=3, text=note 3",
                        "id=4, text=note 4",
                        "id=5, text=note 5");
        List<String> rowTransactions = query(database, "select distinct xmin::text from bot_deferone.notes");
        assertThat(rowTransactions)
                .as("the transactions that wrote the five rows")
                .hasSize(1);
        // the SAVE steps' events and the rows: one transaction
        assertThat(query(
                        database,
                        "select distinct e.xmin::text from workflow_events e join workflow_executions x"
                                + " on x.id = e.execution_id where x.script_name = 'deferone/start.bas'"
                                + " and (e.type = 'EffectCompleted' or e.type = 'EventsPacked'"
                                + " and e.payload::jsonb -> 'events' @> '[{\"type\": \"EffectCompleted\"}]')"))
                .isEqualTo(rowTransactions);
    }

    @Test
    void withDeferralOffEachSaveIsItsOwnCommit(TestDatabase database) throws Exception {
        DurableSettings off = DurableFixture.FAST.toBuilder().deferredWrites(0).build();
        try (DurableFixture engine = DurableFixture.builder(database)
                .plugins(new DataPlugin())
                .settings(off)
                .start()) {
            DataEngines.assertCompleted(DataEngines.durable(engine, "deferoff/start.bas", FIVE_SAVES, Map.of()));
        }
        assertThat(query(database, "select distinct xmin::text from bot_deferoff.notes"))
                .hasSize(5);
    }

    /** The third of five SAVEs gives a value its column cannot hold. */
    private static final String REFUSED = """
            SAVE "scores", 1, #{n: 10}
            SAVE "scores", 2, #{n: 20}
            SAVE "scores", 3, #{n: "many"}
            SAVE "scores", 4, #{n: 40}
            SAVE "scores", 5, #{n: 50}
            TALK "all saved"
            """;

    @Test
    void aRefusedDeferredWriteFailsItsOwnStepAsADirectRunDoes(TestDatabase database) throws Exception {
        DataEngines.Run direct = DataEngines.direct(database, "refusedirect/start.bas", REFUSED, List.of());
        DataEngines.Run durable;
        DataEngines.Run undeferred;
        try (DurableFixture engine = DataEngines.fixture(database)) {
            durable = DataEngines.durable(engine, "refusedurable/start.bas", REFUSED, Map.of());
        }
        try (DurableFixture engine = DurableFixture.builder(database)
                .plugins(new DataPlugin())
                .settings(DurableFixture.FAST.toBuilder().deferredWrites(0).build())
                .start()) {
            undeferred = DataEngines.durable(engine, "refuseundeferred/start.bas", REFUSED, Map.of());
        }
        assertThat(direct.outcome())
                .isEqualTo("FAILED refusedirect/start.bas:3:1: SAVE failed: SAVE: the database refused it: ERROR:"
                        + " invalid input syntax for type numeric: \"many\"");
        assertThat(durable.messages()).isEqualTo(direct.messages()).isEmpty();
        assertThat(undeferred.messages()).isEqualTo(direct.messages());
        // the same error, at the same statement of its own script (one line lower: the durable runs'
        // scripts start with #workflow)
        String error = direct.outcome().substring(direct.outcome().indexOf(": SAVE failed"));
        assertThat(durable.outcome()).isEqualTo("FAILED refusedurable/start.bas:4:1" + error);
        assertThat(undeferred.outcome()).isEqualTo("FAILED refuseundeferred/start.bas:4:1" + error);
        List<String> rows = DataEngines.rows(database, "bot_refusedirect", "scores");
        assertThat(rows).containsExactly("id=1, n=10", "id=2, n=20");
        assertThat(DataEngines.rows(database, "bot_refusedurable", "scores")).isEqualTo(rows);
        assertThat(DataEngines.rows(database, "bot_refuseundeferred", "scores")).isEqualTo(rows);
        // the failure is the third SAVE's own step: its start and its failure, after two written steps
        // a commit's events are stored as one row (EventsPacked): the view lists each on its own
        String types = "select e.type from workflow_events_unpacked e"
                + " join workflow_executions x on x.id = e.execution_id"
                + " where x.script_name = '%s/start.bas' order by e.seq";
        assertThat(query(database, types.formatted("refusedurable")))
                .containsExactly(
                        "ExecutionStarted",
                        "EffectCompleted",
                        "EffectCompleted",
                        "EffectStarted",
                        "EffectFailed",
                        "ExecutionFailed")
                .isEqualTo(query(database, types.formatted("refuseundeferred")));
    }

    static List<String> query(TestDatabase database, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            List<String> out = new ArrayList<>();
            while (rows.next()) {
                out.add(rows.getString(1));
            }
            return out;
        }
    }
}
