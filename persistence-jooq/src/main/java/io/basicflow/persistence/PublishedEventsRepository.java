package io.basicflow.persistence;

import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * The events of {@code WAIT FOR EVENT} and {@code PUBLISH EVENT} (migration V30): watches and
 * publications of one name are serialised by a transaction-scoped advisory lock on the name, so an
 * event is either published before a watch began (and not seen by it) or seen by it and its
 * execution woken.
 *
 * <p>Waking: a watcher parked at its wait ({@code WAITING_TIMER} with its {@code last_seq} at the
 * wait's event) becomes due now; one that is running (it is setting the watch up, or about to park)
 * has its inbox version bumped, which turns its parking commit into {@code RUNNABLE} (see {@link
 * CommitRepository}), so the event is never missed between the watch and the park.
 */
final class PublishedEventsRepository {

    private final DSLContext dsl;

    PublishedEventsRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    private void lock(String name) {
        dsl.fetch("select pg_advisory_xact_lock(hashtext('basicflow-event:' || ?))", name);
    }

    void watch(String executionId, String conversationId, String name, long awaitedSeq) {
        lock(name);
        dsl.execute("""
                insert into workflow_event_watches (execution_id, conversation_id, name, after_id, awaited_seq)
                values (?, ?, ?, coalesce((select max(id) from workflow_published_events), 0), ?)
                on conflict (execution_id) do update set
                    conversation_id = excluded.conversation_id, name = excluded.name,
                    after_id = excluded.after_id, awaited_seq = excluded.awaited_seq
                """, executionId, conversationId, name, awaitedSeq);
    }

    Optional<String> watched(String executionId) {
        return dsl.fetchOptional("""
                        select p.payload::text from workflow_event_watches w
                        join workflow_published_events p on p.name = w.name and p.id > w.after_id
                            and (p.conversation_id = w.conversation_id or p.conversation_id is null)
                        where w.execution_id = ?
                        order by p.id limit 1
                        """, executionId).map(row -> row.get(0, String.class));
    }

    /** Returns how many executions were woken; 0 when the key was published before. */
    int publish(Optional<String> conversationId, String name, String valueJson, String key, Instant now) {
        lock(name);
        int inserted = dsl.execute("""
                insert into workflow_published_events (conversation_id, name, payload, publish_key)
                values (?, ?, ?::json, ?) on conflict (publish_key) do nothing
                """, conversationId.orElse(null), name, valueJson, key);
        if (inserted == 0) {
            return 0;
        }
        return dsl.execute("""
                update workflow_executions e set
                    wake_at = case when e.status = 'WAITING_TIMER' then ?::timestamptz else e.wake_at end,
                    inbox_version = case when e.status = 'RUNNING' then e.inbox_version + 1 else e.inbox_version end,
                    updated_at = now()
                from workflow_event_watches w
                where w.name = ? and (?::text is null or w.conversation_id = ?::text)
                    and e.id = w.execution_id
                    and ((e.status = 'WAITING_TIMER' and e.last_seq = w.awaited_seq) or e.status = 'RUNNING')
                """, Times.of(now), name, conversationId.orElse(null), conversationId.orElse(null));
    }
}
