package io.basicflow.durable;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.engine.durable.DurableSettings;
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
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The quotas of one execution on the real store: a runaway script fails alone with a clear error while
 * another execution completes, and a list that grows by appends stores each element once.
 */
@ExtendWith({PostgresExtension.class, ReplayVerification.class})
class QuotasDurableTest {

    /** The list-append loop of issue 17, measured on PostgreSQL: bytes of its events' payloads. */
    @Test
    void aListGrownByAppendsStoresEachElementOnce(TestDatabase database) throws SQLException {
        int iterations = 3000;
        try (DurableFixture engine = DurableFixture.builder(database).start()) {
            String id = engine.start(
                    "#workflow\nl = []\nFOR i = 1 TO " + iterations + "\n  l = l + [i]\nNEXT\nRETURN COUNT(l)\n");

            ExecutionView done = engine.awaitStatus(id, ExecutionStatus.COMPLETED);

            assertThat(done.result()).contains(IntegerValue.of(iterations));
            long payloadBytes = payloadBytes(database, id);
            long events = done.lastSeq();
            System.out.printf(
                    "list-append loop of %d iterations: %d events, %d bytes of event payloads (%.1f per event)%n",
                    iterations, events, payloadBytes, (double) payloadBytes / events);
            // Whole-list storage would be about iterations² / 2 elements (4.5 million numbers here,
            // over 20 MB); appends keep it linear: a few hundred bytes per event.
            assertThat(payloadBytes).isLessThan(events * 300L);
        }
    }

    @Test
    void aRunawayLoopFailsAtItsQuotaWhileAnotherExecutionCompletes(TestDatabase database) {
        DurableSettings settings = DurableFixture.FAST.toBuilder()
                .limits(DurableFixture.FAST.limits().withQuotas(200_000, 1_000_000, 1L << 30, 100))
                .build();
        try (DurableFixture engine =
                DurableFixture.builder(database).settings(settings).start()) {
            String runaway = engine.start("#workflow\nDO\nLOOP\n");
            Instant started = Instant.now();
            String polite = engine.start("#workflow\nTALK \"hello\"\nRETURN 42\n");

            ExecutionView done = engine.awaitStatus(polite, ExecutionStatus.COMPLETED);
            Duration politeTook = Duration.between(started, Instant.now());
            ExecutionView failed = engine.awaitStatus(runaway, ExecutionStatus.FAILED);

            assertThat(done.result()).contains(IntegerValue.of(42));
            assertThat(failed.error().orElseThrow().message())
                    .contains("quota of 200000 steps")
                    .contains("basicflow.limits.max-steps");
            assertThat(politeTook)
                    .as("the short execution is not starved by the loop")
                    .isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void talkInALoopStopsAtTheMessageQuotaWithExactlyThatManyMessagesStored(TestDatabase database) {
        DurableSettings settings = DurableFixture.FAST.toBuilder()
                .limits(DurableFixture.FAST.limits().withQuotas(1_000_000, 1_000_000, 1L << 30, 50))
                .build();
        try (DurableFixture engine =
                DurableFixture.builder(database).settings(settings).start()) {
            String id = engine.start("#workflow\nDO\n  TALK \"spam\"\nLOOP\n");

            ExecutionView failed = engine.awaitStatus(id, ExecutionStatus.FAILED);

            assertThat(failed.error().orElseThrow().message()).contains("quota of 50 messages");
            assertThat(engine.messages(id)).hasSize(50);
        }
    }

    private static long payloadBytes(TestDatabase database, String id) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select coalesce(sum(octet_length(payload::text)), 0) from workflow_events where execution_id = ?")) {
            statement.setString(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
