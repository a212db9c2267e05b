package io.basicflow.engine.durable;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.interpreter.TransactionalWork;
import io.basicflow.engine.store.ExecutionCommit;
import io.basicflow.engine.store.TransactionalCommit;
import io.basicflow.spi.BatchingTransactionalHandler;
import io.basicflow.spi.KeywordException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The commit of an activation that carries the writes of steps it recorded before writing them ({@link
 * DurableJournal#defer}): every write goes into the transaction of the commit's events, under its fence.
 * Unguarded, the writes join the group's batch of their key (one statement for the group's rows); guarded,
 * they run one after the other in a savepoint of their own, and the first the database refuses rolls them
 * all back and withdraws the commit ({@link #withdrawn}): the events of the steps after it, which ran on
 * its value, are never written.
 */
final class DeferredWrites implements TransactionalCommit.Work {

    /**
     * A deferred write.
     *
     * @param write the call, as a member of its batch
     * @param sequence the sequence number of its step's completion event
     */
    record Pending(TransactionalWork.Batched write, long sequence) {}

    private static final long NONE = -1;

    private final List<Pending> pending;
    private final Supplier<ExecutionCommit> commit;
    private long refusedAt = NONE;
    private String refusal;

    DeferredWrites(List<Pending> pending, Supplier<ExecutionCommit> commit) {
        this.pending = List.copyOf(pending);
        this.commit = requireNonNull(commit, "commit is null");
        if (this.pending.isEmpty()) {
            throw new IllegalArgumentException("no deferred write");
        }
    }

    @Override
    public boolean write(Connection connection, boolean guarded) throws SQLException {
        if (!guarded) {
            return writeTogether(connection);
        }
        Savepoint savepoint = connection.setSavepoint();
        for (Pending write : pending) {
            try {
                BatchingTransactionalHandler.Call call = write.write().call();
                write.write().handler().invoke(call.invocation(), call.scope(), connection);
            } catch (KeywordException | SQLException | RuntimeException e) {
                connection.rollback(savepoint);
                refusedAt = write.sequence();
                refusal = String.valueOf(e.getMessage());
                return true;
            }
        }
        return true;
    }

    /** The writes alone in their batch: one statement (or the handler's own for a single one). */
    private boolean writeTogether(Connection connection) {
        try {
            BatchingTransactionalHandler handler = pending.getFirst().write().handler();
            if (pending.size() == 1) {
                BatchingTransactionalHandler.Call call =
                        pending.getFirst().write().call();
                handler.invoke(call.invocation(), call.scope(), connection);
                return true;
            }
            List<BatchingTransactionalHandler.Call> calls = new ArrayList<>(pending.size());
            for (Pending write : pending) {
                calls.add(write.write().call());
            }
            List<io.basicflow.spi.value.Value> values = handler.invokeAll(calls, connection);
            return values != null && values.size() == calls.size();
        } catch (KeywordException | SQLException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public List<TransactionalWork.Batched> batchedAll() {
        List<TransactionalWork.Batched> members = new ArrayList<>(pending.size());
        for (Pending write : pending) {
            members.add(write.write());
        }
        return members;
    }

    @Override
    public boolean withdrawn() {
        return refusedAt != NONE;
    }

    @Override
    public ExecutionCommit record() {
        return commit.get();
    }

    /** The sequence number of the step whose write the database refused (when {@link #withdrawn}). */
    long refusedAt() {
        return refusedAt;
    }

    /** Why the database refused it. */
    String refusal() {
        return refusal;
    }
}
