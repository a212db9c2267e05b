package io.basicflow.app.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import io.basicflow.app.assembly.BasicflowModules;
import io.basicflow.app.config.Configuration;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.engine.api.StartRequest;
import io.basicflow.persistence.Database;
import io.basicflow.persistence.DatabaseConfig;
import io.basicflow.persistence.DatabaseUnavailableException;
import io.basicflow.persistence.embedded.EmbeddedPostgres;
import io.basicflow.spi.value.Value;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BasicflowNode#prepare}: the database started before the injector is built, then used by
 * the node as if the node had started it.
 */
class PreparedDatabaseTest {

    private static final String SCRIPT = "#workflow\nHEAR n AS INTEGER\nRETURN n * 2\n";

    private static Configuration embeddedIn(Path folder) {
        return Configuration.of(Map.of("basicflow.db.embedded.dir", folder.toString()));
    }

    @Test
    void aNodeRunsOnThePreparedDatabaseOwnsItAndStartsAgainWithoutOne(@TempDir Path folder) {
        Configuration configuration = embeddedIn(folder.resolve("pg"));
        PreparedDatabase prepared = BasicflowNode.prepare(configuration);
        Injector injector = Guice.createInjector(Stage.PRODUCTION, BasicflowModules.durable(configuration));

        try (BasicflowNode node = BasicflowNode.start(injector, true, folder, prepared)) {
            // the injector's own Database is the started one (plugins such as the AI's reach it there)
            assertThat(injector.getInstance(Database.class)).isSameAs(node.database());
            assertThat(node.database().dataSource()).isNotNull();
            node.engine().start(new StartRequest(Optional.of("twice"), "twice.bas", SCRIPT, Map.of()));
            node.engine().deliverInput("twice", "21");
            ExecutionView done = node.engine().awaitEnd("twice", Duration.ofSeconds(30));
            assertThat(done.status()).isEqualTo(ExecutionStatus.COMPLETED);
            assertThat(done.result().map(Value::display)).contains("42");
            prepared.close(); // used by the node: does not stop its database
            assertThat(node.engine().find("twice").orElseThrow().status()).isEqualTo(ExecutionStatus.COMPLETED);
        }
        assertThat(folder.resolve("pg/postmaster.pid")).doesNotExist();

        assertThatThrownBy(() -> BasicflowNode.start(injector, true, folder, prepared))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("used by a node already");
        try (BasicflowNode node = BasicflowNode.start(injector, true, folder)) {
            assertThat(node.engine().find("twice").orElseThrow().result().map(Value::display))
                    .contains("42");
        }
    }

    @Test
    void anOlderSchemaIsMigratedByThePreparedStart(@TempDir Path folder) throws Exception {
        Path data = folder.resolve("pg");
        try (EmbeddedPostgres server = EmbeddedPostgres.builder(data).start()) {
            server.createDatabaseIfMissing(DatabaseConfig.EMBEDDED_DATABASE);
            Flyway.configure()
                    .dataSource(server.dataSource(DatabaseConfig.EMBEDDED_DATABASE))
                    .locations("classpath:db/migration")
                    .target("5")
                    .load()
                    .migrate();
        }
        Configuration configuration = embeddedIn(data);
        PreparedDatabase prepared = BasicflowNode.prepare(configuration);
        Injector injector = Guice.createInjector(Stage.PRODUCTION, BasicflowModules.durable(configuration));

        try (BasicflowNode node = BasicflowNode.start(injector, true, folder, prepared)) {
            try (Connection connection = node.database().dataSource().getConnection();
                    ResultSet newer = connection
                            .createStatement()
                            .executeQuery("select count(*) from flyway_schema_history"
                                    + " where success and version is not null and version::numeric > 5")) {
                newer.next();
                assertThat(newer.getInt(1)).as("migrations after V5 applied").isPositive();
            }
            node.engine().start(new StartRequest(Optional.of("old"), "old.bas", SCRIPT, Map.of()));
            node.engine().deliverInput("old", "4");
            ExecutionView done = node.engine().awaitEnd("old", Duration.ofSeconds(30));
            assertThat(done.result().map(Value::display)).contains("8");
        }
    }

    @Test
    void aPreparationOfAnotherDatabaseIsRefusedAndStopped(@TempDir Path folder) {
        PreparedDatabase prepared = BasicflowNode.prepare(embeddedIn(folder.resolve("early")));
        Injector injector =
                Guice.createInjector(Stage.PRODUCTION, BasicflowModules.durable(embeddedIn(folder.resolve("pg"))));

        assertThatThrownBy(() -> BasicflowNode.start(injector, true, folder, prepared))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("same Configuration")
                .hasMessageContaining("early");
        assertThat(folder.resolve("early/postmaster.pid")).doesNotExist();
        assertThat(folder.resolve("pg/postmaster.pid")).doesNotExist();
    }

    @Test
    void theStartsOwnFailureIsThrownByTheNodesStart(@TempDir Path folder) {
        // nothing listens on port 1: the pool's first connection is refused
        Configuration configuration = Configuration.of(Map.of(
                "basicflow.db.url", "jdbc:postgresql://127.0.0.1:1/basicflow",
                "basicflow.db.pool.connection-timeout", "2s"));
        PreparedDatabase prepared = BasicflowNode.prepare(configuration);
        Injector injector = Guice.createInjector(Stage.PRODUCTION, BasicflowModules.durable(configuration));

        assertThatThrownBy(() -> BasicflowNode.start(injector, true, folder, prepared))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining("Cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:1/basicflow");
    }

    @Test
    void anUnusedPreparationStopsItsServerAtClose(@TempDir Path folder) {
        PreparedDatabase prepared = BasicflowNode.prepare(embeddedIn(folder.resolve("pg")));
        prepared.close();
        assertThat(folder.resolve("pg/postmaster.pid")).doesNotExist();
        // the folder is free again: a node starts on it
        Configuration configuration = embeddedIn(folder.resolve("pg"));
        Injector injector = Guice.createInjector(Stage.PRODUCTION, BasicflowModules.durable(configuration));
        try (BasicflowNode node = BasicflowNode.start(injector, false, folder)) {
            assertThat(node.database().jdbcUrl()).startsWith("jdbc:postgresql://localhost:");
        }
    }
}
