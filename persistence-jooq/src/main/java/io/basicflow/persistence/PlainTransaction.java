package io.basicflow.persistence;

import java.sql.Connection;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.impl.DefaultConnectionProvider;

/**
 * A transaction on one pooled connection, begun and ended by the connection itself rather than by
 * jOOQ's transaction provider: jOOQ 3.21's {@code DefaultTransactionProvider} asks the server for the
 * connection's isolation level ({@code SHOW TRANSACTION ISOLATION LEVEL}, one more round trip) at every
 * begin, which the hot transactions of the commit path do not need. Only for work that runs no nested
 * jOOQ transaction.
 */
final class PlainTransaction {

    private PlainTransaction() {}

    /**
     * Runs the work in a transaction: committed when it returns, rolled back when it throws.
     *
     * @param dsl the pool's context; the work gets one derived from it on the transaction's connection
     * @param work the work
     * @param <T> its answer
     * @return the work's answer
     */
    static <T> T run(DSLContext dsl, Function<DSLContext, T> work) {
        return dsl.connectionResult(connection -> {
            connection.setAutoCommit(false);
            try {
                T answer = work.apply(dsl.configuration()
                        .derive(new DefaultConnectionProvider(connection))
                        .dsl());
                connection.commit();
                return answer;
            } catch (Throwable e) {
                rollBack(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        });
    }

    private static void rollBack(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
    }
}
