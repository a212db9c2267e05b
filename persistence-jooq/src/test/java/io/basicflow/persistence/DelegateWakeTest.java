package io.basicflow.persistence;

import static io.basicflow.persistence.internal.jooq.Tables.WORKFLOW_EXECUTIONS;
import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.store.ClaimedExecution;
import io.basicflow.engine.store.ExecutionCommit;
import io.basicflow.engine.store.Transition;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code r = DELEGATE … TO BOT … TIMEOUT s} parks its execution as {@code WAITING_TIMER} (the deadline),
 * its last event the timer right after the child's {@code ChildStarted}: the child's end must wake it
 * before the deadline, in every interleaving with the parent's own activation, and must not wake a
 * parent whose timer is something else (a {@code WAIT} after a fire-and-forget delegation).
 */
@ExtendWith(PostgresExtension.class)
class DelegateWakeTest {

    private static final Duration LEASE = Duration.ofSeconds(30);

    @Test
    void aChildsEndWakesAParentParkedOnItsDeadlineAndNoOtherTimer(TestDatabase testDatabase) throws Exception {
        try (Database database = testDatabase.startDatabase()) {
            JooqEventStore store = new JooqEventStore(database);
            Instant deadline = Instant.now().plusSeconds(3600);
            parked(database, "delegating", 5, deadline);
            child(database, "delegating", 4); // the ChildStarted just before the TimerStarted
            parked(database, "waiting", 5, deadline);
            child(database, "waiting", 2); // a fire-and-forget child, then other steps, then WAIT

            int woken = new ExecutionRepository(database.dsl())
                    .wakeParents(List.of("delegating", "waiting"), Instant.now());

            assertThat(woken).isEqualTo(1);
            List<ClaimedExecution> claimed =
                    store.claim("worker", 10, Instant.now().plusSeconds(1), LEASE);
            assertThat(claimed)
                    .extracting(ClaimedExecution::id)
                    .as("the delegating parent is due now; the plain timer keeps its time")
                    .containsExactly("delegating");
            assertThat(store.find("waiting").orElseThrow().status()).isEqualTo(ExecutionStatus.WAITING_TIMER);
        }
    }

    @Test
    void aChildThatEndsWhileItsParentRunsMakesTheParentsParkOnTheDeadlineRunnable(TestDatabase testDatabase)
            throws Exception {
        try (Database database = testDatabase.startDatabase()) {
            JooqEventStore store = new JooqEventStore(database);
            claimable(database, "resumed");
            ClaimedExecution parent = store.claim("worker", 10, Instant.now().plusSeconds(1), LEASE)
                    .getFirst();
            child(database, "resumed", 1);

            // the child ends while the parent runs (a resumed parent reading the child as still running)
            int woken = new ExecutionRepository(database.dsl()).wakeParents(List.of("resumed"), Instant.now());
            assertThat(woken).as("a running parent is marked").isEqualTo(1);

            // the parent, unaware, parks on its deadline with what its claim saw
            Instant deadline = Instant.now().plusSeconds(3600);
            ExecutionCommit park = new ExecutionCommit(
                    parent.id(),
                    parent.version(),
                    2,
                    List.of(Executions.message(2, "waiting for the bot")),
                    List.of(),
                    List.of(),
                    Optional.empty(),
                    new Transition.Release(ExecutionStatus.WAITING_TIMER, Optional.of(deadline), parent.inboxVersion()),
                    List.of(),
                    Optional.empty());
            assertThat(store.commit("worker", List.of(park), Instant.now())
                            .getFirst()
                            .committed())
                    .isTrue();

            assertThat(store.find("resumed").orElseThrow().status())
                    .as("parked after the child's end: runnable at once, not at the deadline")
                    .isEqualTo(ExecutionStatus.RUNNABLE);
            assertThat(store.claim("worker", 10, Instant.now().plusSeconds(1), LEASE))
                    .extracting(ClaimedExecution::id)
                    .containsExactly("resumed");
        }
    }

    /** A runnable execution with a (placeholder) snapshot, so that a claim can load it. */
    private static void claimable(Database database, String id) {
        Executions.insertRunnable(database, id);
        database.dsl()
                .update(WORKFLOW_EXECUTIONS)
                .set(WORKFLOW_EXECUTIONS.STATE, org.jooq.JSON.valueOf("{}"))
                .where(WORKFLOW_EXECUTIONS.ID.eq(id))
                .execute();
    }

    private static void parked(Database database, String id, long lastSeq, Instant deadline) {
        claimable(database, id);
        database.dsl()
                .update(WORKFLOW_EXECUTIONS)
                .set(WORKFLOW_EXECUTIONS.STATUS, ExecutionStatus.WAITING_TIMER.name())
                .set(WORKFLOW_EXECUTIONS.LAST_SEQ, lastSeq)
                .set(WORKFLOW_EXECUTIONS.WAKE_AT, OffsetDateTime.ofInstant(deadline, java.time.ZoneOffset.UTC))
                .where(WORKFLOW_EXECUTIONS.ID.eq(id))
                .execute();
    }

    private static void child(Database database, String parent, long parentSeq) {
        String id = parent + "~" + parentSeq;
        Executions.insertRunnable(database, id);
        database.dsl()
                .update(WORKFLOW_EXECUTIONS)
                .set(WORKFLOW_EXECUTIONS.PARENT_ID, parent)
                .set(WORKFLOW_EXECUTIONS.PARENT_SEQ, parentSeq)
                .set(WORKFLOW_EXECUTIONS.STATUS, ExecutionStatus.COMPLETED.name())
                .set(WORKFLOW_EXECUTIONS.COMPLETED_AT, OffsetDateTime.now())
                .where(WORKFLOW_EXECUTIONS.ID.eq(id))
                .execute();
    }
}
