package io.basicflow.spi;

import io.basicflow.spi.value.Value;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs a keyword whose effect is a database write (or a read whose rows must be recorded) inside a
 * transaction the engine owns. Supply it with {@link KeywordPlugin#transactionalHandler(String)}.
 *
 * <ul>
 *   <li>In a durable run whose data lives in the engine's database, the connection is the one of the
 *       transaction that also appends the step's completion event, fenced by the execution's lease:
 *       the write and the event commit together or not at all, so the write happens exactly once.
 *   <li>In a direct run the connection is in a transaction of its own, committed after the call.
 *   <li>When the data lives in another database, the connection is to that database, in a transaction
 *       that also inserts a ledger row keyed by the step's idempotency key: a step retried after a
 *       crash finds its row and is answered from it without calling the handler again.
 * </ul>
 *
 * <p>The handler must not commit, roll back or close the connection, nor change its auto-commit or
 * isolation. When it throws, its statements are undone and the step fails (or is retried) like any
 * keyword. In a durable run it first runs with the other handlers of its group commit and no
 * savepoint; when one of them throws, that transaction is rolled back and each handler runs again in a
 * savepoint of its own. So it may be called twice for one step (the first call's transaction rolled
 * back), and must keep no state outside the database between calls.
 */
@FunctionalInterface
public interface TransactionalKeywordHandler {

    /**
     * Runs the keyword on the connection.
     *
     * @param invocation the evaluated arguments, the idempotency key and the context
     * @param scope the bot and user of the execution, which decide where the data lives
     * @param connection the open connection, inside the engine's transaction
     * @return the keyword's value, recorded in the step's completion event
     * @throws KeywordException when the keyword fails (an unknown table, a bad filter)
     * @throws SQLException when the database refuses a statement; the engine counts it as retryable
     *     when its SQL state says the transaction may succeed again (serialization, deadlock)
     */
    Value invoke(Invocation invocation, ExecutionScope scope, Connection connection)
            throws KeywordException, SQLException;
}
