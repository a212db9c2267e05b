package io.basicflow.data;

import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.Json;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes on a named database connection ({@code INSERT INTO "t" ON "db" WITH …}, {@code UPDATE "t" ON
 * "db" SET … WHERE …}, {@code DELETE FROM "t" ON "db" WHERE …}, {@code SAVE "t" ON "db" WITH …}),
 * exactly once although that database is not the engine's.
 *
 * <p>The write runs in a transaction on the named database that first claims the step's idempotency key
 * in that database's ledger, {@code <schema>.basicflow_data_ledger} (one row per step, inserted {@code
 * on conflict do nothing}), then writes, then stores the write's value in the ledger row, and commits.
 * The engine's step commits after it (in its own database), so a crash in between runs the step again
 * with the same key: the claim then finds the row and the step is answered with the value stored in it,
 * without writing again. A second attempt running at the same time (a lease taken over) waits at the
 * claim for the first one's end. The tables of a named connection are never created or altered.
 */
final class NamedWrites {

    /** The keywords whose {@code ON "name"} names a connection to write in. */
    static final Set<String> KEYWORDS = Set.of("INSERT INTO", "UPDATE", "DELETE FROM", "SAVE");

    private static final String LEDGER = "basicflow_data_ledger";

    /** The ledgers known to exist, by URL and schema (the table is made once per process). */
    private static final Set<String> LEDGERS = ConcurrentHashMap.newKeySet();

    private NamedWrites() {}

    /** One write, on the named connection's transaction and its schema's tables. */
    @FunctionalInterface
    interface Write {
        Value run(Connection connection, TableOperations operations) throws SQLException, KeywordException;
    }

    /**
     * The connection a write names with {@code ON "name"}.
     *
     * @param keyword the keyword
     * @param invocation the call
     * @return the name, or empty for a write on the bot's own tables
     * @throws KeywordException when {@code ON} is not a text
     */
    static Optional<String> target(String keyword, Invocation invocation) throws KeywordException {
        if (!KEYWORDS.contains(keyword) || invocation.argument("on") instanceof NullValue) {
            return Optional.empty();
        }
        if (!(invocation.argument("on") instanceof TextValue name)) {
            throw KeywordException.permanent(keyword + " … ON needs a connection's name as text (ON \"analytics_db\"),"
                    + " not " + invocation.argument("on").display());
        }
        return Optional.of(name.value());
    }

    /**
     * Runs a write on a named connection with its ledger row, or answers from the ledger.
     *
     * @param keyword the keyword, for messages
     * @param name the connection's name as the script gave it
     * @param invocation the call (its idempotency key keys the ledger row)
     * @param operations the table operations, moved to the connection's schema
     * @param write the write
     * @return the write's value, first time or from the ledger
     * @throws KeywordException when the connection is not configured, the write is refused (permanent),
     *     or the database cannot be reached (retryable)
     */
    static Value write(String keyword, String name, Invocation invocation, TableOperations operations, Write write)
            throws KeywordException {
        NamedConnections.Named named =
                NamedConnections.named(invocation.context().configuration(), name);
        String where = keyword + " … ON \"" + named.name() + "\"";
        String ledger = Names.qualified(named.schema(), LEDGER);
        try (Connection connection = named.openForWrites()) {
            try {
                makeLedger(connection, named);
                Optional<Value> recorded = claim(connection, ledger, invocation.idempotencyKey());
                if (recorded.isPresent()) {
                    connection.commit();
                    return recorded.get();
                }
                Value value = write.run(connection, operations.onSchema(named.schema()));
                try (PreparedStatement store =
                        connection.prepareStatement("update " + ledger + " set result = ? where idempotency_key = ?")) {
                    store.setString(1, Json.write(value));
                    store.setString(2, invocation.idempotencyKey());
                    store.executeUpdate();
                }
                connection.commit();
                return value;
            } catch (SQLException | KeywordException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.equals("42P01") || state.equals("3F000")) {
                LEDGERS.remove(named.url() + "|" + named.schema()); // the ledger (or schema) was dropped
            }
            if (state.startsWith("22") || state.startsWith("23") || state.startsWith("42")) {
                throw KeywordException.permanent(where + ": the database refused it: " + e.getMessage(), e);
            }
            throw KeywordException.retryable(where + ": " + e.getMessage(), e);
        }
    }

    /**
     * Claims the key: inserts its ledger row (waiting for an attempt of the same step that holds it),
     * or reads the value a committed attempt stored.
     */
    private static Optional<Value> claim(Connection connection, String ledger, String key) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into " + ledger
                + " (idempotency_key, result) values (?, '') on conflict (idempotency_key) do nothing")) {
            insert.setString(1, key);
            if (insert.executeUpdate() == 1) {
                return Optional.empty();
            }
        }
        try (PreparedStatement select =
                connection.prepareStatement("select result from " + ledger + " where idempotency_key = ?")) {
            select.setString(1, key);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return Optional.of(JsonReader.read(rows.getString(1)));
            }
        }
    }

    private static void makeLedger(Connection connection, NamedConnections.Named named) throws SQLException {
        String known = named.url() + "|" + named.schema();
        if (LEDGERS.contains(known)) {
            return;
        }
        try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "basicflow-ledger:" + named.schema());
            lock.execute();
        }
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("create table if not exists " + Names.qualified(named.schema(), LEDGER) + " ("
                    + "idempotency_key text primary key, result text not null,"
                    + " written_at timestamptz not null default now())");
        }
        // committed on its own, so a write that fails after it does not take the ledger back with it
        connection.commit();
        LEDGERS.add(known);
    }
}
