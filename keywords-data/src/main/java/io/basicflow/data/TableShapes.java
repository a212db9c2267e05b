package io.basicflow.data;

import io.basicflow.spi.ExecutionScope;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The table forms of keywords-data.md's data analysis: {@code GROUP BY "sales" ON category}, {@code PIVOT
 * "sales" ROWS month COLUMNS product VALUES SUM(amount)} and {@code JOIN "orders" WITH "customers" ON
 * customer_id = id}. Each reads the bot's table(s) like {@code FIND} (checked names, at most {@code
 * find-limit} rows, in {@code id} order), a read recorded with its step, then shapes the rows in memory
 * ({@link ListShapes}). A list instead of a table name is shaped as it is ({@code GROUP BY enriched ON
 * quarter}). The clauses arrive as the text written ({@code ParameterDefinition.sourceText}): every name
 * in them is checked, and anything more than a name (or {@code FUNCTION(name)}, {@code a = b}) is refused.
 */
final class TableShapes {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");
    private static final Pattern AGGREGATE = Pattern.compile("([A-Za-z]+)\\s*\\(\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\)");
    private static final Pattern EQUALS = Pattern.compile("(\\S+)\\s*==?\\s*(\\S+)");

    private TableShapes() {}

    /** {@code GROUP BY table ON column}. */
    static Value groupBy(Connection connection, ExecutionScope scope, TableOperations ops, Invocation i)
            throws SQLException, KeywordException {
        List<Value> rows = rows(connection, scope, ops, i.argument("table"), "GROUP BY");
        return ListShapes.groupBy(rows, name(i.argument("on"), "GROUP BY", "ON"), NullValue.NULL, "GROUP BY");
    }

    /** {@code PIVOT table ROWS column COLUMNS column [VALUES FUNCTION(column) | column]}. */
    static Value pivot(Connection connection, ExecutionScope scope, TableOperations ops, Invocation i)
            throws SQLException, KeywordException {
        List<Value> rows = rows(connection, scope, ops, i.argument("table"), "PIVOT");
        String rowField = name(i.argument("rows"), "PIVOT", "ROWS");
        String columnField = name(i.argument("columns"), "PIVOT", "COLUMNS");
        String values = text(i.argument("values"), "PIVOT", "VALUES");
        Matcher aggregate = AGGREGATE.matcher(values);
        if (aggregate.matches()) {
            return ListShapes.pivot(rows, rowField, columnField, aggregate.group(2), aggregate.group(1));
        }
        if (NAME.matcher(values).matches() && !values.contains(".")) {
            return ListShapes.pivot(rows, rowField, columnField, values, "SUM");
        }
        throw KeywordException.permanent("PIVOT … VALUES takes FUNCTION(column) (SUM, AVG, COUNT, MIN, MAX) or a"
                + " column (summed), e.g. VALUES SUM(amount); not " + values);
    }

    /** {@code JOIN table WITH other ON left_column = right_column}. */
    static Value join(Connection connection, ExecutionScope scope, TableOperations ops, Invocation i)
            throws SQLException, KeywordException {
        Value left = i.argument("table");
        Value right = i.argument("with");
        if (right instanceof NullValue) {
            // optional in the declaration, so that a JOIN of another form (a SQL text's JOIN line) is no
            // syntax error of this one; a call of this form needs it
            throw KeywordException.permanent(
                    "JOIN needs the second table: JOIN \"orders\" WITH \"customers\" ON" + " customer_id = id");
        }
        String on = text(i.argument("on"), "JOIN", "ON");
        Matcher equals = EQUALS.matcher(on);
        if (!equals.matches()
                || !NAME.matcher(equals.group(1)).matches()
                || !NAME.matcher(equals.group(2)).matches()) {
            throw KeywordException.permanent("JOIN … ON takes one match of two columns, the first table's on the"
                    + " left: ON customer_id = id (or orders.customer_id = customers.id); not " + on);
        }
        String leftKey = column(equals.group(1), left);
        String rightKey = column(equals.group(2), right);
        String prefix = right instanceof TextValue table ? Names.table(table.value()) + "_" : "joined_";
        return ListShapes.join(
                rows(connection, scope, ops, left, "JOIN"),
                rows(connection, scope, ops, right, "JOIN … WITH"),
                leftKey,
                rightKey,
                prefix,
                "JOIN");
    }

    /** A column of {@code table.column} or {@code column}; the table part must name that side's table. */
    private static String column(String reference, Value side) throws KeywordException {
        int dot = reference.indexOf('.');
        if (dot < 0) {
            return reference;
        }
        String table = reference.substring(0, dot);
        if (!(side instanceof TextValue name) || !Names.table(name.value()).equals(table.toLowerCase(Locale.ROOT))) {
            throw KeywordException.permanent("JOIN … ON: " + reference + " names table " + table + ", which is not"
                    + " that side of the join (" + side.display() + ")");
        }
        return reference.substring(dot + 1);
    }

    /** The rows of a table of the bot (a recorded read, like FIND's) or of a list given instead. */
    private static List<Value> rows(
            Connection connection, ExecutionScope scope, TableOperations ops, Value source, String keyword)
            throws SQLException, KeywordException {
        if (source instanceof ListValue list) {
            return list.elements();
        }
        if (!(source instanceof TextValue)) {
            throw KeywordException.permanent(
                    keyword + " needs a table's name or a list of rows, not " + source.display());
        }
        Value rows =
                ops.find(connection, scope, source, NullValue.NULL, NullValue.NULL, NullValue.NULL, NullValue.NULL);
        return ListShapes.rows(rows, keyword, "the table's rows");
    }

    private static String name(Value clause, String keyword, String word) throws KeywordException {
        String text = text(clause, keyword, word);
        if (!NAME.matcher(text).matches() || text.contains(".")) {
            throw KeywordException.permanent(
                    keyword + " … " + word + " takes one column name, e.g. " + word + " category; not " + text);
        }
        return text;
    }

    private static String text(Value clause, String keyword, String word) throws KeywordException {
        if (clause instanceof TextValue text && !text.value().isBlank()) {
            return text.value().strip();
        }
        throw KeywordException.permanent(keyword + " needs " + word + " and what it applies to");
    }
}
