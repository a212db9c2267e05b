package io.basicflow.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

@ExtendWith(PostgresExtension.class)
class DatabaseTest {

    @Test
    void anUnreachableDatabaseFailsTheStartNamingTheUrlButNotThePassword() throws IOException {
        String url = "jdbc:postgresql://localhost:" + freePort() + "/basicflow?password=url-secret&ssl=false";
        DatabaseConfig config = DatabaseConfig.external(url, "app", "config-secret")
                .withPool(DatabaseConfig.Pool.defaults().withConnectionTimeout(Duration.ofSeconds(1)));
        Database database = new Database(config);

        assertThatThrownBy(database::start)
                .isInstanceOfSatisfying(
                        DatabaseUnavailableException.class,
                        e -> assertThat(e.jdbcUrl()).isEqualTo(url.replace("url-secret", "***")))
                .hasMessageStartingWith(
                        "Cannot connect to PostgreSQL at " + url.replace("url-secret", "***") + " as user 'app': ")
                .hasMessageContaining("Connection to localhost")
                .hasMessageContaining("basicflow.db.url")
                .hasMessageNotContaining("url-secret")
                .hasMessageNotContaining("config-secret");
        assertThatThrownBy(database::dataSource).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aMissingDatabaseIsNamedInTheError(TestDatabase database) {
        String url = database.server().jdbcUrl("no_such_database");
        Database missing = new Database(DatabaseConfig.external(url, database.user(), ""));

        assertThatThrownBy(missing::start)
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining(url)
                .hasMessageContaining("database \"no_such_database\" does not exist");
    }

    @Test
    void startingTwiceIsAnErrorButAClosedDatabaseStartsAgain(TestDatabase testDatabase) throws Exception {
        Database database = testDatabase.startDatabase();
        assertThatThrownBy(database::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already");
        database.close();
        database.close();
        assertThatThrownBy(database::dataSource).hasMessage("the Database is closed");
        database.start();
        try (var connection = database.dataSource().getConnection();
                var statement = connection.createStatement();
                var rows = statement.executeQuery("select count(*) from workflow_executions")) {
            assertThat(rows.next()).isTrue();
        } finally {
            database.close();
        }
    }

    @Test
    void thePoolRecoversAfterEveryConnectionIsTerminated(TestDatabase testDatabase) {
        try (Database database = testDatabase.startDatabase()) {
            DSLContext dsl = database.dsl();
            Sessions before = holdAtOnce(dsl, 4);
            assertThat(before.failures()).isEmpty();

            assertThat(testDatabase.terminateConnections()).isEqualTo(4);

            Sessions after = awaitHealedPool(dsl, 4);
            assertThat(after.backendPids()).doesNotContainAnyElementsOf(before.backendPids());
            assertThat(testDatabase.connectionCount()).isEqualTo(4);
        }
    }

    @Test
    void thePoolRecoversAfterTheServerIsStoppedAndStarted(TestDatabase testDatabase) {
        try (Database database = testDatabase.startDatabase()) {
            DSLContext dsl = database.dsl();
            Sessions before = holdAtOnce(dsl, 4);
            assertThat(before.failures()).isEmpty();

            testDatabase.server().stop();
            try {
                long askedAt = System.nanoTime();
                assertThatThrownBy(() -> dsl.fetchValue("select 1")).isInstanceOf(DataAccessException.class);
                // The pool's connection timeout (2 s) bounds how long a caller hangs while the server is down.
                assertThat(Duration.ofNanos(System.nanoTime() - askedAt)).isLessThan(Duration.ofSeconds(30));
            } finally {
                testDatabase.server().start();
            }

            Sessions after = awaitHealedPool(dsl, 4);
            assertThat(after.backendPids()).doesNotContainAnyElementsOf(before.backendPids());
            assertThat(new ScriptStore(database)
                            .store("after-restart.bas", "TALK 1")
                            .hash())
                    .isEqualTo(StoredScript.hashOf("TALK 1"));
        }
    }

    @Test
    void aDedicatedConnectionReceivesNotificationsSentThroughThePool(TestDatabase testDatabase) throws Exception {
        try (Database database = testDatabase.startDatabase();
                Connection listener = database.openDedicatedConnection()) {
            try (Statement listen = listener.createStatement()) {
                listen.execute("listen basicflow_work");
            }
            database.dsl().execute("select pg_notify('basicflow_work', 'execution-42')");

            PGNotification[] notifications = listener.unwrap(PGConnection.class).getNotifications(10_000);

            assertThat(notifications).extracting(PGNotification::getParameter).containsExactly("execution-42");
            // The listener takes no place in the pool: all 4 pooled connections can be held besides it.
            List<Connection> pooled = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    pooled.add(database.dataSource().getConnection());
                }
                assertThat(pooled)
                        .allSatisfy(
                                connection -> assertThat(connection.isValid(1)).isTrue());
            } finally {
                for (Connection connection : pooled) {
                    connection.close();
                }
            }
        }
    }

    @Test
    void theJdbcUrlIsShownWithoutItsPassword(TestDatabase testDatabase) throws SQLException {
        String url = testDatabase.jdbcUrl() + "?password=hidden";
        try (Database database = new Database(DatabaseConfig.external(url, testDatabase.user(), ""))) {
            database.start();
            assertThat(database.jdbcUrl()).isEqualTo(testDatabase.jdbcUrl() + "?password=***");
            try (Connection connection = database.dataSource().getConnection()) {
                assertThat(connection.isValid(1)).isTrue();
            }
        }
    }

    /** What holding some pooled connections at once gave: their backends, and the attempts that failed. */
    private record Sessions(Set<Integer> backendPids, List<Throwable> failures) {}

    /**
     * Holds {@code size} connections at once until every one works. A pooled connection that was used
     * within the last half second is handed out without a check, so a dead one can fail one query; it
     * is then evicted. So at most {@code size} attempts fail, each with a connection error.
     */
    private static Sessions awaitHealedPool(DSLContext dsl, int size) {
        List<Throwable> failures = new ArrayList<>();
        for (int round = 0; round <= size; round++) {
            Sessions sessions = holdAtOnce(dsl, size);
            failures.addAll(sessions.failures());
            if (sessions.failures().isEmpty()) {
                assertThat(failures).hasSizeLessThanOrEqualTo(size);
                assertThat(failures)
                        .allSatisfy(failure -> assertThat(sqlState(failure)).matches("08.*|57P01"));
                return sessions;
            }
        }
        throw new AssertionError("the pool did not heal; failures: " + failures);
    }

    /** Borrows {@code size} connections at the same time and asks each for its backend pid. */
    private static Sessions holdAtOnce(DSLContext dsl, int size) {
        Set<Integer> pids = ConcurrentHashMap.newKeySet();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        CountDownLatch allHeld = new CountDownLatch(size);
        List<Thread> holders = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            holders.add(Thread.ofVirtual().start(() -> {
                try {
                    dsl.connection(connection -> {
                        try (Statement statement = connection.createStatement();
                                ResultSet row = statement.executeQuery("select pg_backend_pid()")) {
                            row.next();
                            pids.add(row.getInt(1));
                        }
                        allHeld.countDown();
                        // keep this connection until all are held, so each holder has its own
                        allHeld.await(30, TimeUnit.SECONDS);
                    });
                } catch (RuntimeException e) {
                    failures.add(e);
                    allHeld.countDown();
                }
            }));
        }
        for (Thread holder : holders) {
            try {
                assertThat(holder.join(Duration.ofSeconds(60))).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return new Sessions(Set.copyOf(pids), List.copyOf(failures));
    }

    private static String sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return "(none) " + failure;
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }
}
