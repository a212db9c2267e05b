package io.basicflow.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.persistence.testing.ChildJvm;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.persistence.testing.WorkerKillHarness;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code SAVE FROM UNSTRUCTURED} across a real {@code kill -9} of the worker JVM. Killed between its steps
 * — the model's row recorded, the INSERT not committed (the test holds a lock on the table, so the
 * worker's INSERT waits) — the next worker does not ask the model again: it reads the recorded row and
 * inserts it, once. Killed after the INSERT's commit, nothing is asked or written again.
 */
@ExtendWith(PostgresExtension.class)
class SaveFromUnstructuredKillTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String DIALOG = """
            #workflow
            lead = SAVE FROM UNSTRUCTURED "leads", "Hi, Rui Costa here; write to rui@example.com"
            TALK "Saved " + lead.name
            HEAR reply
            TALK "Bye"
            """;
    private static final String ANSWER = "{\"name\": \"Rui Costa\", \"email\": \"rui@example.com\"}";

    private final TestDatabase testDatabase;
    private WorkerKillHarness harness;

    SaveFromUnstructuredKillTest(TestDatabase testDatabase) {
        this.testDatabase = testDatabase;
    }

    @BeforeEach
    void start() throws SQLException {
        harness = WorkerKillHarness.start(testDatabase, TIMEOUT);
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("create schema if not exists bot_crm");
            statement.execute("drop table if exists bot_crm.leads");
            statement.execute("create table bot_crm.leads (id bigint generated always as identity primary key,"
                    + " name text, email text)");
        }
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(testDatabase.jdbcUrl(), testDatabase.user(), "");
    }

    private ChildJvm worker(FakeModelServer model) {
        return harness.worker("basicflow.ai.base-url=" + model.baseUrl(), "basicflow.ai.model=small-model");
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void await(String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            WorkerKillHarness.sleep(20);
        }
    }

    @Test
    void killedBetweenTheModelsRowAndTheInsertTheModelIsNotAskedAgainAndTheRowIsWrittenOnce() throws Exception {
        try (FakeModelServer model = FakeModelServer.start()) {
            model.answer(ANSWER);
            ChildJvm first = worker(model);
            String id;
            try (Connection lock = connect()) {
                lock.setAutoCommit(false);
                try (Statement statement = lock.createStatement()) {
                    statement.execute("lock table bot_crm.leads in share mode");
                }
                id = harness.start("crm/capture.bas", DIALOG);
                // the model answered, its row is recorded, and the worker's INSERT waits for the lock
                await("the model is asked", () -> model.requests().size() == 1);
                await(
                        "the INSERT waits for the table",
                        () -> count("select count(*) from pg_locks where not granted"
                                        + " and relation = 'bot_crm.leads'::regclass")
                                > 0);
                assertThat(harness.events(id, "EffectCompleted"))
                        .anyMatch(event -> event.summary().contains("ROW FROM UNSTRUCTURED"))
                        .noneMatch(event -> event.summary().contains("INSERT"));
                assertThat(count("select count(*) from bot_crm.leads")).isZero();
                first.killHard();
                lock.rollback();
            }

            worker(model);
            harness.awaitStatus(id, ExecutionStatus.WAITING_INPUT);
            harness.engine().deliverInput(id, "thanks");
            harness.awaitStatus(id, ExecutionStatus.COMPLETED);

            // the recorded row was used: one question in all
            assertThat(model.requests()).hasSize(1);
            assertThat(count("select count(*) from bot_crm.leads where name = 'Rui Costa'"))
                    .isEqualTo(1);
            assertThat(harness.messages(id)).containsExactly("Saved Rui Costa", "Bye");
        }
    }

    @Test
    void killedAfterTheRowsCommitTheModelIsNeverAskedAgain() throws Exception {
        try (FakeModelServer model = FakeModelServer.start()) {
            model.answer(ANSWER);
            ChildJvm first = worker(model);
            String id = harness.start("crm/capture.bas", DIALOG);
            harness.awaitStatus(id, ExecutionStatus.WAITING_INPUT);
            assertThat(count("select count(*) from bot_crm.leads")).isEqualTo(1);
            first.killHard();

            worker(model);
            harness.engine().deliverInput(id, "thanks");
            harness.awaitStatus(id, ExecutionStatus.COMPLETED);

            assertThat(model.requests()).hasSize(1);
            assertThat(count("select count(*) from bot_crm.leads")).isEqualTo(1);
            assertThat(harness.messages(id)).containsExactly("Saved Rui Costa", "Bye");
        }
    }
}
