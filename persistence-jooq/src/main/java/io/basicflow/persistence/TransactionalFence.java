package io.basicflow.persistence;

import io.basicflow.engine.store.TransactionalCommit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * The fence of a transactional commit, taken before its work runs: the rows of the executions still
 * leased by the committer at their expected version, locked {@code FOR UPDATE} in id order (the order
 * of every group commit and input delivery, so that they do not deadlock). A take-over waits for the
 * transaction; a commit after a take-over finds no row and runs no work.
 */
final class TransactionalFence {

    private static final String LOCK = """
            select e.id, e.cancel_reason from workflow_executions e
            join unnest(?::text[], ?::bigint[]) as v (id, version) on e.id = v.id and e.version = v.version
            where e.lease_owner = ? and e.status = 'RUNNING'
            order by e.id
            for update of e""";

    private TransactionalFence() {}

    /**
     * Locks the fenced rows.
     *
     * @param tx the transaction
     * @param owner the committing owner
     * @param commits the commits
     * @return the ids whose fence holds, each with the cancel reason its row carries (null: no cancel
     *     requested), read under the lock
     */
    static Map<String, String> lock(DSLContext tx, String owner, List<TransactionalCommit> commits) {
        List<TransactionalCommit> sorted = new ArrayList<>(commits);
        sorted.sort(java.util.Comparator.comparing(TransactionalCommit::executionId));
        String[] ids = new String[sorted.size()];
        Long[] versions = new Long[sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            ids[i] = sorted.get(i).executionId();
            versions[i] = sorted.get(i).expectedVersion();
        }
        // Plain JDBC, like the group commit: pgjdbc sends the arrays itself.
        return tx.connectionResult(connection -> {
            Map<String, String> fenced = new HashMap<>();
            try (java.sql.PreparedStatement statement = connection.prepareStatement(LOCK)) {
                statement.setObject(1, ids);
                statement.setObject(2, versions);
                statement.setString(3, owner);
                try (java.sql.ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        fenced.put(rows.getString(1), rows.getString(2));
                    }
                }
            }
            return fenced;
        });
    }
}
