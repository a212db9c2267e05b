package io.basicflow.persistence;

import static io.basicflow.persistence.internal.jooq.Tables.WORKFLOW_EXECUTIONS;
import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.store.ClaimedExecution;
import io.basicflow.engine.store.EventWatch;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A publication of {@code PUBLISH EVENT} and the claim of a waiter it serves, interleaved step by step:
 * the claim must never take a waiter between the publication's statement and its commit and read its
 * watch as not served (it would park again with nobody left to wake it), and the claim hands the
 * value the watch received to the resumed waiter.
 */
@ExtendWith(PostgresExtension.class)
class PublicationClaimTest {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final String VALUE = "\"go\"";

    @Test
    void aRunnableWaiterIsNotClaimedWhileAPublicationThatServesItIsUncommitted(TestDatabase testDatabase)
            throws Exception {
        try (Database database = testDatabase.startDatabase()) {
            JooqEventStore store = new JooqEventStore(database);
            // a waiter whose lease was freed (or whose park saw an input): runnable, its watch set up
            insertWaiter(database, "runnable-waiter");
            store.watchEvent("runnable-waiter", "runnable-waiter", "go-1", 1);
            long inboxBefore = store.find("runnable-waiter").orElseThrow().inboxVersion();

            try (Connection publisher = database.dataSource().getConnection()) {
                publisher.setAutoCommit(false);
                int woken = new PublishedEventsRepository(DSL.using(publisher, SQLDialect.POSTGRES))
                        .publish(Optional.empty(), "go-1", VALUE, "key-1", Instant.now());
                assertThat(woken).as("the runnable waiter is marked").isEqualTo(1);

                List<ClaimedExecution> during =
                        store.claim("worker", 10, Instant.now().plusSeconds(1), LEASE);
                assertThat(during)
                        .extracting(ClaimedExecution::id)
                        .as("claimed while the publication is not visible")
                        .doesNotContain("runnable-waiter");

                publisher.commit();
            }

            var row = store.find("runnable-waiter").orElseThrow();
            assertThat(row.status()).isEqualTo(ExecutionStatus.RUNNABLE);
            assertThat(row.inboxVersion()).isGreaterThan(inboxBefore);
            List<ClaimedExecution> after =
                    store.claim("worker", 10, Instant.now().plusSeconds(1), LEASE);
            assertThat(after).extracting(ClaimedExecution::id).containsExactly("runnable-waiter");
            assertThat(after.getFirst().watch()).isEqualTo(EventWatch.received(VALUE));
        }
    }

    @Test
    void aParkedWaiterIsClaimedOnceThePublicationCommitsAndReceivesTheValueWithItsClaim(TestDatabase testDatabase)
            throws Exception {
        try (Database database = testDatabase.startDatabase()) {
            JooqEventStore store = new JooqEventStore(database);
            insertWaiter(database, "parked-waiter");
            store.watchEvent("parked-waiter", "parked-waiter", "go-2", 1);
            park(database, "parked-waiter", 1);
            assertThat(store.claim("worker", 10, Instant.now(), LEASE))
                    .as("a parked waiter is not due before its timeout")
                    .isEmpty();

            try (Connection publisher = database.dataSource().getConnection()) {
                publisher.setAutoCommit(false);
                int woken = new PublishedEventsRepository(DSL.using(publisher, SQLDialect.POSTGRES))
                        .publish(Optional.empty(), "go-2", VALUE, "key-2", Instant.now());
                assertThat(woken).isEqualTo(1);
                assertThat(store.claim("worker", 10, Instant.now().plusSeconds(1), LEASE))
                        .as("claimed while the publication is not visible")
                        .isEmpty();
                publisher.commit();
            }

            List<ClaimedExecution> claimed =
                    store.claim("worker", 10, Instant.now().plusSeconds(1), LEASE);
            assertThat(claimed).extracting(ClaimedExecution::id).containsExactly("parked-waiter");
            assertThat(claimed.getFirst().watch()).isEqualTo(EventWatch.received(VALUE));
            assertThat(store.watchedEvent("parked-waiter")).contains(VALUE);
        }
    }

    @Test
    void aPublicationAfterTheClaimBumpsTheInboxVersionSoThatTheWaitersParkTurnsRunnable(TestDatabase testDatabase) {
        try (Database database = testDatabase.startDatabase()) {
            JooqEventStore store = new JooqEventStore(database);
            insertWaiter(database, "late-event");
            store.watchEvent("late-event", "late-event", "go-3", 1);
            insertWaiter(database, "no-watch");

            List<ClaimedExecution> claimed =
                    store.claim("worker", 10, Instant.now().plusSeconds(1), LEASE);
            assertThat(claimed).extracting(ClaimedExecution::id).containsExactlyInAnyOrder("late-event", "no-watch");
            for (ClaimedExecution execution : claimed) {
                assertThat(execution.watch())
                        .as("read at the claim: nothing received yet")
                        .isEqualTo(EventWatch.NOTHING_RECEIVED);
            }
            ClaimedExecution waiter = claimed.stream()
                    .filter(execution -> execution.id().equals("late-event"))
                    .findFirst()
                    .orElseThrow();

            assertThat(store.publishEvent(Optional.empty(), "go-3", VALUE, "key-3", Instant.now()))
                    .isEqualTo(1);
            var row = store.find("late-event").orElseThrow();
            assertThat(row.status()).isEqualTo(ExecutionStatus.RUNNING);
            assertThat(row.inboxVersion())
                    .as("the parking commit compares it with the claimed one and turns RUNNABLE")
                    .isGreaterThan(waiter.inboxVersion());
        }
    }

    /** A runnable execution with a (test) snapshot, as a created one has. */
    private static void insertWaiter(Database database, String id) {
        Executions.insertRunnable(database, id);
        database.dsl().execute("update workflow_executions set state = '{}'::json where id = ?", id);
    }

    /** Parks an execution at a wait recorded by event {@code seq}, due in an hour. */
    private static void park(Database database, String id, long seq) {
        database.dsl()
                .update(WORKFLOW_EXECUTIONS)
                .set(WORKFLOW_EXECUTIONS.STATUS, ExecutionStatus.WAITING_TIMER.name())
                .set(WORKFLOW_EXECUTIONS.LAST_SEQ, seq)
                .set(WORKFLOW_EXECUTIONS.WAKE_AT, OffsetDateTime.now().plusHours(1))
                .where(WORKFLOW_EXECUTIONS.ID.eq(id))
                .execute();
    }
}
