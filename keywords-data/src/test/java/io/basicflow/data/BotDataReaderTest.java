package io.basicflow.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.spi.BotDataQueries;
import io.basicflow.spi.ExecutionScope;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.Value;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The data plugin's {@link BotDataQueries}, found by {@link java.util.ServiceLoader}: a bot's tables
 * without the engine's, and queries checked against them and run through FIND's read path.
 */
@ExtendWith(PostgresExtension.class)
class BotDataReaderTest {

    private static ExecutionScope scope(String bot) {
        return new ExecutionScope(bot + "/start", bot, "u1", "c1");
    }

    private static Connection connect(TestDatabase database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
    }

    private static void setUp(Connection connection, String bot) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("create schema bot_" + bot);
            statement.execute(
                    "create table bot_" + bot + ".sales (id serial primary key, item text, cups int4, day date)");
            statement.execute("insert into bot_" + bot + ".sales (item, cups, day) values ('latte', 3, '2026-12-01'),"
                    + " ('mocha', 1, '2026-12-01'), ('latte', 4, '2026-12-02'), ('tea', 2, '2026-12-02')");
            statement.execute("create table bot_" + bot + ".basicflow_conversation (conversation text)");
            statement.execute("create schema if not exists bot_rival");
            statement.execute("create table if not exists bot_rival.recipes (id serial primary key, secret text)");
        }
    }

    private static BotDataQueries.Query query(
            String table, List<String> columns, String filter, List<String> order, int limit) {
        return new BotDataQueries.Query(table, columns, filter, order, limit, Optional.empty(), Optional.empty());
    }

    @Test
    void theServiceListsTheBotsOwnTablesAndRunsCheckedQueries(TestDatabase database) throws Exception {
        BotDataQueries reader = BotDataQueries.installed().orElseThrow();
        assertThat(reader).isInstanceOf(BotDataReader.class);
        ExecutionScope scope = scope("cafe");
        try (Connection connection = connect(database)) {
            setUp(connection, "cafe");

            assertThat(reader.tables(connection, scope))
                    .isEqualTo(Map.of("sales", Map.of("id", "int4", "item", "text", "cups", "int4", "day", "date")));

            Value lattes = reader.read(
                    connection,
                    scope,
                    query("sales", List.of("day", "cups"), "item = 'latte'", List.of("cups desc"), 10),
                    Clock.systemUTC());
            assertThat(lattes.display()).contains("2026-12-02").contains("4");
            assertThat(((io.basicflow.spi.value.ListValue) lattes).elements())
                    .hasSize(2)
                    .allSatisfy(row -> assertThat(((io.basicflow.spi.value.MapValue) row).entries())
                            .containsOnlyKeys("day", "cups"));

            Value perItem = reader.read(
                    connection,
                    scope,
                    new BotDataQueries.Query(
                            "sales",
                            List.of(),
                            "",
                            List.of("sum desc"),
                            2,
                            Optional.of(new BotDataQueries.Aggregate("SUM", Optional.of("cups"))),
                            Optional.of("item")),
                    Clock.systemUTC());
            List<Value> rows = ((io.basicflow.spi.value.ListValue) perItem).elements();
            assertThat(rows).hasSize(2);
            assertThat(((io.basicflow.spi.value.MapValue) rows.get(0))
                            .entries()
                            .get("item")
                            .display())
                    .isEqualTo("latte");
            assertThat(((io.basicflow.spi.value.MapValue) rows.get(0))
                            .entries()
                            .get("sum")
                            .display())
                    .isEqualTo("7");
            assertThat(((io.basicflow.spi.value.MapValue) rows.get(1))
                            .entries()
                            .get("item")
                            .display())
                    .isEqualTo("tea");
        }
    }

    @Test
    void whatIsNotTheBotsIsRefusedBeforeAnyStatementRuns(TestDatabase database) throws Exception {
        BotDataQueries reader = new BotDataReader();
        ExecutionScope scope = scope("bistro");
        try (Connection connection = connect(database)) {
            setUp(connection, "bistro");
            Map<BotDataQueries.Query, String> refused = Map.of(
                    query("recipes", List.of(), "", List.of(), 5), "bot bistro has no table recipes",
                    query("bot_rival.recipes", List.of(), "", List.of(), 5), "not a valid table name",
                    query("basicflow_conversation", List.of(), "", List.of(), 5), "reserved",
                    query("sales", List.of("secret"), "", List.of(), 5), "table sales has no column secret",
                    query("sales", List.of(), "cups > 1; DROP TABLE sales", List.of(), 5), "",
                    query("sales", List.of(), "", List.of("cups; DROP TABLE sales"), 5), "an order_by entry");
            for (Map.Entry<BotDataQueries.Query, String> entry : refused.entrySet()) {
                assertThatThrownBy(() -> reader.read(connection, scope, entry.getKey(), Clock.systemUTC()))
                        .as(entry.getKey().toString())
                        .isInstanceOf(KeywordException.class)
                        .hasMessageContaining(entry.getValue());
            }
            try (Statement statement = connection.createStatement()) {
                var count = statement.executeQuery("select count(*) from bot_bistro.sales");
                count.next();
                assertThat(count.getInt(1)).isEqualTo(4);
            }
        }
    }
}
