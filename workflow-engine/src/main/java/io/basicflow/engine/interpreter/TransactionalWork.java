package io.basicflow.engine.interpreter;

import java.sql.Connection;
import java.sql.SQLException;

/** A transactional keyword's step, run by {@link Journal#commitWithin} inside the commit's transaction. */
@FunctionalInterface
public interface TransactionalWork {

    /**
     * Runs the handler on the connection and records the step's events in the journal.
     *
     * @param connection the transaction's connection
     * @throws SQLException when the transaction is broken
     */
    void run(Connection connection) throws SQLException;
}
