package io.basicflow.data;

import io.basicflow.spi.BatchingTransactionalHandler;
import io.basicflow.spi.ExecutionScope;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Many executions' {@code SAVE "table", id, #{…}} (or {@code SAVE "table", id, var1, var2}) in one group
 * commit, written by one statement: the rows of one table with the same columns become one {@code
 * update … from unnest(…)} and one {@code
 * insert … select} of the rows the update did not find, in a single round trip. The batch key is the
 * bot's schema, the table and the column names, so every row of a batch has the same shape. Two calls
 * that save one id write the later one's row, as one {@code SAVE} after the other would. A batch the
 * database refuses fails as a whole and every {@code SAVE} of the group runs again alone (the engine's
 * guarded pass), each with its own outcome.
 */
final class SaveBatch {

    private SaveBatch() {}

    /** The batch of a plain {@code SAVE table, id, map}; empty for every other form (written alone). */
    static Optional<Object> key(Invocation invocation, ExecutionScope scope) {
        if (!(invocation.argument("table") instanceof TextValue table)
                || invocation.argument("id") instanceof NullValue
                || invocation.argument("id") instanceof MapValue
                || !(invocation.argument("columns") instanceof NullValue)
                || !(invocation.argument("on") instanceof NullValue)) {
            return Optional.empty();
        }
        try {
            Optional<MapValue> row = SaveByName.columns(invocation);
            if (row.isEmpty()) {
                return Optional.empty();
            }
            MapValue data = row.get();
            Set<String> columns =
                    new TreeSet<>(TableOperations.columnsOf(data, "SAVE").keySet());
            columns.remove("id");
            return Optional.of(List.of(
                    Names.schema(scope.bot()),
                    Names.table(table.value()),
                    List.copyOf(columns),
                    SqlValues.columnType(invocation.argument("id"))));
        } catch (KeywordException e) {
            return Optional.empty();
        }
    }

    /**
     * The value of a batched {@code SAVE} without the database: the row it writes, as {@code SAVE}
     * returns it (the id first, then the columns). Empty for a call without a batch key.
     */
    static Optional<Value> value(Invocation invocation, ExecutionScope scope) {
        if (key(invocation, scope).isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new MapValue(row(invocation)));
        } catch (KeywordException e) {
            return Optional.empty();
        }
    }

    /** The row a plain {@code SAVE table, id, map} writes: the id, then the map's columns but its id. */
    private static Map<String, Value> row(Invocation invocation) throws KeywordException {
        Map<String, Value> values =
                TableOperations.columnsOf(SaveByName.columns(invocation).orElseThrow(), "SAVE");
        values.remove("id");
        Map<String, Value> all = new LinkedHashMap<>();
        all.put("id", invocation.argument("id"));
        all.putAll(values);
        return all;
    }

    /** Writes the batch: one statement; the values as {@code SAVE} returns them. */
    static List<Value> saveAll(Connection connection, Tables tables, List<BatchingTransactionalHandler.Call> calls)
            throws SQLException, KeywordException {
        BatchingTransactionalHandler.Call first = calls.getFirst();
        String schema = Names.schema(first.scope().bot());
        String table = Names.table(TableOperations.text(first.invocation().argument("table"), "SAVE", "table"));
        List<Value> saved = new ArrayList<>(calls.size());
        // one row per id: when two calls save one id, the later one's row is written, as one SAVE after
        // the other would leave it (every call of a batch writes the same columns)
        Map<String, Map<String, Value>> byId = new LinkedHashMap<>();
        Map<String, String> columns = null;
        for (BatchingTransactionalHandler.Call call : calls) {
            Value id = call.invocation().argument("id");
            Map<String, Value> all = row(call.invocation());
            columns = tables.ensure(connection, schema, table, all, Map.entry("id", SqlValues.columnType(id)));
            byId.put(SqlValues.text(id), all);
            saved.add(new MapValue(all));
        }
        List<Map<String, Value>> rows = new ArrayList<>(byId.values());
        List<String> names = new ArrayList<>(rows.getFirst().keySet());
        String qualified = Names.qualified(schema, table);
        // One statement text per table and columns, whatever the batch's size: the values go as one text
        // array per column, cast to the column's type as a VALUES list of casts would. pgjdbc then keeps it
        // prepared on the connection and PostgreSQL plans it once, where a VALUES list of (rows x columns)
        // parameters was a new text, parsed and planned again, for nearly every size of batch.
        StringBuilder sql = new StringBuilder("with v (");
        for (int c = 0; c < names.size(); c++) {
            sql.append(c == 0 ? "" : ", ").append("\"c").append(c).append('"');
        }
        sql.append(") as (select ");
        String[][] parameters = new String[names.size()][rows.size()];
        for (int c = 0; c < names.size(); c++) {
            String type = columns.get(names.get(c));
            if (type == null) {
                throw KeywordException.permanent("table " + table + " has no column " + names.get(c));
            }
            sql.append(c == 0 ? "" : ", ")
                    .append("cast(x.\"a")
                    .append(c)
                    .append("\" as ")
                    .append(Names.quote(type))
                    .append(')');
            for (int r = 0; r < rows.size(); r++) {
                parameters[c][r] = SqlValues.text(rows.get(r).get(names.get(c)));
            }
        }
        sql.append(" from unnest(");
        for (int c = 0; c < names.size(); c++) {
            sql.append(c == 0 ? "" : ", ").append("?::text[]");
        }
        sql.append(") as x (");
        for (int c = 0; c < names.size(); c++) {
            sql.append(c == 0 ? "" : ", ").append("\"a").append(c).append('"');
        }
        sql.append(')');
        sql.append("), u as (update ").append(qualified).append(" as \"basicflow_target\" set ");
        if (names.size() == 1) {
            sql.append("\"id\" = v.\"c0\"");
        } else {
            for (int c = 1; c < names.size(); c++) {
                sql.append(c == 1 ? "" : ", ")
                        .append(Names.quote(names.get(c)))
                        .append(" = v.\"c")
                        .append(c)
                        .append('"');
            }
        }
        sql.append(" from v where \"basicflow_target\".\"id\" = v.\"c0\" returning \"basicflow_target\".\"id\")")
                .append(" insert into ")
                .append(qualified)
                .append(" (");
        StringBuilder selected = new StringBuilder();
        for (int c = 0; c < names.size(); c++) {
            sql.append(c == 0 ? "" : ", ").append(Names.quote(names.get(c)));
            selected.append(c == 0 ? "" : ", ").append("v.\"c").append(c).append('"');
        }
        sql.append(") select ").append(selected).append(" from v where v.\"c0\" not in (select \"id\" from u)");
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int c = 0; c < parameters.length; c++) {
                statement.setObject(c + 1, parameters[c]);
            }
            statement.executeUpdate();
        }
        return saved;
    }
}
