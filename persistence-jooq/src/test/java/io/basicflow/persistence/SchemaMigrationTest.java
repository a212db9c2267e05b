package io.basicflow.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.persistence.internal.jooq.DefaultSchema;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.persistence.testing.TestPostgresServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.Field;
import org.jooq.JSON;
import org.jooq.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class SchemaMigrationTest {

    /** Every migration, as Flyway records it applied: version, description, success. */
    private static final List<String> MIGRATIONS = List.of(
            "1 workflow schema true",
            "2 input delivery ids true",
            "3 events checked per statement true",
            "4 light commits true",
            "5 engine sessions skip orphan check true",
            "30 published events true",
            "40 ai knowledge bases true",
            "50 schedules true",
            "53 outbox message extras true",
            "55 registered schedules true",
            "56 event handlers true",
            "80 inbox outbox checked per statement true",
            "81 listing indexes off the resume path true",
            "82 inbox unique rules on non null keys true",
            "96 orphan checks skipped by a function true",
            "97 event column rules as domains true",
            "106 meetings true",
            "107 calendar true",
            "108 execution rules in one check true",
            "115 row triggers true",
            "116 mail monitors true",
            "117 folder monitors true",
            "121 events unpacked view true");

    private static final List<String> TABLES = List.of(
            "ai_kb_chunks",
            "ai_kb_documents",
            "calendar_events",
            "flyway_schema_history",
            "meet_lines",
            "meet_participants",
            "meet_rooms",
            "workflow_event_handlers",
            "workflow_event_watches",
            "workflow_events",
            "workflow_events_unpacked",
            "workflow_executions",
            "workflow_folder_files",
            "workflow_folder_monitors",
            "workflow_inbox",
            "workflow_input_deliveries",
            "workflow_mail_monitors",
            "workflow_outbox",
            "workflow_published_events",
            "workflow_registered_schedules",
            "workflow_row_handlers",
            "workflow_schedules",
            "workflow_scripts");

    @Test
    void migrationsApplyToAnEmptyDatabaseOnceAndAgainAreANoOp(TestPostgresServer server) throws SQLException {
        try (TestDatabase empty = server.createEmptyDatabase("migrations")) {
            assertThat(tables(empty)).isEmpty();

            new Database(empty.config()).start().close();
            assertThat(tables(empty)).containsExactlyElementsOf(TABLES);
            assertThat(appliedMigrations(empty)).containsExactlyElementsOf(MIGRATIONS);

            new Database(empty.config()).start().close();
            assertThat(tables(empty)).containsExactlyElementsOf(TABLES);
            assertThat(appliedMigrations(empty)).containsExactlyElementsOf(MIGRATIONS);
        }
    }

    @Test
    void theTemplateCopyOfATestClassHasTheMigratedSchema(TestDatabase database) throws SQLException {
        assertThat(tables(database)).containsExactlyElementsOf(TABLES);
        assertThat(appliedMigrations(database)).containsExactlyElementsOf(MIGRATIONS);
    }

    /** The jOOQ classes come from the SQL at build time, with no database: they must match what PostgreSQL made. */
    @Test
    void generatedClassesMatchTheSchemaPostgresqlBuiltFromTheMigrations(TestDatabase database) throws SQLException {
        Map<String, Map<String, String>> actual = columns(database);
        Map<String, Map<String, String>> generated = new TreeMap<>();
        for (Table<?> table : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
            Map<String, String> fields = new TreeMap<>();
            for (Field<?> field : table.fields()) {
                fields.put(
                        field.getName(),
                        field.getType().getSimpleName() + (field.getDataType().nullable() ? " null" : " not null"));
            }
            generated.put(table.getName(), fields);
        }
        assertThat(generated).isEqualTo(actual);
    }

    private static List<String> tables(TestDatabase database) throws SQLException {
        return strings(
                database,
                "select table_name from information_schema.tables where table_schema = 'public' order by table_name");
    }

    private static List<String> appliedMigrations(TestDatabase database) throws SQLException {
        return strings(
                database,
                "select version || ' ' || description || ' ' || success from flyway_schema_history"
                        + " order by installed_rank");
    }

    /** Table name to column name to "JavaType null|not null", from PostgreSQL's catalogue. */
    private static Map<String, Map<String, String>> columns(TestDatabase database) throws SQLException {
        Map<String, Class<?>> javaTypes = Map.of(
                "varchar", String.class,
                "text", String.class,
                "int8", Long.class,
                "json", JSON.class,
                "timestamptz", OffsetDateTime.class);
        Map<String, Map<String, String>> columns = new TreeMap<>();
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select table_name, column_name, udt_name, is_nullable from information_schema.columns"
                                + " where table_schema = 'public' and table_name like 'workflow%'"
                                // views (workflow_events_unpacked) are hidden from the code generator
                                + " and table_name in (select table_name from information_schema.tables"
                                + " where table_schema = 'public' and table_type = 'BASE TABLE')");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                Class<?> type = javaTypes.get(rows.getString("udt_name"));
                String description = (type == null ? rows.getString("udt_name") : type.getSimpleName())
                        + (rows.getString("is_nullable").equals("YES") ? " null" : " not null");
                columns.computeIfAbsent(rows.getString("table_name"), table -> new TreeMap<>())
                        .put(rows.getString("column_name"), description);
            }
        }
        return columns;
    }

    private static List<String> strings(TestDatabase database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement query = connection.prepareStatement(sql);
                ResultSet rows = query.executeQuery()) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
