package io.basicflow.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.spi.BatchingTransactionalHandler;
import io.basicflow.spi.ExecutionScope;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.InvocationContext;
import io.basicflow.spi.PluginConfiguration;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code SAVE}s of many executions to one table, written by one statement per group commit: the batch
 * updates the rows it finds and inserts the others, exactly as one {@code SAVE} after another would
 * (an id saved twice ends as the later save); the durable run meets batches, updates and shared ids.
 */
@ExtendWith(PostgresExtension.class)
class SaveBatchTest {

    private static final InvocationContext CONTEXT = DataEngines.context(PluginConfiguration.empty("data"));

    private static final ExecutionScope SCOPE = new ExecutionScope("batch/start", "batch", "u", "c");
    private static final ExecutionScope TWICE = new ExecutionScope("batchtwice/start", "batchtwice", "u", "c");

    @Test
    void oneBatchUpdatesTheRowsItFindsAndInsertsTheOthers(TestDatabase database) throws Exception {
        DataPlugin plugin = new DataPlugin();
        BatchingTransactionalHandler save = (BatchingTransactionalHandler)
                plugin.transactionalHandler("SAVE").orElseThrow();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), "")) {
            connection.setAutoCommit(false);
            save.invoke(call("a", 1, "first").invocation(), SCOPE, connection);
            List<BatchingTransactionalHandler.Call> calls =
                    List.of(call("a", 2, "again"), call("b", 3, "new"), call("c", 4, "new too"));
            assertThat(save.batchKey(calls.get(0).invocation(), SCOPE))
                    .isPresent()
                    .isEqualTo(save.batchKey(calls.get(2).invocation(), SCOPE));
            List<Value> values = save.invokeAll(calls, connection);
            assertThat(values)
                    .extracting(Value::display)
                    .containsExactly(
                            new MapValue(row("a", 2, "again")).display(),
                            new MapValue(row("b", 3, "new")).display(),
                            new MapValue(row("c", 4, "new too")).display());
            connection.commit();
        }
        assertThat(DataEngines.rows(database, "bot_batch", "items"))
                .containsExactly("id=a, n=2, note=again", "id=b, n=3, note=new", "id=c, n=4, note=new too");
    }

    @Test
    void anIdTwiceInABatchEndsAsTheLaterSaveAndOtherShapesAreNotBatchedTogether(TestDatabase database)
            throws Exception {
        DataPlugin plugin = new DataPlugin();
        BatchingTransactionalHandler save = (BatchingTransactionalHandler)
                plugin.transactionalHandler("SAVE").orElseThrow();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), "")) {
            connection.setAutoCommit(false);
            List<Value> values = save.invokeAll(
                    List.of(call(TWICE, "x", 1, "one"), call(TWICE, "w", 5, "other"), call(TWICE, "x", 2, "two")),
                    connection);
            assertThat(values)
                    .extracting(Value::display)
                    .containsExactly(
                            new MapValue(row("x", 1, "one")).display(),
                            new MapValue(row("w", 5, "other")).display(),
                            new MapValue(row("x", 2, "two")).display());
            connection.commit();
        }
        assertThat(DataEngines.rows(database, "bot_batchtwice", "items"))
                .containsExactly("id=w, n=5, note=other", "id=x, n=2, note=two");
        Map<String, Value> fewer = new LinkedHashMap<>();
        fewer.put("table", new TextValue("items"));
        fewer.put("id", new TextValue("y"));
        fewer.put("data", new MapValue(Map.of("n", IntegerValue.of(1))));
        Invocation other = invocation(fewer);
        assertThat(save.batchKey(other, SCOPE))
                .isNotEqualTo(save.batchKey(call("z", 1, "n").invocation(), SCOPE));
        Map<String, Value> asMap = new LinkedHashMap<>();
        asMap.put("table", new TextValue("items"));
        asMap.put("id", new MapValue(row("z", 1, "row form")));
        asMap.put("data", NullValue.NULL);
        assertThat(save.batchKey(invocation(asMap), SCOPE)).isEmpty();
    }

    @Test
    void manyExecutionsSavingTheSameIdsEndAsOneSaveAfterAnother(TestDatabase database) throws Exception {
        // every execution updates its own row ten times and saves the shared row once per loop: batches
        // meet updates, inserts and (for the shared row) the same id twice in one group
        String script = """
                #workflow
                FOR i = 1 TO 10
                    SAVE "tally", "own-" + x, #{n: i, x: x}
                    SAVE "tally", "shared", #{n: i, x: x}
                NEXT
                """;
        List<String> ids = new ArrayList<>();
        try (DurableFixture engine = DataEngines.fixture(database)) {
            for (int x = 0; x < 30; x++) {
                ids.add(engine.start("tally/start.bas", script, Map.of("x", IntegerValue.of(x))));
            }
            for (String id : ids) {
                assertThat(engine.awaitStatus(id, ExecutionStatus.COMPLETED, ExecutionStatus.FAILED)
                                .status())
                        .isEqualTo(ExecutionStatus.COMPLETED);
            }
        }
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "select count(*), min(n), max(n), count(distinct x) from bot_tally.tally where id like 'own-%'")) {
            rows.next();
            assertThat(List.of(rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getLong(4)))
                    .containsExactly(30L, 10L, 10L, 30L);
        }
        assertThat(DataEngines.rows(database, "bot_tally", "tally").stream()
                        .filter(row -> row.startsWith("id=shared"))
                        .toList())
                .hasSize(1)
                .allMatch(row -> row.contains("n=10"));
    }

    private static BatchingTransactionalHandler.Call call(String id, int n, String note) {
        return call(SCOPE, id, n, note);
    }

    private static BatchingTransactionalHandler.Call call(ExecutionScope scope, String id, int n, String note) {
        Map<String, Value> arguments = new LinkedHashMap<>();
        arguments.put("table", new TextValue("items"));
        arguments.put("id", new TextValue(id));
        Map<String, Value> data = new LinkedHashMap<>(row(id, n, note));
        data.remove("id");
        arguments.put("data", new MapValue(data));
        return new BatchingTransactionalHandler.Call(invocation(arguments), scope);
    }

    private static Map<String, Value> row(String id, int n, String note) {
        Map<String, Value> row = new LinkedHashMap<>();
        row.put("id", new TextValue(id));
        row.put("n", IntegerValue.of(n));
        row.put("note", new TextValue(note));
        return row;
    }

    private static Invocation invocation(Map<String, Value> arguments) {
        Map<String, Value> all = new LinkedHashMap<>(arguments);
        all.putIfAbsent("columns", NullValue.NULL);
        all.putIfAbsent("more", NullValue.NULL);
        return new Invocation("SAVE", all, "batch/" + System.nanoTime(), "batch", 1, CONTEXT);
    }
}
