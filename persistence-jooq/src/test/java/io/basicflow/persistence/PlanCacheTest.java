package io.basicflow.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The group statement of the executions' commits and the claim's resume read keep a generic plan when
 * they are called with the one-element arrays of a lone execution, where they were planned again at
 * every call (custom plans, estimated from the bound arrays). Read from {@code pg_prepared_statements}
 * of the session that ran them, through pgjdbc as the engine calls them (server-prepared from the
 * fifth call; PostgreSQL then makes five custom plans before it compares them with the generic one).
 */
@ExtendWith(PostgresExtension.class)
class PlanCacheTest {

    private static final int CALLS = 20;

    @Test
    void theResumeReadKeepsAGenericPlanForAClaimOfOne(TestDatabase testDatabase) throws SQLException {
        try (Database database = testDatabase.startDatabase();
                Connection connection = database.dataSource().getConnection()) {
            resumable(database, "read-");
            for (int i = 0; i < CALLS; i++) {
                assertThat(ResumeReads.read(connection, new String[] {"read-1"}, new Long[] {0L})
                                .get("read-1")
                                .inbox())
                        .hasSize(1);
            }
            assertThat(plans(connection, "%from workflow_inbox i%")).isEqualTo(new Plans(CALLS - 4 - 5, 5));

            // the same statement with the arrays bound directly: a custom plan at every call
            String direct = ResumeReads.READ
                    .replace("(select ?::text[])::text[]", "?::text[]")
                    .replace("(select ?::text[])", "?::text[]");
            for (int i = 0; i < CALLS; i++) {
                try (PreparedStatement statement = connection.prepareStatement(direct)) {
                    statement.setObject(1, new String[] {"read-1"});
                    statement.setObject(2, new String[] {"read-1"});
                    statement.setObject(3, new Long[] {0L});
                    statement.setObject(4, new String[] {"read-1"});
                    statement.executeQuery().close();
                }
            }
            assertThat(plans(connection, "%any ($1::text[])%")).isEqualTo(new Plans(0, CALLS - 4));
        }
    }

    @Test
    void theGroupCommitStatementKeepsAGenericPlanForACommitOfOne(TestDatabase testDatabase) throws SQLException {
        try (Database database = testDatabase.startDatabase();
                Connection connection = database.dataSource().getConnection()) {
            resumable(database, "group-");
            connection.setAutoCommit(false);
            for (int i = 0; i < CALLS; i++) {
                groupCommit(connection, CommitRepository.STATEMENT);
                connection.rollback();
            }
            assertThat(plans(connection, "%fenced as (%")).isEqualTo(new Plans(CALLS - 4 - 5, 5));

            String direct = CommitRepository.STATEMENT.replace("(select ?::text[])", "?::text[]");
            for (int i = 0; i < CALLS; i++) {
                groupCommit(connection, direct);
                connection.rollback();
            }
            assertThat(plans(connection, "%unnest($1::text[]%")).isEqualTo(new Plans(0, CALLS - 4));
        }
    }

    private record Plans(long generic, long custom) {}

    /**
     * Executions with some events and an unconsumed input, as a claim finds resumed waiters, among 5,000
     * others with their history: on a handful of rows every plan is cheap and the generic one wins
     * anyway, while on tables of some size a custom plan for one execution looks cheaper than the
     * generic plan's estimate of ten (checked on a scratch database: the old statements were planned at
     * every call from a few thousand executions on).
     */
    private static void resumable(Database database, String prefix) {
        for (int i = 1; i <= 3; i++) {
            Executions.insertRunnable(database, prefix + i);
            database.dsl()
                    .execute("insert into workflow_inbox (execution_id, payload) values (?, 'hello')", prefix + i);
        }
        database.dsl()
                .execute(
                        "insert into workflow_executions (id, script_hash, script_name, status)"
                                + " select ? || 'other-' || g, (select min(hash) from workflow_scripts), 'other.bas',"
                                + " 'WAITING_INPUT' from generate_series(1, 5000) g",
                        prefix);
        database.dsl()
                .execute(
                        "insert into workflow_events (execution_id, seq, type, payload)"
                                + " select ? || 'other-' || g, s, 'StepCompleted', '{}'"
                                + " from generate_series(1, 5000) g, generate_series(1, 4) s",
                        prefix);
        database.dsl()
                .execute(
                        "insert into workflow_inbox (execution_id, payload, consumed_seq)"
                                + " select ? || 'other-' || g, 'hi', 3 from generate_series(1, 5000) g",
                        prefix);
        database.dsl().execute("analyze");
    }

    /** One commit of a running execution that ends: the statement's 24 parameters, one-element arrays. */
    private static void groupCommit(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int p = 0;
            statement.setObject(++p, new String[] {"group-1"});
            statement.setObject(++p, new Long[] {0L});
            statement.setObject(++p, new Long[] {1L});
            statement.setObject(++p, new String[] {"COMPLETED"});
            statement.setObject(++p, new String[] {null});
            statement.setObject(++p, new Long[] {0L});
            statement.setObject(++p, new String[] {null});
            statement.setObject(++p, new Long[] {null});
            statement.setObject(++p, new String[] {"\"done\""});
            statement.setObject(++p, new String[] {null});
            statement.setObject(++p, OffsetDateTime.now());
            statement.setString(++p, null);
            statement.setObject(++p, new String[] {"group-1"});
            statement.setObject(++p, new Long[] {1L});
            statement.setObject(++p, new String[] {"ExecutionCompleted"});
            statement.setObject(++p, new String[] {"{}"});
            for (int i = 0; i < 5; i++) {
                statement.setObject(++p, i == 1 ? new Long[0] : new String[0]);
            }
            statement.setObject(++p, new String[0]);
            statement.setObject(++p, new Long[0]);
            statement.setObject(++p, new Long[0]);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).as("the commit matched its execution").isTrue();
            }
        }
    }

    private static Plans plans(Connection connection, String like) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select generic_plans, custom_plans from pg_prepared_statements where statement like ?")) {
            query.setString(1, like);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next())
                        .as("a server-prepared statement like " + like)
                        .isTrue();
                Plans plans = new Plans(row.getLong(1), row.getLong(2));
                assertThat(row.next()).as("one statement like " + like).isFalse();
                return plans;
            }
        }
    }
}
