package io.basicflow.durable;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.durable.ReplayVerifier;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The verifier that every durable test class runs can fail: a snapshot that is not the fold of its
 * events, a lost message, a hole in the history are all reported. (This class damages its own
 * database on purpose, so it does not run the verification extension.)
 */
@ExtendWith(PostgresExtension.class)
class ReplayVerifierTest {

    @Test
    void aCorrectHistoryPassesAndEachKindOfDamageIsReported(TestDatabase database) throws SQLException {
        try (DurableFixture engine = DurableFixture.builder(database).start()) {
            String snapshot = engine.start("#workflow\nx = 41\nTALK \"x is \" + x\nHEAR y\n");
            String outbox = engine.start("#workflow\nTALK \"lost\"\nHEAR y\n");
            // two commits after the start, each one row (EventsPacked, keyed by its first event): events
            // 2-3 (the step, the HEAR's request) at 2, then 4-6 (the input, the TALK, the next request) at 4
            String gap = engine.start("#workflow\na = 1\nHEAR y\nTALK y\nHEAR z\n");
            String run = engine.start("#workflow\na = 1\nHEAR y\nTALK y\nHEAR z\n");
            for (String id : new String[] {snapshot, outbox, gap, run}) {
                engine.awaitStatus(id, ExecutionStatus.WAITING_INPUT);
            }
            for (String id : new String[] {gap, run}) {
                engine.engine().deliverInput(id, "x");
                engine.await(
                        id,
                        view -> view.status() == ExecutionStatus.WAITING_INPUT && view.lastSeq() == 6,
                        "waiting at the second HEAR");
            }
            ReplayVerifier verifier = new ReplayVerifier(engine.store());
            assertThat(verifier.verifyAll().problems()).isEmpty();

            execute(
                    database,
                    "update workflow_executions set state = replace(state::text, '41', '42')::json where id = ?",
                    snapshot);
            execute(database, "delete from workflow_outbox where execution_id = ?", outbox);
            purgeEvent(database, gap, 2);
            purgeEvent(database, run, 4);

            assertThat(verifier.verify(snapshot).problems())
                    .anySatisfy(problem -> assertThat(problem).contains("does not give the stored snapshot"));
            assertThat(verifier.verify(outbox).problems())
                    .singleElement()
                    .asString()
                    .contains("has no outbox message");
            assertThat(verifier.verify(gap).problems())
                    .singleElement()
                    .asString()
                    .contains("event 2 is missing (found 4)");
            assertThat(verifier.verify(run).problems())
                    .singleElement()
                    .asString()
                    .contains("the execution's last event is 6 but its history has 3");
            assertThat(verifier.verifyAll().problems()).hasSize(5);
        }
    }

    private static void execute(TestDatabase database, String sql, String id) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, id);
            statement.executeUpdate();
        }
    }

    /** Deletes one stored event the way a retention purge may (the table refuses it otherwise). */
    private static void purgeEvent(TestDatabase database, String id, long seq) throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (Statement purge = connection.createStatement();
                    PreparedStatement delete = connection.prepareStatement(
                            "delete from workflow_events where execution_id = ? and seq = ?")) {
                purge.execute("set local basicflow.purge_events = on");
                delete.setString(1, id);
                delete.setLong(2, seq);
                delete.executeUpdate();
            }
            connection.commit();
        }
    }
}
