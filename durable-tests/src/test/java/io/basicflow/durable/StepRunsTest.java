package io.basicflow.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.engine.api.EventView;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.engine.durable.DurableSettings;
import io.basicflow.engine.durable.ReplayVerifier;
import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.json.EngineJson;
import io.basicflow.persistence.testing.CountingPlugin;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.ReplayVerification;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.value.IntegerValue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The events one commit holds are stored as one row ({@code EventsPacked}) keyed by the commit's first
 * event; the events keep their sequence numbers and idempotency keys, the commits stay where they
 * were, the history lists each event, and it folds to the same state (the replay check of {@link
 * ReplayVerification} runs over every execution of the class).
 */
@ExtendWith({PostgresExtension.class, ReplayVerification.class})
class StepRunsTest {

    /** No commit on a timer: the commits (and so the rows) are where the steps put them, however slow the machine. */
    private static final DurableSettings STEADY = DurableFixture.STEADY;

    @Test
    void theStepsBetweenTwoMessagesAreOneRowAndKeepTheirSequenceNumbers(TestDatabase database) throws SQLException {
        try (DurableFixture engine =
                DurableFixture.builder(database).settings(STEADY).start()) {
            String id = engine.start("#workflow\nTALK \"hi\"\nx = 1\ny = x + 1\nz = y * 2\nTALK \"z is \" + z\n"
                    + "w = z + 1\nTALK \"w is \" + w\nRETURN w\n");

            ExecutionView done = engine.awaitStatus(id, ExecutionStatus.COMPLETED);

            assertThat(done.result()).contains(IntegerValue.of(5));
            assertThat(engine.messages(id)).containsExactly("hi", "z is 4", "w is 5");
            // the whole activation is one commit: one row, keyed by its first event
            assertThat(rows(database, id)).containsExactly("1 ExecutionStarted", "2 EventsPacked");
            List<EventView> history = engine.engine().history(id, 0, 100);
            assertThat(history).extracting(EventView::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
            assertThat(history)
                    .extracting(EventView::type)
                    .containsExactly(
                            "ExecutionStarted",
                            "MessageSent",
                            "StepCompleted",
                            "StepCompleted",
                            "StepCompleted",
                            "MessageSent",
                            "StepCompleted",
                            "MessageSent",
                            "ExecutionCompleted");
            EventView step = history.get(2);
            assertThat(step.line()).isEqualTo(3);
            assertThat(step.summary()).isEqualTo("x = 1");
            assertThat(EngineJson.readEvent(step.payloadJson()))
                    .isInstanceOfSatisfying(
                            ExecutionEvent.StepCompleted.class,
                            completed -> assertThat(completed.sequence()).isEqualTo(3));
            assertThat(history.get(5).summary()).isEqualTo("TALK \"z is 4\"");
        }
    }

    @Test
    void theFirstEventOfACommitKeepsItsOwnRowSoAStaleActivationCollidesWithIt(TestDatabase database)
            throws SQLException {
        try (DurableFixture engine =
                DurableFixture.builder(database).settings(STEADY).start()) {
            String id = engine.start(
                    "#workflow\na = 1\nb = 2\nc = 3\nHEAR d AS INTEGER\nTALK \"sum \" + (a + b + c + d)\n");
            engine.awaitStatus(id, ExecutionStatus.WAITING_INPUT);
            engine.engine().deliverInput(id, "4");
            engine.awaitStatus(id, ExecutionStatus.COMPLETED);

            assertThat(engine.messages(id)).containsExactly("sum 10");
            // the activation's commit (steps 2-4, the HEAR's request 5) is a row at 2, the number that
            // follows the state it started from; the resumed one's (input 6, message 7, end 8) a row at 6
            assertThat(rows(database, id)).containsExactly("1 ExecutionStarted", "2 EventsPacked", "6 EventsPacked");
            assertThat(engine.engine().history(id, 0, 100))
                    .extracting(view -> view.seq() + " " + view.type())
                    .containsExactly(
                            "1 ExecutionStarted",
                            "2 StepCompleted",
                            "3 StepCompleted",
                            "4 StepCompleted",
                            "5 InputRequested",
                            "6 InputReceived",
                            "7 MessageSent",
                            "8 ExecutionCompleted");
            // a second activation writing from the same state inserts its row at the same number: refused
            assertThatThrownBy(() -> execute(
                            database,
                            "insert into workflow_events (execution_id, seq, type, payload) values (?, 6, 'x', '{}')",
                            id))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("workflow_events_pk");
        }
    }

    @Test
    void aLoopCommittedEveryFewStepsIsOneRowPerCommitAndFoldsLikeItsSteps(TestDatabase database) throws SQLException {
        try (DurableFixture engine = DurableFixture.builder(database)
                .settings(STEADY.toBuilder().checkpointSteps(10).build())
                .start()) {
            String id = engine.start("#workflow\ntotal = 0\nFOR i = 1 TO 50\n  total = total + i\n"
                    + "  IF i = 25 THEN TALK \"half way: \" + total\nNEXT\nRETURN total\n");

            ExecutionView done = engine.awaitStatus(id, ExecutionStatus.COMPLETED);

            assertThat(done.result()).contains(IntegerValue.of(1275));
            assertThat(engine.messages(id)).containsExactly("half way: 325");
            long lastSeq = single(database, "select last_seq from workflow_executions where id = ?", id);
            long rows = single(database, "select count(*) from workflow_events where execution_id = ?", id);
            long commits = single(
                    database, "select count(distinct xmin::text) from workflow_events where execution_id = ?", id);
            long packs = single(
                    database,
                    "select count(*) from workflow_events where execution_id = ? and type = 'EventsPacked'",
                    id);
            // about 150 steps committed every 10: a pack never spans two commits, so there is one row
            // per commit (and the start's)
            assertThat(lastSeq).isGreaterThan(150);
            assertThat(packs).isGreaterThan(10).isLessThanOrEqualTo(commits);
            assertThat(rows).isEqualTo(commits).isLessThan(lastSeq / 5);
            ReplayVerifier.Report report = new ReplayVerifier(engine.store()).verify(id);
            assertThat(report.problems()).isEmpty();
            assertThat(report.events()).isEqualTo(lastSeq);
        }
    }

    @Test
    void eachEffectCommitIsOneRowAndEveryEffectKeepsItsNumberAndKey(TestDatabase database) throws SQLException {
        CountingPlugin plugin = new CountingPlugin();
        try (DurableFixture engine = DurableFixture.builder(database)
                .settings(STEADY)
                .plugins(plugin)
                .start()) {
            String id = engine.start("#workflow\na = PING(1)\nb = PING(a + 1)\nc = PING(b + 1)\nRETURN a + b + c\n");

            ExecutionView done = engine.awaitStatus(id, ExecutionStatus.COMPLETED);

            assertThat(done.result()).contains(IntegerValue.of(6));
            // every commit before an effect holds the previous effect's completion and the next one's start
            assertThat(rows(database, id))
                    .containsExactly(
                            "1 ExecutionStarted",
                            "2 EffectStarted",
                            "3 EventsPacked",
                            "5 EventsPacked",
                            "7 EventsPacked");
            assertThat(plugin.callsOfKeyword("PING"))
                    .extracting(Invocation::idempotencyKey)
                    .containsExactly(id + "/2", id + "/4", id + "/6");
            assertThat(engine.engine().history(id, 0, 100))
                    .extracting(view -> view.seq() + " " + view.type())
                    .containsExactly(
                            "1 ExecutionStarted",
                            "2 EffectStarted",
                            "3 EffectCompleted",
                            "4 EffectStarted",
                            "5 EffectCompleted",
                            "6 EffectStarted",
                            "7 EffectCompleted",
                            "8 ExecutionCompleted");
            assertThat(single(database, "select last_seq from workflow_executions where id = ?", id))
                    .isEqualTo(8);
            ReplayVerifier.Report report = new ReplayVerifier(engine.store()).verify(id);
            assertThat(report.problems()).isEmpty();
            assertThat(report.events()).isEqualTo(8);
        }
    }

    private static void execute(TestDatabase database, String sql, String id) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, id);
            statement.executeUpdate();
        }
    }

    private static List<String> rows(TestDatabase database, String id) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select seq, type from workflow_events where execution_id = ? order by seq")) {
            query.setString(1, id);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getLong(1) + " " + result.getString(2));
                }
            }
        }
        return rows;
    }

    private static long single(TestDatabase database, String sql, String id) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, id);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
