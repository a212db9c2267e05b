package io.basicflow.persistence;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.store.CommitResult;
import io.basicflow.engine.store.EventRecord;
import io.basicflow.engine.store.ExecutionCommit;
import io.basicflow.engine.store.InputConsumption;
import io.basicflow.engine.store.OutboxMessage;
import io.basicflow.engine.store.Transition;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * The group commit: one statement writes the commits of many executions. Its first part fences and
 * updates every execution row at once ({@code UPDATE … FROM unnest(…)}: only rows still leased by the
 * committer with the expected version match, and each gets version + 1); the following parts append
 * the events, insert the outbox messages and mark the consumed inputs of exactly the executions that
 * matched. A single statement is atomic, so when a group has no children to create and no parents to
 * wake, it is the whole transaction: one round trip and one WAL flush for the whole group.
 *
 * <p>The update only changes {@code version}, {@code last_seq} and {@code updated_at} for a commit in
 * the middle of an activation (no indexed column), so it is a HOT update.
 */
final class CommitRepository {

    /** A status that is not RUNNING ends the lease; a waiting one turns RUNNABLE if input or a cancel came. */
    private static final String STATEMENT = """
            with v (id, version, last_seq, status, wake_at, seen_inbox, state, snapshot_seq, result, error) as (
                select * from unnest(?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::bigint[], ?::text[], ?::text[])
            ),
            fenced as (
                update workflow_executions e set
                    version = e.version + 1,
                    last_seq = v.last_seq,
                    status = case
                        when v.status in ('WAITING_INPUT', 'WAITING_TIMER', 'WAITING_CHILD')
                             and (e.cancel_requested_at is not null
                                  or (v.status = 'WAITING_INPUT' and e.inbox_version <> v.seen_inbox))
                        then 'RUNNABLE'
                        else v.status end,
                    wake_at = case
                        when v.status in ('WAITING_INPUT', 'WAITING_TIMER', 'WAITING_CHILD')
                             and (e.cancel_requested_at is not null
                                  or (v.status = 'WAITING_INPUT' and e.inbox_version <> v.seen_inbox))
                        then ?::timestamptz
                        when v.status = 'RUNNING' then e.wake_at
                        else v.wake_at::timestamptz end,
                    lease_owner = case when v.status = 'RUNNING' then e.lease_owner end,
                    lease_expires_at = case when v.status = 'RUNNING' then e.lease_expires_at end,
                    state = coalesce(v.state::json, e.state),
                    snapshot_seq = coalesce(v.snapshot_seq, e.snapshot_seq),
                    result = case when v.status = 'RUNNING' then e.result else v.result::json end,
                    error = case when v.status = 'RUNNING' then e.error else v.error::json end,
                    completed_at = case when v.status in ('COMPLETED', 'FAILED', 'CANCELLED') then now() end,
                    cancel_requested_at = case
                        when v.status in ('COMPLETED', 'FAILED', 'CANCELLED') then null
                        else e.cancel_requested_at end,
                    cancel_reason = case
                        when v.status in ('COMPLETED', 'FAILED', 'CANCELLED') then null
                        else e.cancel_reason end,
                    updated_at = now()
                from v
                where e.id = v.id and e.lease_owner is not distinct from ?::text and e.version = v.version
                returning e.id, e.version, e.cancel_reason
            ),
            appended as (
                insert into workflow_events (execution_id, seq, type, payload)
                select x.id, x.seq, x.type, x.payload::json
                from unnest(?::text[], ?::bigint[], ?::text[], ?::text[]) as x (id, seq, type, payload)
                join fenced f on f.id = x.id
            ),
            sent as (
                insert into workflow_outbox (execution_id, conversation_id, seq, recipient, message)
                select x.id, split_part(x.id, '~', 1), x.seq, x.recipient, x.message
                from unnest(?::text[], ?::bigint[], ?::text[], ?::text[]) as x (id, seq, recipient, message)
                join fenced f on f.id = x.id
            ),
            consumed as (
                update workflow_inbox i set consumed_seq = x.seq
                from unnest(?::text[], ?::bigint[], ?::bigint[]) as x (id, inbox_id, seq)
                join fenced f on f.id = x.id
                where i.id = x.inbox_id and i.execution_id = x.id
            )
            select id, version, cancel_reason from fenced
            """;

    private final DSLContext dsl;

    CommitRepository(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl is null");
    }

    /**
     * Writes the commits (fenced on {@code owner}, null for an operation under the row lock) and
     * returns one result per commit, in order.
     */
    List<CommitResult> write(List<ExecutionCommit> groupCommits, String owner, Instant now) {
        // In execution id order, the order in which input deliveries lock rows: the update then takes
        // its row locks in that order too (as it joins the rows in array order), so that the two do
        // not deadlock over executions they share. The answers are matched by id below.
        List<ExecutionCommit> commits = new ArrayList<>(groupCommits);
        commits.sort(java.util.Comparator.comparing(ExecutionCommit::executionId));
        int n = commits.size();
        String[] ids = new String[n];
        Long[] versions = new Long[n];
        Long[] lastSeqs = new Long[n];
        String[] statuses = new String[n];
        String[] wakeAts = new String[n];
        Long[] seenInbox = new Long[n];
        String[] states = new String[n];
        Long[] snapshotSeqs = new Long[n];
        String[] results = new String[n];
        String[] errors = new String[n];
        List<String> eventIds = new ArrayList<>();
        List<Long> eventSeqs = new ArrayList<>();
        List<String> eventTypes = new ArrayList<>();
        List<String> eventPayloads = new ArrayList<>();
        List<String> messageIds = new ArrayList<>();
        List<Long> messageSeqs = new ArrayList<>();
        List<String> recipients = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<String> inputIds = new ArrayList<>();
        List<Long> inboxIds = new ArrayList<>();
        List<Long> inputSeqs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ExecutionCommit commit = commits.get(i);
            ids[i] = commit.executionId();
            versions[i] = commit.expectedVersion();
            lastSeqs[i] = commit.lastSeq();
            switch (commit.transition()) {
                case Transition.Continue ignored -> statuses[i] = "RUNNING";
                case Transition.Release release -> {
                    statuses[i] = release.status().name();
                    wakeAts[i] = release.wakeAt().map(CommitRepository::text).orElse(null);
                    seenInbox[i] = release.seenInboxVersion();
                }
                case Transition.End end -> {
                    statuses[i] = end.status().name();
                    results[i] = end.resultJson().orElse(null);
                    errors[i] = end.errorJson().orElse(null);
                }
            }
            if (commit.snapshot().isPresent()) {
                states[i] = commit.snapshot().get().json();
                snapshotSeqs[i] = commit.snapshot().get().seq();
            }
            for (EventRecord event : commit.events()) {
                eventIds.add(commit.executionId());
                eventSeqs.add(event.seq());
                eventTypes.add(event.type());
                eventPayloads.add(event.json());
            }
            for (OutboxMessage message : commit.messages()) {
                messageIds.add(commit.executionId());
                messageSeqs.add(message.seq());
                recipients.add(message.recipient().orElse(null));
                texts.add(message.text());
            }
            for (InputConsumption input : commit.consumedInputs()) {
                inputIds.add(commit.executionId());
                inboxIds.add(input.inboxId());
                inputSeqs.add(input.seq());
            }
        }
        Object[] bindings = {
            ids,
            versions,
            lastSeqs,
            statuses,
            wakeAts,
            seenInbox,
            states,
            snapshotSeqs,
            results,
            errors,
            now.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC),
            owner,
            eventIds.toArray(String[]::new),
            eventSeqs.toArray(Long[]::new),
            eventTypes.toArray(String[]::new),
            eventPayloads.toArray(String[]::new),
            messageIds.toArray(String[]::new),
            messageSeqs.toArray(Long[]::new),
            recipients.toArray(String[]::new),
            texts.toArray(String[]::new),
            inputIds.toArray(String[]::new),
            inboxIds.toArray(Long[]::new),
            inputSeqs.toArray(Long[]::new)
        };
        // Plain JDBC for this one statement: pgjdbc sends the arrays itself and keeps the statement
        // prepared on the connection; jOOQ would render every array as escaped text first.
        Map<String, CommitResult> fenced = dsl.connectionResult(connection -> {
            Map<String, CommitResult> rows = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(STATEMENT)) {
                for (int i = 0; i < bindings.length; i++) {
                    statement.setObject(i + 1, bindings[i]);
                }
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        String id = result.getString(1);
                        rows.put(
                                id,
                                new CommitResult(
                                        id, true, result.getLong(2), Optional.ofNullable(result.getString(3))));
                    }
                }
            }
            return rows;
        });
        List<CommitResult> answers = new ArrayList<>(n);
        for (ExecutionCommit commit : groupCommits) {
            String id = commit.executionId();
            CommitResult result = fenced.get(id);
            answers.add(result == null ? CommitResult.leaseLost(id) : result);
        }
        return answers;
    }

    /**
     * A wake-up time as text, rounded up to the microsecond the column keeps: an execution is never
     * claimed before its time.
     */
    private static String text(Instant instant) {
        Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
        return (micros.equals(instant) ? micros : micros.plus(1, ChronoUnit.MICROS)).toString();
    }
}
