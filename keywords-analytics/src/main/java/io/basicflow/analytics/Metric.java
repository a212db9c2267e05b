package io.basicflow.analytics;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The metrics {@code QUERY METRICS} knows, each read from what the engine records for a bot's
 * executions (see docs/general-bots-extras.md). Each metric's SQL selects the bucket ({@code b}, from
 * {@code width_bucket} over the window's thresholds) and its columns, over the bot's executions
 * ({@code scoped}, a CTE the query adds) inside the window ({@code ?::timestamptz} start and end).
 * A metric that reads events by type reads the view {@code workflow_events_unpacked} (migration V121):
 * one row per event, the events of a commit's {@code EventsPacked} row included; one that counts stored
 * rows or bytes ({@code ACTIVE_SESSIONS}, {@code STORAGE_USAGE}) reads {@code workflow_events}.
 *
 * @param primary the column that is also each row's {@code value}
 * @param columns the row's columns besides {@code time} and {@code value}, in the order the SQL selects
 *     them after {@code b}
 * @param cumulative whether each bucket adds to the buckets before it (and to what was there before the
 *     window), as a level rather than a count
 */
enum Metric {
    /** Messages the bot sent (outbox) and received (inbox). */
    MESSAGES("count", List.of("count", "sent", "received"), false, """
            select b, count(*), count(*) filter (where sent), count(*) filter (where not sent) from (
              select width_bucket(extract(epoch from o.created_at), ?::float8[]) b, true sent
                from workflow_outbox o join scoped s on s.id = o.execution_id
               where o.created_at >= ?::timestamptz and o.created_at < ?::timestamptz
              union all
              select width_bucket(extract(epoch from i.received_at), ?::float8[]), false
                from workflow_inbox i join scoped s on s.id = i.execution_id
               where i.received_at >= ?::timestamptz and i.received_at < ?::timestamptz
            ) m group by b
            """),
    /** Conversations (root executions) that recorded anything in the bucket. */
    ACTIVE_SESSIONS("count", List.of("count"), false, """
            select width_bucket(extract(epoch from e.created_at), ?::float8[]) b,
                   count(distinct split_part(e.execution_id, '~', 1))
              from workflow_events e join scoped s on s.id = e.execution_id
             where e.created_at >= ?::timestamptz and e.created_at < ?::timestamptz
             group by b
            """),
    /** From an input's arrival to the conversation's next message, in milliseconds. */
    RESPONSE_TIME("duration_ms", List.of("duration_ms", "max_ms", "count"), false, """
            select b, round(avg(ms)), round(max(ms)), count(*) from (
              select width_bucket(extract(epoch from i.received_at), ?::float8[]) b,
                     extract(epoch from (
                       select min(o.created_at) from workflow_outbox o
                        where o.conversation_id = split_part(i.execution_id, '~', 1)
                          and o.created_at >= i.received_at) - i.received_at) * 1000 ms
                from workflow_inbox i join scoped s on s.id = i.execution_id
               where i.received_at >= ?::timestamptz and i.received_at < ?::timestamptz
                 and i.consumed_seq is not null
            ) r where ms is not null group by b
            """),
    /** Tokens of the LLM calls, estimated as a quarter of the recorded prompt's and answer's characters. */
    LLM_TOKENS("total_tokens", List.of("total_tokens", "prompt_tokens", "completion_tokens", "calls"), false, """
            select b, sum(prompt + completion), sum(prompt), sum(completion), count(*) filter (where completion > 0) from (
              select width_bucket(extract(epoch from e.created_at), ?::float8[]) b,
                     ceil(coalesce(length((case when e.type = 'EffectStarted' then e.payload -> 'arguments'
                                                else e.payload -> 'started' -> 'arguments' end)::text), 0) / 4.0) prompt,
                     ceil(case when e.type = 'EffectCompleted'
                               then coalesce(length((e.payload -> 'result')::text), 0) else 0 end / 4.0) completion
                from workflow_events_unpacked e join scoped s on s.id = e.execution_id
               where e.created_at >= ?::timestamptz and e.created_at < ?::timestamptz
                 and e.type in ('EffectStarted', 'EffectCompleted')
                 and e.payload ->> 'keyword' in ('LLM', 'ASK', 'ANSWER', 'ROW FROM UNSTRUCTURED',
                                                 'SAVE FROM UNSTRUCTURED', 'SAVE_FROM_UNSTRUCTURED')
            ) t group by b
            """),
    /** Failed executions and failed calls (each failed attempt). */
    ERRORS("count", List.of("count", "failed_executions", "failed_calls"), false, """
            select width_bucket(extract(epoch from e.created_at), ?::float8[]) b, count(*),
                   count(*) filter (where e.type = 'ExecutionFailed'), count(*) filter (where e.type = 'EffectFailed')
              from workflow_events_unpacked e join scoped s on s.id = e.execution_id
             where e.created_at >= ?::timestamptz and e.created_at < ?::timestamptz
               and e.type in ('ExecutionFailed', 'EffectFailed')
             group by b
            """),
    /** Bytes the engine stores for the bot: events, messages and inputs, as a level at each bucket's end. */
    STORAGE_USAGE("bytes_used", List.of("bytes_used"), true, """
            select b, sum(bytes) from (
              select width_bucket(extract(epoch from e.created_at), ?::float8[]) b, octet_length(e.payload::text) bytes
                from workflow_events e join scoped s on s.id = e.execution_id
               where e.created_at < ?::timestamptz
              union all
              select width_bucket(extract(epoch from o.created_at), ?::float8[]), octet_length(o.message)
                from workflow_outbox o join scoped s on s.id = o.execution_id
               where o.created_at < ?::timestamptz
              union all
              select width_bucket(extract(epoch from i.received_at), ?::float8[]), octet_length(i.payload)
                from workflow_inbox i join scoped s on s.id = i.execution_id
               where i.received_at < ?::timestamptz
            ) u group by b
            """),
    /** Calls the bot's scripts made through effect keywords (HTTP, mail, LLM, data writes …), each attempt. */
    API_REQUESTS("count", List.of("count", "failed"), false, """
            select width_bucket(extract(epoch from e.created_at), ?::float8[]) b, count(*),
                   count(*) filter (where e.type = 'EffectFailed')
              from workflow_events_unpacked e join scoped s on s.id = e.execution_id
             where e.created_at >= ?::timestamptz and e.created_at < ?::timestamptz
               and e.type in ('EffectCompleted', 'EffectFailed')
             group by b
            """);

    /** Other spellings the scripts use, e.g. in {@code SET CONTEXT} texts. */
    private static final Map<String, Metric> ALIASES = Map.of(
            "sessions", ACTIVE_SESSIONS,
            "tokens", LLM_TOKENS,
            "storage", STORAGE_USAGE,
            "api_calls", API_REQUESTS,
            "response_times", RESPONSE_TIME,
            "message_count", MESSAGES);

    final String primary;
    final List<String> columns;
    final boolean cumulative;
    final String sql;

    Metric(String primary, List<String> columns, boolean cumulative, String sql) {
        this.primary = primary;
        this.columns = columns;
        this.cumulative = cumulative;
        this.sql = sql;
    }

    /** The name scripts write. */
    String scriptName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Metric> named(String name) {
        String key = name.strip().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        for (Metric metric : values()) {
            if (metric.scriptName().equals(key)) {
                return Optional.of(metric);
            }
        }
        return Optional.ofNullable(ALIASES.get(key));
    }

    static String names() {
        StringBuilder out = new StringBuilder();
        for (Metric metric : values()) {
            out.append(out.isEmpty() ? "" : ", ").append(metric.scriptName());
        }
        return out.toString();
    }
}
