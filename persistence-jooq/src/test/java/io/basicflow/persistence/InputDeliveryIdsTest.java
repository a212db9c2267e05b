package io.basicflow.persistence;

import static io.basicflow.persistence.internal.jooq.Tables.WORKFLOW_EXECUTIONS;
import static io.basicflow.persistence.internal.jooq.Tables.WORKFLOW_INBOX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.store.EventStore.Delivered;
import io.basicflow.engine.store.EventStore.InputDelivery;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** An input with a delivery id is stored once per conversation, however often and however it is sent. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InputDeliveryIdsTest {

    private Database database;
    private JooqEventStore store;
    private DSLContext dsl;
    private final Instant now = Instant.parse("2026-11-25T12:00:00Z");

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
    void aRepeatedDeliveryIdIsNotStoredAgainAndIsReportedAsARepeat() {
        waitingForInput("repeat-1");

        Delivered first = deliver("repeat-1", "yes", "msg-1");
        Delivered again = deliver("repeat-1", "yes", "msg-1");

        assertThat(first).isEqualTo(new Delivered(Optional.of(ExecutionStatus.WAITING_INPUT), false));
        assertThat(again).isEqualTo(new Delivered(Optional.of(ExecutionStatus.RUNNABLE), true));
        assertThat(inbox("repeat-1")).containsExactly("yes");
        assertThat(inboxVersion("repeat-1")).isEqualTo(1);
    }

    @Test
    void differentDeliveryIdsAndInputsWithoutOneAreAllStoredInOrder() {
        Executions.insertRunnable(database, "several-1");

        deliver("several-1", "a", "msg-a");
        store.deliverInputs(List.of(new InputDelivery("several-1", "b")), now);
        store.deliverInputs(List.of(new InputDelivery("several-1", "b")), now);
        deliver("several-1", "c", "msg-c");

        assertThat(inbox("several-1")).containsExactly("a", "b", "b", "c");
        assertThat(inboxVersion("several-1")).isEqualTo(4);
    }

    @Test
    void aRepeatInTheSameBatchIsStoredOnceAndTheOthersOfTheBatchAreKept() {
        Executions.insertRunnable(database, "batch-1");
        Executions.insertRunnable(database, "batch-2");

        List<Delivered> delivered = store.deliverInputs(
                List.of(
                        new InputDelivery("batch-1", "one", Optional.of("k")),
                        new InputDelivery("batch-2", "other", Optional.of("k")),
                        new InputDelivery("batch-1", "one", Optional.of("k")),
                        new InputDelivery("batch-1", "two")),
                now);

        assertThat(delivered).extracting(Delivered::repeat).containsExactly(false, false, true, false);
        assertThat(inbox("batch-1")).containsExactly("one", "two");
        assertThat(inbox("batch-2")).containsExactly("other");
        assertThat(inboxVersion("batch-1")).isEqualTo(2);
    }

    @Test
    void deliveryIdsAreKeptPerConversationSoARetryThatReachesAnotherExecutionOfItIsARepeat() {
        Executions.insertRunnable(database, "conv-1");
        Executions.insertRunnable(database, "conv-1~4");

        // The first delivery went to the child that was asking; the retry reaches the parent, which asks now.
        assertThat(deliver("conv-1~4", "blue", "msg-7").repeat()).isFalse();
        assertThat(deliver("conv-1", "blue", "msg-7").repeat()).isTrue();

        assertThat(inbox("conv-1~4")).containsExactly("blue");
        assertThat(inbox("conv-1")).isEmpty();
    }

    @Test
    void aRepeatIsRecognisedAfterTheExecutionEndedButAFirstDeliveryToAnEndedOneIsNotRecorded() {
        Executions.insertRunnable(database, "ended-1");
        deliver("ended-1", "last answer", "msg-1");
        complete("ended-1");

        Delivered repeat = deliver("ended-1", "last answer", "msg-1");
        Delivered late = deliver("ended-1", "too late", "msg-2");
        Delivered lateAgain = deliver("ended-1", "too late", "msg-2");

        assertThat(repeat).isEqualTo(new Delivered(Optional.of(ExecutionStatus.COMPLETED), true));
        assertThat(late).isEqualTo(new Delivered(Optional.of(ExecutionStatus.COMPLETED), false));
        assertThat(lateAgain.repeat()).isFalse();
        assertThat(inbox("ended-1")).containsExactly("last answer");
    }

    @Test
    void anUnknownExecutionIsReportedAndNothingIsRecorded() {
        Delivered delivered = deliver("no-such-execution", "hello", "msg-1");

        assertThat(delivered).isEqualTo(new Delivered(Optional.empty(), false));
        assertThat(dsl.fetchCount(
                        dsl.selectFrom("workflow_input_deliveries").where("conversation_id = 'no-such-execution'")))
                .isZero();
    }

    @Test
    void concurrentDeliveriesOfOneIdStoreTheInputExactlyOnce() throws Exception {
        int senders = 8;
        for (int round = 0; round < 5; round++) {
            String id = "race-" + round;
            Executions.insertRunnable(database, id);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Delivered>> results = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(senders)) {
                for (int i = 0; i < senders; i++) {
                    results.add(pool.submit(() -> {
                        go.await();
                        return deliver(id, "once", "msg-race");
                    }));
                }
                go.countDown();
                List<Boolean> repeats = new ArrayList<>();
                for (Future<Delivered> result : results) {
                    repeats.add(result.get().repeat());
                }
                assertThat(repeats).as("round %d", round).containsOnlyOnce(false);
            }
            assertThat(inbox(id)).containsExactly("once");
            assertThat(inboxVersion(id)).isEqualTo(1);
        }
    }

    @Test
    void aDeliveryIdMustBeUsable() {
        assertThatThrownBy(() -> new InputDelivery("x", "y", Optional.of("")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 200 characters");
        assertThatThrownBy(() -> new InputDelivery("x", "y", Optional.of("a".repeat(201))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("this one has 201");
        assertThatThrownBy(() -> new InputDelivery("x", "y", Optional.of("a\nb")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("control characters");
    }

    private Delivered deliver(String executionId, String input, String deliveryId) {
        return store.deliverInputs(List.of(new InputDelivery(executionId, input, Optional.of(deliveryId))), now)
                .getFirst();
    }

    private void waitingForInput(String id) {
        Executions.insertRunnable(database, id);
        dsl.update(WORKFLOW_EXECUTIONS)
                .set(WORKFLOW_EXECUTIONS.STATUS, "WAITING_INPUT")
                .where(WORKFLOW_EXECUTIONS.ID.eq(id))
                .execute();
    }

    private void complete(String id) {
        dsl.update(WORKFLOW_EXECUTIONS)
                .set(WORKFLOW_EXECUTIONS.STATUS, "COMPLETED")
                .set(WORKFLOW_EXECUTIONS.COMPLETED_AT, OffsetDateTime.now())
                .setNull(WORKFLOW_EXECUTIONS.WAKE_AT)
                .where(WORKFLOW_EXECUTIONS.ID.eq(id))
                .execute();
    }

    private List<String> inbox(String id) {
        return dsl.select(WORKFLOW_INBOX.PAYLOAD)
                .from(WORKFLOW_INBOX)
                .where(WORKFLOW_INBOX.EXECUTION_ID.eq(id))
                .orderBy(WORKFLOW_INBOX.ID)
                .fetch(WORKFLOW_INBOX.PAYLOAD);
    }

    private long inboxVersion(String id) {
        return dsl.select(WORKFLOW_EXECUTIONS.INBOX_VERSION)
                .from(WORKFLOW_EXECUTIONS)
                .where(WORKFLOW_EXECUTIONS.ID.eq(id))
                .fetchOne(WORKFLOW_EXECUTIONS.INBOX_VERSION);
    }
}
