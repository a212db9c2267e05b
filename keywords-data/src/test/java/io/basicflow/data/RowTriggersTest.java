package io.basicflow.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.events.RowTriggerDeclaration;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.schedule.RowHandler;
import io.basicflow.engine.schedule.Scheduler;
import io.basicflow.persistence.JdbcScheduleStore;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.spi.ExecutionScope;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ON INSERT|UPDATE|DELETE OF "table"} on a real database: a deployment installs a PostgreSQL trigger
 * on the bot's table; every committed change of a row — by a durable script, a direct run or any other
 * client — starts exactly one execution of the handler with the row in {@code params}; a rolled-back
 * change starts nothing; a handler removed from the script removes the trigger at the next deployment.
 */
@ExtendWith(PostgresExtension.class)
class RowTriggersTest {

    static final String WATCHER = """
            TALK "main body never runs for a change"
            ON INSERT OF "orders"
                TALK "new order " + params.new.id + " of " + params.new.total + " (" + params.operation + ")"
            END ON
            ON UPDATE OF "Orders"
                TALK "order " + params.new.id + " from " + params.old.total + " to " + params.new.total
            END ON
            ON DELETE OF "orders"
            TALK "order " + params.old.id + " deleted, new is " + params.new
            """;

    static List<RowHandler> handlers(String script, String source) {
        return RowTriggerDeclaration.declaredIn(script, source).stream()
                .map(t -> new RowHandler(
                        script, t.line(), t.operation(), ExecutionScope.botOf(script), t.table(), t.source()))
                .toList();
    }

    @Test
    void everyCommittedChangeStartsOneHandlerExecutionWithTheRow(TestDatabase database) throws Exception {
        try (DurableFixture engine = DataEngines.fixture(database)) {
            JdbcScheduleStore store = new JdbcScheduleStore(engine.database());
            Scheduler scheduler =
                    new Scheduler(store, engine.engine(), ZoneOffset.UTC, Duration.ofMinutes(1), Clock.systemUTC());

            // The table does not exist yet: the deployment keeps the handlers and says so.
            assertThat(store.deployRowHandlers(handlers("shop/watch.bas", WATCHER)))
                    .extracting(RowHandler::operation)
                    .containsExactly("INSERT", "UPDATE", "DELETE");
            DataEngines.assertCompleted(
                    DataEngines.durable(engine, "shop/start.bas", "SAVE \"orders\", \"o1\", #{total: 10}\n", Map.of()));
            scheduler.poll();
            assertThat(started(database, "shop", "orders"))
                    .as("no trigger before a deployment finds the table")
                    .isEmpty();

            // The next deployment finds it and installs the trigger.
            assertThat(store.deployRowHandlers(handlers("shop/watch.bas", WATCHER)))
                    .isEmpty();
            assertThat(triggers(database)).containsExactly("bot_shop.orders");

            // A durable script's SAVE, UPDATE and DELETE.
            DataEngines.assertCompleted(DataEngines.durable(engine, "shop/start.bas", """
                    SAVE "orders", "o2", #{total: 20}
                    n = UPDATE "orders", "id = 'o1'", #{total: 15}
                    DELETE "orders", "id = 'o2'"
                    """, Map.of()));
            // A direct run's INSERT, and a client outside basicflow: one committed, one rolled back.
            DataEngines.assertCompleted(DataEngines.direct(
                    database, "shop/direct.bas", "r = INSERT \"orders\", #{id: \"o3\", total: 30}\n", List.of()));
            // The outside client has a role of its own, allowed to write this table and nothing of the engine.
            try (Connection admin = DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
                    Statement sql = admin.createStatement()) {
                sql.execute("do $$ begin create role row_trigger_outsider login; exception when duplicate_object"
                        + " then null; end $$");
                sql.execute("grant usage on schema bot_shop to row_trigger_outsider");
                sql.execute("grant insert on bot_shop.orders to row_trigger_outsider");
            }
            try (Connection outside = DriverManager.getConnection(database.jdbcUrl(), "row_trigger_outsider", "")) {
                outside.setAutoCommit(false);
                try (Statement sql = outside.createStatement()) {
                    sql.executeUpdate("insert into bot_shop.orders (id, total) values ('o4', 40)");
                    outside.commit();
                    sql.executeUpdate("insert into bot_shop.orders (id, total) values ('never', 99)");
                    outside.rollback();
                }
            }
            scheduler.poll();
            scheduler.poll(); // a second poll starts nothing again

            List<String> ids = started(database, "shop", "orders");
            assertThat(ids).hasSize(5);
            List<String> said = new ArrayList<>();
            for (String id : ids) {
                engine.awaitStatus(id, ExecutionStatus.COMPLETED);
                said.addAll(engine.messages(id));
            }
            assertThat(said)
                    .containsExactlyInAnyOrder(
                            "new order o2 of 20 (insert)",
                            "order o1 from 10 to 15",
                            "order o2 deleted, new is ",
                            "new order o3 of 30 (insert)",
                            "new order o4 of 40 (insert)");

            // The blocks removed: the trigger goes with them, and a change starts nothing.
            assertThat(store.deployRowHandlers(handlers("shop/watch.bas", "TALK \"no triggers\"\n")))
                    .isEmpty();
            assertThat(triggers(database)).isEmpty();
            try (Connection outside = DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
                    Statement sql = outside.createStatement()) {
                sql.executeUpdate("insert into bot_shop.orders (id, total) values ('o5', 50)");
            }
            scheduler.poll();
            assertThat(started(database, "shop", "orders")).hasSize(5);
        }
    }

    /** The handler executions a bot table's changes started, by id. */
    static List<String> started(TestDatabase database, String bot, String table) throws SQLException {
        return strings(
                database,
                "select id from workflow_executions where id like ? order by id",
                "row:bot_" + bot + "." + table + ":%");
    }

    /** The bot tables that carry the deployment's trigger, as schema.table. */
    static List<String> triggers(TestDatabase database) throws SQLException {
        return strings(database, """
                select n.nspname || '.' || c.relname from pg_trigger t join pg_class c on c.oid = t.tgrelid
                join pg_namespace n on n.oid = c.relnamespace where t.tgname = ? order by 1
                """, "workflow_row_changed");
    }

    private static List<String> strings(TestDatabase database, String sql, String argument) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, argument);
            List<String> found = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
            return found;
        }
    }
}
