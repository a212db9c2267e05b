package io.basicflow.engine.interpreter;

import java.sql.Connection;
import java.sql.SQLException;

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
}
