package io.basicflow.spi;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * A {@link TransactionalKeywordHandler} whose calls from one group commit can be written by one
 * statement: many executions' {@code SAVE}s to one table become one multi-row write. Optional: a plugin
 * returns it from {@link KeywordPlugin#transactionalHandler(String)} where batching pays; the engine
 * calls {@link #invoke} as for any handler when a call has no batch, or is alone in its batch.
 *
 * <p>In a durable run, the engine groups the calls of a group commit by {@link #batchKey} (calls whose
 * keys are equal) and calls {@link #invokeAll} once per batch, inside the group's transaction, with
 * no savepoint. When it throws, the group's transaction is rolled back and every call runs again alone,
 * in a savepoint of its own ({@link #invoke}): so a batch may fail as a whole for any reason (a
 * duplicate key within it, one bad value), and each call still ends with its own outcome.
 */
public interface BatchingTransactionalHandler extends TransactionalKeywordHandler {

    /**
     * One call of a batch.
     *
     * @param invocation the evaluated arguments, the idempotency key and the context
     * @param scope the bot and user of its execution
     */
    record Call(Invocation invocation, ExecutionScope scope) {

        /**
         * Validates the parts.
         *
         * @param invocation not null
         * @param scope not null
         */
        public Call {
            java.util.Objects.requireNonNull(invocation, "invocation is null");
            java.util.Objects.requireNonNull(scope, "scope is null");
        }
    }

    /**
     * The batch a call belongs to: calls with equal keys (by {@code equals}) may be written together.
     * Runs on the engine's commit path: it must not touch the database, and must be cheap.
     *
     * @param invocation the call's arguments
     * @param scope the bot and user of its execution
     * @return its batch, or empty when it must be written alone
     */
    Optional<Object> batchKey(Invocation invocation, ExecutionScope scope);

    /**
     * Writes the calls of one batch together.
     *
     * @param calls two or more calls with equal batch keys, in the group's order
     * @param connection the group's transaction; do not commit, roll back or close it
     * @return one value per call, in the same order (each recorded in its step's completion event)
     * @throws KeywordException when the batch cannot be written together; every call then runs alone
     * @throws SQLException when the database refuses it; every call then runs alone
     */
    List<io.basicflow.spi.value.Value> invokeAll(List<Call> calls, Connection connection)
            throws KeywordException, SQLException;

    /**
     * The value a call will give, when it is known without the database: the call's write may then be
     * deferred. A durable run records the step (its completion event with this value) and runs on; the
     * write goes into the next commit of the same execution, in the transaction of its events and under
     * the same fence, with the writes of the steps after it ({@link #invokeAll}, or {@link #invoke} when
     * alone). It must be exactly the value {@link #invoke} and {@link #invokeAll} return for the call
     * whenever the database accepts the write, and it must be given only for calls with a {@link
     * #batchKey}. When the database refuses a deferred write, the engine discards what ran after the
     * last commit and runs those steps again without deferring them, so the refusal lands on its own
     * step as for a write that was never deferred. Runs on the engine's path: it must not touch the
     * database, and must be cheap.
     *
     * @param invocation the call's arguments
     * @param scope the bot and user of its execution
     * @return the value, or empty (the default) when the call must be written before its step is
     *     recorded
     */
    default Optional<io.basicflow.spi.value.Value> valueWithoutDatabase(Invocation invocation, ExecutionScope scope) {
        return Optional.empty();
    }
}
