package io.basicflow.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime default: the Database starts its own PostgreSQL in a data folder. */
class EmbeddedDatabaseTest {

    @TempDir
    Path folder;

    @Test
    void theEmbeddedDatabaseIsMigratedAndKeepsItsDataAcrossRestarts() {
        DatabaseConfig config = DatabaseConfig.embedded(folder.resolve("postgres"));
        StoredScript stored;
        try (Database database = new Database(config).start()) {
            assertThat(database.jdbcUrl()).matches("jdbc:postgresql://localhost:\\d+/basicflow");
            stored = new ScriptStore(database).store("kept.bas", "#workflow\nTALK \"still here\"\n");
        }
        assertThat(folder.resolve("postgres/postmaster.pid")).doesNotExist();

        try (Database database = new Database(config).start()) {
            assertThat(new ScriptStore(database).find(stored.hash())).contains(stored);
        }
    }
}
