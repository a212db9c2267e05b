package io.basicflow.engine.data;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where the data keywords' tables live ({@link io.basicflow.spi.TransactionalKeywordHandler}).
 *
 * <ul>
 *   <li>{@linkplain #sharesEngineDatabase() The engine's database}: a durable run writes in the commit
 *       of its own step (the store's transaction); a direct run opens a connection here and writes in
 *       a transaction of its own.
 *   <li>Another database: a durable run records the step's start, then writes here in a transaction
 *       that also inserts a ledger row keyed by the step's idempotency key ({@link TransactionalCalls#ownTransaction}); a direct
 *       run writes here in a transaction of its own.
 * </ul>
 */
public interface DataConnections {

    /**
     * Opens a connection to the data's database (the caller closes it).
     *
     * @return a new or pooled connection in auto-commit mode
     * @throws SQLException when the database cannot be reached
     */
    Connection open() throws SQLException;

    /**
     * Whether the data lives in the engine's own database, so that a durable step's write can share
     * the transaction of its completion event.
     *
     * @return true for the engine's database
     */
    boolean sharesEngineDatabase();
}
