package io.basicflow.meet;

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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs scripts with the meetings plugin in both modes on a test database. */
final class MeetEngines {

    private MeetEngines() {}

    /** What a run said and how it ended. */
    record Run(List<String> messages, String outcome) {}

    static Connection connect(TestDatabase database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
    }

    static List<KeywordPlugin> plugins() {
        return List.of(new CorePlugin(), new MeetPlugin(), new BookingPlugin());
    }

    /** Runs a script in memory, its meeting keywords in transactions of their own on the database. */
    static Run direct(TestDatabase database, String name, String source) {
        DataConnections connections = new DataConnections() {
            @Override
            public Connection open() throws SQLException {
                return connect(database);
            }

            @Override
            public boolean sharesEngineDatabase() {
                return true;
            }
        };
        KeywordCatalogue catalogue = KeywordCatalogue.of(plugins());
        RuntimeCatalogue runtime =
                RuntimeCatalogue.from(catalogue, Map.of(), Clock.systemUTC()).withData(connections);
        List<String> said = new ArrayList<>();
        Conversation conversation = new Conversation() {
            @Override
            public void say(String text) {
                said.add(text);
            }

            @Override
            public Optional<String> listen(InputRequest request) {
                return Optional.empty();
            }
        };
        DirectRunner.DirectRun run = DirectRunner.builder(runtime, (n, s) -> null)
                .build()
                .run(new ScriptService(catalogue).compile(name, source).program(), Map.of(), conversation);
        String outcome = switch (run.outcome()) {
            case DirectOutcome.Completed ignored -> "COMPLETED";
            case DirectOutcome.Failed failed -> "FAILED " + failed.error().message();
            case DirectOutcome.InputEnded ended -> "INPUT ENDED";
            case DirectOutcome.Cancelled cancelled -> "CANCELLED";
        };
        return new Run(said, outcome);
    }

    static DurableFixture fixture(TestDatabase database) {
        return DurableFixture.builder(database)
                .plugins(new MeetPlugin(), new BookingPlugin())
                .start();
    }

    /** Runs a script durably (it gets {@code #workflow}) and waits for its end. */
    static Run durable(DurableFixture engine, String name, String source) {
        String id = engine.start(name, "#workflow\n" + source, Map.of());
        ExecutionView view = engine.awaitStatus(id, ExecutionStatus.COMPLETED, ExecutionStatus.FAILED);
        String outcome = view.status() == ExecutionStatus.COMPLETED
                ? "COMPLETED"
                : "FAILED " + view.error().map(e -> e.message()).orElse("");
        return new Run(engine.messages(id), outcome);
    }
}
