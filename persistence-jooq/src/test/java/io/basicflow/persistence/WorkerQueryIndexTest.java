package io.basicflow.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The queries a worker and the API will run, in the shape the schema's indexes are made for: on a
 * table of realistic size, PostgreSQL answers each from the index meant for it, not a full scan.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkerQueryIndexTest {

    private TestDatabase database;

    @BeforeAll
    void fill(TestDatabase testDatabase) throws SQLException {
        database = testDatabase;
        execute(
                "insert into workflow_scripts (hash, name, source)"
                        + " values (encode(sha256(convert_to('TALK 1', 'UTF8')), 'hex'), 'load.bas', 'TALK 1')",
                // 20,000 executions: most finished or waiting for input, a few claimable, running or children
                """
                insert into workflow_executions
                    (id, script_hash, script_name, status, wake_at, lease_owner, lease_expires_at,
                     parent_id, parent_seq, completed_at, created_at)
                select 'execution-' || g,
                       encode(sha256(convert_to('TALK 1', 'UTF8')), 'hex'),
                       'load-' || (g % 50) || '.bas',
                       status,
                       case when status in ('RUNNABLE', 'WAITING_TIMER') then now() + (g % 600) * interval '1 second' end,
                       case when status = 'RUNNING' then 'worker-' || (g % 4) end,
                       case when status = 'RUNNING' then now() + (g % 60) * interval '1 second' end,
                       null, null,
                       case when status in ('COMPLETED', 'FAILED', 'CANCELLED') then now() end,
                       now() - g * interval '1 second'
                from generate_series(1, 20000) g,
                     lateral (select case
                         when g % 100 = 0 then 'RUNNABLE'
                         when g % 100 = 1 then 'WAITING_TIMER'
                         when g % 100 = 2 then 'RUNNING'
                         when g % 100 < 40 then 'WAITING_INPUT'
                         when g % 100 = 40 then 'FAILED'
                         else 'COMPLETED' end as status) s
                """,
                """
                update workflow_executions set parent_id = 'execution-' || (substring(id from 11)::int - 1),
                                               parent_seq = 7
                where substring(id from 11)::int % 1000 = 500
                """,
                """
                insert into workflow_events (execution_id, seq, type, payload)
                select 'execution-' || (g % 2000 + 1), g / 2000 + 1, 'StepCompleted', '{}'
                from generate_series(0, 39999) g
                """,
                """
                insert into workflow_inbox (execution_id, payload, consumed_seq)
                select 'execution-' || (g % 2000 + 1), 'input ' || g, case when g < 18000 then g / 2000 + 1 end
                from generate_series(0, 19999) g
                """,
                """
                insert into workflow_outbox (execution_id, conversation_id, seq, message, acknowledged_at)
                select 'execution-' || (g % 2000 + 1), 'execution-' || (g % 2000 + 1), g / 2000 + 1, 'message ' || g,
                       case when g < 19500 then now() end
                from generate_series(0, 19999) g
                """,
                "analyze");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            claim runnable and due work | workflow_executions_claimable | select id from workflow_executions where status in ('RUNNABLE', 'WAITING_TIMER') and wake_at <= now() + interval '1 minute' order by wake_at limit 10 for update skip locked
            find expired leases         | workflow_executions_expired_leases | select id from workflow_executions where status = 'RUNNING' and lease_expires_at < now() + interval '5 seconds' limit 100
            owners of running executions | workflow_executions_expired_leases | select distinct lease_owner from workflow_executions where status = 'RUNNING'
            free a dead owner's leases   | workflow_executions_expired_leases | select id from workflow_executions where lease_owner = 'worker-1' and status = 'RUNNING'
            list children of a parent    | workflow_executions_by_parent | select id from workflow_executions where parent_id = 'execution-4499'
            read events after a snapshot | workflow_events_pk | select seq, type, payload from workflow_events where execution_id = 'execution-77' and seq > 10 order by seq
            next input of an execution   | workflow_inbox_unconsumed | select id, payload from workflow_inbox where execution_id = 'execution-77' and consumed_seq is null order by id limit 1
            unacknowledged messages      | workflow_outbox_unacknowledged | select id, execution_id, message from workflow_outbox where acknowledged_at is null and id > 100 order by id limit 100
            unacknowledged of one execution | workflow_outbox_unacknowledged_by_execution | select id, message from workflow_outbox where execution_id = 'execution-77' and acknowledged_at is null order by id
            a conversation after a position | workflow_outbox_by_conversation | select id, message from workflow_outbox where conversation_id = 'execution-77' and id > 1000 and (execution_id = 'execution-77' or execution_id like 'execution-77~%') order by id limit 100
            """)
    void isAnsweredFromItsIndex(String purpose, String index, String query) throws SQLException {
        String plan = String.join("\n", rows("explain " + query));

        assertThat(plan).as(purpose).contains(index).doesNotContain("Seq Scan");
    }

    /**
     * The listing API's own query ({@link ExecutionRepository#listQuery}), as it is sent: the listing
     * indexes hold only settled executions (V81), so each part of a page is read from the index named.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            all, newest first          |          |            | false | workflow_executions_by_created, workflow_executions_claimable, workflow_executions_expired_leases
            all, after a cursor        |          |            | true  | workflow_executions_by_created, workflow_executions_claimable, workflow_executions_expired_leases
            one settled status         | FAILED   |            | false | workflow_executions_by_status
            two settled statuses       | FAILED WAITING_INPUT | | false | workflow_executions_by_
            runnable only              | RUNNABLE |            | false | workflow_executions_claimable
            running only               | RUNNING  |            | false | workflow_executions_expired_leases
            one script                 |          | load-7.bas | false | workflow_executions_by_script_name, workflow_executions_claimable, workflow_executions_expired_leases
            one script, one status     | COMPLETED | load-7.bas | true | workflow_executions_by_
            """)
    void theListingIsAnsweredFromItsIndexes(
            String purpose, String statuses, String script, boolean afterCursor, String indexes) throws SQLException {
        java.util.Set<io.basicflow.engine.api.ExecutionStatus> wanted = statuses == null
                ? java.util.Set.of()
                : java.util.Arrays.stream(statuses.split(" "))
                        .map(io.basicflow.engine.api.ExecutionStatus::valueOf)
                        .collect(java.util.stream.Collectors.toSet());
        org.jooq.DSLContext dsl = org.jooq.impl.DSL.using(database.dataSource(), org.jooq.SQLDialect.POSTGRES);
        // a cursor in the middle of the table: execution-10000's creation time and id
        java.util.Optional<String> after = afterCursor
                ? java.util.Optional.of(java.util.Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString((rows("select (extract(epoch from created_at) * 1000000)::bigint || ':' || id"
                                                + " from workflow_executions where id = 'execution-10000'")
                                        .getFirst())
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                : java.util.Optional.empty();
        var query = new io.basicflow.engine.api.ExecutionQuery(
                wanted,
                java.util.Optional.ofNullable(script),
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                after,
                50);

        String plan =
                String.join("\n", rows("explain " + dsl.renderInlined(new ExecutionRepository(dsl).listQuery(query))));

        assertThat(plan).as(purpose).doesNotContain("Seq Scan");
        for (String index : indexes.split(", ")) {
            assertThat(plan).as(purpose).contains(index);
        }
    }

    private void execute(String... statements) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private List<String> rows(String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> lines = new ArrayList<>();
            while (rows.next()) {
                lines.add(rows.getString(1));
            }
            return lines;
        }
    }
}
