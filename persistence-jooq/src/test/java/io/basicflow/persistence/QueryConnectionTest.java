package io.basicflow.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionQuery;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.durable.ExecutionReader;
import io.basicflow.engine.store.EventStore;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A query connection reads what the engine's store reads, on one connection, and attaches only to a
 * database that is ready as it is: otherwise the caller starts a node (which migrates, starts the
 * embedded server, and reports what is wrong).
 */
@ExtendWith(PostgresExtension.class)
class QueryConnectionTest {

    @TempDir
    Path folder;

    @Test
    void itReadsWhatTheEnginesStoreReads(TestDatabase database) {
        try (DurableFixture engine = DurableFixture.builder(database).start()) {
            String waiting = engine.start("#workflow\nTALK \"Hi\"\nHEAR name\n");
            String done = engine.start("#workflow\nx = 2 + 3\nTALK \"x is \" + x\nRETURN x\n");
            engine.awaitStatus(waiting, ExecutionStatus.WAITING_INPUT);
            engine.awaitStatus(done, ExecutionStatus.COMPLETED);
            engine.awaitNoActivation(); // the rows no longer change
            EventStore store = engine.store();

            try (QueryConnection connection =
                    QueryConnection.attach(database.config()).orElseThrow()) {
                ExecutionQuery all = new ExecutionQuery(
                        java.util.Set.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 10);
                assertThat(connection.list(all)).isEqualTo(store.list(all));
                for (String id : new String[] {waiting, done}) {
                    assertThat(connection.find(id)).isEqualTo(store.find(id));
                    assertThat(connection.events(id, 0, 100)).isEqualTo(store.events(id, 0, 100));
                    assertThat(connection.messages(id, 0, 100)).isEqualTo(store.messages(id, 0, 100));
                    String hash = store.find(id).orElseThrow().scriptHash();
                    assertThat(connection.script(hash)).isEqualTo(store.script(hash));
                }
                assertThat(connection.find("no-such-execution")).isEmpty();

                // the engine's own views, read through the connection without a compiler for history
                ExecutionReader reader = new ExecutionReader(
                        connection,
                        ExecutionReader.PinnedScripts.lazilyCompiled(connection, () -> {
                            throw new AssertionError("history and a completed view need no compiler");
                        }),
                        3);
                assertThat(reader.history(waiting, 0, 100))
                        .isEqualTo(engine.engine().history(waiting, 0, 100));
                assertThat(reader.find(done)).isEqualTo(engine.engine().find(done));
            }
        }
    }

    @Test
    void aDatabaseWithoutTheCurrentSchemaIsNotAttached(TestDatabase database) {
        try (TestDatabase empty = database.server().createEmptyDatabase("query_empty")) {
            assertThat(QueryConnection.attach(empty.config())).isEmpty();
        }
    }

    @Test
    void anUnreachableDatabaseOrAnEmbeddedFolderNobodyServesIsNotAttached() {
        assertThat(QueryConnection.attach(DatabaseConfig.external("jdbc:postgresql://127.0.0.1:1/none", "x", "")))
                .isEmpty();
        assertThat(QueryConnection.attach(DatabaseConfig.embedded(folder.resolve("pg"))))
                .isEmpty();
    }
}
