package io.basicflow.engine.store;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.interpreter.TransactionalWork;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A commit whose content is made inside its own transaction: the store opens the transaction, fences
 * the execution (its row locked, still leased by the committer with {@code expectedVersion}), then
 * calls {@link #work} with the transaction's connection. The work runs a data keyword's handler on
 * that connection and returns the commit that records it; the store writes that commit in the same
 * transaction. A fence that fails calls no work and writes nothing. The store first writes a group
 * with every work unguarded (no savepoint); when one fails, it rolls back and writes the group again
 * with every work guarded.
 *
 * @param executionId the execution
 * @param expectedVersion the version the committer holds
 * @param work makes the commit, writing on the connection first
 */
public record TransactionalCommit(String executionId, long expectedVersion, Work work) {

    /**
     * Validates the parts.
     *
     * @param executionId not null
     * @param expectedVersion the fence
     * @param work not null
     */
    public TransactionalCommit {
        requireNonNull(executionId, "executionId is null");
        requireNonNull(work, "work is null");
    }

    /**
     * What runs inside the transaction, after the fence held: {@link #write} (perhaps twice, see
     * {@link io.basicflow.engine.interpreter.TransactionalWork}), then {@link #record} once.
     */
    public interface Work {
        /**
         * Writes on the connection.
         *
         * @param connection the transaction's connection; do not commit, roll back or close it
         * @param guarded whether to write inside a savepoint (a failure then is the step's own)
         * @return false when the write failed unguarded: roll the transaction back and write the group
         *     again guarded
         * @throws SQLException when a statement fails in a way that breaks the transaction
         */
        boolean write(Connection connection, boolean guarded) throws SQLException;

        /**
         * Records the written step and returns the commit that records it.
         *
         * @return the commit for this execution, with the same id and expected version
         */
        ExecutionCommit record();

        /**
         * The work's call as a member of a batch ({@link TransactionalWork#batched}).
         *
         * @return the member, or empty (the default)
         */
        default Optional<TransactionalWork.Batched> batched() {
            return Optional.empty();
        }

        /**
         * Every call the work writes as a member of a batch, in order: its own call ({@link #batched}),
         * or the writes an activation deferred to this commit. All of them have the same handler and
         * equal keys; an unguarded write of a group writes them with the other members of that batch
         * (or, when the batch has no other work, by {@link #write}).
         *
         * @return the members, or empty to be written alone
         */
        default List<TransactionalWork.Batched> batchedAll() {
            Optional<TransactionalWork.Batched> own = batched();
            return own.isPresent() ? List.of(own.get()) : List.of();
        }

        /**
         * Whether the work withdrew its commit after a guarded {@link #write}: a deferred write was
         * refused, its writes were rolled back to a savepoint of its own, and the store neither calls
         * {@link #record} nor writes a commit for it (it answers the execution as not committed). The
         * other works of the group commit as usual.
         *
         * @return true to leave the execution out of the group's commit
         */
        default boolean withdrawn() {
            return false;
        }
    }

    /**
     * A work that does what {@code work} does and hands the commit it records to {@code recorded}: for
     * the layers between the journal and the store that watch what is written.
     *
     * @param work the work
     * @param recorded takes the commit {@link Work#record} made
     * @return the watching work
     */
    public static Work watched(Work work, java.util.function.Consumer<ExecutionCommit> recorded) {
        requireNonNull(work, "work is null");
        requireNonNull(recorded, "recorded is null");
        return new Work() {
            @Override
            public boolean write(Connection connection, boolean guarded) throws SQLException {
                return work.write(connection, guarded);
            }

            @Override
            public ExecutionCommit record() {
                ExecutionCommit made = work.record();
                recorded.accept(made);
                return made;
            }

            @Override
            public Optional<TransactionalWork.Batched> batched() {
                return work.batched();
            }

            @Override
            public List<TransactionalWork.Batched> batchedAll() {
                return work.batchedAll();
            }

            @Override
            public boolean withdrawn() {
                return work.withdrawn();
            }
        };
    }

    /**
     * Writes the works of a group unguarded: the calls of one batch (two or more with the same handler
     * and equal keys) by one {@link io.basicflow.spi.BatchingTransactionalHandler#invokeAll}, every
     * other work by its own {@link Work#write}.
     *
     * @param works the fenced works, in the group's order
     * @param connection the group's transaction
     * @return false when a write or a batch failed: roll the transaction back and write the group guarded
     * @throws SQLException when the transaction is broken
     */
    public static boolean writeUnguarded(List<Work> works, Connection connection) throws SQLException {
        Map<List<Object>, List<TransactionalWork.Batched>> batches = new LinkedHashMap<>();
        Map<List<Object>, List<Work>> members = new LinkedHashMap<>();
        List<Work> alone = new ArrayList<>();
        for (Work work : works) {
            List<TransactionalWork.Batched> batched = work.batchedAll();
            if (batched.isEmpty()) {
                alone.add(work);
                continue;
            }
            // a work's members share one batch (its own call, or its activation's deferred writes)
            List<Object> key =
                    List.of(batched.getFirst().handler(), batched.getFirst().key());
            batches.computeIfAbsent(key, k -> new ArrayList<>()).addAll(batched);
            members.computeIfAbsent(key, k -> new ArrayList<>()).add(work);
        }
        for (Map.Entry<List<Object>, List<TransactionalWork.Batched>> batch : batches.entrySet()) {
            List<TransactionalWork.Batched> calls = batch.getValue();
            if (members.get(batch.getKey()).size() == 1) {
                alone.addAll(members.get(batch.getKey()));
                continue;
            }
            List<io.basicflow.spi.BatchingTransactionalHandler.Call> arguments = new ArrayList<>(calls.size());
            for (TransactionalWork.Batched call : calls) {
                arguments.add(call.call());
            }
            List<io.basicflow.spi.value.Value> values;
            try {
                values = calls.getFirst().handler().invokeAll(arguments, connection);
            } catch (io.basicflow.spi.KeywordException | SQLException | RuntimeException e) {
                return false;
            }
            if (values == null || values.size() != calls.size()) {
                return false;
            }
            for (int i = 0; i < calls.size(); i++) {
                calls.get(i).done().accept(values.get(i));
            }
        }
        for (Work work : alone) {
            if (!work.write(connection, false)) {
                return false;
            }
        }
        return true;
    }
}
