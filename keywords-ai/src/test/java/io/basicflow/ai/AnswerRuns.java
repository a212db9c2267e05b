package io.basicflow.ai;

import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.data.DataPlugin;
import io.basicflow.engine.data.DataConnections;
import io.basicflow.engine.direct.Conversation;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.engine.direct.DirectRunner;
import io.basicflow.engine.interpreter.InputRequest;
import io.basicflow.engine.interpreter.RuntimeCatalogue;
import io.basicflow.persistence.testing.TestDatabase;
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
import java.util.function.Supplier;

/** Direct runs of the AI plugin (reading the bots' tables of the test database) with the data plugin. */
final class AnswerRuns {

    private AnswerRuns() {}

    /** The AI plugin as the application builds it: knowledge bases in memory, the bots' tables in the database. */
    static AiPlugin plugin(TestDatabase database) {
        return new AiPlugin(() -> null, () -> connect(database));
    }

    static Connection connect(TestDatabase database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
    }

    /** Runs SQL on the test database (the bots' tables). */
    static void sql(TestDatabase database, String... statements) {
        try (Connection connection = connect(database);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rows of a query, each its columns joined by |. */
    static List<String> rows(TestDatabase database, String query) {
        List<String> rows = new ArrayList<>();
        try (Connection connection = connect(database);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(query)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(String.valueOf(result.getObject(i)));
                }
                rows.add(String.join("|", values));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    /** A direct run: its messages, then "completed" or "failed: …"; each HEAR is answered by {@code hear}. */
    static List<String> direct(
            TestDatabase database,
            AiPlugin plugin,
            Map<String, String> settings,
            String name,
            String source,
            Supplier<Optional<String>> hear) {
        KeywordCatalogue catalogue = KeywordCatalogue.of(new CorePlugin(), plugin, new DataPlugin());
        DataConnections data = new DataConnections() {
            @Override
            public Connection open() throws SQLException {
                return connect(database);
            }

            @Override
            public boolean sharesEngineDatabase() {
                return true;
            }
        };
        RuntimeCatalogue runtime =
                RuntimeCatalogue.from(catalogue, settings, Clock.systemUTC()).withData(data);
        List<String> said = new ArrayList<>();
        DirectOutcome outcome = DirectRunner.builder(runtime, (child, text) -> {
                    throw new IllegalStateException("no child scripts here");
                })
                .build()
                .run(new ScriptService(catalogue).compile(name, source), new Conversation() {
                    @Override
                    public void say(String text) {
                        said.add(text);
                    }

                    @Override
                    public Optional<String> listen(InputRequest request) {
                        return hear.get();
                    }
                })
                .outcome();
        said.add(
                outcome instanceof DirectOutcome.Failed failed
                        ? "failed: " + failed.error().message()
                        : "completed");
        return said;
    }

    static List<String> direct(TestDatabase database, Map<String, String> settings, String name, String source) {
        return direct(database, plugin(database), settings, name, source, Optional::empty);
    }
}
