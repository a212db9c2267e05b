package io.basicflow.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import io.basicflow.app.assembly.BasicflowModules;
import io.basicflow.app.config.Configuration;
import io.basicflow.app.node.BasicflowNode;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.engine.api.StartRequest;
import io.basicflow.engine.deploy.DeploymentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node started as {@code basicflow serve} starts it deploys its bot folders' {@code TABLE}s before
 * any execution: a new table and new columns at each start, rows kept, and a start refused when a
 * script drops a column, its table left as it was.
 */
class BotsDeploymentTest {

    private static final String V1 = """
            TABLE customers
                id number key
                name string(100)
            END TABLE
            rows = FIND "customers"
            TALK "customers: " + UBOUND(rows)
            """;

    @Test
    void aServedBotFolderHasItsTablesAtStartAndARefusedDeployLeavesThemIntact(@TempDir Path folder) throws Exception {
        Path bots = folder.resolve("bots");
        Path script = bots.resolve("shop.gbai/shop.gbdialog/start.bas");
        Files.createDirectories(script.getParent());
        Files.writeString(script, V1);
        // a script that does not compile is left out of the deployment, not a reason to refuse it
        Files.writeString(script.resolveSibling("broken.bas"), "TABLE broken\n  id number key\nEND TABLE\nIF\n");
        Configuration configuration = Configuration.of(
                Map.of("basicflow.db.embedded.dir", folder.resolve("pg").toString()));
        Injector injector = Guice.createInjector(Stage.PRODUCTION, BasicflowModules.durable(configuration));

        try (BasicflowNode node = BasicflowNode.start(injector, true, bots, true)) {
            assertThat(columns(node, "customers")).containsExactly("id int4", "name varchar");
            assertThat(columns(node, "broken")).isEmpty();
            assertThat(count(node, "select count(*) from workflow_executions"))
                    .as("nothing ran")
                    .isZero();
            sql(node, "insert into bot_shop.customers (id, name) values (1, 'Ana')");
            node.engine().start(new StartRequest(Optional.of("c1"), "shop/start.bas", "#workflow\n" + V1, Map.of()));
            ExecutionView done = node.engine().awaitEnd("c1", Duration.ofSeconds(30));
            assertThat(done.status()).isEqualTo(ExecutionStatus.COMPLETED);
            assertThat(node.engine().messages("c1", 0, 10, Duration.ZERO).stream()
                            .map(m -> m.text()))
                    .containsExactly("customers: 1");
        }

        Files.writeString(script, V1.replace("name string(100)", "name string(100)\n    phone string(20)"));
        try (BasicflowNode node = BasicflowNode.start(injector, true, bots, true)) {
            assertThat(columns(node, "customers")).containsExactly("id int4", "name varchar", "phone varchar");
            assertThat(rows(node)).containsExactly("1 Ana null");
        }

        Files.writeString(script, V1);
        assertThatThrownBy(() -> BasicflowNode.start(injector, true, bots, true).close())
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("shop/start.bas:1:1")
                .hasMessageContaining("no longer declares column phone, which holds data");
        try (BasicflowNode node = BasicflowNode.start(injector, true, bots)) {
            assertThat(columns(node, "customers")).containsExactly("id int4", "name varchar", "phone varchar");
            assertThat(rows(node)).containsExactly("1 Ana null");
        }
    }

    private static void sql(BasicflowNode node, String statement) throws Exception {
        try (Connection connection = node.database().dataSource().getConnection();
                Statement s = connection.createStatement()) {
            s.execute(statement);
        }
    }

    private static long count(BasicflowNode node, String query) throws Exception {
        try (Connection connection = node.database().dataSource().getConnection();
                Statement s = connection.createStatement();
                ResultSet rows = s.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<String> rows(BasicflowNode node) throws Exception {
        try (Connection connection = node.database().dataSource().getConnection();
                Statement s = connection.createStatement();
                ResultSet rows = s.executeQuery("select id, name, phone from bot_shop.customers order by id")) {
            List<String> out = new ArrayList<>();
            while (rows.next()) {
                out.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3));
            }
            return out;
        }
    }

    private static List<String> columns(BasicflowNode node, String table) throws Exception {
        try (Connection connection = node.database().dataSource().getConnection();
                var select = connection.prepareStatement("select column_name, udt_name from information_schema.columns"
                        + " where table_schema = 'bot_shop' and table_name = ? order by ordinal_position")) {
            select.setString(1, table);
            List<String> columns = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1) + " " + rows.getString(2));
                }
            }
            return columns;
        }
    }
}
