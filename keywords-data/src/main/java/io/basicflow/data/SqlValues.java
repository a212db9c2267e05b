package io.basicflow.data;

import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.DecimalValue;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.Json;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Values to and from SQL. Every value is bound as text and cast to its column's type in the statement
 * ({@code cast(? as numeric)}), so that {@code "42"} compares with a number column and {@code
 * "2024-01-01"} with a date; rows come back as maps of column to value.
 */
final class SqlValues {

    private SqlValues() {}

    /**
     * The column type a new column gets for a value: {@code numeric}, {@code boolean}, {@code jsonb}
     * for lists and maps, {@code text} otherwise.
     *
     * @param value the first value stored in it
     * @return a PostgreSQL type name
     */
    static String columnType(Value value) {
        return switch (value) {
            case IntegerValue ignored -> "numeric";
            case DecimalValue ignored -> "numeric";
            case BooleanValue ignored -> "boolean";
            case ListValue ignored -> "jsonb";
            case MapValue ignored -> "jsonb";
            case TextValue ignored -> "text";
            case NullValue ignored -> "text";
        };
    }

    /**
     * The text a value is bound as.
     *
     * @param value the value
     * @return its text, null for {@code NULL}
     */
    static String text(Value value) {
        return switch (value) {
            case NullValue ignored -> null;
            case TextValue text -> text.value();
            case ListValue list -> Json.write(list);
            case MapValue map -> Json.write(map);
            default -> value.display();
        };
    }

    /**
     * Binds a value as text.
     *
     * @param statement the statement
     * @param index the parameter index
     * @param value the value
     * @throws SQLException from the driver
     */
    static void bind(PreparedStatement statement, int index, Value value) throws SQLException {
        String text = text(value);
        if (text == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, text);
        }
    }

    /**
     * The current row as a map of column to value.
     *
     * @param rows the result set on a row
     * @return the row
     * @throws SQLException from the driver
     */
    static Map<String, Value> row(ResultSet rows) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        Map<String, Value> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            row.put(meta.getColumnLabel(i), value(rows, i, meta.getColumnTypeName(i)));
        }
        return row;
    }

    private static Value value(ResultSet rows, int column, String type) throws SQLException {
        Object object = rows.getObject(column);
        if (object == null) {
            return NullValue.NULL;
        }
        return switch (type) {
            case "json", "jsonb" -> JsonReader.read(rows.getString(column));
            case "timestamp", "timestamptz", "date", "time", "timetz" -> new TextValue(isoText(rows.getString(column)));
            default ->
                switch (object) {
                    case Boolean bool -> BooleanValue.of(bool);
                    case Integer number -> Value.of(number);
                    case Long number -> Value.of(number);
                    case Short number -> Value.of(number);
                    case BigDecimal number -> Value.of(number);
                    case Double number -> Value.of(new BigDecimal(number.toString()));
                    case Float number -> Value.of(new BigDecimal(number.toString()));
                    default -> new TextValue(rows.getString(column));
                };
        };
    }

    /** PostgreSQL's {@code 2024-01-01 10:00:00+00} as ISO {@code 2024-01-01T10:00:00+00}. */
    private static String isoText(String text) {
        return text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
    }
}
