package io.basicflow.data;

import io.basicflow.spi.ExecutionScope;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** FIND, SAVE, INSERT, UPDATE, DELETE and MERGE on a bot's tables. */
final class TableOperations {

    private final Tables tables;
    private final Clock clock;
    private final int findLimit;
    /** The schema every statement names; null for the bot's own ({@code bot_<bot>}). */
    private final String schema;

    TableOperations(Tables tables, Clock clock, int findLimit) {
        this(tables, clock, findLimit, null);
    }

    private TableOperations(Tables tables, Clock clock, int findLimit, String schema) {
        this.tables = tables;
        this.clock = clock;
        this.findLimit = findLimit;
        this.schema = schema;
    }

    /**
     * The same operations on the tables of another database's schema (a named connection): they find
     * and change its existing tables and columns, and never create or alter one.
     */
    TableOperations onSchema(String otherSchema) {
        return new TableOperations(new Tables(false), clock, findLimit, otherSchema);
    }

    /** The schema of the statements: the bot's, or the one {@link #onSchema} gave. */
    private String schemaOf(ExecutionScope scope) {
        return schema != null ? schema : Names.schema(scope.bot());
    }

    /** {@code FIND table[, filter[, limit]]}: the matching rows, at most the limit, in key order. */
    Value find(Connection connection, ExecutionScope scope, Value tableArg, Value filterArg, Value limitArg)
            throws SQLException, KeywordException {
        return find(connection, scope, tableArg, filterArg, limitArg, NullValue.NULL);
    }

    /** {@code FIND table WHERE … ORDER BY column [DESC] LIMIT n}: as above, in the order asked for. */
    Value find(
            Connection connection,
            ExecutionScope scope,
            Value tableArg,
            Value filterArg,
            Value limitArg,
            Value orderArg)
            throws SQLException, KeywordException {
        return find(connection, scope, tableArg, filterArg, limitArg, orderArg, NullValue.NULL);
    }

    /**
     * {@code FIND table WHERE … ORDER BY a DESC, b LIMIT n OFFSET m}: as above, ordered by each column in
     * turn, the first {@code m} rows skipped.
     */
    Value find(
            Connection connection,
            ExecutionScope scope,
            Value tableArg,
            Value filterArg,
            Value limitArg,
            Value orderArg,
            Value offsetArg)
            throws SQLException, KeywordException {
        return find(connection, schemaOf(scope), scope.bot(), tableArg, filterArg, limitArg, orderArg, offsetArg);
    }

    /** {@code FIND} on a table of the given schema ({@code FIND … ON "connection"} names another one). */
    Value find(
            Connection connection,
            String schema,
            String owner,
            Value tableArg,
            Value filterArg,
            Value limitArg,
            Value orderArg,
            Value offsetArg)
            throws SQLException, KeywordException {
        String table = Names.table(text(tableArg, "FIND", "table"));
        Map<String, String> columns = tables.existing(connection, schema, table, owner);
        String order = columns.containsKey("id")
                ? "\"id\""
                : Names.quote(columns.keySet().iterator().next());
        return select(
                connection,
                "select * from " + Names.qualified(schema, table),
                columns,
                order,
                table,
                filterArg,
                limitArg,
                orderArg,
                offsetArg);
    }

    /**
     * The rows of a {@code select … from …}: the filter as a where clause over {@code columns} (names as
     * {@link Names#columnRef} makes them), ordered by {@code orderArg}'s columns then {@code
     * defaultOrder}, at most the limit, {@code offsetArg} skipped; a list of maps.
     */
    Value select(
            Connection connection,
            String selectFrom,
            Map<String, String> columns,
            String defaultOrder,
            String table,
            Value filterArg,
            Value limitArg,
            Value orderArg,
            Value offsetArg)
            throws SQLException, KeywordException {
        int limit = findLimit;
        if (!(limitArg instanceof NullValue)) {
            limit = (int) Math.min(findLimit, wholeNumber(limitArg, "FIND", "limit"));
        }
        StringBuilder sql = new StringBuilder(selectFrom);
        List<String> parameters = where(sql, filterArg, columns, table, false);
        String order = defaultOrder;
        if (orderArg instanceof TextValue orderText && !orderText.value().isBlank()) {
            StringBuilder by = new StringBuilder();
            for (String part : orderText.value().split(",")) {
                String[] words = part.strip().split("\\s+");
                String column = Names.columnRef(words[0]);
                if (!columns.containsKey(column)) {
                    throw KeywordException.permanent(
                            "FIND: table " + table + " has no column " + column + " to order by");
                }
                boolean descending = words.length > 1 && words[1].equalsIgnoreCase("DESC");
                by.append(Names.quoteRef(column)).append(descending ? " desc, " : ", ");
            }
            order = by + order;
        }
        sql.append(" order by ").append(order).append(" limit ").append(limit);
        if (!(offsetArg instanceof NullValue)) {
            // FIND … LIMIT n OFFSET m: m rows skipped (0 skips none)
            if (!(offsetArg instanceof IntegerValue skip) || skip.value() < 0) {
                throw KeywordException.permanent(
                        "FIND: the OFFSET must be a whole number of rows to skip, 0 or more, not "
                                + offsetArg.display());
            }
            sql.append(" offset ").append(skip.value());
        }
        List<Value> rows = new ArrayList<>();
        try (PreparedStatement select = prepare(connection, sql.toString(), parameters)) {
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new MapValue(SqlValues.row(result)));
                }
            }
        }
        return new ListValue(rows);
    }

    /** The same operations with a table cache of their own (for a database other than the bots'). */
    TableOperations uncached() {
        return new TableOperations(new Tables(), clock, findLimit);
    }

    /** The tables this process knows. */
    Tables tables() {
        return tables;
    }

    /** The clock filters read {@code NOW()} from. */
    Clock clock() {
        return clock;
    }

    /**
     * {@code AGGREGATE "table" SUM column WHERE …}: one SQL aggregate ({@code sum}, {@code count}, {@code
     * avg}, {@code min}, {@code max}) over the matching rows; the column must be the table's.
     */
    Value aggregate(
            Connection connection,
            ExecutionScope scope,
            Value tableArg,
            String function,
            Value fieldArg,
            Value whereArg)
            throws SQLException, KeywordException {
        String schema = schemaOf(scope);
        String table = Names.table(text(tableArg, "AGGREGATE", "table"));
        Map<String, String> columns = tables.existing(connection, schema, table, scope.bot());
        String argument = aggregateArgument(columns, table, function, fieldArg);
        StringBuilder sql = new StringBuilder(
                "select " + function + "(" + argument + ") as result from " + Names.qualified(schema, table));
        List<String> parameters = where(sql, whereArg, columns, table, false);
        try (PreparedStatement select = prepare(connection, sql.toString(), parameters);
                ResultSet result = select.executeQuery()) {
            result.next();
            return SqlValues.row(result).get("result");
        }
    }

    /** The aggregate's SQL argument: {@code *} for a COUNT without column, else the checked, quoted column. */
    private static String aggregateArgument(Map<String, String> columns, String table, String function, Value fieldArg)
            throws KeywordException {
        String argument;
        if (fieldArg instanceof NullValue) {
            if (!function.equals("count")) {
                throw KeywordException.permanent(
                        "AGGREGATE \"" + table + "\" " + function.toUpperCase(java.util.Locale.ROOT)
                                + " needs a column, e.g. AGGREGATE \"" + table + "\" SUM amount");
            }
            argument = "*";
        } else {
            String column = Names.column(text(fieldArg, "AGGREGATE", "field"));
            String type = columns.get(column);
            if (type == null) {
                throw KeywordException.permanent("AGGREGATE: table " + table + " has no column " + column);
            }
            if ((function.equals("sum") || function.equals("avg"))
                    && !java.util.Set.of(
                                    "numeric",
                                    "integer",
                                    "bigint",
                                    "smallint",
                                    "real",
                                    "double precision",
                                    // the names information_schema.columns.udt_name gives (Tables reads those)
                                    "int2",
                                    "int4",
                                    "int8",
                                    "float4",
                                    "float8")
                            .contains(type)) {
                throw KeywordException.permanent("AGGREGATE: column " + column + " of " + table + " is " + type
                        + ", not a number; SUM and AVERAGE need a numeric column");
            }
            argument = Names.quote(column);
        }
        return argument;
    }

    /**
     * {@code AGGREGATE "t" OP column [WHERE …] GROUP BY g}: one SQL aggregate per value of {@code g}
     * (checked column names, the condition's values bound), as a list of rows {@code {g: value,
     * resultKey: aggregate}} ordered by the group's value.
     */
    Value aggregateGrouped(
            Connection connection,
            ExecutionScope scope,
            Value tableArg,
            String function,
            Value fieldArg,
            Value whereArg,
            String group,
            String resultKey)
            throws SQLException, KeywordException {
        String schema = schemaOf(scope);
        String table = Names.table(text(tableArg, "AGGREGATE", "table"));
        Map<String, String> columns = tables.existing(connection, schema, table, scope.bot());
        if (!columns.containsKey(group)) {
            throw KeywordException.permanent("AGGREGATE … GROUP BY: table " + table + " has no column " + group);
        }
        String argument = aggregateArgument(columns, table, function, fieldArg);
        StringBuilder sql = new StringBuilder("select " + Names.quote(group) + " as grp, " + function + "(" + argument
                + ") as result from " + Names.qualified(schema, table));
        List<String> parameters = where(sql, whereArg, columns, table, false);
        sql.append(" group by ").append(Names.quote(group)).append(" order by ").append(Names.quote(group));
        List<Value> rows = new ArrayList<>();
        try (PreparedStatement select = prepare(connection, sql.toString(), parameters);
                ResultSet result = select.executeQuery()) {
            while (result.next()) {
                Map<String, Value> read = SqlValues.row(result);
                Map<String, Value> row = new java.util.LinkedHashMap<>();
                row.put(group, read.get("grp"));
                row.put(resultKey, read.get("result"));
                rows.add(new MapValue(row));
            }
        }
        return new ListValue(rows);
    }

    /** {@code SAVE table, id, data}: the row with that id updated with the data, or inserted. */
    Value save(Connection connection, ExecutionScope scope, Value tableArg, Value id, Value data)
            throws SQLException, KeywordException {
        String schema = schemaOf(scope);
        String table = Names.table(text(tableArg, "SAVE", "table"));
        if (id instanceof NullValue) {
            throw KeywordException.permanent("SAVE " + table + ": the id is NULL; give the row's id");
        }
        Map<String, Value> values = columnsOf(data, "SAVE");
        values.remove("id");
        Map<String, Value> all = new LinkedHashMap<>();
        all.put("id", id);
        all.putAll(values);
        Map<String, String> columns =
                tables.ensure(connection, schema, table, all, Map.entry("id", SqlValues.columnType(id)));
        upsert(connection, schema, table, columns, all, List.of("id"), values.keySet());
        return new MapValue(all);
    }

    /** {@code INSERT table, data}: a new row; the row as stored (with its generated id). */
    Value insert(Connection connection, ExecutionScope scope, Value tableArg, Value data)
            throws SQLException, KeywordException {
        String schema = schemaOf(scope);
        String table = Names.table(text(tableArg, "INSERT", "table"));
        Map<String, Value> values = columnsOf(data, "INSERT");
        Map<String, String> columns = tables.ensure(connection, schema, table, values, null);
        StringBuilder sql = new StringBuilder("insert into " + Names.qualified(schema, table));
        List<Value> bound = new ArrayList<>();
        if (values.isEmpty()) {
            sql.append(" default values");
        } else {
            StringBuilder names = new StringBuilder();
            StringBuilder casts = new StringBuilder();
            for (Map.Entry<String, Value> entry : values.entrySet()) {
                names.append(names.isEmpty() ? "" : ", ").append(Names.quote(entry.getKey()));
                casts.append(casts.isEmpty() ? "" : ", ").append(cast(columns, entry.getKey(), table));
                bound.add(entry.getValue());
            }
            sql.append(" (").append(names).append(") values (").append(casts).append(')');
        }
        sql.append(" returning *");
        try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < bound.size(); i++) {
                SqlValues.bind(insert, i + 1, bound.get(i));
            }
            try (ResultSet result = insert.executeQuery()) {
                result.next();
                return new MapValue(SqlValues.row(result));
            }
        }
    }

    /**
     * {@code INSERT INTO table, value, …}: the values go to the table's columns in their order (after
     * its generated {@code id} when one value fewer than columns is given); the table must exist, since
     * values alone name no column.
     */
    Value insertInOrder(Connection connection, ExecutionScope scope, Value tableArg, List<Value> values)
            throws SQLException, KeywordException {
        String schema = schemaOf(scope);
        String table = Names.table(text(tableArg, "INSERT INTO", "table"));
        Map<String, String> columns = tables.existing(connection, schema, table, scope.bot());
        List<String> names = new ArrayList<>(columns.keySet());
        if (values.size() == names.size() - 1 && names.getFirst().equals("id")) {
            names.removeFirst();
        }
        if (values.size() != names.size()) {
            throw KeywordException.permanent("INSERT INTO " + table + " got " + values.size() + " values for the "
                    + names.size() + " columns " + String.join(", ", names)
                    + "; give one value per column in this order, or name them: INSERT INTO \"" + table
                    + "\" WITH column = value, …");
        }
        Map<String, Value> row = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            row.put(names.get(i), values.get(i));
        }
        return insert(connection, scope, tableArg, new MapValue(row));
    }

    /** {@code UPDATE table, filter, data}: the matching rows changed; how many. */
    Value update(Connection connection, ExecutionScope scope, Value tableArg, Value filterArg, Value data)
            throws SQLException, KeywordException {
        String schema = schemaOf(scope);
        String table = Names.table(text(tableArg, "UPDATE", "table"));
        Map<String, Value> values = columnsOf(data, "UPDATE");
        if (values.isEmpty()) {
            throw KeywordException.permanent("UPDATE " + table + ": no column to set");
        }
        tables.existing(connection, schema, table, scope.bot());
        Map<String, String> columns = tables.ensure(connection, schema, table, values, null);
        StringBuilder sql = new StringBuilder("update " + Names.qualified(schema, table) + " set ");
        List<String> parameters = new ArrayList<>();
        boolean first = true;
        for (Map.Entry<String, Value> entry : values.entrySet()) {
            sql.append(first ? "" : ", ")
                    .append(Names.quote(entry.getKey()))
                    .append(" = ")
                    .append(cast(columns, entry.getKey(), table));
            parameters.add(SqlValues.text(entry.getValue()));
            first = false;
        }
        parameters.addAll(where(sql, filterArg, columns, table, true));
        try (PreparedStatement update = prepare(connection, sql.toString(), parameters)) {
            return IntegerValue.of(update.executeUpdate());
        }
    }

    /** {@code DELETE table, filter}: the matching rows deleted; how many. */
    Value delete(Connection connection, ExecutionScope scope, Value tableArg, Value filterArg)
            throws SQLException, KeywordException {
        String schema = schemaOf(scope);
        String table = Names.table(text(tableArg, "DELETE", "table"));
        Map<String, String> columns = tables.existing(connection, schema, table, scope.bot());
        StringBuilder sql = new StringBuilder("delete from " + Names.qualified(schema, table));
        List<String> parameters = where(sql, filterArg, columns, table, true);
        try (PreparedStatement delete = prepare(connection, sql.toString(), parameters)) {
            return IntegerValue.of(delete.executeUpdate());
        }
    }

    /**
     * {@code MERGE table, data, keys[, update columns]}: each row (a map, or each map of a list) updates
     * the row with the same key columns, or is inserted; how many rows were merged.
     */
    Value merge(Connection connection, ExecutionScope scope, Value tableArg, Value data, Value keysArg, Value updateArg)
            throws SQLException, KeywordException {
        String schema = schemaOf(scope);
        String table = Names.table(text(tableArg, "MERGE", "table"));
        List<String> keys = names(keysArg, "MERGE", "key columns");
        if (keys.isEmpty()) {
            throw KeywordException.permanent("MERGE " + table + ": name the key column(s), e.g. \"email\"");
        }
        List<Value> rows = data instanceof ListValue list ? list.elements() : List.of(data);
        List<String> update = updateArg instanceof NullValue ? null : names(updateArg, "MERGE", "update columns");
        int merged = 0;
        for (Value row : rows) {
            Map<String, Value> values = columnsOf(row, "MERGE");
            for (String key : keys) {
                if (!values.containsKey(key)) {
                    throw KeywordException.permanent(
                            "MERGE " + table + ": a row has no key column " + key + ": " + row.display());
                }
            }
            // rows that bring their own id (MERGE … BY "Id") make it the key column, typed as theirs
            Map.Entry<String, String> id = values.get("id") instanceof Value given && !(given instanceof NullValue)
                    ? Map.entry("id", SqlValues.columnType(given))
                    : null;
            Map<String, String> columns = tables.ensure(connection, schema, table, values, id);
            List<String> changed = new ArrayList<>();
            for (String column : values.keySet()) {
                if (!keys.contains(column) && (update == null || update.contains(column))) {
                    changed.add(column);
                }
            }
            upsert(connection, schema, table, columns, values, keys, changed);
            merged++;
        }
        return IntegerValue.of(merged);
    }

    /**
     * Updates the row whose key columns match, else inserts: one statement, {@code with u as (update …
     * returning 1) insert … where not exists (select 1 from u)}; no unique constraint needed.
     */
    private void upsert(
            Connection connection,
            String schema,
            String table,
            Map<String, String> columns,
            Map<String, Value> values,
            List<String> keys,
            java.util.Collection<String> changed)
            throws SQLException, KeywordException {
        String qualified = Names.qualified(schema, table);
        List<String> parameters = new ArrayList<>();
        StringBuilder match = new StringBuilder();
        List<String> matchParameters = new ArrayList<>();
        for (String key : keys) {
            match.append(match.isEmpty() ? "" : " and ")
                    .append(Names.quote(key))
                    .append(" = ")
                    .append(cast(columns, key, table));
            matchParameters.add(SqlValues.text(values.get(key)));
        }
        StringBuilder sql =
                new StringBuilder("with u as (update ").append(qualified).append(" set ");
        if (changed.isEmpty()) {
            // Nothing to change: "update" the key to itself, so that a match is still seen.
            String key = keys.getFirst();
            sql.append(Names.quote(key)).append(" = ").append(Names.quote(key));
        } else {
            boolean first = true;
            for (String column : changed) {
                sql.append(first ? "" : ", ")
                        .append(Names.quote(column))
                        .append(" = ")
                        .append(cast(columns, column, table));
                parameters.add(SqlValues.text(values.get(column)));
                first = false;
            }
        }
        sql.append(" where ")
                .append(match)
                .append(" returning 1) insert into ")
                .append(qualified)
                .append(" (");
        parameters.addAll(matchParameters);
        StringBuilder casts = new StringBuilder();
        boolean first = true;
        for (Map.Entry<String, Value> entry : values.entrySet()) {
            sql.append(first ? "" : ", ").append(Names.quote(entry.getKey()));
            casts.append(first ? "" : ", ").append(cast(columns, entry.getKey(), table));
            parameters.add(SqlValues.text(entry.getValue()));
            first = false;
        }
        sql.append(") select ").append(casts).append(" where not exists (select 1 from u)");
        try (PreparedStatement statement = prepare(connection, sql.toString(), parameters)) {
            statement.executeUpdate();
        }
    }

    private List<String> where(
            StringBuilder sql, Value filterArg, Map<String, String> columns, String table, boolean required)
            throws KeywordException {
        if (filterArg instanceof MapValue conditions) {
            Filter.Sql condition = Filter.render(ConditionValue.of(conditions), columns, table);
            sql.append(" where ").append(condition.text());
            return condition.parameters();
        }
        String filter =
                filterArg instanceof NullValue ? "" : filterArg.display().strip();
        if (filter.isEmpty()) {
            if (required) {
                throw KeywordException.permanent("a filter is required to change or delete rows of " + table
                        + " (an empty filter would touch every row)");
            }
            return List.of();
        }
        Filter.Sql condition = Filter.render(Filter.parse(filter, clock), columns, table);
        sql.append(" where ").append(condition.text());
        return condition.parameters();
    }

    private static String cast(Map<String, String> columns, String column, String table) throws KeywordException {
        String type = columns.get(column);
        if (type == null) {
            throw KeywordException.permanent("table " + table + " has no column " + column);
        }
        return "cast(? as " + Names.quote(type) + ")";
    }

    private static PreparedStatement prepare(Connection connection, String sql, List<String> parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.size(); i++) {
            statement.setString(i + 1, parameters.get(i));
        }
        return statement;
    }

    /** A row's columns: a map's entries, or "a=1, b=x" text; names checked and in lower case. */
    static Map<String, Value> columnsOf(Value data, String keyword) throws KeywordException {
        Map<String, Value> values = new LinkedHashMap<>();
        switch (data) {
            case MapValue map -> {
                for (Map.Entry<String, Value> entry : map.entries().entrySet()) {
                    values.put(Names.column(entry.getKey()), entry.getValue());
                }
            }
            case TextValue text
            when text.value().contains("=") -> {
                for (String pair : text.value().split(",")) {
                    int equals = pair.indexOf('=');
                    if (equals < 0) {
                        throw KeywordException.permanent(keyword + ": '" + pair.strip() + "' is not column=value");
                    }
                    values.put(
                            Names.column(pair.substring(0, equals)),
                            new TextValue(pair.substring(equals + 1).strip()));
                }
            }
            default ->
                throw KeywordException.permanent(keyword + " needs its data as a map (#{name: \"Ann\"}) or as"
                        + " \"column=value, …\" text, not " + data.display());
        }
        return values;
    }

    private static List<String> names(Value value, String keyword, String what) throws KeywordException {
        List<String> names = new ArrayList<>();
        if (value instanceof ListValue list) {
            for (Value element : list.elements()) {
                names.add(Names.column(element.display()));
            }
        } else {
            for (String part : value.display().split(",")) {
                if (!part.isBlank()) {
                    names.add(Names.column(part));
                }
            }
        }
        return names;
    }

    static String text(Value value, String keyword, String what) throws KeywordException {
        if (!(value instanceof TextValue text) || text.value().isBlank()) {
            throw KeywordException.permanent(keyword + " needs the " + what + " name as text, not " + value.display());
        }
        return text.value();
    }

    private static long wholeNumber(Value value, String keyword, String what) throws KeywordException {
        if (value instanceof IntegerValue number && number.value() > 0) {
            return number.value();
        }
        throw KeywordException.permanent(
                keyword + ": the " + what + " must be a positive whole number, not " + value.display());
    }
}
