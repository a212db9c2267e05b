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
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code TABLE … END TABLE} applied when a bot's scripts are deployed: the tables exist before any
 * execution, a redeploy adds columns and keeps rows, and a declaration that would lose data refuses the
 * whole deployment (one transaction), naming the script, line and column.
 */
@ExtendWith(PostgresExtension.class)
class TableDeploymentTest {

    private static final String CUSTOMERS_V1 = """
            ' the shop's customers
            TABLE customers
                id number key
                name string(100)
                email string(255)
            END TABLE
            TALK "hello"
            """;

    private static final String CUSTOMERS_V2 = """
            ' the shop's customers
            TABLE customers
                id number key
                name string(100)
                email string(255)
                phone string(30)
            END TABLE
            TALK "hello"
            """;

    private static final String ORDERS = """
            IF 1 = 2 THEN
                TALK "never runs, still deployed"
            END IF
            SUB setup
                TABLE orders
                    id number key
                    customer_id number
                    total double(10,2)
                END TABLE
            END SUB
            """;

    @Test
    void aDeployCreatesTheDeclaredTablesOfEveryBotBeforeAnythingRuns(TestDatabase database) throws Exception {
        PluginDeployment.Applied applied = deploy(
                database,
                Map.of(
                        "shop/start.bas", CUSTOMERS_V1,
                        "shop/orders.bas", ORDERS,
                        "crm/start.bas", "TABLE leads\n  id number key\n  score integer\nEND TABLE\n"));
        assertThat(applied.bots()).containsExactlyInAnyOrder("shop", "crm");
        assertThat(applied.calls()).isEqualTo(3);
        assertThat(columns(database, "bot_shop", "customers"))
                .containsExactly("id int4", "name varchar(100)", "email varchar(255)");
        assertThat(columns(database, "bot_shop", "orders"))
                .containsExactly("id int4", "customer_id int4", "total numeric(10,2)");
        assertThat(columns(database, "bot_crm", "leads")).containsExactly("id int4", "score int4");
        assertThat(executions(database, "shop/%")).as("a deploy runs no script").isZero();
    }

    @Test
    void aRedeployAddsANewColumnAndKeepsTheRows(TestDatabase database) throws Exception {
        deploy(database, Map.of("keep/start.bas", CUSTOMERS_V1));
        sql(database, "insert into bot_keep.customers (id, name, email) values (1, 'Ana', 'ana@example.com')");
        deploy(database, Map.of("keep/start.bas", CUSTOMERS_V2));
        assertThat(columns(database, "bot_keep", "customers"))
                .containsExactly("id int4", "name varchar(100)", "email varchar(255)", "phone varchar(30)");
        assertThat(DataEngines.rows(database, "bot_keep", "customers"))
                .containsExactly("id=1, name=Ana, email=ana@example.com, phone=null");
        // deploying the same scripts again changes nothing
        deploy(database, Map.of("keep/start.bas", CUSTOMERS_V2));
        assertThat(DataEngines.rows(database, "bot_keep", "customers")).hasSize(1);
    }

    @Test
    void aDroppedColumnRefusesTheWholeDeployNamingScriptLineAndColumn(TestDatabase database) throws Exception {
        deploy(database, Map.of("drop/start.bas", CUSTOMERS_V2));
        sql(database, "insert into bot_drop.customers (id, name, phone) values (7, 'Rui', '555')");
        String withoutPhone = CUSTOMERS_V1;
        Map<String, String> scripts = new LinkedHashMap<>();
        // a new table in another script of the same deploy, applied before the refused one
        scripts.put("drop/a-first.bas", "TABLE notes\n  id number key\n  body text\nEND TABLE\n");
        scripts.put("drop/start.bas", withoutPhone);
        assertThatThrownBy(() -> deploy(database, scripts))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("nothing of it was applied")
                .hasMessageContaining("drop/start.bas:2:1")
                .hasMessageContaining("no longer declares column phone, which holds data");
        assertThat(columns(database, "bot_drop", "customers"))
                .containsExactly("id int4", "name varchar(100)", "email varchar(255)", "phone varchar(30)");
        assertThat(DataEngines.rows(database, "bot_drop", "customers"))
                .containsExactly("id=7, name=Rui, email=null, phone=555");
        assertThat(columns(database, "bot_drop", "notes"))
                .as("nothing half-applied")
                .isEmpty();
    }

    @Test
    void aNarrowedTypeIsRefusedAndAWidenedOneApplied(TestDatabase database) throws Exception {
        deploy(database, Map.of("size/start.bas", CUSTOMERS_V1));
        sql(database, "insert into bot_size.customers (id, name) values (1, 'Ana')");
        assertThatThrownBy(() -> deploy(
                        database,
                        Map.of("size/start.bas", CUSTOMERS_V1.replace("name string(100)", "name string(20)"))))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("size/start.bas:2:1")
                .hasMessageContaining(
                        "declares column name as varchar(20) but it is varchar(100); narrowing it is" + " refused");
        assertThatThrownBy(() -> deploy(
                        database, Map.of("size/start.bas", CUSTOMERS_V1.replace("id number key", "id boolean key"))))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("declares column id as boolean but it is int4; changing its type is refused");
        deploy(
                database,
                Map.of(
                        "size/start.bas",
                        CUSTOMERS_V1
                                .replace("name string(100)", "name string(200)")
                                .replace("id number key", "id number(12) key")));
        assertThat(columns(database, "bot_size", "customers"))
                .containsExactly("id int8", "name varchar(200)", "email varchar(255)");
        assertThat(DataEngines.rows(database, "bot_size", "customers")).containsExactly("id=1, name=Ana, email=null");
    }

    @Test
    void aDeclarationThatCannotBeReadIsLeftToItsStatementAndTheRestIsDeployed(TestDatabase database) throws Exception {
        PluginDeployment.Applied applied = deploy(
                database,
                Map.of(
                        "sqlish/start.bas",
                        "TABLE items\n  id UUID PRIMARY KEY DEFAULT uuid_generate_v4()\nEND TABLE\n",
                        "sqlish/other.bas",
                        "TABLE kept\n  id number key\nEND TABLE\n"));
        assertThat(applied.bots()).containsExactly("sqlish");
        assertThat(columns(database, "bot_sqlish", "items")).isEmpty();
        assertThat(columns(database, "bot_sqlish", "kept")).containsExactly("id int4");
        DataEngines.Run run = DataEngines.direct(
                database,
                "sqlish/start.bas",
                "TABLE items\n  id UUID PRIMARY KEY DEFAULT uuid_generate_v4()\nEND TABLE\n",
                List.of());
        assertThat(run.outcome()).contains("is not a field");
    }

    @Test
    void aScriptRunAfterTheDeployFindsItsTableInBothModes(TestDatabase database) throws Exception {
        String script = """
                TABLE visits
                    id number key
                    who string(40)
                END TABLE
                SAVE "visits", 1, #{who: "Ana"}
                rows = FIND "visits"
                TALK rows[0].who
                """;
        deploy(database, Map.of("run/start.bas", script, "run2/start.bas", script));
        DataEngines.Run direct = DataEngines.direct(database, "run/start.bas", script, List.of());
        assertCompleted(direct);
        try (DurableFixture engine = DataEngines.fixture(database)) {
            DataEngines.Run durable = DataEngines.durable(engine, "run2/start.bas", script, Map.of());
            assertCompleted(durable);
            assertThat(durable.messages()).isEqualTo(direct.messages()).containsExactly("Ana");
        }
        assertThat(columns(database, "bot_run2", "visits")).containsExactly("id int4", "who varchar(40)");
    }

    private static PluginDeployment.Applied deploy(TestDatabase database, Map<String, String> scripts)
            throws Exception {
        KeywordCatalogue catalogue = KeywordCatalogue.of(DataEngines.plugins());
        ScriptService compiler = new ScriptService(catalogue);
        List<PluginDeployment.Script> compiled = new ArrayList<>();
        scripts.forEach((name, source) -> compiled.add(
                new PluginDeployment.Script(name, compiler.compile(name, source).program())));
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), "")) {
            return new PluginDeployment(catalogue).deploy(compiled, connection);
        }
    }

    private static void sql(TestDatabase database, String statement) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
                Statement s = connection.createStatement()) {
            s.execute(statement);
        }
    }

    private static long executions(TestDatabase database, String scripts) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
                var count = connection.prepareStatement(
                        "select count(*) from workflow_executions where script_name like ?")) {
            count.setString(1, scripts);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Each column as {@code name type}, with its length or precision when it has one. */
    private static List<String> columns(TestDatabase database, String schema, String table) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
                var select = connection.prepareStatement("""
                        select column_name, udt_name, character_maximum_length, numeric_precision, numeric_scale
                        from information_schema.columns where table_schema = ? and table_name = ?
                        order by ordinal_position""")) {
            select.setString(1, schema);
            select.setString(2, table);
            List<String> columns = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String type = rows.getString(2);
                    if (rows.getObject(3) != null) {
                        type += "(" + rows.getInt(3) + ")";
                    } else if (type.equals("numeric") && rows.getObject(4) != null) {
                        type += "(" + rows.getInt(4) + "," + rows.getInt(5) + ")";
                    }
                    columns.add(rows.getString(1) + " " + type);
                }
            }
            return columns;
        }
    }
}
