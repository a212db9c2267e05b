package io.basicflow.persistence;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.store.StoredEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/** The {@code workflow_events} log: one explicit query per method. */
final class EventRepository {

    private final DSLContext dsl;

    EventRepository(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl is null");
    }

    /** An execution's events after a sequence number, in order. */
    List<StoredEvent> after(String executionId, long afterSeq, int limit) {
        // Plain JDBC with a constant statement: every view of an execution (a start's answer) reads it.
        return dsl.connectionResult(connection -> {
            List<StoredEvent> events = new java.util.ArrayList<>();
            try (java.sql.PreparedStatement statement = connection.prepareStatement("""
                    select seq, type, payload::text, created_at from workflow_events
                    where execution_id = ? and seq > ?
                    order by seq
                    limit ?
                    """)) {
                statement.setString(1, executionId);
                statement.setLong(2, afterSeq);
                statement.setInt(3, limit);
                try (java.sql.ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        events.add(new StoredEvent(
                                rows.getLong(1),
                                rows.getString(2),
                                rows.getString(3),
                                rows.getObject(4, java.time.OffsetDateTime.class)
                                        .toInstant()));
                    }
                }
            }
            return events;
        });
    }

    /**
     * The events after the given sequence number of each execution, grouped by execution, in order.
     * One range scan of the primary key per execution (a lateral join), whatever the planner estimates
     * for the arrays: a claim asks for every claimed execution, most of which have no events after
     * their snapshot.
     */
    Map<String, List<StoredEvent>> tails(String[] executionIds, Long[] afterSeqs) {
        Map<String, List<StoredEvent>> tails = new HashMap<>();
        dsl.connection(connection -> {
            try (java.sql.PreparedStatement statement = connection.prepareStatement("""
                    select t.execution_id, t.seq, t.type, t.payload::text, t.created_at
                    from unnest(?::text[], ?::bigint[]) as a (id, seq)
                    cross join lateral (
                        select ev.execution_id, ev.seq, ev.type, ev.payload, ev.created_at
                        from workflow_events ev
                        where ev.execution_id = a.id and ev.seq > a.seq
                        order by ev.seq
                    ) t
                    """)) {
                statement.setObject(1, executionIds);
                statement.setObject(2, afterSeqs);
                try (java.sql.ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        tails.computeIfAbsent(rows.getString(1), id -> new java.util.ArrayList<>())
                                .add(new StoredEvent(
                                        rows.getLong(2),
                                        rows.getString(3),
                                        rows.getString(4),
                                        rows.getObject(5, java.time.OffsetDateTime.class)
                                                .toInstant()));
                    }
                }
            }
        });
        return tails;
    }
}
