package io.basicflow.durable;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.EventView;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.engine.durable.DurableSettings;
import io.basicflow.engine.durable.ReplayVerifier;
import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.json.EngineJson;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.ReplayVerification;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.spi.value.IntegerValue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The plain steps one commit holds between two other events are stored as one row ({@code
 * StepsCompleted}); the steps keep their sequence numbers, the commits stay where they were, and the
 * history folds to the same state (the replay check of {@link ReplayVerification} runs over every
 * execution of the class).
 */
@ExtendWith({PostgresExtension.class, ReplayVerification.class})
class StepRunsTest {

    /** No commit on a timer: the commits (and so the rows) are where the steps put them, however slow the machine. */
    private static final DurableSettings STEADY = DurableFixture.FAST.toBuilder()
            .checkpointInterval(Duration.ofHours(1))
            .build();

    @Test
    void theStepsBetweenTwoMessagesAreOneRowAndKeepTheirSequenceNumbers(TestDatabase database) throws SQLException {
        try (DurableFixture engine =
                DurableFixture.builder(database).settings(STEADY).start()) {
            String id = engine.start("#workflow\nTALK \"hi\"\nx = 1\ny = x + 1\nz = y * 2\nTALK \"z is \" + z\n"
                    + "w = z + 1\nTALK \"w is \" + w\nRETURN w\n");

            ExecutionView done = engine.awaitStatus(id, ExecutionStatus.COMPLETED);

            assertThat(done.result()).contains(IntegerValue.of(5));
            assertThat(engine.messages(id)).containsExactly("hi", "z is 4", "w is 5");
            assertThat(rows(database, id))
                    .containsExactly(
                            "1 ExecutionStarted",
                            "2 MessageSent",
                            "5 StepsCompleted",
                            "6 MessageSent",
                            "7 StepCompleted",
                            "8 MessageSent",
                            "9 ExecutionCompleted");
            List<EventView> history = engine.engine().history(id, 0, 100);
            EventView run = history.get(2);
            assertThat(run.line()).isEqualTo(3);
            assertThat(run.summary()).isEqualTo("lines 3\u20135, 3 steps: x = 1");
            ExecutionEvent.StepsCompleted steps =
                    (ExecutionEvent.StepsCompleted) EngineJson.readEvent(run.payloadJson());
            assertThat(steps.steps())
                    .extracting(ExecutionEvent.StepCompleted::sequence)
                    .containsExactly(3L, 4L, 5L);
            assertThat(steps.steps()).extracting(step -> step.span().line()).containsExactly(3, 4, 5);
            assertThat(history.get(3).seq()).isEqualTo(6);
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
            // the activation's first commit starts with step 2, alone; the resumed one with the input
            assertThat(rows(database, id))
                    .containsExactly(
                            "1 ExecutionStarted",
                            "2 StepCompleted",
                            "4 StepsCompleted",
                            "5 InputRequested",
                            "6 InputReceived",
                            "7 MessageSent",
                            "8 ExecutionCompleted");
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
            long runs = single(
                    database,
                    "select count(*) from workflow_events where execution_id = ? and type = 'StepsCompleted'",
                    id);
            // about 150 steps committed every 10: a run never spans two commits and a commit's first
            // event keeps a row of its own, so there are about two rows per commit
            assertThat(lastSeq).isGreaterThan(150);
            assertThat(runs).isGreaterThan(10).isLessThanOrEqualTo(commits + 1);
            assertThat(rows).isLessThan(lastSeq / 3);
            ReplayVerifier.Report report = new ReplayVerifier(engine.store()).verify(id);
            assertThat(report.problems()).isEmpty();
            assertThat(report.events()).isEqualTo(lastSeq);
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
