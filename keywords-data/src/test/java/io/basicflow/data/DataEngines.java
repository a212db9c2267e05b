package io.basicflow.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.engine.data.DataConnections;
import io.basicflow.engine.direct.Conversation;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.engine.direct.DirectRunner;
import io.basicflow.engine.interpreter.InputRequest;
import io.basicflow.engine.interpreter.RuntimeCatalogue;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.value.Value;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs scripts with the data plugin in both modes on a test database, and reads tables back. */
final class DataEngines {

    private DataEngines() {}

    /** What a run said and how it ended. */
    record Run(List<String> messages, String outcome) {}

    static DataConnections connections(TestDatabase database) {
        return new DataConnections() {
            @Override
            public Connection open() throws SQLException {
                return DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
            }

            @Override
            public boolean sharesEngineDatabase() {
                return true;
            }
        };
    }

    static List<KeywordPlugin> plugins() {
        return List.of(
                new CorePlugin(),
                new DataPlugin(),
                new DataListsPlugin(),
                new TasksPlugin(),
                new RolesPlugin(),
                new SlowSavePlugin(),
                new SlowNamedInsertPlugin(),
                new PausePlugin());
    }

    /** Runs a script in memory, its data keywords in transactions of their own. */
    static Run direct(TestDatabase database, String name, String source, List<String> inputs) {
        return direct(connections(database), name, source, inputs);
    }

    static Run direct(DataConnections connections, String name, String source, List<String> inputs) {
        return direct(connections, name, source, inputs, Map.of());
    }

    static Run direct(
            DataConnections connections,
            String name,
            String source,
            List<String> inputs,
            Map<String, Value> variables) {
        return direct(connections, name, source, inputs, variables, Map.of());
    }

    /** As above, with the plugins' configuration ({@code basicflow.data.…} keys). */
    static Run direct(
            DataConnections connections,
            String name,
            String source,
            List<String> inputs,
            Map<String, Value> variables,
            Map<String, String> configuration) {
        KeywordCatalogue catalogue = KeywordCatalogue.of(plugins());
        ScriptService compiler = new ScriptService(catalogue);
        RuntimeCatalogue runtime = RuntimeCatalogue.from(catalogue, configuration, Clock.systemUTC())
                .withData(connections);
        List<String> said = new ArrayList<>();
        java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>(inputs);
        Conversation conversation = new Conversation() {
            @Override
            public void say(String text) {
                said.add(text);
            }

            @Override
            public Optional<String> listen(InputRequest request) {
                return Optional.ofNullable(queue.pollFirst());
            }
        };
        DirectRunner.DirectRun run = DirectRunner.builder(runtime, (n, s) -> null)
                .executionIds(() -> "direct-" + name.replace('/', '-'))
                .build()
                .run(compiler.compile(name, source).program(), variables, conversation);
        String outcome = switch (run.outcome()) {
            case DirectOutcome.Completed ignored -> "COMPLETED";
            case DirectOutcome.Failed failed -> "FAILED " + failed.error().message();
            case DirectOutcome.InputEnded ended -> "INPUT ENDED";
            case DirectOutcome.Cancelled cancelled -> "CANCELLED";
        };
        return new Run(said, outcome);
    }

    /** Runs a script durably (it gets {@code #workflow}) on a worker pool and waits for its end. */
    static Run durable(DurableFixture engine, String name, String source, Map<String, Value> variables) {
        String id = engine.start(name, "#workflow\n" + source, variables);
        ExecutionView view = engine.awaitStatus(id, ExecutionStatus.COMPLETED, ExecutionStatus.FAILED);
        String outcome = view.status() == ExecutionStatus.COMPLETED
                ? "COMPLETED"
                : "FAILED " + view.error().map(e -> e.message()).orElse("");
        return new Run(engine.messages(id), outcome);
    }

    static DurableFixture fixture(TestDatabase database) {
        return DurableFixture.builder(database)
                .plugins(new DataPlugin(), new DataListsPlugin(), new SlowSavePlugin())
                .start();
    }

    /** A table's rows as text, ordered by all columns, without the given columns. */
    static List<String> rows(TestDatabase database, String schema, String table, String... without)
            throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
                Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery("select * from \"" + schema + "\".\"" + table + "\" order by 1")) {
            List<String> out = new ArrayList<>();
            List<String> skip = List.of(without);
            while (rows.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    String column = rows.getMetaData().getColumnName(i);
                    if (!skip.contains(column)) {
                        row.append(row.isEmpty() ? "" : ", ")
                                .append(column)
                                .append('=')
                                .append(rows.getString(i));
                    }
                }
                out.add(row.toString());
            }
            return out;
        }
    }

    /** A context of no execution: a test logger, the system clock and the given settings. */
    static io.basicflow.spi.InvocationContext context(io.basicflow.spi.PluginConfiguration configuration) {
        return new io.basicflow.spi.InvocationContext() {
            @Override
            public System.Logger logger() {
                return System.getLogger("test");
            }

            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }

            @Override
            public io.basicflow.spi.PluginConfiguration configuration() {
                return configuration;
            }
        };
    }

    static void assertCompleted(Run run) {
        assertThat(run.outcome()).as("outcome, after saying %s", run.messages()).isEqualTo("COMPLETED");
    }
}
