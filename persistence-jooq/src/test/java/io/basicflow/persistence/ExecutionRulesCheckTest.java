package io.basicflow.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.persistence.testing.TestPostgresServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.util.PSQLException;

/**
 * The rules of an execution row: V1's ten check constraints, one check calling a function since V108.
 * The same rows are refused, with SQLSTATE 23514 and the same rule named (as the error's constraint
 * and in its message), and a database of V107 migrates with its rows.
 */
@ExtendWith(PostgresExtension.class)
class ExecutionRulesCheckTest {

    private static final String HASH = StoredScript.hashOf("TALK 1");

    private static final String INSERT = "insert into workflow_executions (id, script_hash, script_name, status,"
            + " snapshot_seq, last_seq, version, inbox_version, lease_owner, lease_expires_at, wake_at, parent_id,"
            + " parent_seq, cancel_requested_at, cancel_reason, completed_at)"
            + " values (?, ?, 'rules.bas', ?, ?, ?, ?, ?, ?, ?::timestamptz, ?::timestamptz, ?, ?, ?::timestamptz, ?,"
            + " ?::timestamptz)";

    private static final String[] STATUSES = {
        "RUNNABLE",
        "RUNNING",
        "WAITING_INPUT",
        "WAITING_TIMER",
        "WAITING_CHILD",
        "COMPLETED",
        "FAILED",
        "CANCELLED",
        "SLEEPING",
        "running"
    };

    private static final String TIME = "2026-12-07T10:00:00Z";

    /** One candidate row: every column the rules read. */
    private record Candidate(
            String id,
            String status,
            long snapshotSeq,
            long lastSeq,
            long version,
            long inboxVersion,
            String leaseOwner,
            String leaseExpiresAt,
            String wakeAt,
            String parentId,
            Long parentSeq,
            String cancelRequestedAt,
            String cancelReason,
            String completedAt) {}

    @Test
    void eachRuleRefusesItsRowByName(TestDatabase database) throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            prepare(connection);
            Candidate good =
                    new Candidate("good", "RUNNABLE", 0, 0, 0, 0, null, null, TIME, null, null, null, null, null);
            assertThat(outcome(connection, good)).isEqualTo("accepted");
            assertRefused(connection, with("", "RUNNABLE"), "workflow_executions_id_not_blank");
            assertRefused(connection, with("a", "SLEEPING"), "workflow_executions_status_known");
            assertRefused(
                    connection,
                    new Candidate("b", "RUNNABLE", 2, 1, 0, 0, null, null, TIME, null, null, null, null, null),
                    "workflow_executions_seqs_ordered");
            assertRefused(
                    connection,
                    new Candidate("c", "RUNNABLE", -1, 0, 0, 0, null, null, TIME, null, null, null, null, null),
                    "workflow_executions_seqs_ordered");
            assertRefused(
                    connection,
                    new Candidate("d", "RUNNABLE", 0, 0, -1, 0, null, null, TIME, null, null, null, null, null),
                    "workflow_executions_version_not_negative");
            assertRefused(
                    connection,
                    new Candidate("e", "RUNNABLE", 0, 0, 0, -1, null, null, TIME, null, null, null, null, null),
                    "workflow_executions_version_not_negative");
            assertRefused(
                    connection,
                    new Candidate("f", "RUNNABLE", 0, 0, 0, 0, "w", null, TIME, null, null, null, null, null),
                    "workflow_executions_lease_complete");
            assertRefused(
                    connection,
                    new Candidate("g", "RUNNING", 0, 0, 0, 0, null, null, TIME, null, null, null, null, null),
                    "workflow_executions_running_is_leased");
            assertRefused(
                    connection,
                    new Candidate("h", "WAITING_TIMER", 0, 0, 0, 0, null, null, null, null, null, null, null, null),
                    "workflow_executions_claimable_has_wake_at");
            assertRefused(
                    connection,
                    new Candidate("i", "RUNNABLE", 0, 0, 0, 0, null, null, TIME, "parent", null, null, null, null),
                    "workflow_executions_parent_complete");
            assertRefused(
                    connection,
                    new Candidate("j", "RUNNABLE", 0, 0, 0, 0, null, null, TIME, null, null, TIME, null, null),
                    "workflow_executions_cancel_complete");
            assertRefused(
                    connection,
                    new Candidate("k", "COMPLETED", 0, 0, 0, 0, null, null, null, null, null, null, null, null),
                    "workflow_executions_completed_iff_final");
            assertRefused(
                    connection,
                    new Candidate("l", "WAITING_INPUT", 0, 0, 0, 0, null, null, null, null, null, null, null, TIME),
                    "workflow_executions_completed_iff_final");
            // an update is checked as an insert is, and a statement with one bad row keeps none
            try (Statement statement = connection.createStatement()) {
                assertThat(refusal(
                                statement,
                                "update workflow_executions set status = 'WAITING_TIMER', wake_at = null"
                                        + " where id in ('good', 'parent')"))
                        .isEqualTo("workflow_executions_claimable_has_wake_at");
                assertThat(
                                refusal(
                                        statement,
                                        "update workflow_executions set status = 'COMPLETED',"
                                                + " completed_at = case when id = 'good' then now() end where id in ('good', 'parent')"))
                        .isEqualTo("workflow_executions_completed_iff_final");
                try (ResultSet row =
                        statement.executeQuery("select count(*) from workflow_executions where status = 'RUNNABLE'")) {
                    row.next();
                    assertThat(row.getLong(1)).isEqualTo(2);
                }
            }
        }
    }

    /**
     * The same candidate rows, random over every column the rules read, tried against a database of
     * V107 (the ten constraints) and one of every migration: each is accepted by both or refused by
     * both naming the same rule (PostgreSQL reports the first broken constraint by name).
     */
    @Test
    void theOneCheckRefusesExactlyTheRowsTheTenConstraintsRefused(TestPostgresServer server) throws SQLException {
        try (TestDatabase before = server.createEmptyDatabase("rules107");
                TestDatabase after = server.createEmptyDatabase("rules108")) {
            migrate(before, "107");
            migrate(after, null);
            assertThat(checkNames(before)).hasSize(10).doesNotContain("workflow_executions_rules");
            assertThat(checkNames(after)).containsExactly("workflow_executions_rules");
            Random random = new Random(108);
            List<Candidate> candidates = new ArrayList<>();
            for (int i = 0; i < 1500; i++) {
                candidates.add(candidate(random, "r" + i));
            }
            List<String> old = outcomes(before, candidates);
            List<String> now = outcomes(after, candidates);
            assertThat(now).isEqualTo(old);
            // the sample covers acceptance and every rule
            assertThat(old).contains("accepted").containsAll(checkNames(before));
        }
    }

    @Test
    void aDatabaseOfV107MigratesWithItsRowsAndKeepsRefusing(TestPostgresServer server) throws SQLException {
        try (TestDatabase database = server.createEmptyDatabase("rulesmigrate")) {
            migrate(database, "107");
            try (Connection connection = database.dataSource().getConnection()) {
                prepare(connection);
                for (String status : List.of("RUNNABLE", "WAITING_INPUT", "COMPLETED")) {
                    Candidate row = new Candidate(
                            "kept-" + status,
                            status,
                            1,
                            3,
                            2,
                            1,
                            null,
                            null,
                            TIME,
                            "parent",
                            1L,
                            null,
                            null,
                            status.equals("COMPLETED") ? TIME : null);
                    assertThat(outcome(connection, row)).isEqualTo("accepted");
                }
            }
            migrate(database, null);
            try (Connection connection = database.dataSource().getConnection();
                    Statement statement = connection.createStatement()) {
                try (ResultSet row =
                        statement.executeQuery("select count(*) from workflow_executions where id like 'kept-%'")) {
                    row.next();
                    assertThat(row.getLong(1)).isEqualTo(3);
                }
                assertThat(refusal(
                                statement,
                                "update workflow_executions set status = 'RUNNING', lease_owner = 'w',"
                                        + " lease_expires_at = now() where id = 'kept-COMPLETED'"))
                        .isEqualTo("workflow_executions_completed_iff_final");
                assertThat(refusal(
                                statement,
                                "update workflow_executions set status = 'RUNNING' where id = 'kept-WAITING_INPUT'"))
                        .isEqualTo("workflow_executions_running_is_leased");
                assertThat(statement.executeUpdate("update workflow_executions set status = 'RUNNING',"
                                + " lease_owner = 'w', lease_expires_at = now() where id = 'kept-WAITING_INPUT'"))
                        .isOne();
            }
            assertThat(checkNames(database)).containsExactly("workflow_executions_rules");
        }
    }

    private static Candidate with(String id, String status) {
        return new Candidate(id, status, 0, 0, 0, 0, null, null, TIME, null, null, null, null, null);
    }

    private static Candidate candidate(Random random, String id) {
        boolean lease = random.nextInt(4) != 0;
        boolean parent = random.nextBoolean();
        boolean cancel = random.nextInt(3) == 0;
        int seqs = random.nextInt(6);
        return new Candidate(
                random.nextInt(20) == 0 ? "" : id,
                STATUSES[random.nextInt(STATUSES.length)],
                seqs == 0 ? -1 : seqs == 1 ? 4 : 1,
                3,
                random.nextInt(12) == 0 ? -1 : 5,
                random.nextInt(12) == 0 ? -2 : 0,
                lease || random.nextInt(8) == 0 ? "w" : null,
                lease || random.nextInt(8) == 0 ? TIME : null,
                random.nextInt(3) == 0 ? null : TIME,
                parent || random.nextInt(8) == 0 ? "parent" : null,
                parent || random.nextInt(8) == 0 ? 1L : null,
                cancel || random.nextInt(8) == 0 ? TIME : null,
                cancel || random.nextInt(8) == 0 ? "stop" : null,
                random.nextBoolean() ? TIME : null);
    }

    private static void migrate(TestDatabase database, String target) {
        var configuration = Flyway.configure(ExecutionRulesCheckTest.class.getClassLoader())
                .dataSource(database.dataSource())
                .locations("classpath:db/migration");
        if (target != null) {
            configuration = configuration.target(target);
        }
        configuration.load().migrate();
    }

    /** The script and the parent execution the candidates refer to. */
    private static void prepare(Connection connection) throws SQLException {
        try (PreparedStatement script = connection.prepareStatement(
                "insert into workflow_scripts (hash, name, source) values (?, 'rules.bas', 'TALK 1')")) {
            script.setString(1, HASH);
            script.executeUpdate();
        }
        assertThat(outcome(
                        connection,
                        new Candidate(
                                "parent", "RUNNABLE", 0, 0, 0, 0, null, null, TIME, null, null, null, null, null)))
                .isEqualTo("accepted");
    }

    private static List<String> outcomes(TestDatabase database, List<Candidate> candidates) throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            prepare(connection);
            List<String> outcomes = new ArrayList<>();
            for (Candidate candidate : candidates) {
                outcomes.add(outcome(connection, candidate));
            }
            return outcomes;
        }
    }

    private static void assertRefused(Connection connection, Candidate candidate, String rule) throws SQLException {
        assertThat(outcome(connection, candidate)).isEqualTo(rule);
    }

    /** "accepted", or the name of the check constraint the row broke (asserting SQLSTATE 23514 and the message). */
    private static String outcome(Connection connection, Candidate row) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, row.id());
            insert.setString(2, HASH);
            insert.setString(3, row.status());
            insert.setLong(4, row.snapshotSeq());
            insert.setLong(5, row.lastSeq());
            insert.setLong(6, row.version());
            insert.setLong(7, row.inboxVersion());
            insert.setString(8, row.leaseOwner());
            insert.setString(9, row.leaseExpiresAt());
            insert.setString(10, row.wakeAt());
            insert.setString(11, row.parentId());
            insert.setObject(12, row.parentSeq(), java.sql.Types.BIGINT);
            insert.setString(13, row.cancelRequestedAt());
            insert.setString(14, row.cancelReason());
            insert.setString(15, row.completedAt());
            insert.executeUpdate();
            return "accepted";
        } catch (PSQLException e) {
            return ruleOf(e);
        }
    }

    private static String refusal(Statement statement, String sql) throws SQLException {
        try {
            statement.executeUpdate(sql);
            return "accepted";
        } catch (PSQLException e) {
            return ruleOf(e);
        }
    }

    private static String ruleOf(PSQLException e) throws PSQLException {
        if (!"23514".equals(e.getSQLState())) {
            throw e;
        }
        String rule = e.getServerErrorMessage().getConstraint();
        assertThat(e.getMessage())
                .contains("new row for relation \"workflow_executions\" violates check constraint \"" + rule + "\"");
        assertThat(e.getServerErrorMessage().getTable()).isEqualTo("workflow_executions");
        return rule;
    }

    private static List<String> checkNames(TestDatabase database) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select conname from pg_constraint"
                        + " where conrelid = 'workflow_executions'::regclass and contype = 'c' order by conname")) {
            List<String> names = new ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            return names;
        }
    }
}
