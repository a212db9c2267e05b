package io.basicflow.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The one-query check that lets a start skip Flyway: it agrees with what Flyway itself recorded, and
 * says "run Flyway" for every history that differs from the class path's migrations.
 */
@ExtendWith(PostgresExtension.class)
class SchemaFreshnessTest {

    private final ClassLoader loader = Database.class.getClassLoader();

    @Test
    void theChecksumsComputedHereAreTheOnesFlywayRecorded(TestDatabase database) throws SQLException {
        Map<String, Integer> recorded = new HashMap<>();
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "select version, checksum from flyway_schema_history where type = 'SQL' and success")) {
            while (rows.next()) {
                recorded.put(rows.getString(1), rows.getInt(2));
            }
        }

        assertThat(SchemaFreshness.migrations(loader)).contains(recorded);
        assertThat(recorded).containsKeys("1", "2", "5");
        assertThat(SchemaFreshness.upToDate(database.dataSource(), loader)).isTrue();
    }

    @Test
    void aChangedAMissingOrAFailedMigrationSendsTheStartToFlyway(TestDatabase database) throws SQLException {
        execute(database, "update flyway_schema_history set checksum = checksum + 1 where version = '2'");
        try {
            assertThat(SchemaFreshness.upToDate(database.dataSource(), loader))
                    .as("changed")
                    .isFalse();
        } finally {
            execute(database, "update flyway_schema_history set checksum = checksum - 1 where version = '2'");
        }

        execute(database, "update flyway_schema_history set version = '999' where version = '3'");
        try {
            assertThat(SchemaFreshness.upToDate(database.dataSource(), loader))
                    .as("missing")
                    .isFalse();
        } finally {
            execute(database, "update flyway_schema_history set version = '3' where version = '999'");
        }

        execute(database, "update flyway_schema_history set success = false where version = '4'");
        try {
            assertThat(SchemaFreshness.upToDate(database.dataSource(), loader))
                    .as("failed")
                    .isFalse();
        } finally {
            execute(database, "update flyway_schema_history set success = true where version = '4'");
        }

        execute(database, "alter table flyway_schema_history rename to flyway_schema_history_away");
        try {
            assertThat(SchemaFreshness.upToDate(database.dataSource(), loader))
                    .as("no history")
                    .isFalse();
        } finally {
            execute(database, "alter table flyway_schema_history_away rename to flyway_schema_history");
        }

        assertThat(SchemaFreshness.upToDate(database.dataSource(), loader))
                .as("restored")
                .isTrue();
    }

    @Test
    void aChangedMigrationStillFailsTheStartWithFlywaysError(TestDatabase database) throws SQLException {
        execute(database, "update flyway_schema_history set checksum = checksum + 1 where version = '1'");
        try {
            Database started = new Database(database.config());
            org.assertj.core.api.Assertions.assertThatThrownBy(started::start)
                    .isInstanceOf(SchemaMigrationException.class)
                    .hasMessageContaining("checksum");
        } finally {
            execute(database, "update flyway_schema_history set checksum = checksum - 1 where version = '1'");
        }
    }

    @Test
    void theChecksumIsFlywaysCrc32OfTheLinesWithoutBreaksOrByteOrderMark() throws Exception {
        int unix = SchemaFreshness.checksum(bytes("create table a (x int);\nselect 1;\n"));
        int windows = SchemaFreshness.checksum(bytes("\uFEFFcreate table a (x int);\r\nselect 1;\r\n"));
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update("create table a (x int);select 1;".getBytes(StandardCharsets.UTF_8));

        assertThat(unix).isEqualTo(windows).isEqualTo((int) crc.getValue());
    }

    private static ByteArrayInputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void execute(TestDatabase database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
