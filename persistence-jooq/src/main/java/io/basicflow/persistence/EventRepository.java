package io.basicflow.persistence;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.store.StoredEvent;
import java.util.List;
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
}
