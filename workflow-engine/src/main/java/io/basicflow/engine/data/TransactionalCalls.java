package io.basicflow.engine.data;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.json.EngineJson;
import io.basicflow.spi.ExecutionScope;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.TransactionalKeywordHandler;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Optional;

/**
 * Calls a {@link TransactionalKeywordHandler} inside a savepoint of a transaction, and, for direct runs
 * and data in another database, in a transaction of its own (with the ledger).
 */
public final class TransactionalCalls {

    /** The ledger of steps that wrote to a database other than the engine's. */
    static final String LEDGER_DDL = """
            create table if not exists basicflow_data_ledger (
                idempotency_key text primary key,
                result text not null,
                written_at timestamptz not null default now()
            )""";

    private TransactionalCalls() {}

    /**
     * What one call gave: a value, or a failure and whether trying again may help.
     *
     * @param value the value on success
     * @param failure the message on failure
     * @param retryable whether a failure may pass on retry
     */
    public record Attempt(Optional<Value> value, String failure, boolean retryable) {
        /**
         * A success.
         *
         * @param value the value (null: NULL)
         * @return the attempt
         */
        public static Attempt of(Value value) {
            return new Attempt(Optional.of(value == null ? NullValue.NULL : value), null, false);
        }

        static Attempt failed(String failure, boolean retryable) {
            return new Attempt(Optional.empty(), failure, retryable);
        }
    }

    /**
     * Calls the handler in the caller's transaction: guarded, inside a savepoint ({@link #inSavepoint});
     * unguarded, straight on the transaction, one round trip fewer, and a failure answers null: the
     * transaction may be broken, so the caller rolls it back and calls again guarded.
     *
     * @param handler the handler
     * @param invocation the call
     * @param scope the bot and user
     * @param connection the transaction's connection
     * @param guarded whether to use a savepoint
     * @return the value or the failure; null when the handler failed unguarded
     * @throws SQLException when the savepoint itself cannot be set or rolled back
     */
    public static Attempt call(
            TransactionalKeywordHandler handler,
            Invocation invocation,
            ExecutionScope scope,
            Connection connection,
            boolean guarded)
            throws SQLException {
        if (guarded) {
            return inSavepoint(handler, invocation, scope, connection);
        }
        requireNonNull(handler, "handler is null");
        try {
            return Attempt.of(handler.invoke(invocation, scope, connection));
        } catch (KeywordException | SQLException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The call as a member of a batch, when the handler batches and gives it a key.
     *
     * @param handler the handler
     * @param invocation the call
     * @param scope the bot and user
     * @param outcome takes the call's outcome when its batch was written
     * @return the member, or empty
     */
    public static Optional<io.basicflow.engine.interpreter.TransactionalWork.Batched> batched(
            TransactionalKeywordHandler handler,
            Invocation invocation,
            ExecutionScope scope,
            java.util.function.Consumer<Attempt> outcome) {
        if (!(handler instanceof io.basicflow.spi.BatchingTransactionalHandler batching)) {
            return Optional.empty();
        }
        Optional<Object> key;
        try {
            key = batching.batchKey(invocation, scope);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return key.map(k -> new io.basicflow.engine.interpreter.TransactionalWork.Batched(
                batching,
                k,
                new io.basicflow.spi.BatchingTransactionalHandler.Call(invocation, scope),
                value -> outcome.accept(Attempt.of(value))));
    }

    /**
     * Calls the handler inside a savepoint of the caller's transaction: when it fails, its statements
     * are rolled back to the savepoint and the transaction goes on.
     *
     * @param handler the handler
     * @param invocation the call
     * @param scope the bot and user
     * @param connection the transaction's connection
     * @return the value or the failure
     * @throws SQLException when the savepoint itself cannot be set or rolled back (the transaction is
     *     broken)
     */
    public static Attempt inSavepoint(
            TransactionalKeywordHandler handler, Invocation invocation, ExecutionScope scope, Connection connection)
            throws SQLException {
        requireNonNull(handler, "handler is null");
        Savepoint savepoint = connection.setSavepoint();
        try {
            // Not released: the transaction's commit ends it, and a RELEASE would cost a round trip.
            return Attempt.of(handler.invoke(invocation, scope, connection));
        } catch (KeywordException e) {
            connection.rollback(savepoint);
            return Attempt.failed(String.valueOf(e.getMessage()), e.retryable());
        } catch (SQLException e) {
            connection.rollback(savepoint);
            return Attempt.failed(describe(e), retryable(e));
        } catch (RuntimeException e) {
            connection.rollback(savepoint);
            return Attempt.failed(e.getClass().getSimpleName() + ": " + e.getMessage(), true);
        }
    }

    /**
     * Calls the handler in a transaction of its own on a connection from {@code connections}; with
     * {@code ledger}, the transaction also inserts a ledger row keyed by the invocation's idempotency key
     * and holding the result, and a key found in the ledger is answered from it without calling the
     * handler.
     *
     * @param connections where the data lives
     * @param handler the handler
     * @param invocation the call
     * @param scope the bot and user
     * @param ledger whether to keep the ledger (durable runs)
     * @return the value or the failure
     */
    public static Attempt ownTransaction(
            DataConnections connections,
            TransactionalKeywordHandler handler,
            Invocation invocation,
            ExecutionScope scope,
            boolean ledger) {
        try (Connection connection = connections.open()) {
            connection.setAutoCommit(false);
            try {
                if (ledger) {
                    Optional<Value> recorded = ledgerEntry(connection, invocation.idempotencyKey());
                    if (recorded.isPresent()) {
                        connection.commit();
                        return Attempt.of(recorded.get());
                    }
                }
                Attempt attempt = inSavepoint(handler, invocation, scope, connection);
                if (attempt.value().isPresent() && ledger) {
                    try (PreparedStatement insert = connection.prepareStatement(
                            "insert into basicflow_data_ledger (idempotency_key, result) values (?, ?)")) {
                        insert.setString(1, invocation.idempotencyKey());
                        insert.setString(2, EngineJson.write(attempt.value().get()));
                        insert.executeUpdate();
                    }
                }
                connection.commit();
                return attempt;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            return Attempt.failed(
                    describe(e),
                    retryable(e) || e.getSQLState() == null || e.getSQLState().startsWith("08"));
        }
    }

    private static Optional<Value> ledgerEntry(Connection connection, String key) throws SQLException {
        try (Statement ddl = connection.createStatement()) {
            ddl.execute(LEDGER_DDL);
        }
        try (PreparedStatement select =
                connection.prepareStatement("select result from basicflow_data_ledger where idempotency_key = ?")) {
            select.setString(1, key);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(EngineJson.readValue(rows.getString(1))) : Optional.empty();
            }
        }
    }

    /** Serialization failures and deadlocks (class 40) and lost connections (08) may pass again. */
    static boolean retryable(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("40") || state.startsWith("08"));
    }

    static String describe(SQLException e) {
        return "the database refused the statement: " + e.getMessage()
                + (e.getSQLState() == null ? "" : " (SQL state " + e.getSQLState() + ")");
    }
}
