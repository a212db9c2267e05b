package io.basicflow.persistence;

import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * The events of {@code WAIT FOR EVENT} and {@code PUBLISH EVENT} (migration V30). A publication, in
 * one transaction, stores the event, hands its value to every watch of its name and scope that has
 * received nothing yet, and wakes their executions: a watch committed before the publication's
 * statement receives it (the first such event, once); a watch that begins later does not. No lock is
 * taken beyond the watch rows themselves.
 *
 * <p>Waking: a watcher parked at its wait ({@code WAITING_TIMER} with its {@code last_seq} at the
 * wait's event) becomes due now; one that is running (it is setting the watch up, or about to park)
 * has its inbox version bumped, which turns its parking commit into {@code RUNNABLE} (see {@link
 * CommitRepository}), so the event is never missed between the watch and the park. So has one that is
 * runnable (its lease was freed, or its park saw other news): the update must lock its row too, or a
 * claim could take it between this statement and its commit, read the watch as not served yet, and
 * park it again with nobody left to wake it (the window {@code ExecutionRepository.wakeParents} had
 * for a parent; {@code PublicationClaimTest}). The claim skips the locked row and takes it once the
 * publication is visible. Every row the publication updates is locked until its commit, which orders
 * it against the waiter's claims and commits.
 */
final class PublishedEventsRepository {

    private final DSLContext dsl;

    PublishedEventsRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    // A wait set up again after a crash (the same step: same name and event number) keeps what it
    // received meanwhile; a new wait starts empty.
    private static final String SAME_WAIT = "(workflow_event_watches.awaited_seq = excluded.awaited_seq"
            + " and workflow_event_watches.name = excluded.name)";

    /** Returns what the watch received already: something only when the same wait is set up again. */
    Optional<String> watch(String executionId, String conversationId, String name, long awaitedSeq) {
        return dsl.fetchOptional("""
                        insert into workflow_event_watches (execution_id, conversation_id, name, awaited_seq)
                        values (?, ?, ?, ?)
                        on conflict (execution_id) do update set
                            conversation_id = excluded.conversation_id, name = excluded.name,
                            awaited_seq = excluded.awaited_seq,
                            received_event_id = case when same then workflow_event_watches.received_event_id end,
                            received = case when same then workflow_event_watches.received end
                        returning received::text
                        """.replace("same", SAME_WAIT), executionId, conversationId, name, awaitedSeq)
                .map(row -> row.get(0, String.class));
    }

    /**
     * The value of the event that served an execution's watch, if one did. Plain JDBC: every woken
     * waiter reads it once as it resumes (bench events), and jOOQ's plain-SQL path parsed the text
     * each time.
     */
    Optional<String> watched(String executionId) {
        return dsl.connectionResult(connection -> {
            try (java.sql.PreparedStatement statement = connection.prepareStatement(
                    "select received::text from workflow_event_watches where execution_id = ?"
                            + " and received_event_id is not null")) {
                statement.setString(1, executionId);
                try (java.sql.ResultSet row = statement.executeQuery()) {
                    return row.next() ? Optional.ofNullable(row.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** Returns how many executions were woken; 0 when the key was published before. */
    int publish(Optional<String> conversationId, String name, String valueJson, String key, Instant now) {
        Optional<Long> id = dsl.fetchOptional("""
                        insert into workflow_published_events (conversation_id, name, payload, publish_key)
                        values (?, ?, ?::json, ?) on conflict (publish_key) do nothing
                        returning id
                        """, conversationId.orElse(null), name, valueJson, key)
                .map(row -> row.get(0, Long.class));
        if (id.isEmpty()) {
            return 0;
        }
        return dsl.execute(
                """
                with served as (
                    update workflow_event_watches w set received_event_id = ?, received = ?::json
                    where w.name = ? and w.received_event_id is null
                        and (?::text is null or w.conversation_id = ?::text)
                    returning w.execution_id, w.awaited_seq
                )
                update workflow_executions e set
                    wake_at = case when e.status = 'WAITING_TIMER' then ?::timestamptz else e.wake_at end,
                    inbox_version = case when e.status in ('RUNNING', 'RUNNABLE') then e.inbox_version + 1
                        else e.inbox_version end,
                    updated_at = now()
                from served s
                where e.id = s.execution_id
                    and ((e.status = 'WAITING_TIMER' and e.last_seq = s.awaited_seq)
                        or e.status in ('RUNNING', 'RUNNABLE'))
                """,
                id.get(),
                valueJson,
                name,
                conversationId.orElse(null),
                conversationId.orElse(null),
                Times.of(now));
    }
}
