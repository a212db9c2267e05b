package io.basicflow.persistence;

import static io.basicflow.persistence.internal.jooq.Tables.WORKFLOW_EXECUTIONS;
import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.store.ClaimedExecution;
import io.basicflow.engine.store.CommitResult;
import io.basicflow.engine.store.EventStore.Delivered;
import io.basicflow.engine.store.EventStore.InputDelivery;
import io.basicflow.engine.store.ExecutionRecord;
import io.basicflow.engine.store.InboxMessage;
import io.basicflow.engine.store.NewExecution;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An input delivered with a lease takes a waiting execution over in the delivery's own statement:
 * the execution is RUNNING for the lease's owner (no other worker can claim it), and the delivery
 * returns what a claim would, so that the owner resumes it and commits under the fence.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeasedDeliveryTest {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final NewExecution.Lease MINE = new NewExecution.Lease("node-a", LEASE);

    private Database database;
    private JooqEventStore store;
    private DSLContext dsl;
    private int counter;

    @BeforeAll
    void start(TestDatabase testDatabase) {
        database = testDatabase.startDatabase();
        store = new JooqEventStore(database);
        dsl = database.dsl();
    }

    @AfterAll
    void stop() {
        store.close();
        database.close();
    }

    @Test
    void aWaitingExecutionIsLeasedToTheDeliveryAndNoOtherWorkerCanClaimIt() {
        String id = waitingForInput();
        long versionBefore = store.find(id).orElseThrow().version();

        Delivered delivered = deliver(new InputDelivery(id, "yes", Optional.empty(), Optional.of(MINE)));

        assertThat(delivered.before()).contains(ExecutionStatus.WAITING_INPUT);
        ClaimedExecution leased = delivered.leased().orElseThrow();
        assertThat(leased.id()).isEqualTo(id);
        assertThat(leased.version()).isEqualTo(versionBefore + 1);
        assertThat(leased.inboxVersion()).isEqualTo(1);
        assertThat(leased.inbox()).extracting(InboxMessage::text).containsExactly("yes");
        ExecutionRecord row = store.find(id).orElseThrow();
        assertThat(row.status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(row.leaseOwner()).contains("node-a");
        assertThat(row.version()).isEqualTo(leased.version());
        assertThat(store.claim("node-b", 1000, Instant.now().plusSeconds(60), LEASE))
                .extracting(ClaimedExecution::id)
                .doesNotContain(id);

        List<CommitResult> committed =
                store.commit("node-a", List.of(Executions.talk(leased, "got yes")), Instant.now());
        assertThat(committed).extracting(CommitResult::committed).containsExactly(true);
    }

    @Test
    void withoutALeaseTheWaitingExecutionBecomesRunnableForAnyWorker() {
        String id = waitingForInput();

        Delivered delivered = deliver(new InputDelivery(id, "yes", Optional.empty()));

        assertThat(delivered).isEqualTo(new Delivered(Optional.of(ExecutionStatus.WAITING_INPUT), false));
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(ExecutionStatus.RUNNABLE);
        assertThat(store.claim("node-b", 1000, Instant.now().plusSeconds(60), LEASE))
                .extracting(ClaimedExecution::id)
                .contains(id);
    }

    @Test
    void twoLeasingDeliveriesInOneBatchLeaseOnceAndTheLeaseSeesBothInputs() {
        String id = waitingForInput();

        List<Delivered> delivered = store.deliverInputs(
                List.of(
                        new InputDelivery(id, "first", Optional.empty(), Optional.of(MINE)),
                        new InputDelivery(id, "second", Optional.of("msg-2"), Optional.of(MINE))),
                Instant.now());

        assertThat(delivered.get(0).leased()).isPresent();
        assertThat(delivered.get(1).leased()).isEmpty();
        assertThat(delivered.get(0).leased().get().inbox())
                .extracting(InboxMessage::text)
                .containsExactly("first", "second");
        assertThat(delivered.get(0).leased().get().inboxVersion()).isEqualTo(2);
    }

    @Test
    void anExecutionThatIsNotWaitingForInputIsNotLeasedByADelivery() {
        String runnable = "leased-delivery-runnable-" + (++counter);
        Executions.insertRunnable(database, runnable);
        String running = "leased-delivery-running-" + (++counter);
        Executions.insertRunnable(database, running);
        dsl.update(WORKFLOW_EXECUTIONS)
                .set(WORKFLOW_EXECUTIONS.STATUS, "RUNNING")
                .set(WORKFLOW_EXECUTIONS.LEASE_OWNER, "node-b")
                .set(WORKFLOW_EXECUTIONS.LEASE_EXPIRES_AT, java.time.OffsetDateTime.now().plusMinutes(1))
                .where(WORKFLOW_EXECUTIONS.ID.eq(running))
                .execute();

        List<Delivered> delivered = store.deliverInputs(
                List.of(
                        new InputDelivery(runnable, "a", Optional.empty(), Optional.of(MINE)),
                        new InputDelivery(running, "b", Optional.empty(), Optional.of(MINE))),
                Instant.now());

        assertThat(delivered).extracting(Delivered::leased).containsOnly(Optional.empty());
        assertThat(store.find(runnable).orElseThrow().status()).isEqualTo(ExecutionStatus.RUNNABLE);
        assertThat(store.find(running).orElseThrow().leaseOwner()).contains("node-b");
        assertThat(store.find(running).orElseThrow().inboxVersion()).isEqualTo(1);
    }

    @Test
    void aRepeatedDeliveryLeasesNothing() {
        String id = waitingForInput();
        Delivered first = deliver(new InputDelivery(id, "yes", Optional.of("msg-1"), Optional.empty()));
        dsl.update(WORKFLOW_EXECUTIONS)
                .set(WORKFLOW_EXECUTIONS.STATUS, "WAITING_INPUT")
                .where(WORKFLOW_EXECUTIONS.ID.eq(id))
                .execute();

        Delivered again = deliver(new InputDelivery(id, "yes", Optional.of("msg-1"), Optional.of(MINE)));

        assertThat(first.repeat()).isFalse();
        assertThat(again.repeat()).isTrue();
        assertThat(again.leased()).isEmpty();
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(ExecutionStatus.WAITING_INPUT);
    }

    private Delivered deliver(InputDelivery delivery) {
        return store.deliverInputs(List.of(delivery), Instant.now()).getFirst();
    }

    private String waitingForInput() {
        String id = "leased-delivery-" + (++counter);
        Executions.insertRunnable(database, id);
        dsl.update(WORKFLOW_EXECUTIONS)
                .set(WORKFLOW_EXECUTIONS.STATUS, "WAITING_INPUT")
                .where(WORKFLOW_EXECUTIONS.ID.eq(id))
                .execute();
        return id;
    }
}
