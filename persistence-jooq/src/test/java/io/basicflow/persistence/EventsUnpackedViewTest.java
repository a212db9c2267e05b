package io.basicflow.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.EventView;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.event.Delta;
import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.json.EngineJson;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.spi.program.SourceSpan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The view {@code workflow_events_unpacked} (V121): a packed commit's events (one {@code EventsPacked}
 * row) are found by their own type, with their own sequence numbers and payloads, exactly the events
 * the engine's history lists; an older history's {@code StepsCompleted} row is its steps.
 */
@ExtendWith(PostgresExtension.class)
class EventsUnpackedViewTest {

    @Test
    void aPackedCommitsEventsAreFoundByTypeThroughTheView(TestDatabase database) throws SQLException {
        try (DurableFixture engine =
                DurableFixture.builder(database).settings(DurableFixture.STEADY).start()) {
            // no commit on a timer: the activation is one commit, so its events are one packed row
            String id = engine.start("#workflow\nTALK \"hi\"\nx = 1\ny = x + 1\nTALK \"y is \" + y\nRETURN y\n");
            engine.awaitStatus(id, ExecutionStatus.COMPLETED);

            // stored: the start and one packed row, so the table alone finds no message by type
            assertThat(strings(
                            database,
                            "select seq || ' ' || type from workflow_events where execution_id = ?" + " order by seq",
                            id))
                    .containsExactly("1 ExecutionStarted", "2 EventsPacked");
            assertThat(strings(
                            database,
                            "select type from workflow_events where execution_id = ?" + " and type = 'MessageSent'",
                            id))
                    .isEmpty();

            // the view: every event, as the engine's history lists them
            List<String> history = new ArrayList<>();
            for (EventView event : engine.engine().history(id, 0, 100)) {
                history.add(event.seq() + " " + event.type());
            }
            assertThat(history).hasSize(6);
            assertThat(strings(
                            database,
                            "select seq || ' ' || type from workflow_events_unpacked"
                                    + " where execution_id = ? order by seq",
                            id))
                    .containsExactlyElementsOf(history);

            // by type: the messages inside the pack, each with its own number, payload and row
            assertThat(strings(
                            database,
                            "select seq || ' ' || (payload ->> 'text') || ' row ' || row_seq"
                                    + " from workflow_events_unpacked where execution_id = ? and type = 'MessageSent'"
                                    + " order by seq",
                            id))
                    .containsExactly("2 hi row 2", "5 y is 2 row 2");
            assertThat(strings(
                            database,
                            "select count(*) from workflow_events_unpacked where execution_id = ?"
                                    + " and type = 'EventsPacked'",
                            id))
                    .containsExactly("0");
            assertThat(strings(
                            database,
                            "select count(*) from workflow_events_unpacked e join workflow_events r"
                                    + " on r.execution_id = e.execution_id and r.seq = e.row_seq"
                                    + " where e.execution_id = ? and e.created_at = r.created_at",
                            id))
                    .containsExactly("6");
        }
    }

    @Test
    void aStoredRunOfStepsIsItsSteps(TestDatabase database) throws SQLException {
        try (Database started = database.startDatabase()) {
            Executions.insertRunnable(started, "legacy");
            ExecutionEvent.StepsCompleted run = new ExecutionEvent.StepsCompleted(
                    3,
                    List.of(
                            new ExecutionEvent.StepCompleted(2, SourceSpan.of(2, 1, 5), Delta.NONE),
                            new ExecutionEvent.StepCompleted(3, SourceSpan.of(3, 1, 5), Delta.NONE)));
            try (Connection connection = database.dataSource().getConnection();
                    PreparedStatement insert = connection.prepareStatement(
                            "insert into workflow_events (execution_id, seq, type, payload) values (?, ?, ?, ?::json)")) {
                insert.setString(1, "legacy");
                insert.setLong(2, 3);
                insert.setString(3, "StepsCompleted");
                insert.setString(4, EngineJson.write(run));
                insert.executeUpdate();
            }
            assertThat(strings(
                            database,
                            "select seq || ' ' || type || ' row ' || row_seq"
                                    + " from workflow_events_unpacked where execution_id = ? order by seq",
                            "legacy"))
                    .containsExactly("2 StepCompleted row 3", "3 StepCompleted row 3");
        }
    }

    private static List<String> strings(TestDatabase database, String sql, String id) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, id);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
        }
        return values;
    }
}
