package io.basicflow.data;

import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The expression of {@code AGGREGATE "t" SUM (quantity * unit_price)}, as the compiler hands it over: a
 * map tree of columns ({@code {column: "price"}}), numbers ({@code {number: 2}}) and the operators {@code
 * + - * /} ({@code {operator: "*", operands: [a, b]}}, {@code {operator: "NEG", operands: [a]}}). On a
 * table it becomes SQL from fixed text: each column checked against the table's and quoted, each number
 * a bound parameter; on a list it is computed per element. A script's text never becomes SQL.
 */
sealed interface ColumnArithmetic {

    /** A column of the table (a field of a list's element). */
    record Column(String name) implements ColumnArithmetic {}

    /** A number. */
    record Number(BigDecimal value) implements ColumnArithmetic {}

    /** {@code left op right}, op one of {@code + - * /}. */
    record Operation(String operator, ColumnArithmetic left, ColumnArithmetic right) implements ColumnArithmetic {}

    /** {@code -operand}. */
    record Negate(ColumnArithmetic operand) implements ColumnArithmetic {}

    /** The SQL types a column of the expression may have. */
    Set<String> NUMERIC_TYPES = Set.of("numeric", "int2", "int4", "int8", "float4", "float8", "money");

    /**
     * Reads the map tree.
     *
     * @throws KeywordException when it is not one
     */
    static ColumnArithmetic of(Value value) throws KeywordException {
        if (!(value instanceof MapValue map)) {
            throw invalid(value);
        }
        Map<String, Value> entries = map.entries();
        if (entries.get("column") instanceof TextValue column) {
            return new Column(Names.column(column.value()));
        }
        if (entries.get("number") instanceof NumberValue number) {
            return new Number(number.toBigDecimal());
        }
        if (entries.get("operator") instanceof TextValue operator
                && entries.get("operands") instanceof ListValue operands) {
            List<Value> parts = operands.elements();
            if (operator.value().equals("NEG") && parts.size() == 1) {
                return new Negate(of(parts.getFirst()));
            }
            if (Set.of("+", "-", "*", "/").contains(operator.value()) && parts.size() == 2) {
                return new Operation(operator.value(), of(parts.get(0)), of(parts.get(1)));
            }
        }
        throw invalid(value);
    }

    private static KeywordException invalid(Value value) {
        return KeywordException.permanent(
                "AGGREGATE: " + value.display() + " is not an expression over columns (columns, numbers, + - * /)");
    }

    /**
     * The SQL of the expression over a table's columns, its numbers added to the parameters.
     *
     * @throws KeywordException naming a column the table does not have or that is no number
     */
    default String sql(Map<String, String> columns, String table, List<String> parameters) throws KeywordException {
        return switch (this) {
            case Column column -> {
                String type = columns.get(column.name());
                if (type == null) {
                    throw KeywordException.permanent("AGGREGATE: table " + table + " has no column " + column.name());
                }
                if (!NUMERIC_TYPES.contains(type)) {
                    throw KeywordException.permanent("AGGREGATE: column " + column.name() + " of " + table + " is "
                            + type + ", not a number; an expression needs numeric columns");
                }
                yield "cast(" + Names.quote(column.name()) + " as numeric)";
            }
            case Number number -> {
                parameters.add(number.value().toPlainString());
                yield "cast(? as numeric)";
            }
            case Negate negate -> "(-" + negate.operand().sql(columns, table, parameters) + ")";
            case Operation operation -> {
                String left = operation.left().sql(columns, table, parameters);
                String right = operation.right().sql(columns, table, parameters);
                // a division by zero gives NULL for that row (left out), not an error of the whole query
                yield operation.operator().equals("/")
                        ? "(" + left + " / nullif(" + right + ", 0))"
                        : "(" + left + " " + operation.operator() + " " + right + ")";
            }
        };
    }

    /**
     * The expression over one element of a list: its fields read by name; {@code NULL} when a field is
     * {@code NULL} or a divisor is zero (as in SQL, the element is then left out).
     *
     * @throws KeywordException when a field is not a number
     */
    default Value evaluate(Value element) throws KeywordException {
        BigDecimal result = number(element);
        return result == null ? NullValue.NULL : NumberValue.of(result);
    }

    private BigDecimal number(Value element) throws KeywordException {
        return switch (this) {
            case Column column -> {
                Value value = Aggregates.fieldOf(element, column.name());
                if (value instanceof NullValue) {
                    yield null;
                }
                if (value instanceof NumberValue number) {
                    yield number.toBigDecimal();
                }
                try {
                    yield new BigDecimal(value.display().strip());
                } catch (NumberFormatException e) {
                    throw KeywordException.permanent(
                            "AGGREGATE: the field " + column.name() + " is " + value.display() + ", not a number");
                }
            }
            case Number number -> number.value();
            case Negate negate -> {
                BigDecimal operand = negate.operand().number(element);
                yield operand == null ? null : operand.negate();
            }
            case Operation operation -> {
                BigDecimal left = operation.left().number(element);
                BigDecimal right = operation.right().number(element);
                if (left == null || right == null) {
                    yield null;
                }
                yield switch (operation.operator()) {
                    case "+" -> left.add(right);
                    case "-" -> left.subtract(right);
                    case "*" -> left.multiply(right);
                    default -> right.signum() == 0 ? null : left.divide(right, MathContext.DECIMAL64);
                };
            }
        };
    }
}
