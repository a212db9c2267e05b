package io.basicflow.engine.interpreter;

import io.basicflow.spi.BatchingTransactionalHandler;
import io.basicflow.spi.value.Value;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A transactional keyword's step, run by {@link Journal#commitWithin} inside the commit's transaction in
 * two parts: {@link #write} runs the handler on the connection and changes nothing the activation has
 * recorded; {@link #record} then records the step's events in the journal.
 *
 * <p>A group of such steps is first written optimistically: every handler runs straight on the
 * transaction, with no savepoint. When one fails, the transaction may be broken, so the journal rolls
 * it back and writes the group again, each handler in a savepoint of its own: a failing write then
 * fails only its own step. So {@link #write} may run twice (in two transactions, the first rolled
 * back) before {@link #record} runs once.
 */
public interface TransactionalWork {

    /**
     * Runs the handler on the connection.
     *
     * @param connection the transaction's connection
     * @param guarded whether to run it in a savepoint of its own (its failure is then recorded as the
     *     step's); unguarded, a failure is not recorded and the transaction must be rolled back
     * @return true when the outcome can be recorded; false when the handler failed unguarded
     * @throws SQLException when the transaction is broken
     */
    boolean write(Connection connection, boolean guarded) throws SQLException;

    /** Records the step's events (its outcome: the value assigned, or the failure) in the journal. */
    void record();

    /**
     * The call as a member of a batch, when its handler batches and gives the call a batch key: an
     * unguarded write of a group may then write it with the other members of its batch by one
     * statement ({@link BatchingTransactionalHandler#invokeAll}) instead of {@link #write}.
     *
     * @return the member, or empty (the default) to be written alone
     */
    default Optional<Batched> batched() {
        return Optional.empty();
    }

    /**
     * A call that may be written with others.
     *
     * @param handler the batching handler
     * @param key its batch key: members with the same handler and equal keys form a batch
     * @param call the call
     * @param done takes the call's value when its batch was written
     */
    record Batched(
            BatchingTransactionalHandler handler,
            Object key,
            BatchingTransactionalHandler.Call call,
            Consumer<Value> done) {}
}
