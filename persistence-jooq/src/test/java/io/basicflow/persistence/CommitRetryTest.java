package io.basicflow.persistence;

import static io.basicflow.persistence.internal.jooq.Tables.WORKFLOW_EVENTS;
import static io.basicflow.persistence.internal.jooq.Tables.WORKFLOW_EXECUTIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.engine.durable.CompiledScripts;
import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.interpreter.InputRequest;
import io.basicflow.engine.interpreter.Interpreter;
import io.basicflow.engine.interpreter.Journal;
import io.basicflow.engine.interpreter.RuntimeCatalogue;
import io.basicflow.engine.interpreter.Sleeper;
import io.basicflow.engine.json.EngineJson;
import io.basicflow.engine.state.ChildRequest;
import io.basicflow.engine.state.ChildResult;
import io.basicflow.engine.store.ClaimedExecution;
import io.basicflow.engine.store.CommitResult;
import io.basicflow.engine.store.EventRecord;
import io.basicflow.engine.store.ExecutionCommit;
import io.basicflow.engine.store.NewExecution;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.persistence.testing.TestPostgresServer;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A group commit that meets a broken connection is written on a new one, exactly once: a commit that
 * an attempt wrote before its connection broke is confirmed, not refused; one whose execution another
 * worker took over meanwhile stays refused; other errors are not retried.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommitRetryTest {

    private static final Duration LEASE = Duration.ofSeconds(30);

    private TestDatabase testDatabase;
    private Database database;
    private JooqEventStore store;
    private DSLContext dsl;
    private final ScriptService compiler = new ScriptService(KeywordCatalogue.of(new CorePlugin()));
    private final Interpreter interpreter = new Interpreter(
            RuntimeCatalogue.of(List.of(new CorePlugin()), java.util.Map.of(), Clock.systemUTC()),
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

    /** Lets the pool replace connections that an earlier test ended (each fails one statement). */
    @BeforeEach
    void settle() {
        for (int i = 0; i < 10; i++) {
            try {
                dsl.selectOne().fetch();
            } catch (DataAccessException e) {
                // evicted by the pool; the next one is new
            }
        }
    }

    @AfterAll
    void stop() {
        store.close();
        database.close();
    }

    @Test
    void aCommitWhosePooledConnectionsWereEndedIsWrittenOnANewConnection() {
        ClaimedExecution claimed = claimNew("worker-a");
        assertThat(testDatabase.terminateConnections()).isPositive();

        List<CommitResult> results =
                store.commit("worker-a", List.of(Executions.talk(claimed, "after the cut")), Instant.now());

        assertThat(results).extracting(CommitResult::committed).containsExactly(true);
        assertThat(events(claimed.id())).isEqualTo(2);
        assertThat(store.messages(claimed.id(), 0, 10))
                .extracting(message -> message.text())
                .containsExactly("after the cut");
    }

    @Test
    void aCommitMadeWhileTheServerIsDownIsWrittenOnceTheServerIsBack(TestPostgresServer server) throws Exception {
        ClaimedExecution claimed = claimNew("worker-a");
        CompletableFuture<List<CommitResult>> commit;
        server.stop();
        try {
            commit = CompletableFuture.supplyAsync(
                    () -> store.commit("worker-a", List.of(Executions.talk(claimed, "while down")), Instant.now()));
            // Longer than two waits for a connection (2 s each in tests): a single retry gives up.
            Thread.sleep(5_000);
            assertThat(commit).as("the commit waits for the server").isNotDone();
        } finally {
            server.start();
        }

        assertThat(commit.get(30, TimeUnit.SECONDS))
                .extracting(CommitResult::committed)
                .containsExactly(true);
        assertThat(events(claimed.id())).isEqualTo(2);
        assertThat(store.messages(claimed.id(), 0, 10))
                .extracting(message -> message.text())
                .containsExactly("while down");
    }

    @Test
    void aCommitWrittenByAnAttemptWhoseAnswerWasLostIsConfirmedAndNotWrittenTwice() {
        ClaimedExecution claimed = claimNew("worker-a");
        List<ExecutionCommit> commits = List.of(Executions.talk(claimed, "once"));
        AtomicInteger attempts = new AtomicInteger();

        List<CommitResult> results = CommitRetry.run(dsl, commits, () -> {
            List<CommitResult> written = store.commit("worker-a", commits, Instant.now());
            if (attempts.incrementAndGet() == 1) {
                throw connectionLost(); // committed, but the answer never came back
            }
            return written;
        });

        assertThat(attempts).hasValue(2);
        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.committed()).isTrue();
            assertThat(result.version()).isEqualTo(claimed.version() + 1);
        });
        assertThat(events(claimed.id())).isEqualTo(2);
        assertThat(store.messages(claimed.id(), 0, 10))
                .extracting(message -> message.text())
                .containsExactly("once");
    }

    @Test
    void aLightCommitWrittenByAnAttemptWhoseAnswerWasLostIsConfirmedByItsStoredEvents() {
        ClaimedExecution claimed = claimNew("worker-a");
        List<ExecutionCommit> commits = List.of(Executions.light(claimed, 2, "once"));
        AtomicInteger attempts = new AtomicInteger();

        List<CommitResult> results = CommitRetry.run(dsl, commits, () -> {
            int attempt = attempts.incrementAndGet();
            List<CommitResult> written = store.commit("worker-a", commits, Instant.now());
            if (attempt == 1) {
                throw connectionLost(); // committed, but the answer never came back
            }
            return written;
        });

        // The second attempt passed the fence (a light commit keeps the version) and met its own events.
        assertThat(attempts).hasValue(2);
        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.committed()).isTrue();
            assertThat(result.version()).isEqualTo(claimed.version());
        });
        assertThat(events(claimed.id())).isEqualTo(2);
    }

    @Test
    void aLightCommitWhoseSequenceNumbersHoldOtherEventsIsNotConfirmed() {
        ClaimedExecution claimed = claimNew("worker-a");
        assertThat(store.commit("worker-a", List.of(Executions.light(claimed, 2, "stored")), Instant.now())
                        .getFirst()
                        .committed())
                .isTrue();
        List<ExecutionCommit> commits = List.of(Executions.light(claimed, 2, "another"));
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> CommitRetry.run(dsl, commits, () -> {
                    if (attempts.incrementAndGet() == 1) {
                        throw connectionLost();
                    }
                    return store.commit("worker-a", commits, Instant.now());
                }))
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("workflow_events_pk");
        assertThat(events(claimed.id())).isEqualTo(2);
    }

    @Test
    void aCommitRefusedAfterALostConnectionStaysRefusedWhenAnotherWorkerTookTheExecutionOver() {
        ClaimedExecution claimed = claimNew("worker-a");
        List<ExecutionCommit> commits = List.of(Executions.talk(claimed, "from a"));
        AtomicInteger attempts = new AtomicInteger();

        List<CommitResult> results = CommitRetry.run(dsl, commits, () -> {
            if (attempts.incrementAndGet() == 1) {
                // While a's connection is broken, its lease expires and b takes the execution over.
                dsl.update(WORKFLOW_EXECUTIONS)
                        .set(
                                WORKFLOW_EXECUTIONS.LEASE_EXPIRES_AT,
                                OffsetDateTime.now().minusSeconds(1))
                        .where(WORKFLOW_EXECUTIONS.ID.eq(claimed.id()))
                        .execute();
                store.freeExpiredLeases(10, Instant.now(), "nobody", List.of());
                assertThat(store.claim("worker-b", 10, Instant.now(), LEASE))
                        .extracting(ClaimedExecution::id)
                        .contains(claimed.id());
                throw connectionLost();
            }
            return store.commit("worker-a", commits, Instant.now());
        });

        assertThat(results).extracting(CommitResult::committed).containsExactly(false);
        assertThat(events(claimed.id())).isEqualTo(1);
    }

    @Test
    void otherErrorsAreNotRetried() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> CommitRetry.run(dsl, List.of(), () -> {
                    attempts.incrementAndGet();
                    throw new DataAccessException("duplicate", new SQLException("duplicate key", "23505"));
                }))
                .isInstanceOf(DataAccessException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void connectionFailuresAreToldFromOtherErrors() {
        assertThat(CommitRetry.isConnectionFailure(connectionLost())).isTrue();
        assertThat(CommitRetry.isConnectionFailure(new DataAccessException(
                        "ended", new SQLException("terminating connection due to administrator command", "57P01"))))
                .isTrue();
        assertThat(CommitRetry.isConnectionFailure(
                        new DataAccessException("no pool", new java.sql.SQLTransientConnectionException("timeout"))))
                .isTrue();
        assertThat(CommitRetry.isConnectionFailure(
                        new DataAccessException("fk", new SQLException("foreign key violation", "23503"))))
                .isFalse();
        assertThat(CommitRetry.isConnectionFailure(new IllegalStateException("a bug")))
                .isFalse();
    }

    private static DataAccessException connectionLost() {
        return new DataAccessException(
                "Error while running ConnectionCallable",
                new SQLException("An I/O error occurred while sending to the backend.", "08006"));
    }

    private ClaimedExecution claimNew(String owner) {
        String id = "retry-" + (++counter);
        CompiledScripts.Compiled script =
                new CompiledScripts(compiler, store, 10).compile("retry.bas", "#workflow\nHEAR x\n");
        List<ExecutionEvent> recorded = new java.util.ArrayList<>();
        io.basicflow.engine.interpreter.ExecutionState state =
                interpreter.start(script.program(), id, java.util.Map.of(), new CollectingJournal(recorded));
        ExecutionEvent started = recorded.getFirst();
        io.basicflow.engine.state.ExecutionSnapshot snapshot = state.snapshot();
        store.create(new NewExecution(
                id,
                script.name(),
                script.source(),
                script.hash(),
                Optional.empty(),
                new EventRecord(1, "ExecutionStarted", EngineJson.write(started)),
                EngineJson.write(snapshot),
                Instant.now(),
                Optional.empty()));
        return store.claim(owner, 1000, Instant.now(), LEASE).stream()
                .filter(execution -> execution.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    /** Keeps the events of a start. */
    private record CollectingJournal(List<ExecutionEvent> events) implements Journal {
        @Override
        public boolean recording() {
            return true;
        }

        @Override
        public void record(ExecutionEvent event) {
            events.add(event);
        }

        @Override
        public Optional<String> nextInput(InputRequest request) {
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
    }

    private int events(String id) {
        return dsl.fetchCount(WORKFLOW_EVENTS, WORKFLOW_EVENTS.EXECUTION_ID.eq(id));
    }
}
