package io.basicflow.persistence;

import io.basicflow.engine.store.EventWatch;
import io.basicflow.engine.store.InboxMessage;
import io.basicflow.engine.store.StoredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the executions of a claim need to resume, read for the whole batch in one statement after the
 * claim, in the claim's transaction (plain JDBC, constant text):
 *
 * <ul>
 *   <li>their unconsumed inputs, oldest first: read after the claim, so it sees every input the
 *       claimed row's inbox version counts;
 *   <li>every event after each snapshot, whatever {@code last_seq} says (an activation whose lease was
 *       freed may have appended events with light commits, which leave the row as it was): one range
 *       scan of the primary key per execution, whatever the planner estimates for the arrays (the
 *       {@code order by} keeps the lateral subquery from being flattened into a hash join over a
 *       sequential scan of every event, which the planner chose with stale statistics: 10.8 ms per
 *       claim of 64 instead of 0.3);
 *   <li>the value of the event that served each one's {@code WAIT FOR EVENT} watch, if one did, so
 *       that a woken waiter does not read it in a query of its own ({@link EventWatch}); a primary
 *       key lookup per execution, for the same reason ({@code limit 1}).
 * </ul>
 *
 * <p>Before, these were two statements per claim and one more per resumed waiter (measured with
 * {@code bench events}: the waiter's own read was 15% of the JVM's samples; see docs/performance.md).
 */
final class ResumeReads {

    private static final int INBOX = 0;
    private static final int TAIL = 1;
    private static final int WATCH = 2;

    /**
     * Its arrays come in through {@code (select ?)} for the reason given at {@code
     * CommitRepository.STATEMENT}: with the bound arrays of a claim of one or two executions every
     * custom plan looked cheaper than the generic one, and the statement was planned at every call.
     */
    static final String READ = """
            select 0, i.execution_id, i.id, null::text, i.payload, null::timestamptz
            from workflow_inbox i
            where i.execution_id = any ((select ?::text[])::text[]) and i.consumed_seq is null
            union all
            select 1, t.execution_id, t.seq, t.type, t.payload::text, t.created_at
            from unnest((select ?::text[]), ?::bigint[]) as a (id, seq)
            cross join lateral (
                select ev.execution_id, ev.seq, ev.type, ev.payload, ev.created_at
                from workflow_events ev
                where ev.execution_id = a.id and ev.seq > a.seq
                order by ev.seq
            ) t
            union all
            select 2, w.execution_id, w.awaited_seq, null::text, w.received::text, null::timestamptz
            from unnest((select ?::text[])) as b (id)
            cross join lateral (
                select x.execution_id, x.awaited_seq, x.received
                from workflow_event_watches x
                where x.execution_id = b.id and x.received_event_id is not null
                limit 1
            ) w
            order by 1, 2, 3
            """;

    /** What one claimed execution needs to resume. */
    record Resume(List<InboxMessage> inbox, List<StoredEvent> tail, EventWatch watch) {}

    private static final Resume NOTHING = new Resume(List.of(), List.of(), EventWatch.NOTHING_RECEIVED);

    private ResumeReads() {}

    /**
     * Reads the inputs, event tails and received events of claimed executions.
     *
     * @param connection the claim's connection, in its transaction
     * @param ids the claimed executions
     * @param snapshotSeqs each one's snapshot sequence number, in the order of {@code ids}
     * @return by execution id; an execution with nothing to read is absent ({@link #of} answers for it)
     */
    static Map<String, Resume> read(Connection connection, String[] ids, Long[] snapshotSeqs) throws SQLException {
        Map<String, List<InboxMessage>> inputs = new HashMap<>();
        Map<String, List<StoredEvent>> tails = new HashMap<>();
        Map<String, String> received = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(READ)) {
            statement.setObject(1, ids);
            statement.setObject(2, ids);
            statement.setObject(3, snapshotSeqs);
            statement.setObject(4, ids);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    String id = row.getString(2);
                    switch (row.getInt(1)) {
                        case INBOX ->
                            inputs.computeIfAbsent(id, ignored -> new ArrayList<>())
                                    .add(new InboxMessage(row.getLong(3), row.getString(5)));
                        case TAIL ->
                            tails.computeIfAbsent(id, ignored -> new ArrayList<>())
                                    .add(new StoredEvent(
                                            row.getLong(3),
                                            row.getString(4),
                                            row.getString(5),
                                            row.getObject(6, OffsetDateTime.class)
                                                    .toInstant()));
                        case WATCH -> received.put(id, row.getString(5));
                        default -> throw new IllegalStateException("unknown part " + row.getInt(1));
                    }
                }
            }
        }
        Map<String, Resume> resumes = new HashMap<>();
        for (String id : ids) {
            List<InboxMessage> inbox = inputs.get(id);
            List<StoredEvent> tail = tails.get(id);
            String value = received.get(id);
            if (inbox != null || tail != null || value != null) {
                resumes.put(
                        id,
                        new Resume(
                                inbox == null ? List.of() : inbox,
                                tail == null ? List.of() : tail,
                                value == null ? EventWatch.NOTHING_RECEIVED : EventWatch.received(value)));
            }
        }
        return resumes;
    }

    /** What an execution needs to resume, from {@link #read}'s answer. */
    static Resume of(Map<String, Resume> resumes, String id) {
        return resumes.getOrDefault(id, NOTHING);
    }
}
