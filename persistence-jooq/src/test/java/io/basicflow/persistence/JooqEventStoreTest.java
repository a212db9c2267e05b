package io.basicflow.persistence;

import static io.basicflow.persistence.internal.jooq.Tables.WORKFLOW_EVENTS;
import static io.basicflow.persistence.internal.jooq.Tables.WORKFLOW_EXECUTIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.durable.CompiledScripts;
import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.interpreter.ExecutionState;
import io.basicflow.engine.interpreter.Interpreter;
import io.basicflow.engine.interpreter.Journal;
import io.basicflow.engine.interpreter.RuntimeCatalogue;
import io.basicflow.engine.interpreter.Sleeper;
import io.basicflow.engine.json.EngineJson;
import io.basicflow.engine.state.ChildRequest;
import io.basicflow.engine.state.ChildResult;
import io.basicflow.engine.store.ClaimedExecution;
import io.basicflow.engine.store.CommitResult;
import io.basicflow.engine.store.CreateResult;
import io.basicflow.engine.store.EventRecord;
import io.basicflow.engine.store.ExecutionCommit;
import io.basicflow.engine.store.ExecutionRecord;
import io.basicflow.engine.store.NewExecution;
import io.basicflow.engine.store.StoredEvent;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.spi.value.DecimalValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The store's own rules: fencing per execution in a group commit, exact payloads, claims. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JooqEventStoreTest {

    private static final Duration LEASE = Duration.ofSeconds(30);

    private TestDatabase testDatabase;
    private Database database;
    private JooqEventStore store;
    private DSLContext dsl;
    private final ScriptService compiler = new ScriptService(KeywordCatalogue.of(new CorePlugin()));
    private final Interpreter interpreter = new Interpreter(
            RuntimeCatalogue.of(List.of(new CorePlugin()), Map.of(), Clock.systemUTC()),
            Clock.systemUTC(),
            new SplittableRandom(1),
            Sleeper.SYSTEM);
    private int counter;

    @BeforeAll
    void start(TestDatabase testDatabase) {
        this.testDatabase = testDatabase;
        database = testDatabase.startDatabase();
        store = new JooqEventStore(database);
        dsl = database.dsl();
    }

    @AfterAll
    void stop() {
        database.close();
    }

    @Test
    void anExecutionCreatedWithALeaseIsRunningForItsOwnerAndNotClaimable() {
        String id = "store-leased-" + (++counter);
        store.create(
                newExecution(id, "#workflow\nHEAR x\n", Map.of()).leasedTo(new NewExecution.Lease("creator", LEASE)));

        ExecutionRecord row = store.find(id).orElseThrow();
        assertThat(row.status()).isEqualTo(io.basicflow.engine.api.ExecutionStatus.RUNNING);
        assertThat(row.leaseOwner()).contains("creator");
        assertThat(row.version()).isZero();
        assertThat(row.inboxVersion()).isZero();
        assertThat(store.claim("another", 1000, Instant.now().plusSeconds(1), LEASE))
                .extracting(ClaimedExecution::id)
                .doesNotContain(id);
    }

    @Test
    void countsExecutionsByStatus() {
        java.util.Map<io.basicflow.engine.api.ExecutionStatus, Long> before = store.countByStatus();
        create();
        create();
        java.util.Map<io.basicflow.engine.api.ExecutionStatus, Long> after = store.countByStatus();
        long runnableBefore = before.getOrDefault(io.basicflow.engine.api.ExecutionStatus.RUNNABLE, 0L);
        assertThat(after.get(io.basicflow.engine.api.ExecutionStatus.RUNNABLE)).isEqualTo(runnableBefore + 2);
    }

    @Test
    void aStaleWorkersCommitIsRefusedAndWritesNothingWhileTheOthersInTheGroupCommit() {
        String stale = create();
        String fresh = create();
        List<ClaimedExecution> claimedByA = claim("worker-a", stale, fresh);
        // Worker a's lease on `stale` is taken over: b claims it after it was freed.
        dsl.update(WORKFLOW_EXECUTIONS)
                .set(
                        WORKFLOW_EXECUTIONS.LEASE_EXPIRES_AT,
                        java.time.OffsetDateTime.now().minusSeconds(1))
                .where(WORKFLOW_EXECUTIONS.ID.eq(stale))
                .execute();
        assertThat(store.freeExpiredLeases(10, Instant.now(), "nobody", List.of()))
                .isEqualTo(1);
        ClaimedExecution claimedByB = claim("worker-b", stale).getFirst();

        List<CommitResult> results = store.commit(
                "worker-a",
                List.of(Executions.talk(claimedByA.get(0), "from a"), Executions.talk(claimedByA.get(1), "from a")),
                Instant.now());

        assertThat(results).extracting(CommitResult::committed).containsExactly(false, true);
        assertThat(events(stale)).isEqualTo(1);
        assertThat(events(fresh)).isEqualTo(2);
        assertThat(store.messages(stale, 0, 10)).isEmpty();
        assertThat(store.messages(fresh, 0, 10))
                .extracting(message -> message.text())
                .containsExactly("from a");
        // b holds the lease and its version: its commit goes through.
        assertThat(store.commit("worker-b", List.of(Executions.talk(claimedByB, "from b")), Instant.now()))
                .extracting(CommitResult::committed)
                .containsExactly(true);
        assertThat(store.messages(stale, 0, 10))
                .extracting(message -> message.text())
                .containsExactly("from b");
    }

    @Test
    void expiredLeasesAreFreedExceptThoseOfExecutionsTheCallerStillRuns() {
        String kept = create();
        String freed = create();
        claim("worker-k", kept, freed);
        String othersKept = create();
        claim("worker-o", othersKept);
        dsl.update(WORKFLOW_EXECUTIONS)
                .set(
                        WORKFLOW_EXECUTIONS.LEASE_EXPIRES_AT,
                        java.time.OffsetDateTime.now().minusSeconds(1))
                .where(WORKFLOW_EXECUTIONS.ID.in(kept, freed, othersKept))
                .execute();

        // worker-k still runs `kept` (its renewal met a locked row); naming another owner's execution
        // keeps nothing.
        int count = store.freeExpiredLeases(10, Instant.now(), "worker-k", List.of(kept, othersKept));

        assertThat(count).isEqualTo(2);
        assertThat(store.find(kept).orElseThrow().status()).isEqualTo(io.basicflow.engine.api.ExecutionStatus.RUNNING);
        assertThat(store.find(freed).orElseThrow().status())
                .isEqualTo(io.basicflow.engine.api.ExecutionStatus.RUNNABLE);
        assertThat(store.find(othersKept).orElseThrow().status())
                .isEqualTo(io.basicflow.engine.api.ExecutionStatus.RUNNABLE);
        // Once worker-k no longer runs it, its expired lease is freed like any other.
        assertThat(store.freeExpiredLeases(10, Instant.now(), "worker-k", List.of()))
                .isEqualTo(1);
        assertThat(store.find(kept).orElseThrow().status()).isEqualTo(io.basicflow.engine.api.ExecutionStatus.RUNNABLE);
    }

    @Test
    void aCommitWithAnOldVersionIsRefusedEvenByTheSameOwner() {
        String id = create();
        ClaimedExecution claimed = claim("worker-v", id).getFirst();
        assertThat(store.commit("worker-v", List.of(Executions.talk(claimed, "one")), Instant.now())
                        .getFirst()
                        .committed())
                .isTrue();

        CommitResult again = store.commit("worker-v", List.of(Executions.talk(claimed, "one again")), Instant.now())
                .getFirst();

        assertThat(again.committed()).isFalse();
        assertThat(events(id)).isEqualTo(2);
    }

    @Test
    void payloadsAreStoredExactlyAsWritten() {
        Map<String, Value> fields = new LinkedHashMap<>();
        fields.put("zeta", new DecimalValue(new BigDecimal("5")));
        fields.put("alpha", new DecimalValue(new BigDecimal("1.50")));
        fields.put("mid", new TextValue("nul \u0000 inside"));
        String id = create(Map.of("order", new MapValue(fields)));

        String stored = dsl.select(WORKFLOW_EVENTS.PAYLOAD)
                .from(WORKFLOW_EVENTS)
                .where(WORKFLOW_EVENTS.EXECUTION_ID.eq(id))
                .fetchSingle()
                .value1()
                .data();
        ExecutionEvent event = EngineJson.readEvent(stored);

        assertThat(stored).contains("{\"zeta\":5E0,\"alpha\":1.50,\"mid\":\"nul \\u0000 inside\"}");
        MapValue order = (MapValue) ((ExecutionEvent.ExecutionStarted) event)
                .delta()
                .variables()
                .getFirst()
                .value();
        assertThat(order.entries().keySet()).containsExactly("zeta", "alpha", "mid");
        assertThat(order.entries().get("zeta")).isEqualTo(new DecimalValue(new BigDecimal("5")));
    }

    @Test
    void creatingAnExistingIdChangesNothing() {
        NewExecution first = newExecution("same-id", "#workflow\nTALK 1\n", Map.of());
        NewExecution second = newExecution("same-id", "#workflow\nTALK 2\n", Map.of());

        assertThat(store.create(first)).isEqualTo(new CreateResult.Created());
        assertThat(store.create(second)).isEqualTo(new CreateResult.Existing(first.scriptHash()));
        assertThat(events("same-id")).isEqualTo(1);
    }

    @Test
    void aClaimTakesEachRunnableExecutionOnce() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(create());
        }
        List<String> claimed = new ArrayList<>();
        for (ClaimedExecution execution : store.claim("worker-c", 1000, Instant.now(), LEASE)) {
            claimed.add(execution.id());
        }
        List<ClaimedExecution> again = store.claim("worker-d", 1000, Instant.now(), LEASE);

        assertThat(claimed).containsAll(ids);
        assertThat(again).extracting(ClaimedExecution::id).doesNotContainAnyElementsOf(ids);
        assertThat(store.find(ids.getFirst()).orElseThrow().status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(store.find(ids.getFirst()).orElseThrow().leaseOwner()).contains("worker-c");
    }

    @Test
    void aClaimThatCannotReadWhatItClaimedLeavesTheExecutionsFreeForTheNextClaim() {
        String id = create();
        // The claim's second statement (reading the inbox) fails, as on a connection lost mid-claim.
        dsl.execute("alter table workflow_inbox rename to workflow_inbox_away");
        try {
            assertThatThrownBy(() -> store.claim("worker-e", 1000, Instant.now(), LEASE))
                    .isInstanceOf(DataAccessException.class);
        } finally {
            dsl.execute("alter table workflow_inbox_away rename to workflow_inbox");
        }

        assertThat(store.find(id).orElseThrow().leaseOwner()).isEmpty();
        assertThat(store.claim("worker-f", 1000, Instant.now(), LEASE))
                .extracting(ClaimedExecution::id)
                .contains(id);
    }

    @Test
    void aReadRightAfterTheServerEndedEveryPooledConnectionSucceeds() throws SQLException {
        String id = create();
        // Every connection of the pool used just now: the pool hands them out again without checking them.
        List<Connection> connections = new ArrayList<>();
        try {
            for (int i = 0; i < database.config().pool().maximumSize(); i++) {
                Connection connection = database.dataSource().getConnection();
                connection.createStatement().execute("select 1");
                connections.add(connection);
            }
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
        assertThat(testDatabase.terminateConnections()).isGreaterThanOrEqualTo(connections.size());

        assertThat(store.find(id)).map(ExecutionRecord::id).contains(id);
    }

    @Test
    void aLightCommitAppendsEventsAndLeavesTheRowAsItWas() {
        String id = create();
        ClaimedExecution claimed = claim("worker-l", id).getFirst();
        ExecutionRecord before = store.find(id).orElseThrow();

        CommitResult result = store.commit("worker-l", List.of(Executions.light(claimed, 2, "x")), Instant.now())
                .getFirst();

        assertThat(result.committed()).isTrue();
        assertThat(result.version()).isEqualTo(claimed.version());
        ExecutionRecord after = store.find(id).orElseThrow();
        assertThat(after.version()).isEqualTo(before.version());
        assertThat(after.lastSeq()).isEqualTo(1);
        assertThat(after.updatedAt()).isEqualTo(before.updatedAt());
        assertThat(events(id)).isEqualTo(2);
        // The next commit, light or full, expects the same version.
        assertThat(store.commit("worker-l", List.of(Executions.light(claimed, 3, "y")), Instant.now())
                        .getFirst()
                        .committed())
                .isTrue();
        assertThat(events(id)).isEqualTo(3);
    }

    @Test
    void aLightCommitOfSeveralEventsAppendsThemAllAndOneOfManyEventsUpdatesTheRowInstead() {
        String id = create();
        ClaimedExecution claimed = claim("worker-m", id).getFirst();
        ExecutionRecord before = store.find(id).orElseThrow();
        List<EventRecord> two = List.of(Executions.message(2, "a"), Executions.message(3, "b"));

        assertThat(store.commit("worker-m", List.of(Executions.commit(claimed, two, List.of())), Instant.now())
                        .getFirst()
                        .version())
                .isEqualTo(claimed.version());

        assertThat(store.find(id).orElseThrow().version()).isEqualTo(before.version());
        List<EventRecord> nine = new ArrayList<>();
        for (long seq = 4; seq <= 12; seq++) {
            nine.add(Executions.message(seq, "m" + seq));
        }
        // More events than the light statement binds one by one: the full statement writes them.
        CommitResult many = store.commit(
                        "worker-m", List.of(Executions.commit(claimed, nine, List.of())), Instant.now())
                .getFirst();
        assertThat(many.committed()).isTrue();
        assertThat(many.version()).isEqualTo(claimed.version() + 1);
        assertThat(store.find(id).orElseThrow().lastSeq()).isEqualTo(12);
        List<String> stored = store.events(id, 1, 100).stream()
                .map(event -> event.seq() + " " + event.json())
                .toList();
        List<String> sent = new ArrayList<>();
        for (EventRecord event : two) {
            sent.add(event.seq() + " " + event.json());
        }
        for (EventRecord event : nine) {
            sent.add(event.seq() + " " + event.json());
        }
        assertThat(stored).isEqualTo(sent);
    }

    @Test
    void aLightCommitCannotWriteASequenceNumberTwice() {
        String id = create();
        ClaimedExecution claimed = claim("worker-r", id).getFirst();
        assertThat(store.commit("worker-r", List.of(Executions.light(claimed, 2, "first")), Instant.now())
                        .getFirst()
                        .committed())
                .isTrue();

        // Its fence holds, but the events' key refuses the whole statement: nothing more is written.
        ExecutionCommit again = Executions.commit(
                claimed, List.of(Executions.message(2, "different"), Executions.message(3, "new")), List.of());
        assertThatThrownBy(() -> store.commit("worker-r", List.of(again), Instant.now()))
                .rootCause()
                .hasMessageContaining("workflow_events_pk");
        assertThat(events(id)).isEqualTo(2);
    }

    @Test
    void aLightCommitOfALeaseTakenOverWritesNothingAndTheNewOwnerSeesEveryEventPastLastSeq() {
        String id = create();
        String other = create();
        List<ClaimedExecution> byA = claim("worker-a2", id, other);
        assertThat(store.commit("worker-a2", List.of(Executions.light(byA.get(0), 2, "before")), Instant.now())
                        .getFirst()
                        .committed())
                .isTrue();
        assertThat(store.find(id).orElseThrow().lastSeq()).isEqualTo(1);

        dsl.update(WORKFLOW_EXECUTIONS)
                .set(
                        WORKFLOW_EXECUTIONS.LEASE_EXPIRES_AT,
                        java.time.OffsetDateTime.now().minusSeconds(1))
                .where(WORKFLOW_EXECUTIONS.ID.eq(id))
                .execute();
        assertThat(store.freeExpiredLeases(10, Instant.now(), "nobody", List.of()))
                .isEqualTo(1);
        ClaimedExecution byB = claim("worker-b2", id).getFirst();
        // The claim folds every event after the snapshot, the light commit's too.
        assertThat(byB.tail()).extracting(StoredEvent::seq).containsExactly(2L);

        // a's next light commit finds its lease gone; one of an execution a still holds goes through.
        assertThat(store.commit("worker-a2", List.of(Executions.light(byA.get(0), 3, "late")), Instant.now()))
                .extracting(CommitResult::committed)
                .containsExactly(false);
        assertThat(store.commit("worker-a2", List.of(Executions.light(byA.get(1), 2, "fine")), Instant.now()))
                .extracting(CommitResult::committed)
                .containsExactly(true);
        assertThat(events(id)).isEqualTo(2);
        assertThat(events(other)).isEqualTo(2);
        assertThat(store.commit("worker-b2", List.of(Executions.light(byB, 3, "b")), Instant.now())
                        .getFirst()
                        .committed())
                .isTrue();
    }

    private String create() {
        return create(Map.of());
    }

    private String create(Map<String, Value> variables) {
        String id = "store-" + (++counter);
        store.create(newExecution(id, "#workflow\nHEAR x\n", variables));
        return id;
    }

    private NewExecution newExecution(String id, String source, Map<String, Value> variables) {
        CompiledScripts.Compiled script = new CompiledScripts(compiler, store, 10).compile("store.bas", source);
        List<ExecutionEvent> recorded = new ArrayList<>();
        Journal collecting = new Journal() {
            @Override
            public boolean recording() {
                return true;
            }

            @Override
            public void record(ExecutionEvent event) {
                recorded.add(event);
            }

            @Override
            public Optional<String> nextInput(io.basicflow.engine.interpreter.InputRequest request) {
                return Optional.empty();
            }

            @Override
            public boolean awaitTimer(Instant wakeAt) {
                return false;
            }

            @Override
            public Optional<ChildResult> childResult(ChildRequest request) {
                return Optional.empty();
            }
        };
        ExecutionState state = interpreter.start(script.program(), id, variables, collecting);
        ExecutionEvent started = recorded.getFirst();
        return new NewExecution(
                id,
                script.name(),
                script.source(),
                script.hash(),
                Optional.empty(),
                new EventRecord(1, "ExecutionStarted", EngineJson.write(started)),
                EngineJson.write(state.snapshot()),
                Instant.now(),
                Optional.empty());
    }

    private List<ClaimedExecution> claim(String owner, String... ids) {
        List<ClaimedExecution> claimed = new ArrayList<>(store.claim(owner, 1000, Instant.now(), LEASE));
        List<String> wanted = List.of(ids);
        claimed.removeIf(execution -> !wanted.contains(execution.id()));
        claimed.sort((a, b) -> Integer.compare(wanted.indexOf(a.id()), wanted.indexOf(b.id())));
        assertThat(claimed).extracting(ClaimedExecution::id).containsExactly(ids);
        return claimed;
    }

    private int events(String id) {
        return dsl.fetchCount(WORKFLOW_EVENTS, WORKFLOW_EVENTS.EXECUTION_ID.eq(id));
    }
}
