package io.basicflow.data;

import static io.basicflow.data.DataEngines.assertCompleted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.engine.deploy.DeploymentException;
import io.basicflow.engine.deploy.PluginDeployment;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code CREATE INDEX name ON table(columns)} after a bot's {@code TABLE} blocks, as real scripts write
 * it: applied at deployment after every table of the bot, and by the statement in a direct or durable
 * run; a missing table or column is an error naming where; names from the script never become SQL.
 */
@ExtendWith(PostgresExtension.class)
class CreateIndexTest {

    private static final String TABLES = """
            TABLE orders
                id number key
                customer_id number
                status string(20)
            END TABLE

            ' indexes for the reports
            CREATE INDEX idx_orders_customer ON orders(customer_id)
            CREATE INDEX idx_orders_status_customer ON orders(status, customer_id)
            CREATE INDEX "idx_orders_quoted" ON orders (status)
            """;

    @Test
    void aDeployCreatesTheIndexesAfterTheTablesEvenFromAnotherScript(TestDatabase database) throws Exception {
        Map<String, String> scripts = new LinkedHashMap<>();
        // sorted before tables.bas: its index is applied after every table of the bot
        scripts.put("ixshop/indexes.bas", "CREATE INDEX idx_orders_id_status ON orders(id, status)\n");
        scripts.put("ixshop/tables.bas", TABLES);
        deploy(database, scripts);

        assertThat(indexes(database, "bot_ixshop", "orders"))
                .contains(
                        "idx_orders_customer (customer_id)",
                        "idx_orders_status_customer (status, customer_id)",
                        "idx_orders_quoted (status)",
                        "idx_orders_id_status (id, status)");

        // deploying again changes nothing and fails nothing
        deploy(database, scripts);
        assertThat(indexes(database, "bot_ixshop", "orders")).hasSize(5); // with the primary key's
    }

    @Test
    void anIndexOfAMissingColumnOrTableRefusesTheDeployNamingWhere(TestDatabase database) throws Exception {
        assertThatThrownBy(() ->
                        deploy(database, Map.of("ixbad/tables.bas", TABLES + "CREATE INDEX idx_x ON orders(total)\n")))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("ixbad/tables.bas:11:1")
                .hasMessageContaining("table orders has no column total");
        assertThat(indexes(database, "bot_ixbad", "orders"))
                .as("nothing half-applied")
                .isEmpty();

        assertThatThrownBy(() -> deploy(database, Map.of("ixbad/start.bas", "CREATE INDEX idx_y ON invoices(id)\n")))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("ixbad/start.bas:1:1")
                .hasMessageContaining("the bot has no table invoices");
    }

    @Test
    void namesThatAreNotPlainIdentifiersAreRefusedNeverRun(TestDatabase database) throws Exception {
        for (String evil : List.of(
                "CREATE INDEX \"x; drop table orders\" ON orders(status)",
                "CREATE INDEX idx_z ON orders(status); drop table orders",
                "CREATE INDEX idx_z ON orders(status) where 1=1",
                "CREATE INDEX idx_z ON pg_catalog.pg_class(oid)",
                "CREATE INDEX idx_z ON basicflow_data_ledger(key)")) {
            assertThatThrownBy(() -> deploy(database, Map.of("ixevil/tables.bas", TABLES + evil + "\n")))
                    .as(evil)
                    .isInstanceOf(DeploymentException.class)
                    .hasMessageContaining("ixevil/tables.bas:11:1")
                    .hasMessageMatching("(?s).*(is not a valid|is reserved|needs ON table\\(column, …\\)).*");
        }
        deploy(database, Map.of("ixevil/tables.bas", TABLES));
        assertThat(DataEngines.rows(database, "bot_ixevil", "orders")).isEmpty();
    }

    @Test
    void theStatementCreatesTheIndexInADirectAndADurableRun(TestDatabase database) throws Exception {
        String script = TABLES + """
                SAVE "orders", #{id: 1, customer_id: 7, status: "open"}
                rows = FIND "orders", "status = open"
                TALK "found " + LEN(rows)
                """;
        DataEngines.Run direct = DataEngines.direct(database, "ixdirect/start.bas", script, List.of());
        assertCompleted(direct);
        assertThat(direct.messages()).containsExactly("found 1");
        assertThat(indexes(database, "bot_ixdirect", "orders")).hasSize(4);
        try (DurableFixture engine = DataEngines.fixture(database)) {
            DataEngines.Run durable = DataEngines.durable(engine, "ixdurable/start.bas", script, Map.of());
            assertCompleted(durable);
            assertThat(durable.messages()).isEqualTo(direct.messages());
        }
        assertThat(indexes(database, "bot_ixdurable", "orders")).hasSize(4);

        DataEngines.Run missing =
                DataEngines.direct(database, "ixdirect/missing.bas", "CREATE INDEX idx_m ON orders(nope)\n", List.of());
        assertThat(missing.outcome())
                .startsWith("FAILED ixdirect/missing.bas:1:")
                .contains("table orders has no column nope");
    }

    private static void deploy(TestDatabase database, Map<String, String> scripts) throws Exception {
        KeywordCatalogue catalogue = KeywordCatalogue.of(DataEngines.plugins());
        ScriptService compiler = new ScriptService(catalogue);
        List<PluginDeployment.Script> compiled = new ArrayList<>();
        scripts.forEach((name, source) -> compiled.add(
                new PluginDeployment.Script(name, compiler.compile(name, source).program())));
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), "")) {
            new PluginDeployment(catalogue).deploy(compiled, connection);
        }
    }

    /** Each index of the table as {@code name (columns)}. */
    private static List<String> indexes(TestDatabase database, String schema, String table) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
                var select = connection.prepareStatement("""
                        select i.relname, string_agg(a.attname, ', ' order by k.ord)
                        from pg_index x
                        join pg_class i on i.oid = x.indexrelid
                        join pg_class t on t.oid = x.indrelid
                        join pg_namespace n on n.oid = t.relnamespace
                        cross join lateral unnest(x.indkey) with ordinality as k(attnum, ord)
                        join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
                        where n.nspname = ? and t.relname = ?
                        group by i.relname order by i.relname""")) {
            select.setString(1, schema);
            select.setString(2, table);
            List<String> indexes = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    indexes.add(rows.getString(1) + " (" + rows.getString(2) + ")");
                }
            }
            return indexes;
        }
    }
}
