package io.basicflow.data;

import io.basicflow.spi.BotDataQueries;
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
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The data plugin's {@link BotDataQueries}: a bot's tables as {@code information_schema} lists them in
 * its schema {@code bot_<bot>}, and a {@link BotDataQueries.Query} run through the read path of {@code
 * FIND} and {@code AGGREGATE} ({@link TableOperations}): checked names, the filter language with bound
 * values, the bot's own schema only, at most {@link DataPlugin#DEFAULT_FIND_LIMIT} rows.
 */
public final class BotDataReader implements BotDataQueries {

    private static final Pattern ORDER =
            Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?:\\s+(asc|desc))?", Pattern.CASE_INSENSITIVE);

    /** Created by {@link java.util.ServiceLoader}. */
    public BotDataReader() {}

    @Override
    public Map<String, Map<String, String>> tables(Connection connection, ExecutionScope scope) throws SQLException {
        Map<String, Map<String, String>> tables = new TreeMap<>();
        try (PreparedStatement select = connection.prepareStatement("""
                select c.table_name, c.column_name, c.udt_name
                from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = ? and t.table_type in ('BASE TABLE', 'VIEW')
                order by c.table_name, c.ordinal_position""")) {
            select.setString(1, Names.schema(scope.bot()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String table = rows.getString(1);
                    if (readable(table)) {
                        tables.computeIfAbsent(table, ignored -> new LinkedHashMap<>())
                                .put(rows.getString(2), rows.getString(3));
                    }
                }
            }
        }
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        tables.forEach((table, columns) -> copy.put(table, Collections.unmodifiableMap(columns)));
        return Collections.unmodifiableMap(copy);
    }

    /** A table a script could name: the engine's ({@code basicflow_…}) and odd names are left out. */
    private static boolean readable(String table) {
        try {
            return Names.table(table).equals(table);
        } catch (KeywordException notAName) {
            return false;
        }
    }

    @Override
    public Value read(Connection connection, ExecutionScope scope, Query query, Clock clock)
            throws KeywordException, SQLException {
        String table = Names.table(query.table());
        if (!readable(table)) {
            throw KeywordException.permanent("'" + query.table() + "' is not a table of bot " + scope.bot());
        }
        int limit = Math.min(query.limit(), DataPlugin.DEFAULT_FIND_LIMIT);
        TableOperations operations = new TableOperations(new Tables(false), clock, limit);
        Map<String, String> columns =
                operations.tables().existing(connection, Names.schema(scope.bot()), table, scope.bot());
        Value filter = query.filter().isBlank() ? NullValue.NULL : new TextValue(query.filter());
        List<Order> order = new ArrayList<>();
        for (String written : query.orderBy()) {
            order.add(order(written));
        }
        if (query.aggregate().isPresent()) {
            return aggregate(connection, scope, operations, query, table, columns, filter, order, limit);
        }
        if (query.groupBy().isPresent()) {
            throw KeywordException.permanent("group_by needs an aggregate (count, sum, avg, min or max)");
        }
        List<String> wanted = new ArrayList<>();
        for (String column : query.columns()) {
            wanted.add(column(column, columns, table));
        }
        StringBuilder orderText = new StringBuilder();
        for (Order by : order) {
            column(by.column(), columns, table);
            orderText
                    .append(orderText.isEmpty() ? "" : ", ")
                    .append(by.column())
                    .append(by.descending() ? " DESC" : "");
        }
        Value rows = operations.find(
                connection,
                scope,
                new TextValue(table),
                filter,
                new IntegerValue(limit),
                orderText.isEmpty() ? NullValue.NULL : new TextValue(orderText.toString()),
                NullValue.NULL);
        if (wanted.isEmpty()) {
            return rows;
        }
        List<Value> projected = new ArrayList<>();
        for (Value row : ((ListValue) rows).elements()) {
            Map<String, Value> all = ((MapValue) row).entries();
            Map<String, Value> some = new LinkedHashMap<>();
            for (String column : wanted) {
                some.put(column, all.getOrDefault(column, NullValue.NULL));
            }
            projected.add(new MapValue(some));
        }
        return new ListValue(projected);
    }

    private Value aggregate(
            Connection connection,
            ExecutionScope scope,
            TableOperations operations,
            Query query,
            String table,
            Map<String, String> columns,
            Value filter,
            List<Order> order,
            int limit)
            throws KeywordException, SQLException {
        Aggregate aggregate = query.aggregate().orElseThrow();
        String function = Aggregates.sqlFunction(aggregate.function().strip());
        Value field = NullValue.NULL;
        if (aggregate.column().isPresent() && !aggregate.column().get().isBlank()) {
            field = new TextValue(column(aggregate.column().get(), columns, table));
        }
        if (query.groupBy().isEmpty()) {
            Value result = operations.aggregate(connection, scope, new TextValue(table), function, field, filter);
            return new ListValue(List.of(new MapValue(Map.of(function, result))));
        }
        String group = column(query.groupBy().get(), columns, table);
        Value grouped = operations.aggregateGrouped(
                connection, scope, new TextValue(table), function, field, filter, group, function);
        List<Value> rows = new ArrayList<>(((ListValue) grouped).elements());
        // ranked by the group's column or the aggregate ("sum desc": the largest first), then cut to the limit
        Comparator<Value> ranking = null;
        for (Order by : order) {
            String key = by.column().toLowerCase(Locale.ROOT);
            if (!key.equals(group) && !key.equals(function)) {
                throw KeywordException.permanent("with group_by " + group + ", order_by can name " + group + " or "
                        + function + ", not " + by.column());
            }
            Comparator<Value> one = Comparator.<Value, Value>comparing(
                    row -> ((MapValue) row).entries().getOrDefault(key, NullValue.NULL), BotDataReader::compare);
            if (by.descending()) {
                one = one.reversed();
            }
            ranking = ranking == null ? one : ranking.thenComparing(one);
        }
        if (ranking != null) {
            rows.sort(ranking);
        }
        return new ListValue(rows.size() > limit ? rows.subList(0, limit) : rows);
    }

    /** Nulls last, numbers by value, others by their text. */
    private static int compare(Value left, Value right) {
        if (left instanceof NullValue || right instanceof NullValue) {
            return Boolean.compare(left instanceof NullValue, right instanceof NullValue);
        }
        return Aggregates.compare(left, right);
    }

    private static String column(String written, Map<String, String> columns, String table) throws KeywordException {
        String column = Names.column(written);
        if (!columns.containsKey(column)) {
            throw KeywordException.permanent("table " + table + " has no column " + column + " (its columns: "
                    + String.join(", ", columns.keySet()) + ")");
        }
        return column;
    }

    private record Order(String column, boolean descending) {}

    private static Order order(String written) throws KeywordException {
        Matcher matcher = ORDER.matcher(written.strip());
        if (!matcher.matches()) {
            throw KeywordException.permanent(
                    "an order_by entry is a column, optionally followed by asc or desc, not '" + written + "'");
        }
        return new Order(
                matcher.group(1).toLowerCase(Locale.ROOT),
                matcher.group(2) != null && matcher.group(2).equalsIgnoreCase("desc"));
    }
}
