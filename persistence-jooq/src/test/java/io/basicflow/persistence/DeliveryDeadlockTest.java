package io.basicflow.persistence;

import static io.basicflow.persistence.internal.jooq.Tables.WORKFLOW_EXECUTIONS;
import static io.basicflow.persistence.internal.jooq.Tables.WORKFLOW_INBOX;
import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.store.EventStore.Delivered;
import io.basicflow.engine.store.EventStore.InputDelivery;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A batch of inputs that PostgreSQL chooses as a deadlock's victim is delivered again, whole and
 * once: here a transaction holds one of the batch's two rows, waits until the delivery holds the
 * other and waits for it, then asks for that one too (the order a group commit's join may pick).
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryDeadlockTest {

    private Database database;
    private JooqEventStore store;
    private DSLContext dsl;

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
    void aDeliveryChosenAsADeadlockVictimIsDeliveredAgainOnce() throws Exception {
        for (String id : List.of("deadlock-a", "deadlock-b")) {
            Executions.insertRunnable(database, id);
            dsl.update(WORKFLOW_EXECUTIONS)
                    .set(WORKFLOW_EXECUTIONS.STATUS, "WAITING_INPUT")
                    .where(WORKFLOW_EXECUTIONS.ID.eq(id))
                    .execute();
        }
        CompletableFuture<Void> holder = new CompletableFuture<>();
        CompletableFuture<List<Delivered>> delivery = new CompletableFuture<>();
        Thread other = Thread.ofPlatform().start(() -> {
            try {
                dsl.transaction(tx -> {
                    lock(tx.dsl(), "deadlock-b");
                    delivery.completeAsync(() -> store.deliverInputs(
                            List.of(new InputDelivery("deadlock-a", "to a"), new InputDelivery("deadlock-b", "to b")),
                            Instant.now()));
                    awaitDeliveryWaiting();
                    // the delivery holds deadlock-a and waits for deadlock-b: asking for deadlock-a closes
                    // the cycle; the delivery waited longer, so its deadlock check runs first and fails it
                    lock(tx.dsl(), "deadlock-a");
                });
                holder.complete(null);
            } catch (RuntimeException e) {
                holder.completeExceptionally(e);
            }
        });

        List<Delivered> delivered = delivery.get(60, TimeUnit.SECONDS);
        holder.get(60, TimeUnit.SECONDS);
        other.join();

        assertThat(delivered)
                .containsExactly(
                        new Delivered(Optional.of(ExecutionStatus.WAITING_INPUT), false),
                        new Delivered(Optional.of(ExecutionStatus.WAITING_INPUT), false));
        assertThat(inbox("deadlock-a")).containsExactly("to a");
        assertThat(inbox("deadlock-b")).containsExactly("to b");
    }

    private static void lock(DSLContext tx, String id) {
        tx.select(WORKFLOW_EXECUTIONS.ID)
                .from(WORKFLOW_EXECUTIONS)
                .where(WORKFLOW_EXECUTIONS.ID.eq(id))
                .forUpdate()
                .fetch();
    }

    /** Until the delivery's statement waits for a row lock (and not any other session of the server). */
    private void awaitDeliveryWaiting() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (dsl.fetchCount(DSL.selectOne()
                        .from(DSL.table("pg_stat_activity"))
                        .where(DSL.field("wait_event_type").eq("Lock"))
                        .and(DSL.field("query", String.class).contains("insert into workflow_input_deliveries")))
                < 1) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the delivery never waited for the locked row");
            }
            Thread.onSpinWait();
        }
    }

    private List<String> inbox(String id) {
        return dsl.select(WORKFLOW_INBOX.PAYLOAD)
                .from(WORKFLOW_INBOX)
                .where(WORKFLOW_INBOX.EXECUTION_ID.eq(id))
                .orderBy(WORKFLOW_INBOX.ID)
                .fetch(WORKFLOW_INBOX.PAYLOAD);
    }
}
