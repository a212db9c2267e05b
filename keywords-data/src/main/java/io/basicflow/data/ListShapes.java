package io.basicflow.data;

import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GROUP BY}, {@code PIVOT} and {@code JOIN} over lists of rows (maps) in memory: pure functions of
 * their arguments, shared by the list keywords ({@link DataListsPlugin}) and the table forms of the data
 * plugin, which read the table first. Fields are looked up ignoring case, as columns are. Values that are
 * equal as numbers ({@code 1} and {@code 1.0}) fall in one group, row or match.
 */
final class ListShapes {

    private static final Pattern AGGREGATE =
            Pattern.compile("\\s*([A-Za-z]+)\\s*\\(\\s*(\\*|[A-Za-z_][A-Za-z0-9_]*)\\s*\\)\\s*");

    private ListShapes() {}

    /**
     * {@code GROUP BY rows, "field"[, #{name: "SUM(col)", …}]}: one map per value of the field, in order of
     * first appearance, with {@code key} (the value), the field by its own name, {@code items} (the rows),
     * {@code count} and one entry per requested aggregate.
     */
    static ListValue groupBy(List<Value> rows, String field, Value aggregates, String keyword) throws KeywordException {
        String column = Names.column(field);
        Map<String, Value> keys = new LinkedHashMap<>();
        Map<String, List<Value>> groups = new LinkedHashMap<>();
        for (Value row : rows) {
            Value key = Aggregates.fieldOf(row(row, keyword), column);
            String identity = identity(key);
            keys.putIfAbsent(identity, key);
            groups.computeIfAbsent(identity, ignored -> new ArrayList<>()).add(row);
        }
        Map<String, String> requested = aggregates(aggregates, keyword);
        List<Value> out = new ArrayList<>();
        for (Map.Entry<String, List<Value>> group : groups.entrySet()) {
            Map<String, Value> entry = new LinkedHashMap<>();
            Value key = keys.get(group.getKey());
            entry.put("key", key);
            entry.putIfAbsent(column, key);
            entry.put("items", new ListValue(group.getValue()));
            entry.put("count", IntegerValue.of(group.getValue().size()));
            for (Map.Entry<String, String> aggregate : requested.entrySet()) {
                entry.put(aggregate.getKey(), aggregate(group.getValue(), aggregate.getValue(), keyword));
            }
            out.add(new MapValue(entry));
        }
        return new ListValue(out);
    }

    /**
     * {@code PIVOT rows, "row", "column", "value"[, "SUM"]}: one map per value of the row field, with
     * {@code row_header} and the row field by its name, then one entry per value of the column field (its
     * text), holding the aggregate of the value field over the rows that have both. Without a column field
     * ({@code PIVOT rows, "month", "amount"}), the aggregate of the value field per row, under its name.
     */
    static ListValue pivot(List<Value> rows, String rowField, String columnField, String valueField, String function)
            throws KeywordException {
        String keyword = "PIVOT";
        String rowColumn = Names.column(rowField);
        String valueColumn = Names.column(valueField);
        String columnColumn = columnField == null ? null : Names.column(columnField);
        String sql = Aggregates.sqlFunction(function);
        Map<String, Value> rowKeys = new LinkedHashMap<>();
        Map<String, String> columnNames = new LinkedHashMap<>();
        Map<String, Map<String, List<Value>>> cells = new LinkedHashMap<>();
        for (Value value : rows) {
            MapValue row = row(value, keyword);
            Value rowKey = Aggregates.fieldOf(row, rowColumn);
            String rowIdentity = identity(rowKey);
            rowKeys.putIfAbsent(rowIdentity, rowKey);
            String columnName = valueColumn;
            if (columnColumn != null) {
                Value columnKey = Aggregates.fieldOf(row, columnColumn);
                columnName = columnKey instanceof NullValue ? "null" : columnKey.display();
            }
            columnNames.putIfAbsent(columnName.toLowerCase(Locale.ROOT), columnName);
            cells.computeIfAbsent(rowIdentity, ignored -> new LinkedHashMap<>())
                    .computeIfAbsent(columnName.toLowerCase(Locale.ROOT), ignored -> new ArrayList<>())
                    .add(row);
        }
        List<Value> out = new ArrayList<>();
        for (Map.Entry<String, Value> rowKey : rowKeys.entrySet()) {
            Map<String, Value> entry = new LinkedHashMap<>();
            entry.put("row_header", rowKey.getValue());
            entry.putIfAbsent(rowColumn, rowKey.getValue());
            Map<String, List<Value>> byColumn = cells.get(rowKey.getKey());
            for (Map.Entry<String, String> column : columnNames.entrySet()) {
                List<Value> cell = byColumn.getOrDefault(column.getKey(), List.of());
                entry.put(
                        column.getValue(),
                        Aggregates.ofList(
                                new ListValue(cell),
                                sql,
                                new TextValue(valueColumn),
                                NullValue.NULL,
                                Clock.systemUTC()));
            }
            out.add(new MapValue(entry));
        }
        return new ListValue(out);
    }

    /**
     * {@code JOIN left, right, "key"}: for each row of {@code left}, in order, one row per row of {@code
     * right} with an equal {@code key} (an inner join): the left row's fields, then the right row's; a right
     * field whose name the left row has already (other than the key) is kept as {@code <clashPrefix><name>}
     * ({@code joined_} for lists, {@code <table>_} for tables, as {@code FIND … JOIN} names them).
     */
    static ListValue join(
            List<Value> left, List<Value> right, String leftKey, String rightKey, String clashPrefix, String keyword)
            throws KeywordException {
        String leftColumn = Names.column(leftKey);
        String rightColumn = Names.column(rightKey);
        Map<String, List<MapValue>> index = new LinkedHashMap<>();
        for (Value value : right) {
            MapValue row = row(value, keyword);
            Value key = Aggregates.fieldOf(row, rightColumn);
            if (!(key instanceof NullValue)) {
                index.computeIfAbsent(identity(key), ignored -> new ArrayList<>())
                        .add(row);
            }
        }
        List<Value> out = new ArrayList<>();
        for (Value value : left) {
            MapValue row = row(value, keyword);
            Value key = Aggregates.fieldOf(row, leftColumn);
            if (key instanceof NullValue) {
                continue;
            }
            for (MapValue match : index.getOrDefault(identity(key), List.of())) {
                Map<String, Value> joined = new LinkedHashMap<>(row.entries());
                Map<String, String> lower = new LinkedHashMap<>();
                joined.keySet().forEach(name -> lower.put(name.toLowerCase(Locale.ROOT), name));
                for (Map.Entry<String, Value> field : match.entries().entrySet()) {
                    String name = field.getKey().toLowerCase(Locale.ROOT);
                    if (!lower.containsKey(name)) {
                        joined.put(field.getKey(), field.getValue());
                    } else if (!(name.equals(rightColumn) && name.equals(leftColumn))) {
                        joined.putIfAbsent(clashPrefix + field.getKey(), field.getValue());
                    }
                }
                out.add(new MapValue(joined));
            }
        }
        return new ListValue(out);
    }

    /** The rows of a list argument, or a clear error for anything else. */
    static List<Value> rows(Value value, String keyword, String what) throws KeywordException {
        if (value instanceof ListValue list) {
            return list.elements();
        }
        if (value instanceof NullValue) {
            return List.of();
        }
        throw KeywordException.permanent(
                keyword + " needs " + what + " as a list of rows (maps), e.g. from FIND; not " + value.display());
    }

    private static MapValue row(Value value, String keyword) throws KeywordException {
        if (value instanceof MapValue map) {
            return map;
        }
        throw KeywordException.permanent(
                keyword + " works on rows (maps), as FIND returns them; an element is " + value.display());
    }

    /** The aggregate of a {@code "SUM(col)"}, {@code "COUNT(*)"} text over a group's rows. */
    private static Value aggregate(List<Value> rows, String text, String keyword) throws KeywordException {
        Matcher matcher = AGGREGATE.matcher(text);
        if (!matcher.matches()) {
            throw KeywordException.permanent(keyword + ": an aggregate is FUNCTION(column) or COUNT(*), e.g."
                    + " \"SUM(amount)\", not \"" + text + "\"");
        }
        String function = Aggregates.sqlFunction(matcher.group(1));
        String column = matcher.group(2);
        if (column.equals("*")) {
            if (!function.equals("count")) {
                throw KeywordException.permanent(
                        keyword + ": only COUNT takes *; write " + matcher.group(1) + "(column)");
            }
            return IntegerValue.of(rows.size());
        }
        return Aggregates.ofList(
                new ListValue(rows), function, new TextValue(Names.column(column)), NullValue.NULL, Clock.systemUTC());
    }

    private static Map<String, String> aggregates(Value aggregates, String keyword) throws KeywordException {
        Map<String, String> out = new LinkedHashMap<>();
        if (aggregates instanceof NullValue) {
            return out;
        }
        if (!(aggregates instanceof MapValue map)) {
            throw KeywordException.permanent(keyword + ": the aggregates are a map of name to \"FUNCTION(column)\","
                    + " e.g. #{total: \"SUM(amount)\"}, not " + aggregates.display());
        }
        for (Map.Entry<String, Value> entry : map.entries().entrySet()) {
            if (!(entry.getValue() instanceof TextValue text)) {
                throw KeywordException.permanent(
                        keyword + ": aggregate " + entry.getKey() + " must be a text such as \"SUM(amount)\", not "
                                + entry.getValue().display());
            }
            out.put(entry.getKey(), text.value());
        }
        return out;
    }

    /** One identity for values that are equal: numbers by value, everything else by its text. */
    private static String identity(Value value) {
        if (value instanceof NumberValue number) {
            return "n:" + number.toBigDecimal().stripTrailingZeros().toPlainString();
        }
        if (value instanceof TextValue text) {
            try {
                return "n:"
                        + new java.math.BigDecimal(text.value().strip())
                                .stripTrailingZeros()
                                .toPlainString();
            } catch (NumberFormatException notNumber) {
                return "t:" + text.value();
            }
        }
        return value instanceof NullValue ? "null" : "t:" + value.display();
    }
}
