package io.basicflow.data;

import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code AGGREGATE collection SUM|COUNT|AVERAGE|MIN|MAX [field] [WHERE condition]} (General Bots' table
 * form): on a table name, one SQL aggregate over the matching rows (the column checked, the condition's
 * values bound as parameters); on a list, the same computed in memory over its elements (maps, read by
 * field, or plain values when no field is given). {@code NULL} values are left out; {@code COUNT} of
 * nothing is 0 and {@code SUM}, {@code AVERAGE}, {@code MIN}, {@code MAX} of nothing are {@code NULL}, as
 * in SQL.
 */
final class Aggregates {

    private Aggregates() {}

    /** The SQL function of an operation word. */
    static String sqlFunction(String operation) throws KeywordException {
        return switch (operation.toUpperCase(Locale.ROOT)) {
            case "SUM" -> "sum";
            case "COUNT" -> "count";
            case "AVERAGE", "AVG" -> "avg";
            case "MIN" -> "min";
            case "MAX" -> "max";
            default ->
                throw KeywordException.permanent(
                        "AGGREGATE: the operation must be SUM, COUNT, AVERAGE, MIN or MAX, not " + operation);
        };
    }

    /** The aggregate of a table (its name) or a list. */
    static Value of(
            Connection connection,
            io.basicflow.spi.ExecutionScope scope,
            TableOperations ops,
            Value collection,
            Value operationArg,
            Value fieldArg,
            Value whereArg,
            Value groupArg)
            throws SQLException, KeywordException {
        String operation = TableOperations.text(operationArg, "AGGREGATE", "operation");
        String function = sqlFunction(operation);
        if (!(fieldArg instanceof NullValue) && !(fieldArg instanceof MapValue)) {
            TableOperations.text(fieldArg, "AGGREGATE", "field");
        }
        String group = groupArg instanceof NullValue
                ? null
                : Names.column(TableOperations.text(groupArg, "AGGREGATE", "GROUP BY column"));
        String resultKey = operation.toLowerCase(Locale.ROOT);
        if (collection instanceof ListValue list) {
            return group == null
                    ? ofList(list, function, fieldArg, whereArg, ops.clock())
                    : groupedList(list, function, fieldArg, whereArg, group, resultKey, ops.clock());
        }
        if (collection instanceof TextValue) {
            return group == null
                    ? ops.aggregate(connection, scope, collection, function, fieldArg, whereArg)
                    : ops.aggregateGrouped(
                            connection, scope, collection, function, fieldArg, whereArg, group, resultKey);
        }
        throw KeywordException.permanent("AGGREGATE needs a table name or a list, not " + collection.display());
    }

    static Value ofList(ListValue list, String function, Value fieldArg, Value whereArg, java.time.Clock clock)
            throws KeywordException {
        Filter.Condition condition = switch (whereArg) {
            case NullValue ignored -> null;
            case MapValue map -> ConditionValue.of(map);
            default -> Filter.parse(whereArg.display(), clock);
        };
        String field = fieldArg instanceof TextValue text ? Names.column(text.value()) : null;
        ColumnArithmetic expression = fieldArg instanceof MapValue map ? ColumnArithmetic.of(map) : null;
        if (expression != null) {
            field = "expression";
        }
        List<Value> values = new ArrayList<>();
        for (Value element : list.elements()) {
            if (condition != null && !matches(condition, element)) {
                continue;
            }
            Value value = expression != null
                    ? expression.evaluate(element)
                    : field == null ? element : fieldOf(element, field);
            if (!(value instanceof NullValue)) {
                values.add(value);
            }
        }
        if (function.equals("count")) {
            return IntegerValue.of(values.size());
        }
        if (field == null && !values.isEmpty() && values.getFirst() instanceof MapValue) {
            throw KeywordException.permanent("AGGREGATE: the list holds rows; name the field, e.g. AGGREGATE orders "
                    + function.toUpperCase(Locale.ROOT) + " amount");
        }
        if (values.isEmpty()) {
            return NullValue.NULL;
        }
        return switch (function) {
            case "sum" -> NumberValue.of(sum(values, field));
            case "avg" ->
                NumberValue.of(sum(values, field).divide(BigDecimal.valueOf(values.size()), MathContext.DECIMAL64));
            default -> extreme(values, function.equals("min"));
        };
    }

    /**
     * {@code AGGREGATE list OP field GROUP BY column} in memory: one row per value of the column, in
     * order of first appearance, with the column by its own name and the result under the operation's
     * word in lower case ({@code sum}, {@code count}, …) — the rows the table form returns.
     */
    private static Value groupedList(
            ListValue list,
            String function,
            Value fieldArg,
            Value whereArg,
            String group,
            String resultKey,
            java.time.Clock clock)
            throws KeywordException {
        Map<String, Value> keys = new java.util.LinkedHashMap<>();
        Map<String, List<Value>> members = new java.util.LinkedHashMap<>();
        for (Value element : list.elements()) {
            Value key = fieldOf(element, group);
            String identity = key instanceof NullValue ? "\u0000null" : groupIdentity(key);
            keys.putIfAbsent(identity, key);
            members.computeIfAbsent(identity, k -> new ArrayList<>()).add(element);
        }
        List<Value> rows = new ArrayList<>();
        for (Map.Entry<String, List<Value>> entry : members.entrySet()) {
            Map<String, Value> row = new java.util.LinkedHashMap<>();
            row.put(group, keys.get(entry.getKey()));
            row.put(resultKey, ofList(new ListValue(entry.getValue()), function, fieldArg, whereArg, clock));
            rows.add(new MapValue(row));
        }
        return new ListValue(rows);
    }

    /** Values equal as numbers ({@code 1}, {@code 1.0}, {@code "1"}) fall into one group. */
    private static String groupIdentity(Value key) {
        BigDecimal number = numeric(key);
        return number != null ? "n" + number.stripTrailingZeros().toPlainString() : "t" + key.display();
    }

    private static BigDecimal sum(List<Value> values, String field) throws KeywordException {
        BigDecimal sum = BigDecimal.ZERO;
        for (Value value : values) {
            sum = sum.add(number(value, field));
        }
        return sum;
    }

    private static BigDecimal number(Value value, String field) throws KeywordException {
        if (value instanceof NumberValue number) {
            return number.toBigDecimal();
        }
        if (value instanceof TextValue text) {
            try {
                return new BigDecimal(text.value().strip());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw KeywordException.permanent("AGGREGATE: " + (field == null ? "a value" : "the field " + field) + " is "
                + value.display() + ", not a number; SUM and AVERAGE need numbers");
    }

    private static Value extreme(List<Value> values, boolean min) {
        Value best = values.getFirst();
        for (Value value : values.subList(1, values.size())) {
            int order = compare(value, best);
            if (min ? order < 0 : order > 0) {
                best = value;
            }
        }
        return best;
    }

    static Value fieldOf(Value element, String field) {
        if (element instanceof MapValue map) {
            for (Map.Entry<String, Value> entry : map.entries().entrySet()) {
                if (entry.getKey().equalsIgnoreCase(field)) {
                    return entry.getValue();
                }
            }
        }
        return NullValue.NULL;
    }

    /** A condition's left side over a list element: the field, or a function of it. */
    private static Value operand(Value element, String column, ColumnFunction function) {
        Value value = fieldOf(element, column);
        return function == null ? value : function.apply(value);
    }

    /** Whether a list element meets a condition, its values compared as numbers when both are numbers. */
    private static boolean matches(Filter.Condition condition, Value element) throws KeywordException {
        return switch (condition) {
            case Filter.And and -> matches(and.left(), element) && matches(and.right(), element);
            case Filter.Or or -> matches(or.left(), element) || matches(or.right(), element);
            case Filter.Not not -> !matches(not.condition(), element);
            case Filter.IsNull isNull ->
                (operand(element, isNull.column(), isNull.function()) instanceof NullValue) != isNull.negated();
            case Filter.In in -> {
                Value value = operand(element, in.column(), in.function());
                boolean found = false;
                for (String candidate : in.values()) {
                    found |= !(value instanceof NullValue) && compare(value, new TextValue(candidate)) == 0;
                }
                yield found != in.negated();
            }
            case Filter.Like like -> {
                Value value = operand(element, like.column(), like.function());
                boolean match = !(value instanceof NullValue)
                        && java.util.regex.Pattern.compile(
                                        likePattern(like.pattern()),
                                        like.ignoreCase()
                                                ? java.util.regex.Pattern.CASE_INSENSITIVE
                                                        | java.util.regex.Pattern.UNICODE_CASE
                                                        | java.util.regex.Pattern.DOTALL
                                                : java.util.regex.Pattern.DOTALL)
                                .matcher(value.display())
                                .matches();
                yield match != like.negated();
            }
            case Filter.Compare compare -> {
                Value value = operand(element, compare.column(), compare.function());
                if (compare.value() == null || value instanceof NullValue) {
                    boolean bothNull = compare.value() == null && value instanceof NullValue;
                    yield switch (compare.operator()) {
                        case "=", "==" -> bothNull;
                        case "<>", "!=" -> !bothNull;
                        default -> false;
                    };
                }
                int order = compare(value, new TextValue(compare.value()));
                yield switch (compare.operator()) {
                    case "=", "==" -> order == 0;
                    case "<>", "!=" -> order != 0;
                    case "<" -> order < 0;
                    case "<=" -> order <= 0;
                    case ">" -> order > 0;
                    default -> order >= 0;
                };
            }
        };
    }

    private static String likePattern(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '%' -> regex.append(".*");
                case '_' -> regex.append('.');
                default -> regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }

    static int compare(Value left, Value right) {
        BigDecimal a = numeric(left);
        BigDecimal b = numeric(right);
        if (a != null && b != null) {
            return a.compareTo(b);
        }
        if (left instanceof BooleanValue || right instanceof BooleanValue) {
            return left.display().equalsIgnoreCase(right.display()) ? 0 : 1;
        }
        return left.display().compareTo(right.display());
    }

    private static BigDecimal numeric(Value value) {
        if (value instanceof NumberValue number) {
            return number.toBigDecimal();
        }
        if (value instanceof TextValue text) {
            try {
                return new BigDecimal(text.value().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
