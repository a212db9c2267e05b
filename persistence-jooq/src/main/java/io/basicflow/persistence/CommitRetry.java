package io.basicflow.persistence;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.store.CommitResult;
import io.basicflow.engine.store.EventRecord;
import io.basicflow.engine.store.ExecutionCommit;
import io.basicflow.engine.store.StoreUnavailableException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A group commit that survives a lost connection: when the database connection fails ({@code
 * pg_terminate_backend}, a restarted server, a pooled connection that died while idle), the commit is
 * tried again on a new connection, with backoff, for up to {@link #BUDGET}; then a {@link
 * StoreUnavailableException} goes to the activations, which give their executions back.
 *
 * <p>Retrying is safe because every commit is fenced on the execution's version. A failed attempt may
 * still have committed (the connection broke after the server committed, before the answer came
 * back); the retry then finds the version moved and reports a lost lease. So after a failure, every
 * commit the retry refused is checked: if the execution's version is exactly one past the commit's
 * expected version and the commit's last event is stored, the earlier attempt wrote it (a take-over
 * by another worker bumps the version at least twice, by the freeing and by the claim, before it
 * appends events).
 *
 * <p>A light commit (one that only appends events, {@link CommitRepository}) leaves the version as it
 * is, so its retry passes the fence again and, if the failed attempt wrote it, fails on the events'
 * primary key (23505). The retry then compares the stored events with the ones sent: when every
 * commit's events are stored exactly, the group was written (the attempt was one transaction), and each
 * commit is confirmed with the version it was fenced on. A light commit the retry refuses lost its
 * lease.
 *
 * <p>Without this, a completed at-most-once effect whose completion commit met a broken connection
 * failed with "outcome unknown" although the handler had returned, and idempotent handlers ran again.
 */
final class CommitRetry {

    /** How long a commit is tried again while the database cannot be reached. */
    static final Duration BUDGET = Duration.ofSeconds(20);

    private static final Logger log = LoggerFactory.getLogger(CommitRetry.class);

    private CommitRetry() {}

    /**
     * Runs a commit, again on connection failures, and confirms commits an earlier attempt wrote.
     *
     * @param dsl the pool's context (each attempt takes a connection of its own)
     * @param commits the commits
     * @param attempt one attempt of the whole group commit
     * @return one result per commit, in order
     */
    static List<CommitResult> run(DSLContext dsl, List<ExecutionCommit> commits, Supplier<List<CommitResult>> attempt) {
        requireNonNull(dsl, "dsl is null");
        long deadline = System.nanoTime() + BUDGET.toNanos();
        boolean failedBefore = false;
        for (int failures = 0; ; ) {
            try {
                List<CommitResult> results = attempt.get();
                return failedBefore ? confirm(dsl, commits, results) : results;
            } catch (RuntimeException e) {
                if (failedBefore && isUniqueViolation(e)) {
                    Optional<List<CommitResult>> written = lightWritten(dsl, commits);
                    if (written.isPresent()) {
                        log.info(
                                "A group commit of {} execution(s) that lost its connection had been written",
                                commits.size());
                        return written.get();
                    }
                }
                if (!isConnectionFailure(e)) {
                    log.warn(
                            "A group commit of {} execution(s) failed; they resume from their last commit",
                            commits.size(),
                            e);
                    throw e;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new StoreUnavailableException(
                            "a group commit of " + commits.size() + " execution(s) could not reach the database for "
                                    + BUDGET + "; they resume from their last commit",
                            e);
                }
                failures++;
                failedBefore = true;
                if (failures == 1) {
                    log.info(
                            "A group commit of {} execution(s) lost its connection ({}); trying again",
                            commits.size(),
                            e.getMessage());
                }
                sleep(Duration.ofMillis(Math.min(1000, 25L << Math.min(failures, 6))));
            }
        }
    }

    /**
     * Whether an exception says the connection to the database failed (SQL state class 08, or the
     * server ending the session: 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect
     * now), rather than the statement.
     *
     * @param failure the exception
     * @return true for a connection failure
     */
    static boolean isConnectionFailure(Throwable failure) {
        return ConnectionFailure.of(failure) != ConnectionFailure.NONE;
    }

    private static boolean isUniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The answers of a light group commit that an earlier attempt wrote: present when every commit's
     * events are stored exactly as sent (same sequence numbers, types and payloads).
     */
    private static Optional<List<CommitResult>> lightWritten(DSLContext dsl, List<ExecutionCommit> commits) {
        List<String> ids = new ArrayList<>();
        List<Long> seqs = new ArrayList<>();
        Map<String, String> sent = new HashMap<>();
        for (ExecutionCommit commit : commits) {
            for (EventRecord event : commit.events()) {
                ids.add(commit.executionId());
                seqs.add(event.seq());
                sent.put(commit.executionId() + "/" + event.seq(), event.type() + "\n" + event.json());
            }
        }
        Map<String, String> stored = dsl.connectionResult(connection -> {
            Map<String, String> rows = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement("""
                    select ev.execution_id, ev.seq, ev.type, ev.payload::text
                    from unnest(?::text[], ?::bigint[]) as x (id, seq)
                    join workflow_events ev on ev.execution_id = x.id and ev.seq = x.seq
                    """)) {
                statement.setArray(1, connection.createArrayOf("text", ids.toArray()));
                statement.setArray(2, connection.createArrayOf("bigint", seqs.toArray()));
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        rows.put(
                                result.getString(1) + "/" + result.getLong(2),
                                result.getString(3) + "\n" + result.getString(4));
                    }
                }
            }
            return rows;
        });
        if (!stored.equals(sent)) {
            return Optional.empty();
        }
        List<CommitResult> results = new ArrayList<>(commits.size());
        for (ExecutionCommit commit : commits) {
            results.add(new CommitResult(commit.executionId(), true, commit.expectedVersion(), Optional.empty()));
        }
        return Optional.of(results);
    }

    /** Turns the refusals of commits that an earlier, failed attempt wrote into successes. */
    private static List<CommitResult> confirm(
            DSLContext dsl, List<ExecutionCommit> commits, List<CommitResult> results) {
        List<ExecutionCommit> refused = new ArrayList<>();
        for (int i = 0; i < commits.size(); i++) {
            if (!results.get(i).committed()) {
                refused.add(commits.get(i));
            }
        }
        if (refused.isEmpty()) {
            return results;
        }
        Map<String, CommitResult> written = written(dsl, refused);
        List<CommitResult> confirmed = new ArrayList<>(results.size());
        for (int i = 0; i < commits.size(); i++) {
            CommitResult result = results.get(i);
            confirmed.add(
                    result.committed()
                            ? result
                            : written.getOrDefault(commits.get(i).executionId(), result));
        }
        if (!written.isEmpty()) {
            log.info("{} commit(s) of an attempt that lost its connection had been written", written.size());
        }
        return confirmed;
    }

    /** The refused commits that are in fact stored, as successes. */
    private static Map<String, CommitResult> written(DSLContext dsl, List<ExecutionCommit> refused) {
        String[] ids = new String[refused.size()];
        Long[] versions = new Long[refused.size()];
        Long[] lastSeqs = new Long[refused.size()];
        Long[] rowSeqs = new Long[refused.size()];
        for (int i = 0; i < refused.size(); i++) {
            ExecutionCommit commit = refused.get(i);
            ids[i] = commit.executionId();
            versions[i] = commit.expectedVersion() + 1;
            lastSeqs[i] = commit.lastSeq();
            // the commit's last row: at lastSeq, or before it for a packed commit (keyed by its first event)
            rowSeqs[i] = commit.events().isEmpty()
                    ? commit.lastSeq()
                    : commit.events().getLast().seq();
        }
        return dsl.connectionResult(connection -> {
            Map<String, CommitResult> found = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement("""
                    select e.id, e.version, e.cancel_reason
                    from unnest(?::text[], ?::bigint[], ?::bigint[], ?::bigint[]) as v (id, version, last_seq, row_seq)
                    join workflow_executions e on e.id = v.id and e.version = v.version and e.last_seq = v.last_seq
                    where exists (select 1 from workflow_events ev where ev.execution_id = v.id and ev.seq = v.row_seq)
                    """)) {
                statement.setArray(1, connection.createArrayOf("text", ids));
                statement.setArray(2, connection.createArrayOf("bigint", versions));
                statement.setArray(3, connection.createArrayOf("bigint", lastSeqs));
                statement.setArray(4, connection.createArrayOf("bigint", rowSeqs));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        String id = rows.getString(1);
                        found.put(
                                id,
                                new CommitResult(id, true, rows.getLong(2), Optional.ofNullable(rows.getString(3))));
                    }
                }
            }
            return found;
        });
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to commit again", e);
        }
    }
}
