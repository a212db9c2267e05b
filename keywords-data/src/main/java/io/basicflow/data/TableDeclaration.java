package io.basicflow.data;

import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A table as {@code TABLE name … END TABLE} declares it: one field per line, {@code name type[(n[,p])]
 * [key] [references Other]}.
 *
 * @param name the table
 * @param columns its fields, in order
 */
record TableDeclaration(String name, List<Column> columns) {

    private static final Pattern FIELD = Pattern.compile(
            "([A-Za-z_][A-Za-z0-9_]*)\\s+([A-Za-z]+)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?((?:\\s+\\w+)*)\\s*");

    /**
     * One field.
     *
     * @param name the column
     * @param sqlType its PostgreSQL type
     * @param udtName the type as {@code information_schema.columns.udt_name} names it
     * @param key whether it is (part of) the primary key
     */
    record Column(String name, String sqlType, String udtName, boolean key) {

        /** The type with its length or precision: {@code varchar(100)}, {@code numeric(10,2)}, {@code int4}. */
        String shape() {
            return udtName.equals("varchar") || udtName.equals("numeric") ? sqlType.replace(" ", "") : udtName;
        }
    }

    TableDeclaration {
        columns = List.copyOf(columns);
    }

    /** The quoted key columns, comma separated; empty without a key. */
    String keySql() {
        List<String> keys = new ArrayList<>();
        for (Column column : columns) {
            if (column.key()) {
                keys.add(Names.quote(column.name()));
            }
        }
        return String.join(", ", keys);
    }

    /**
     * The declaration of a {@code TABLE} block as the compiler passes it: the header (the rest of the
     * first line) and the field lines.
     *
     * @param header the table's name, possibly quoted; {@code ON connection} after it is refused
     * @param fields the lines between the header and {@code END TABLE}
     * @return the declaration
     * @throws KeywordException for a named connection, a bad name or a line that is not a field
     */
    static TableDeclaration ofBlock(Value header, Value fields) throws KeywordException {
        String text = header.display().strip();
        if (text.toUpperCase(Locale.ROOT).contains(" ON ")) {
            throw KeywordException.permanent("TABLE " + text + ": named connections (ON …) are not supported;"
                    + " a bot's tables live in its own schema (or in the database of basicflow.data.url)");
        }
        String name = text.replaceAll("^[\"']|[\"']$", "");
        List<String> lines = new ArrayList<>();
        if (fields instanceof ListValue list) {
            list.elements().forEach(line -> lines.add(line.display()));
        }
        return parse(name, lines);
    }

    /**
     * Parses the field lines of a declaration.
     *
     * @param table the table name
     * @param lines the field lines (blank lines and {@code '} comments are skipped)
     * @return the declaration
     * @throws KeywordException naming the line that is not a field
     */
    static TableDeclaration parse(String table, List<String> lines) throws KeywordException {
        String name = Names.table(table);
        List<Column> columns = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty()
                    || line.startsWith("'")
                    || line.toUpperCase(Locale.ROOT).startsWith("REM ")) {
                continue;
            }
            Matcher field = FIELD.matcher(line);
            if (!field.matches()) {
                throw KeywordException.permanent("TABLE " + table + ": '" + line
                        + "' is not a field (write: name type[(length[,precision])] [key] [references Table])");
            }
            String column = Names.column(field.group(1));
            String type = field.group(2).toLowerCase(Locale.ROOT);
            Integer length = field.group(3) == null ? null : Integer.valueOf(field.group(3));
            Integer precision = field.group(4) == null ? null : Integer.valueOf(field.group(4));
            String flags = field.group(5).toLowerCase(Locale.ROOT);
            String[] sql = sqlType(type, length, precision, table, line);
            columns.add(new Column(column, sql[0], sql[1], flags.matches(".*\\bkey\\b.*")));
        }
        if (columns.isEmpty()) {
            throw KeywordException.permanent("TABLE " + table + " declares no fields");
        }
        return new TableDeclaration(name, columns);
    }

    private static String[] sqlType(String type, Integer length, Integer precision, String table, String line)
            throws KeywordException {
        return switch (type) {
            case "string" ->
                length == null ? new String[] {"text", "text"} : new String[] {"varchar(" + length + ")", "varchar"};
            case "number" -> {
                if (length == null) {
                    yield new String[] {"integer", "int4"};
                }
                yield precision == null
                        ? new String[] {"bigint", "int8"}
                        : new String[] {"numeric(" + length + "," + precision + ")", "numeric"};
            }
            case "integer" -> new String[] {"integer", "int4"};
            case "double" ->
                precision == null
                        ? new String[] {"double precision", "float8"}
                        : new String[] {"numeric(" + length + "," + precision + ")", "numeric"};
            case "date" -> new String[] {"date", "date"};
            case "datetime" -> new String[] {"timestamp", "timestamp"};
            case "boolean" -> new String[] {"boolean", "bool"};
            case "text" -> new String[] {"text", "text"};
            case "guid" -> new String[] {"uuid", "uuid"};
            default ->
                throw KeywordException.permanent("TABLE " + table + ": unknown type '" + type + "' in '" + line
                        + "' (string, number, integer, double, date, datetime, boolean, text, guid)");
        };
    }
}
