package io.basicflow.persistence;

import io.basicflow.engine.schedule.RowHandler;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The deployed table triggers ({@code workflow_row_handlers}, migration V115) and the database trigger
 * {@code workflow_row_changed} on their tables, on a connection inside the caller's transaction.
 */
final class RowHandlersRepository {

    /** The name of the trigger a deployment installs on a bot table. */
    static final String TRIGGER = "workflow_row_changed";

    private final Connection connection;

    RowHandlersRepository(Connection connection) {
        this.connection = connection;
    }

    /**
     * Replaces the deployed triggers and puts the database trigger on exactly the existing tables that have
     * one.
     *
     * @return the handlers whose table does not exist (or whose name is no table name)
     */
    List<RowHandler> deploy(List<RowHandler> handlers) throws SQLException {
        List<RowHandler> sorted = new ArrayList<>(handlers);
        sorted.sort(Comparator.comparing(RowHandler::script).thenComparingInt(RowHandler::line));
        try (PreparedStatement delete = connection.prepareStatement("delete from workflow_row_handlers")) {
            delete.executeUpdate();
        }
        List<RowHandler> missing = new ArrayList<>();
        Set<String> wanted = new LinkedHashSet<>(); // "schema"."table", quoted
        try (PreparedStatement insert = connection.prepareStatement("""
                        insert into workflow_row_handlers (script, line, operation, table_schema, table_name, source)
                        values (?, ?, ?, ?, ?, ?)
                        """);
                PreparedStatement exists = connection.prepareStatement("""
                        select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
                        where n.nspname = ? and c.relname = ? and c.relkind in ('r', 'p')
                        """)) {
            for (RowHandler handler : sorted) {
                if (handler.tableName().isEmpty()) {
                    missing.add(handler);
                    continue;
                }
                String table = handler.tableName().get();
                insert.setString(1, handler.script());
                insert.setLong(2, handler.line());
                insert.setString(3, handler.operation());
                insert.setString(4, handler.schema());
                insert.setString(5, table);
                insert.setString(6, handler.source());
                insert.addBatch();
                exists.setString(1, handler.schema());
                exists.setString(2, table);
                try (ResultSet row = exists.executeQuery()) {
                    if (row.next()) {
                        wanted.add(quote(handler.schema()) + "." + quote(table));
                    } else {
                        missing.add(handler);
                    }
                }
            }
            insert.executeBatch();
        }
        Set<String> installed = new LinkedHashSet<>();
        try (PreparedStatement select = connection.prepareStatement("""
                        select n.nspname, c.relname from pg_trigger t
                        join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
                        where t.tgname = ? and not t.tgisinternal
                        """)) {
            select.setString(1, TRIGGER);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    installed.add(quote(rows.getString(1)) + "." + quote(rows.getString(2)));
                }
            }
        }
        String function;
        try (Statement statement = connection.createStatement();
                ResultSet schema = statement.executeQuery("select current_schema()")) {
            schema.next();
            function = quote(schema.getString(1)) + ".workflow_row_changed()";
        }
        // "or replace" and "if exists": two nodes deploying at once both find the trigger missing (or there)
        try (Statement ddl = connection.createStatement()) {
            for (String table : installed) {
                if (!wanted.contains(table)) {
                    ddl.execute("drop trigger if exists " + TRIGGER + " on " + table);
                }
            }
            for (String table : wanted) {
                if (!installed.contains(table)) {
                    ddl.execute("create or replace trigger " + TRIGGER + " after insert or update or delete on " + table
                            + " for each row execute function " + function);
                }
            }
        }
        return missing;
    }

    private static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
