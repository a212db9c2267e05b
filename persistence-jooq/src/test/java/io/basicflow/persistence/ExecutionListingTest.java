package io.basicflow.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionPage;
import io.basicflow.engine.api.ExecutionQuery;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionSummary;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The listing reads settled and in-flight executions from different indexes (V81) and merges them:
 * paging through any filter gives every matching execution once, newest first (ties by id), exactly
 * as one plain ordered query over the table does.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecutionListingTest {

    private TestDatabase database;

    @BeforeAll
    void fill(TestDatabase testDatabase) throws SQLException {
        database = testDatabase;
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("insert into workflow_scripts (hash, name, source)"
                    + " values (encode(sha256(convert_to('TALK 1', 'UTF8')), 'hex'), 'x.bas', 'TALK 1')");
            // 300 executions in every status, three to a creation time (ties are ordered by id)
            statement.execute("""
                    insert into workflow_executions
                        (id, script_hash, script_name, status, wake_at, lease_owner, lease_expires_at,
                         completed_at, created_at)
                    select 'e-' || lpad(g::text, 3, '0'),
                           encode(sha256(convert_to('TALK 1', 'UTF8')), 'hex'),
                           'script-' || (g % 3) || '.bas',
                           status,
                           case when status in ('RUNNABLE', 'WAITING_TIMER') then now() end,
                           case when status = 'RUNNING' then 'worker' end,
                           case when status = 'RUNNING' then now() + interval '1 minute' end,
                           case when status in ('COMPLETED', 'FAILED', 'CANCELLED') then now() end,
                           timestamptz '2026-01-01 00:00:00+00' + (g / 3) * interval '1 second'
                    from generate_series(1, 300) g,
                         lateral (select (array['RUNNABLE', 'RUNNING', 'WAITING_INPUT', 'WAITING_TIMER',
                                  'WAITING_CHILD', 'COMPLETED', 'FAILED', 'CANCELLED', 'RUNNABLE', 'RUNNING',
                                  'COMPLETED'])[1 + (g * 7) % 11] as status) s
                    """);
            statement.execute("analyze workflow_executions");
        }
    }

    @ParameterizedTest(name = "statuses [{0}], script {1}, page of {2}")
    @CsvSource(delimiter = '|', textBlock = """
                                       |              | 7
                                       |              | 1000
            RUNNABLE                   |              | 5
            RUNNING                    |              | 9
            COMPLETED                  |              | 11
            RUNNABLE RUNNING           |              | 4
            RUNNING WAITING_INPUT FAILED |            | 6
                                       | script-1.bas | 8
            RUNNABLE COMPLETED         | script-2.bas | 3
            """)
    void pagesGiveEveryMatchingExecutionOnceNewestFirst(String statuses, String script, int pageSize)
            throws SQLException {
        Set<ExecutionStatus> wanted = statuses == null
                ? Set.of()
                : EnumSet.copyOf(List.of(statuses.split(" ")).stream()
                        .map(ExecutionStatus::valueOf)
                        .collect(Collectors.toSet()));
        List<String> expected = ids("select id from workflow_executions"
                + " where ("
                + (wanted.isEmpty()
                        ? "true"
                        : "status in ("
                                + wanted.stream()
                                        .map(status -> "'" + status.name() + "'")
                                        .collect(Collectors.joining(", "))
                                + ")")
                + ") and (" + (script == null ? "true" : "script_name = '" + script + "'") + ")"
                + " order by created_at desc, id desc");
        assertThat(expected).isNotEmpty();

        List<String> listed = new ArrayList<>();
        List<ExecutionStatus> statusesListed = new ArrayList<>();
        try (Database started = database.startDatabase()) {
            JooqEventStore store = new JooqEventStore(started);
            Optional<String> after = Optional.empty();
            int pages = 0;
            do {
                ExecutionPage page = store.list(new ExecutionQuery(
                        wanted, Optional.ofNullable(script), Optional.empty(), Optional.empty(), after, pageSize));
                assertThat(page.executions()).hasSizeLessThanOrEqualTo(pageSize);
                for (ExecutionSummary summary : page.executions()) {
                    listed.add(summary.id());
                    statusesListed.add(summary.status());
                }
                after = page.next();
                pages++;
            } while (after.isPresent() && pages < 1000);
        }

        assertThat(listed).containsExactlyElementsOf(expected);
        if (!wanted.isEmpty()) {
            assertThat(statusesListed).allMatch(wanted::contains);
        }
    }

    private List<String> ids(String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
            return ids;
        }
    }
}
