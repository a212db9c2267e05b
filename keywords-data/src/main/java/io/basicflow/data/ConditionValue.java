package io.basicflow.data;

import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A filter given as a condition map, as the compiler builds it from a BASIC {@code WHERE col = expr AND
 * …} clause: {@code {column, operator, value}} for a comparison ({@code =}, {@code <>}, {@code <}, {@code
 * <=}, {@code >}, {@code >=}, {@code LIKE}, {@code IS NULL}, {@code IS NOT NULL}; with {@code function:
 * "DATE"} and the like when the column is wrapped in one of {@link ColumnFunction}'s) and {@code {operator:
 * "AND"|"OR"|"NOT", conditions: [...]}} to join them. The values were evaluated by the script; they
 * become bound parameters of the same condition tree as a filter text, never SQL text.
 */
final class ConditionValue {

    private ConditionValue() {}

    static Filter.Condition of(MapValue map) throws KeywordException {
        Map<String, Value> entries = map.entries();
        String operator =
                entries.get("operator") instanceof TextValue text ? text.value().toUpperCase(Locale.ROOT) : "";
        if (entries.get("conditions") instanceof ListValue list) {
            List<Value> conditions = list.elements();
            if (operator.equals("NOT") && conditions.size() == 1) {
                return new Filter.Not(of(map(conditions.getFirst())));
            }
            if ((operator.equals("AND") || operator.equals("OR")) && !conditions.isEmpty()) {
                Filter.Condition joined = of(map(conditions.getFirst()));
                for (Value next : conditions.subList(1, conditions.size())) {
                    Filter.Condition right = of(map(next));
                    joined = operator.equals("AND") ? new Filter.And(joined, right) : new Filter.Or(joined, right);
                }
                return joined;
            }
            throw invalid(map);
        }
        if (!(entries.get("column") instanceof TextValue name) || name.value().isBlank()) {
            throw invalid(map);
        }
        String column = Names.columnRef(name.value());
        ColumnFunction function = null;
        if (entries.get("function") instanceof TextValue functionName) {
            function = ColumnFunction.named(functionName.value())
                    .orElseThrow(() -> KeywordException.permanent("filter: unknown function " + functionName.value()
                            + " on the column " + column + " (known: " + ColumnFunction.NAMES + ")"));
        }
        Value value = entries.getOrDefault("value", NullValue.NULL);
        return switch (operator) {
            case "=", "<>", "<", "<=", ">", ">=" -> new Filter.Compare(column, operator, text(value), 0, function);
            case "LIKE" -> new Filter.Like(column, text(value), false, 0, function);
            case "ILIKE" -> new Filter.Like(column, text(value), false, 0, function, true);
            case "IN" -> {
                if (!(value instanceof ListValue values) || values.elements().isEmpty()) {
                    throw KeywordException.permanent("filter: " + column
                            + " IN needs a list of values, e.g. [\"a\", \"b\"], not " + value.display());
                }
                List<String> texts = new java.util.ArrayList<>();
                for (Value element : values.elements()) {
                    texts.add(text(element));
                }
                yield new Filter.In(column, texts, false, 0, function);
            }
            case "IS NULL" -> new Filter.IsNull(column, false, 0, function);
            case "IS NOT NULL" -> new Filter.IsNull(column, true, 0, function);
            default -> throw invalid(map);
        };
    }

    private static MapValue map(Value value) throws KeywordException {
        if (value instanceof MapValue map) {
            return map;
        }
        throw KeywordException.permanent("filter: a condition must be a map, found " + value.display());
    }

    private static String text(Value value) {
        return switch (value) {
            case NullValue ignored -> null;
            case TextValue text -> text.value();
            default -> value.display();
        };
    }

    private static KeywordException invalid(MapValue map) {
        return KeywordException.permanent("filter: " + map.display() + " is not a condition; write WHERE column ="
                + " value [AND …], or a filter text such as \"status=pending\"");
    }
}
