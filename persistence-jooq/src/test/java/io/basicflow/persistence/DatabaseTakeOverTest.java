package io.basicflow.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database started early (on another thread, before the application's injector exists) handed to
 * the injector's own instance: that instance then owns the server, stops it, and can start again.
 */
class DatabaseTakeOverTest {

    @TempDir
    Path folder;

    @Test
    void theTakingDatabaseOwnsTheServerAndStopsItAtCloseAndStartsAgain() {
        DatabaseConfig config = DatabaseConfig.embedded(folder.resolve("postgres"));
        Database early = new Database(config).start();
        Database held = new Database(config);

        StoredScript stored;
        try (Database database = held.takeOver(early)) {
            stored = new ScriptStore(database).store("early.bas", "#workflow\nTALK \"early\"\n");
            assertThatThrownBy(early::dataSource)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
            early.close(); // owns nothing any more: the server keeps running for the taker
            assertThat(new ScriptStore(database).find(stored.hash())).contains(stored);
        }
        assertThat(folder.resolve("postgres/postmaster.pid")).doesNotExist();

        try (Database again = held.start()) {
            assertThat(new ScriptStore(again).find(stored.hash())).contains(stored);
        }
    }

    @Test
    void aDatabaseOfAnotherConfigurationOrNotStartedIsRefused() {
        try (Database early = new Database(DatabaseConfig.embedded(folder.resolve("a"))).start()) {
            Database other = new Database(DatabaseConfig.embedded(folder.resolve("b")));
            assertThatThrownBy(() -> other.takeOver(early))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("another configuration");
            assertThat(early.jdbcUrl()).startsWith("jdbc:postgresql://"); // still its own

            Database same = new Database(early.config());
            assertThatThrownBy(() -> same.takeOver(new Database(early.config())))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("not started");
        }
    }
}
