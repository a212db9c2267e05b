package io.basicflow.data;

import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.Value;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tables of the bots' schemas as this process knows them (column name to type), and the DDL that
 * creates tables and adds columns. DDL runs in the caller's transaction under an advisory lock per
 * schema, so two transactions never race to create the same table; it only ever adds (a new schema,
 * table or column), never drops or changes a column.
 *
 * <p>The cache may believe in a table whose creating transaction was rolled back (a crash, a lost
 * lease); a statement on it then fails with "undefined table/column", the entry is forgotten and the
 * step is retried ({@link #forgetOn}).
 */
final class Tables {

    private final Map<String, Map<String, String>> known = new ConcurrentHashMap<>();
    private final boolean createsTables;

    /** The bots' tables: created and given new columns as scripts need them. */
    Tables() {
        this(true);
    }

    /**
     * Tables of a schema.
     *
     * @param createsTables false for a database basicflow does not own (a named connection): a table
     *     or column that is missing is an error, never created
     */
    Tables(boolean createsTables) {
        this.createsTables = createsTables;
    }

    /**
     * The columns of a table and their types.
     *
     * @param connection the connection
     * @param schema the schema
     * @param table the table
     * @return column to type, in column order; empty when the table does not exist
     * @throws SQLException from the database
     */
    Map<String, String> columns(Connection connection, String schema, String table) throws SQLException {
        String key = schema + "." + table;
        Map<String, String> cached = known.get(key);
        if (cached != null) {
            return cached;
        }
        Map<String, String> columns = read(connection, schema, table);
        if (!columns.isEmpty()) {
            known.put(key, columns);
        }
        return columns;
    }

    /**
     * The columns of an existing table.
     *
     * @throws KeywordException when it does not exist
     */
    Map<String, String> existing(Connection connection, String schema, String table, String bot)
            throws SQLException, KeywordException {
        Map<String, String> columns = columns(connection, schema, table);
        if (columns.isEmpty()) {
            throw KeywordException.permanent("bot " + bot + " has no table " + table
                    + " (declare it with TABLE … END TABLE, or SAVE / INSERT a first row)");
        }
        return columns;
    }

    /**
     * Makes sure a table exists with the given columns: creates the schema and table, adds missing
     * columns with a type that fits their value.
     *
     * @param connection the transaction's connection
     * @param schema the schema
     * @param table the table
     * @param values column to a value (for the type of a new column)
     * @param key the key column a new table gets first: its name and type, or null for an identity
     *     {@code id}
     * @return the table's columns after the change
     * @throws SQLException from the database
     * @throws KeywordException when something is missing in a schema whose tables are not created
     */
    Map<String, String> ensure(
            Connection connection,
            String schema,
            String table,
            Map<String, Value> values,
            Map.Entry<String, String> key)
            throws SQLException, KeywordException {
        Map<String, String> columns = columns(connection, schema, table);
        boolean missing = columns.isEmpty() || (key != null && !columns.containsKey(key.getKey()));
        for (String column : values.keySet()) {
            missing |= !columns.containsKey(column);
        }
        if (!missing) {
            return columns;
        }
        if (!createsTables) {
            List<String> absent = new ArrayList<>(values.keySet());
            absent.removeAll(columns.keySet());
            throw KeywordException.permanent((columns.isEmpty()
                            ? "there is no table " + schema + "." + table
                            : "table " + schema + "." + table + " has no column " + String.join(", ", absent)
                                    + " (its columns: " + String.join(", ", columns.keySet()) + ")")
                    + "; basicflow does not create or change the tables of a named connection");
        }
        lock(connection, schema);
        String qualified = Names.qualified(schema, table);
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("create schema if not exists " + Names.quote(schema));
            String keyColumn = key == null
                    ? "\"id\" bigint generated by default as identity primary key"
                    : Names.quote(key.getKey()) + " " + key.getValue() + " primary key";
            ddl.execute("create table if not exists " + qualified + " (" + keyColumn + ")");
            Map<String, String> now = read(connection, schema, table);
            for (Map.Entry<String, Value> entry : values.entrySet()) {
                if (!now.containsKey(entry.getKey())) {
                    ddl.execute("alter table " + qualified + " add column if not exists " + Names.quote(entry.getKey())
                            + " " + SqlValues.columnType(entry.getValue()));
                }
            }
        }
        known.remove(schema + "." + table);
        return columns(connection, schema, table);
    }

    /**
     * Applies a declared table ({@code TABLE … END TABLE}): creates it, adds the columns it lacks,
     * widens a column whose new type holds every value of the old one ({@link TypeChange}); refuses a
     * declaration that would drop a column or change its type in any other way.
     *
     * @param connection the transaction's connection
     * @param schema the schema
     * @param declaration the table
     * @throws SQLException from the database
     * @throws KeywordException when the declaration would lose data
     */
    void declare(Connection connection, String schema, TableDeclaration declaration)
            throws SQLException, KeywordException {
        lock(connection, schema);
        Map<String, String> existing = read(connection, schema, declaration.name());
        String qualified = Names.qualified(schema, declaration.name());
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("create schema if not exists " + Names.quote(schema));
            if (existing.isEmpty()) {
                StringBuilder create = new StringBuilder("create table " + qualified + " (");
                String keys = declaration.keySql();
                for (int i = 0; i < declaration.columns().size(); i++) {
                    TableDeclaration.Column column = declaration.columns().get(i);
                    create.append(i == 0 ? "" : ", ")
                            .append(Names.quote(column.name()))
                            .append(' ')
                            .append(column.sqlType());
                }
                if (!keys.isEmpty()) {
                    create.append(", primary key (").append(keys).append(')');
                }
                ddl.execute(create.append(')').toString());
            } else {
                Map<String, String> shapes = shapes(connection, schema, declaration.name());
                for (String present : existing.keySet()) {
                    if (declaration.columns().stream().noneMatch(c -> c.name().equals(present))) {
                        throw KeywordException.permanent(
                                "TABLE " + declaration.name() + " no longer declares column " + present
                                        + ", which holds data; dropping it is refused (drop it by hand if you mean it)");
                    }
                }
                for (TableDeclaration.Column column : declaration.columns()) {
                    String shape = shapes.get(column.name());
                    if (shape == null) {
                        ddl.execute("alter table " + qualified + " add column " + Names.quote(column.name()) + " "
                                + column.sqlType());
                    } else if (!shape.equals(column.shape())) {
                        if (!TypeChange.widens(shape, column.shape())) {
                            throw KeywordException.permanent("TABLE " + declaration.name() + " declares column "
                                    + column.name() + " as " + column.sqlType() + " but it is " + shape
                                    + "; " + TypeChange.why(shape, column.shape()));
                        }
                        ddl.execute("alter table " + qualified + " alter column " + Names.quote(column.name())
                                + " type " + column.sqlType());
                    }
                }
            }
        }
        known.remove(schema + "." + declaration.name());
    }

    /**
     * Creates an index of a bot's table unless one of that name exists in the bot's schema. The table
     * and its columns must exist (declare the table first).
     *
     * @param connection the transaction
     * @param schema the bot's schema
     * @param index the index
     * @throws SQLException from the database
     * @throws KeywordException when the table or a column does not exist
     */
    void index(Connection connection, String schema, IndexDeclaration index) throws SQLException, KeywordException {
        lock(connection, schema);
        Map<String, String> existing = read(connection, schema, index.table());
        if (existing.isEmpty()) {
            throw KeywordException.permanent("CREATE INDEX " + index.name() + ": the bot has no table " + index.table()
                    + " (declare it with TABLE " + index.table() + " … END TABLE first)");
        }
        for (String column : index.columns()) {
            if (!existing.containsKey(column)) {
                throw KeywordException.permanent("CREATE INDEX " + index.name() + ": table " + index.table()
                        + " has no column " + column + " (it has " + String.join(", ", existing.keySet()) + ")");
            }
        }
        StringBuilder columns = new StringBuilder();
        for (String column : index.columns()) {
            columns.append(columns.isEmpty() ? "" : ", ").append(Names.quote(column));
        }
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("create index if not exists " + Names.quote(index.name()) + " on "
                    + Names.qualified(schema, index.table()) + " (" + columns + ")");
        }
    }

    /**
     * Forgets what is known about a table when a statement found it or a column missing.
     *
     * @param e the failure
     * @param schema the schema
     * @param table the table
     * @return true when the failure was such a miss (the step may be retried)
     */
    boolean forgetOn(SQLException e, String schema, String table) {
        String state = e.getSQLState();
        if ("42P01".equals(state) || "42703".equals(state) || "3F000".equals(state)) {
            known.remove(schema + "." + table);
            return true;
        }
        return false;
    }

    /** Serialises DDL on a bot's schema within the caller's transaction. */
    static void lock(Connection connection, String schema) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "basicflow-data:" + schema);
            lock.execute();
        }
    }

    /**
     * Each column's type with its length or precision as {@link TableDeclaration.Column#shape()} writes
     * it: {@code varchar(100)}, {@code numeric(10,2)}, else the type's name ({@code int4}, {@code text}).
     */
    private static Map<String, String> shapes(Connection connection, String schema, String table) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("""
                select column_name, udt_name, character_maximum_length, numeric_precision, numeric_scale
                from information_schema.columns
                where table_schema = ? and table_name = ? order by ordinal_position""")) {
            select.setString(1, schema);
            select.setString(2, table);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String type = rows.getString(2);
                    if (type.equals("varchar") && rows.getObject(3) != null) {
                        type = "varchar(" + rows.getInt(3) + ")";
                    } else if (type.equals("numeric") && rows.getObject(4) != null) {
                        type = "numeric(" + rows.getInt(4) + "," + rows.getInt(5) + ")";
                    }
                    columns.put(rows.getString(1), type);
                }
            }
        }
        return columns;
    }

    private static Map<String, String> read(Connection connection, String schema, String table) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("""
                select column_name, udt_name from information_schema.columns
                where table_schema = ? and table_name = ? order by ordinal_position""")) {
            select.setString(1, schema);
            select.setString(2, table);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    columns.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return Collections.unmodifiableMap(columns);
    }
}
