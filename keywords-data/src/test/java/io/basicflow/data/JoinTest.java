package io.basicflow.data;

import static io.basicflow.data.DataEngines.assertCompleted;
import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code FIND "a" JOIN "b" ON a.x = b.y [WHERE …]} (keywords-data.md's "lookup with join") and {@code
 * FIND "t" ON "connection"} (its "multiple connections"), direct and durable, on a real PostgreSQL; and
 * the injection attempts a join must turn away.
 */
@ExtendWith(PostgresExtension.class)
class JoinTest {

    private static final String SHOP = """
            SAVE "customers", 1, #{customer_name: "Ana", city: "Recife"}
            SAVE "customers", 2, #{customer_name: "Bo", city: "Porto"}
            SAVE "orders", 10, #{customer_id: 1, product: "tea", total: 5}
            SAVE "orders", 11, #{customer_id: 2, product: "coffee", total: 7}
            SAVE "orders", 12, #{customer_id: 1, product: "cake", total: 9}
            order_id = 11
            found = FIND "orders"
                JOIN "customers" ON orders.customer_id = customers.id
                WHERE orders.id = order_id
            TALK "Order for " + found[0].customer_name + ": " + found[0].product + " (customer " + found[0].customers_id + ")"
            ana = FIND "orders" JOIN "customers" ON orders.customer_id = customers.id WHERE customer_name = "Ana" ORDER BY total DESC
            FOR EACH row IN ana
                TALK row.product + " " + row.total + " " + row.city
            NEXT
            texts = FIND "orders" JOIN "customers" ON orders.customer_id = customers.id WITH "city = 'Porto' OR orders.total > 8"
            TALK "filter text: " + LEN(texts)
            """;

    @Test
    void aJoinReadsMatchingRowsOfTwoTablesTheSameDirectAndDurable(TestDatabase database) {
        DataEngines.Run direct = DataEngines.direct(database, "joindirect/start.bas", SHOP, List.of());
        assertCompleted(direct);
        assertThat(direct.messages())
                .containsExactly(
                        "Order for Bo: coffee (customer 2)", "cake 9 Recife", "tea 5 Recife", "filter text: 2");
        try (DurableFixture engine = DataEngines.fixture(database)) {
            DataEngines.Run durable = DataEngines.durable(engine, "joindurable/start.bas", SHOP, Map.of());
            assertCompleted(durable);
            assertThat(durable.messages()).isEqualTo(direct.messages());
        }
    }

    @Test
    void aJoinCannotReachAnotherSchemaOrRunTextAsSql(TestDatabase database) throws Exception {
        String setup = """
                SAVE "orders", 1, #{customer_id: 1}
                SAVE "customers", 1, #{customer_name: "Ana"}
                """;
        assertCompleted(DataEngines.direct(database, "joinsafe/setup.bas", setup, List.of()));
        // another bot's table, which a join must never read
        assertCompleted(
                DataEngines.direct(database, "joinother/setup.bas", "SAVE \"secrets\", 1, #{pin: 1234}", List.of()));
        Map<String, String> attempts = Map.of(
                "x = FIND \"orders\" JOIN \"customers\" ON \"orders.customer_id = customers.id; DROP TABLE orders\"",
                "is not a match of two columns",
                "x = FIND \"orders\" JOIN \"customers\" ON \"orders.customer_id = customers.id OR 1=1\"",
                "is not a match of two columns",
                "x = FIND \"orders\" JOIN \"bot_joinother.secrets\" ON orders.customer_id = secrets.id",
                "is not a valid table name",
                "x = FIND \"orders\" JOIN \"secrets\" ON orders.customer_id = secrets.id",
                "bot joinsafe has no table secrets",
                "x = FIND \"orders\" JOIN \"customers\" ON orders.customer_id = secrets.id",
                "secrets is neither orders nor customers",
                "x = FIND \"orders\" JOIN \"pg_user\" ON orders.customer_id = pg_user.usesysid",
                "names starting with basicflow_ or pg_ belong to the engine",
                "x = FIND \"orders\" JOIN \"customers\" ON orders.customer_id = customers.id WHERE id = 1",
                "has no column id",
                "x = FIND \"orders\" JOIN \"customers\" ON orders.customer_id = customers.id WITH \"customers.pin = 1\"",
                "has no column customers.pin",
                "x = FIND \"orders\" JOIN \"customers\" ON customer_id = id",
                "needs the columns that match, with their tables");
        for (Map.Entry<String, String> attempt : attempts.entrySet()) {
            DataEngines.Run run = DataEngines.direct(database, "joinsafe/try.bas", attempt.getKey(), List.of());
            assertThat(run.outcome()).as(attempt.getKey()).startsWith("FAILED").contains(attempt.getValue());
        }
        assertThat(DataEngines.rows(database, "bot_joinsafe", "orders")).hasSize(1);
        assertThat(DataEngines.rows(database, "bot_joinother", "secrets")).hasSize(1);
    }

    @Test
    void findOnANamedConnectionReadsThatDatabaseDirectAndDurable(TestDatabase database) throws Exception {
        String legacy = "legacy_" + Long.toHexString(System.nanoTime());
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
                Statement statement = connection.createStatement()) {
            statement.execute("create database " + legacy);
        }
        String legacyUrl = database.jdbcUrl().replace("/" + database.name(), "/" + legacy);
        try (Connection connection = DriverManager.getConnection(legacyUrl, database.user(), "");
                Statement statement = connection.createStatement()) {
            statement.execute("create schema sales");
            statement.execute("create table sales.orders (id int primary key, status text, total numeric)");
            statement.execute("insert into sales.orders values (1, 'open', 10), (2, 'paid', 20), (3, 'open', 30)");
        }
        Map<String, String> configuration = Map.of(
                "basicflow.data.connection.legacy_db.url",
                legacyUrl,
                "basicflow.data.connection.legacy_db.user",
                database.user(),
                "basicflow.data.connection.legacy_db.schema",
                "sales");
        String script = """
                open = FIND "orders" ON "legacy_db" WHERE status = "open" ORDER BY total DESC
                TALK LEN(open) + " open, first " + open[0].id + " " + open[0].total
                all = FIND "orders", "total >= 20" ON "legacy_db"
                TALK "at least 20: " + LEN(all)
                """;
        DataEngines.Run direct = DataEngines.direct(
                DataEngines.connections(database),
                "legacydirect/start.bas",
                script,
                List.of(),
                Map.of(),
                configuration);
        assertCompleted(direct);
        assertThat(direct.messages()).containsExactly("2 open, first 3 30", "at least 20: 2");
        try (DurableFixture engine = DurableFixture.builder(database)
                .plugins(new DataPlugin())
                .configuration(configuration)
                .start()) {
            DataEngines.Run durable = DataEngines.durable(engine, "legacydurable/start.bas", script, Map.of());
            assertCompleted(durable);
            assertThat(durable.messages()).isEqualTo(direct.messages());
        }
        // read only, and a name that is not configured says which are
        DataEngines.Run unknown = DataEngines.direct(
                DataEngines.connections(database),
                "legacydirect/unknown.bas",
                "x = FIND \"orders\" ON \"warehouse_db\"",
                List.of(),
                Map.of(),
                configuration);
        assertThat(unknown.outcome())
                .contains("no database connection named warehouse_db is configured")
                .contains("configured: legacy_db");
        DataEngines.Run injected = DataEngines.direct(
                DataEngines.connections(database),
                "legacydirect/injected.bas",
                "x = FIND \"orders\" ON \"legacy_db\" WITH \"status = 'open'; DELETE FROM orders\"",
                List.of(),
                Map.of(),
                configuration);
        assertThat(injected.outcome()).startsWith("FAILED").contains("expected AND, OR or the end of the filter");
        try (Connection connection = DriverManager.getConnection(legacyUrl, database.user(), "");
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery("select count(*) from sales.orders")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(3);
        }
    }
}
