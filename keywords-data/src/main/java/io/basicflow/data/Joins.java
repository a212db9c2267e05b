package io.basicflow.data;

import io.basicflow.spi.ExecutionScope;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code FIND "orders" JOIN "customers" ON orders.customer_id = customers.id [WHERE …] [ORDER BY …]
 * [LIMIT n]}: the rows of two tables of the bot's own schema whose columns match, one map per matching
 * pair. Each row has the first table's columns by their names, and the joined table's columns by their
 * names too, except a name the first table also has, which becomes {@code <joined table>_<column>}
 * ({@code customers_id}).
 *
 * <p>Both tables are the bot's ({@code bot_<bot>}, checked names, like every data keyword's); the join
 * condition is {@code table.column = table.column [AND …]} over those two tables' columns, and nothing
 * else; the {@code WHERE} names a column as {@code table.column}, or by its name alone when only one
 * of the tables has it. Values are bound parameters, as in every filter.
 */
final class Joins {

    private static final Pattern EQUALITY = Pattern.compile(
            "\\s*([A-Za-z_][A-Za-z0-9_]*)\\.([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*([A-Za-z_][A-Za-z0-9_]*)\\.([A-Za-z_][A-Za-z0-9_]*)\\s*");

    private static final Pattern AND = Pattern.compile("\\s+(?i:and)\\s+");

    private Joins() {}

    /**
     * Runs the join.
     *
     * @param connection the transaction's connection
     * @param scope the bot
     * @param ops the table operations (limit, filters)
     * @param tableArg the first table
     * @param joinArg the joined table
     * @param onArg the join condition, as written: {@code "orders.customer_id = customers.id"}
     * @param filterArg which pairs (a condition map or a filter text), or NULL
     * @param limitArg the most rows, or NULL
     * @param orderArg {@code "col DESC, …"}, or NULL
     * @param offsetArg rows to skip, or NULL
     * @return the list of joined rows
     */
    static Value find(
            Connection connection,
            ExecutionScope scope,
            TableOperations ops,
            Value tableArg,
            Value joinArg,
            Value onArg,
            Value filterArg,
            Value limitArg,
            Value orderArg,
            Value offsetArg)
            throws SQLException, KeywordException {
        String schema = Names.schema(scope.bot());
        String left = Names.table(TableOperations.text(tableArg, "FIND", "table"));
        String right = Names.table(TableOperations.text(joinArg, "FIND … JOIN", "joined table"));
        if (left.equals(right)) {
            throw KeywordException.permanent(
                    "FIND \"" + left + "\" JOIN \"" + right
                            + "\": a table joined with itself is not supported; FIND it once and compare the rows in the script");
        }
        if (!(onArg instanceof TextValue on) || on.value().isBlank()) {
            throw KeywordException.permanent("FIND \"" + left + "\" JOIN \"" + right
                    + "\" needs the columns that match, with their tables: ON " + left + ".column = " + right
                    + ".column" + (onArg instanceof MapValue ? " (a column alone is read as a variable's value)" : ""));
        }
        Map<String, String> leftColumns = ops.tables().existing(connection, schema, left, scope.bot());
        Map<String, String> rightColumns = ops.tables().existing(connection, schema, right, scope.bot());
        Map<String, Map<String, String>> both = Map.of(left, leftColumns, right, rightColumns);
        String condition = condition(on.value(), both, left, right);

        // the columns a filter and ORDER BY may name: table.column always, a bare name when one table has it
        Map<String, String> columns = new LinkedHashMap<>();
        StringBuilder select = new StringBuilder("select ");
        for (Map.Entry<String, String> column : leftColumns.entrySet()) {
            columns.put(left + "." + column.getKey(), column.getValue());
            if (!rightColumns.containsKey(column.getKey())) {
                columns.put(column.getKey(), column.getValue());
            }
            select.append(Names.quote(left))
                    .append('.')
                    .append(Names.quote(column.getKey()))
                    .append(" as ")
                    .append(Names.quote(column.getKey()))
                    .append(", ");
        }
        for (Map.Entry<String, String> column : rightColumns.entrySet()) {
            columns.put(right + "." + column.getKey(), column.getValue());
            boolean shared = leftColumns.containsKey(column.getKey());
            if (!shared) {
                columns.put(column.getKey(), column.getValue());
            }
            String label = shared ? right + "_" + column.getKey() : column.getKey();
            select.append(Names.quote(right))
                    .append('.')
                    .append(Names.quote(column.getKey()))
                    .append(" as ")
                    .append(Names.quote(label))
                    .append(", ");
        }
        select.setLength(select.length() - 2);
        select.append(" from ")
                .append(Names.qualified(schema, left))
                .append(" as ")
                .append(Names.quote(left))
                .append(" join ")
                .append(Names.qualified(schema, right))
                .append(" as ")
                .append(Names.quote(right))
                .append(" on ")
                .append(condition);
        String order = orderOf(left, leftColumns) + ", " + orderOf(right, rightColumns);
        return ops.select(
                connection,
                select.toString(),
                columns,
                order,
                left + " JOIN " + right,
                filterArg,
                limitArg,
                orderArg,
                offsetArg);
    }

    private static String orderOf(String table, Map<String, String> columns) {
        String column =
                columns.containsKey("id") ? "id" : columns.keySet().iterator().next();
        return Names.quote(table) + "." + Names.quote(column);
    }

    /** {@code a.x = b.y [AND …]} as SQL over the two tables, every name checked. */
    private static String condition(String on, Map<String, Map<String, String>> tables, String left, String right)
            throws KeywordException {
        StringBuilder sql = new StringBuilder();
        for (String part : AND.split(on.strip())) {
            Matcher equality = EQUALITY.matcher(part);
            if (!equality.matches()) {
                throw KeywordException.permanent("FIND … JOIN … ON: '" + part.strip()
                        + "' is not a match of two columns; write ON " + left + ".column = " + right
                        + ".column [AND …]");
            }
            String a = column(equality.group(1), equality.group(2), tables, left, right);
            String b = column(equality.group(3), equality.group(4), tables, left, right);
            sql.append(sql.isEmpty() ? "" : " and ").append(a).append(" = ").append(b);
        }
        return sql.toString();
    }

    private static String column(
            String tableName, String columnName, Map<String, Map<String, String>> tables, String left, String right)
            throws KeywordException {
        String table = Names.table(tableName);
        String column = Names.column(columnName);
        Map<String, String> columns = tables.get(table);
        if (columns == null) {
            throw KeywordException.permanent("FIND … JOIN … ON: " + tableName + " is neither " + left + " nor " + right
                    + "; name a column of one of the two tables");
        }
        if (!columns.containsKey(column)) {
            throw KeywordException.permanent("FIND … JOIN … ON: table " + table + " has no column " + column
                    + " (its columns: " + String.join(", ", columns.keySet()) + ")");
        }
        return Names.quote(table) + "." + Names.quote(column);
    }
}
