package io.basicflow.analytics;

/**
 * The engine's events as the metrics read them. The engine stores a commit's events as one row of
 * type {@code EventsPacked} (its payload's {@code events} array); a metric that counts events by type
 * reads this relation instead of {@code workflow_events}: one row per event, packed or not, with the
 * row's execution and time and the event's own type and payload.
 */
final class EventRows {

    /** A relation of {@code execution_id, created_at, type, payload} (jsonb), one row per event. */
    static final String UNPACKED = """
            (select r.execution_id, r.created_at, coalesce(p.event ->> 'type', r.type) as type,
                    coalesce(p.event, r.payload::jsonb) as payload
               from workflow_events r
               left join lateral jsonb_array_elements(case when r.type = 'EventsPacked'
                                                           then r.payload::jsonb -> 'events' end) p(event) on true)""";

    private EventRows() {}
}
