package io.basicflow.persistence;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.store.ClaimedExecution;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * A worker's claim in plain JDBC with constant SQL text: the claim runs once per wake-up of every
 * node's dispatcher (a chat turn, a resumed waiter), and rendering it with jOOQ each time cost more
 * JVM time than the statements themselves (JFR of {@code bench chat}: the claim was 12% of the
 * server's samples, most of it building SQL). Two statements in the caller's transaction:
 *
 * <ol>
 *   <li>the claim itself: claimable executions, oldest first, skipping rows others hold, become
 *       RUNNING and leased by the owner, their version bumped; only the columns a restore needs come
 *       back;
 *   <li>what they need to resume ({@link ResumeReads}): their unconsumed inputs, the events after
 *       each snapshot and the values their event watches received, in one statement of its own after
 *       the claim, so that it sees every input the claimed row's inbox version counts.
 * </ol>
 */
final class ClaimStatements {

    /**
     * The claimable statuses are literals, not parameters: the partial indexes on claimable work are
     * usable only when the planner sees the values (see {@code ExecutionRepository.CLAIMABLE_INLINE}).
     */
    private static final String CLAIM = """
            update workflow_executions e
            set status = 'RUNNING',
                lease_owner = ?,
                lease_expires_at = current_timestamp + ? * interval '1 millisecond',
                version = e.version + 1,
                updated_at = current_timestamp
            from (
                select c.id from workflow_executions c
                where c.status in ('RUNNABLE', 'WAITING_TIMER') and c.wake_at <= ?
                order by c.wake_at
                limit ?
                for update skip locked
            ) claimed
            where e.id = claimed.id
            returning e.id, e.script_hash, e.script_name, e.version, e.inbox_version, e.state::text,
                      e.snapshot_seq, e.cancel_reason, e.parent_id
            """;

    private final DSLContext dsl;

    ClaimStatements(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl is null");
    }

    /** Claims up to {@code limit} executions for {@code owner}; call it inside a transaction. */
    List<ClaimedExecution> claim(String owner, int limit, Instant now, Duration leaseTimeout) {
        return dsl.connectionResult(connection -> {
            List<Row> rows = rows(connection, owner, limit, now, leaseTimeout);
            if (rows.isEmpty()) {
                return List.of();
            }
            String[] ids = new String[rows.size()];
            Long[] snapshotSeqs = new Long[rows.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = rows.get(i).id();
                snapshotSeqs[i] = rows.get(i).snapshotSeq();
            }
            Map<String, ResumeReads.Resume> resumes = ResumeReads.read(connection, ids, snapshotSeqs);
            List<ClaimedExecution> claimed = new ArrayList<>(rows.size());
            for (Row row : rows) {
                ResumeReads.Resume resume = ResumeReads.of(resumes, row.id());
                claimed.add(new ClaimedExecution(
                        row.id(),
                        row.scriptHash(),
                        row.scriptName(),
                        row.version(),
                        row.inboxVersion(),
                        row.state(),
                        row.snapshotSeq(),
                        resume.tail(),
                        resume.inbox(),
                        Optional.ofNullable(row.cancelReason()),
                        Optional.ofNullable(row.parentId()),
                        resume.watch()));
            }
            return claimed;
        });
    }

    private record Row(
            String id,
            String scriptHash,
            String scriptName,
            long version,
            long inboxVersion,
            String state,
            long snapshotSeq,
            String cancelReason,
            String parentId) {}

    private static List<Row> rows(Connection connection, String owner, int limit, Instant now, Duration leaseTimeout)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(CLAIM)) {
            statement.setString(1, owner);
            statement.setLong(2, leaseTimeout.toMillis());
            statement.setObject(3, Times.of(now.truncatedTo(ChronoUnit.MICROS)));
            statement.setInt(4, limit);
            List<Row> rows = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    rows.add(new Row(
                            row.getString(1),
                            row.getString(2),
                            row.getString(3),
                            row.getLong(4),
                            row.getLong(5),
                            row.getString(6),
                            row.getLong(7),
                            row.getString(8),
                            row.getString(9)));
                }
            }
            return rows;
        }
    }
}
