package io.basicflow.persistence;

import static io.basicflow.persistence.internal.jooq.Tables.WORKFLOW_EXECUTIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.engine.store.ClaimedExecution;
import io.basicflow.engine.store.CommitResult;
import io.basicflow.engine.store.EventRecord;
import io.basicflow.engine.store.ExecutionCommit;
import io.basicflow.engine.store.ExecutionRecord;
import io.basicflow.engine.store.OutboxMessage;
import io.basicflow.engine.store.StoredEvent;
import io.basicflow.engine.store.TransactionalCommit;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A transactional group whose activations go on running (a data keyword's step in the middle of a
 * script) appends its events under the fence's row locks without updating the execution rows: the
 * rows keep their version, and everything the full group commit guarantees still holds — the works'
 * writes and the events commit together, a cancel request is answered, a take-over sees the events,
 * and a commit after a take-over runs no work.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransactionalAppendTest {

    private static final Duration LEASE = Duration.ofSeconds(30);

    private Database database;
    private JooqEventStore store;
    private DSLContext dsl;
    private int counter;

    @BeforeAll
    void start(TestDatabase testDatabase) {
        database = testDatabase.startDatabase();
        store = new JooqEventStore(database);
        dsl = database.dsl();
        dsl.execute("create table append_writes (execution_id text, seq bigint)");
    }

    @AfterAll
    void stop() {
        database.close();
    }

    @Test
    void aGroupThatOnlyAppendsCommitsTheWritesAndEventsAndLeavesTheRowsAsTheyWere() {
        List<ClaimedExecution> claimed = claim("owner-a", 2);
        List<ExecutionRecord> before = rows(claimed);

        List<CommitResult> results = store.commitTransactional(
                "owner-a", List.of(step(claimed.get(0), 2, false), step(claimed.get(1), 2, false)), Instant.now());

        assertThat(results).extracting(CommitResult::committed).containsExactly(true, true);
        assertThat(results)
                .extracting(CommitResult::version)
                .containsExactly(claimed.get(0).version(), claimed.get(1).version());
        assertThat(results).extracting(CommitResult::cancelRequested).containsOnly(Optional.empty());
        List<ExecutionRecord> after = rows(claimed);
        for (int i = 0; i < claimed.size(); i++) {
            assertThat(after.get(i).version()).isEqualTo(before.get(i).version());
            assertThat(after.get(i).updatedAt()).isEqualTo(before.get(i).updatedAt());
            assertThat(written(claimed.get(i).id())).isEqualTo(1);
            assertThat(store.events(claimed.get(i).id(), 0, 10))
                    .extracting(StoredEvent::seq)
                    .containsExactly(2L);
        }

        // the next step expects the same version, and goes through
        assertThat(store.commitTransactional("owner-a", List.of(step(claimed.get(0), 3, false)), Instant.now()))
                .extracting(CommitResult::committed)
                .containsExactly(true);
        assertThat(store.events(claimed.get(0).id(), 0, 10))
                .extracting(StoredEvent::seq)
                .containsExactly(2L, 3L);
    }

    @Test
    void aCancelRequestedOnTheRowIsAnsweredByTheAppend() {
        ClaimedExecution claimed = claim("owner-c", 1).getFirst();
        dsl.update(WORKFLOW_EXECUTIONS)
                .set(WORKFLOW_EXECUTIONS.CANCEL_REQUESTED_AT, OffsetDateTime.now())
                .set(WORKFLOW_EXECUTIONS.CANCEL_REASON, "stop it")
                .where(WORKFLOW_EXECUTIONS.ID.eq(claimed.id()))
                .execute();

        CommitResult result = store.commitTransactional("owner-c", List.of(step(claimed, 2, false)), Instant.now())
                .getFirst();

        assertThat(result.committed()).isTrue();
        assertThat(result.cancelRequested()).contains("stop it");
    }

    @Test
    void aTakeOverSeesTheAppendedEventsAndTheOldOwnersNextGroupRunsNoWork() {
        ClaimedExecution byA = claim("owner-t", 1).getFirst();
        assertThat(store.commitTransactional("owner-t", List.of(step(byA, 2, false)), Instant.now()))
                .extracting(CommitResult::committed)
                .containsExactly(true);

        dsl.update(WORKFLOW_EXECUTIONS)
                .set(WORKFLOW_EXECUTIONS.LEASE_EXPIRES_AT, OffsetDateTime.now().minusSeconds(1))
                .where(WORKFLOW_EXECUTIONS.ID.eq(byA.id()))
                .execute();
        assertThat(store.freeExpiredLeases(10, Instant.now(), "nobody", List.of()))
                .isEqualTo(1);
        ClaimedExecution byB = store.claim("owner-t2", 100, Instant.now(), LEASE).stream()
                .filter(execution -> execution.id().equals(byA.id()))
                .findFirst()
                .orElseThrow();
        assertThat(byB.tail()).extracting(StoredEvent::seq).containsExactly(2L);

        AtomicInteger writes = new AtomicInteger();
        TransactionalCommit late = new TransactionalCommit(byA.id(), byA.version(), work(byA, 3, false, writes));
        assertThat(store.commitTransactional("owner-t", List.of(late), Instant.now()))
                .extracting(CommitResult::committed)
                .containsExactly(false);
        assertThat(writes).hasValue(0);
        assertThat(written(byA.id())).isEqualTo(1);
        assertThat(store.events(byA.id(), 0, 10)).extracting(StoredEvent::seq).containsExactly(2L);
    }

    @Test
    void aGroupWithACommitThatChangesItsRowUpdatesEveryRowOfTheGroup() {
        List<ClaimedExecution> claimed = claim("owner-m", 2);

        List<CommitResult> results = store.commitTransactional(
                "owner-m", List.of(step(claimed.get(0), 2, false), step(claimed.get(1), 2, true)), Instant.now());

        assertThat(results).extracting(CommitResult::committed).containsExactly(true, true);
        assertThat(results)
                .extracting(CommitResult::version)
                .containsExactly(claimed.get(0).version() + 1, claimed.get(1).version() + 1);
        assertThat(rows(claimed)).extracting(ExecutionRecord::lastSeq).containsExactly(2L, 2L);
    }

    @Test
    void aGroupThatFailsAfterItsWritesCommitsNothingAndTheNextGroupGoesThrough() {
        ClaimedExecution claimed = claim("owner-f", 1).getFirst();
        TransactionalCommit.Work writes = work(claimed, 2, false, new AtomicInteger());
        TransactionalCommit failing =
                new TransactionalCommit(claimed.id(), claimed.version(), new TransactionalCommit.Work() {
                    @Override
                    public boolean write(Connection connection, boolean guarded) throws SQLException {
                        return writes.write(connection, guarded);
                    }

                    @Override
                    public ExecutionCommit record() {
                        throw new IllegalStateException("recording failed");
                    }
                });

        assertThatThrownBy(() -> store.commitTransactional("owner-f", List.of(failing), Instant.now()))
                .hasStackTraceContaining("recording failed");

        // rolled back: neither the write nor an event; the connection went back to the pool usable
        assertThat(written(claimed.id())).isZero();
        assertThat(store.events(claimed.id(), 0, 10)).isEmpty();
        assertThat(store.commitTransactional("owner-f", List.of(step(claimed, 2, false)), Instant.now()))
                .extracting(CommitResult::committed)
                .containsExactly(true);
        assertThat(written(claimed.id())).isEqualTo(1);
    }

    private TransactionalCommit step(ClaimedExecution execution, long seq, boolean talks) {
        return new TransactionalCommit(
                execution.id(), execution.version(), work(execution, seq, talks, new AtomicInteger()));
    }

    /** A data write of one row, recorded by one event (and a message when it talks). */
    private static TransactionalCommit.Work work(
            ClaimedExecution execution, long seq, boolean talks, AtomicInteger writes) {
        return new TransactionalCommit.Work() {
            @Override
            public boolean write(Connection connection, boolean guarded) throws SQLException {
                writes.incrementAndGet();
                try (PreparedStatement insert =
                        connection.prepareStatement("insert into append_writes (execution_id, seq) values (?, ?)")) {
                    insert.setString(1, execution.id());
                    insert.setLong(2, seq);
                    insert.executeUpdate();
                }
                return true;
            }

            @Override
            public ExecutionCommit record() {
                EventRecord event = Executions.message(seq, "wrote " + seq);
                return Executions.commit(
                        execution,
                        List.of(event),
                        talks ? List.of(new OutboxMessage(seq, Optional.empty(), "wrote")) : List.of());
            }
        };
    }

    private List<ClaimedExecution> claim(String owner, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "append-" + (++counter);
            Executions.insertRunnable(database, id);
            // a snapshot to restore from (the store does not decode it)
            dsl.execute(
                    "update workflow_executions set state = '{}'::json, snapshot_seq = 1, last_seq = 1 where id = ?",
                    id);
            ids.add(id);
        }
        List<ClaimedExecution> claimed = new ArrayList<>(store.claim(owner, 1000, Instant.now(), LEASE));
        claimed.removeIf(execution -> !ids.contains(execution.id()));
        claimed.sort((a, b) -> Integer.compare(ids.indexOf(a.id()), ids.indexOf(b.id())));
        assertThat(claimed).extracting(ClaimedExecution::id).containsExactlyElementsOf(ids);
        return claimed;
    }

    private List<ExecutionRecord> rows(List<ClaimedExecution> claimed) {
        return claimed.stream()
                .map(execution -> store.find(execution.id()).orElseThrow())
                .toList();
    }

    private int written(String executionId) {
        return dsl.fetchCount(dsl.selectFrom("append_writes").where("execution_id = ?", executionId));
    }
}
