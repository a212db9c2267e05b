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
 * <p>A <em>light</em> commit only appends events: an activation that goes on running ({@link
 * Transition.Continue}) with no snapshot, message, consumed input, child or parent to wake, as the
 * commit before and after each effect is. It does not update the execution row at all: it locks the
 * row {@code FOR SHARE} where the lease (owner, version, {@code RUNNING}) still holds, and appends the
 * events of exactly the rows it locked. The lock makes it as fenced as an update: a take-over (freeing
 * an expired lease, a claim) updates the row and so waits for the commit, then reads the events it
 * appended; and a commit that comes after a take-over finds the lease gone and writes nothing.
 * Measured with the sequential benchmark (one execution, 200 effect steps), in alternating runs on the
 * same machine: 0.46–0.48 ms per step against 0.61–0.65 with the update; PostgreSQL CPU per step
 * 215–225 µs against 330–395 µs.
 *
 * <p>Only a commit alone in its group is light. Light group commits of many executions (the effects
 * benchmark, about 100 per group) were unstable: in alternating runs, two of three ran at 6,000–6,900
 * steps/s with 227–228 µs of PostgreSQL CPU per step, against 17,000–23,700 steps/s and 50–83 µs with
 * the full statement; the cause (the share locks of a group against the heartbeat's row locks?) is not
 * found. The statement below still takes any number of commits, and locks their rows in id order.
 * (Locking each row in a lateral subquery instead measured as slow as the full update.)
 *
 * <p>So while an execution is {@code RUNNING} (or {@code RUNNABLE} again after its lease was freed),
 * its row's {@code version}, {@code last_seq} and {@code updated_at} are those of the last commit that
 * changed the row, and more events may follow {@code last_seq}: whoever folds the state reads every
 * event after {@code snapshot_seq}. Every commit that changes the status (a park, a yield, the end) is
 * a full one and makes {@code last_seq} exact again.
 *
 * <p>A light commit whose answer was lost passes its fence again when it is sent again, and its events
 * are found stored: {@link CommitRetry} then confirms it by comparing what is stored with what it sent.
 *
 * <p>The full update only changes {@code version}, {@code last_seq} and {@code updated_at} for a commit
 * in the middle of an activation (no indexed column), so it is a HOT update.
 */
final class CommitRepository {

    /**
     * A status that is not RUNNING ends the lease; a waiting one turns RUNNABLE if input or a cancel came.
     *
     * <p>Each {@code unnest} takes its first array through {@code (select ?)}: PostgreSQL estimates the
     * rows of {@code unnest} from the array when it plans with the bound values (a custom plan), and the
     * estimate of a group of one or two commits made every custom plan cheaper than the generic one, so
     * the statement was planned again at every call (0.54 ms per plan, half the calls of {@code bench
     * data}). A sub-select's value is unknown to the planner in both plans (10 rows, like a parameter),
     * so the estimates match and the prepared statement keeps its generic plan ({@code
     * PlanCacheTest}). The rows of the other arrays are those of the first.
     */
    static final String STATEMENT = """
            with v (id, version, last_seq, status, wake_at, seen_inbox, state, snapshot_seq, result, error) as (
                select * from unnest((select ?::text[]), ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::bigint[], ?::text[], ?::text[])
            ),
            fenced as (
                update workflow_executions e set
                    version = e.version + 1,
                    last_seq = v.last_seq,
                    status = case
                        when v.status in ('WAITING_INPUT', 'WAITING_TIMER', 'WAITING_CHILD')
                             and (e.cancel_requested_at is not null
                                  or (v.status in ('WAITING_INPUT', 'WAITING_CHILD', 'WAITING_TIMER')
                                      and e.inbox_version <> v.seen_inbox))
                        then 'RUNNABLE'
                        else v.status end,
                    wake_at = case
                        when v.status in ('WAITING_INPUT', 'WAITING_TIMER', 'WAITING_CHILD')
                             and (e.cancel_requested_at is not null
                                  or (v.status in ('WAITING_INPUT', 'WAITING_CHILD', 'WAITING_TIMER')
                                      and e.inbox_version <> v.seen_inbox))
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
                from unnest((select ?::text[]), ?::bigint[], ?::text[], ?::text[]) as x (id, seq, type, payload)
                join fenced f on f.id = x.id
            ),
            sent as (
                insert into workflow_outbox (execution_id, conversation_id, seq, recipient, message, extras)
                select x.id, split_part(x.id, '~', 1), x.seq, x.recipient, x.message, x.extras::json
                from unnest((select ?::text[]), ?::bigint[], ?::text[], ?::text[], ?::text[])
                    as x (id, seq, recipient, message, extras)
                join fenced f on f.id = x.id
            ),
            consumed as (
                update workflow_inbox i set consumed_seq = x.seq
                from unnest((select ?::text[]), ?::bigint[], ?::bigint[]) as x (id, inbox_id, seq)
                join fenced f on f.id = x.id
                where i.id = x.inbox_id and i.execution_id = x.id
            )
            select id, version, cancel_reason from fenced
            """;

    /** The light commit: lock the leased row for share, append its events; the row stays as it is. */
    private static final String LIGHT_STATEMENT = """
            with fenced as (
                select e.id, e.version, e.cancel_reason
                from workflow_executions e
                where e.id = ? and e.version = ? and e.lease_owner = ? and e.status = 'RUNNING'
                for share of e
            ),
            appended as (
                insert into workflow_events (execution_id, seq, type, payload)
                select f.id, x.seq, x.type, x.payload::json
                from (values %s) as x (seq, type, payload)
                cross join fenced f
            )
            select id, version, cancel_reason from fenced
            """;

    /** The events of a fenced transactional group (see {@link #appendFenced}): no row is updated. */
    private static final String APPEND_FENCED = """
            insert into workflow_events (execution_id, seq, type, payload)
            select x.id, x.seq, x.type, x.payload::json
            from unnest(?::text[], ?::bigint[], ?::text[], ?::text[]) as x (id, seq, type, payload)
            """;

    /**
     * The light statement for 1 to {@value #LIGHT_EVENTS_MAX} events, with one scalar parameter per
     * column and event: a light commit usually carries one or two events, and binding them as text
     * arrays cost more JVM time (pgjdbc's binary array encoding, and its allocations) than the rest of
     * the call. Prepared once per connection and count, as pgjdbc caches statements by their text.
     */
    private static final int LIGHT_EVENTS_MAX = 8;

    private static final String[] LIGHT_STATEMENTS = lightStatements();

    private static String[] lightStatements() {
        String[] statements = new String[LIGHT_EVENTS_MAX + 1];
        StringBuilder rows = new StringBuilder();
        for (int events = 1; events <= LIGHT_EVENTS_MAX; events++) {
            rows.append(events == 1 ? "" : ", ").append("(?::bigint, ?::text, ?::text)");
            statements[events] = LIGHT_STATEMENT.formatted(rows);
        }
        return statements;
    }

    private final DSLContext dsl;

    CommitRepository(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl is null");
    }

    /**
     * Writes the commits (fenced on {@code owner}, null for an operation under the row lock) and
     * returns one result per commit, in order.
     */
    List<CommitResult> write(List<ExecutionCommit> groupCommits, String owner, Instant now) {
        // Light only when alone: a lone activation waits for its own commit, and that latency is what
        // a light commit shortens. Grouped, the full statement stays (see the class comment).
        if (groupCommits.size() == 1 && isLight(groupCommits.getFirst(), owner)) {
            return writeLight(groupCommits.getFirst(), owner);
        }
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
        List<String> messageIds = new ArrayList<>();
        List<Long> messageSeqs = new ArrayList<>();
        List<String> recipients = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<String> extras = new ArrayList<>();
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
            for (OutboxMessage message : commit.messages()) {
                messageIds.add(commit.executionId());
                messageSeqs.add(message.seq());
                recipients.add(message.recipient().orElse(null));
                texts.add(message.text());
                extras.add(message.extras().isEmpty() ? null : MessageExtrasJson.write(message.extras()));
            }
            for (InputConsumption input : commit.consumedInputs()) {
                inputIds.add(commit.executionId());
                inboxIds.add(input.inboxId());
                inputSeqs.add(input.seq());
            }
        }
        EventColumns events = EventColumns.of(commits);
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
            events.ids(),
            events.seqs(),
            events.types(),
            events.payloads(),
            messageIds.toArray(String[]::new),
            messageSeqs.toArray(Long[]::new),
            recipients.toArray(String[]::new),
            texts.toArray(String[]::new),
            extras.toArray(String[]::new),
            inputIds.toArray(String[]::new),
            inboxIds.toArray(Long[]::new),
            inputSeqs.toArray(Long[]::new)
        };
        return answers(groupCommits, run(STATEMENT, bindings));
    }

    /**
     * Whether a commit only appends events (see the class comment): it changes nothing on the row.
     *
     * @param commit the commit
     * @param owner its lease owner; null (an operation under the row lock) always writes the row
     * @return true for a light commit
     */
    static boolean isLight(ExecutionCommit commit, String owner) {
        return owner != null
                && commit.transition() instanceof Transition.Continue
                && commit.snapshot().isEmpty()
                && commit.messages().isEmpty()
                && commit.consumedInputs().isEmpty()
                && commit.children().isEmpty()
                && commit.wakeParent().isEmpty()
                && !commit.events().isEmpty()
                && commit.events().size() <= LIGHT_EVENTS_MAX;
    }

    /**
     * Whether every commit of a group only appends events: each goes on running ({@link
     * Transition.Continue}) with no snapshot, message, consumed input, child or parent to wake.
     *
     * @param commits the group's commits
     * @return true when {@link #appendFenced} may write them
     */
    static boolean appendsOnly(List<ExecutionCommit> commits) {
        for (ExecutionCommit commit : commits) {
            if (!(commit.transition() instanceof Transition.Continue)
                    || commit.snapshot().isPresent()
                    || !commit.messages().isEmpty()
                    || !commit.consumedInputs().isEmpty()
                    || !commit.children().isEmpty()
                    || commit.wakeParent().isPresent()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Appends the events of commits whose rows the caller's transaction already holds locked {@code
     * FOR UPDATE} at their expected version and lease (a transactional group's fence, {@link
     * TransactionalFence}): one insert, no row update. It is a light commit of the whole group — the
     * fence is the lock, taken before the group's handlers ran — so each row keeps its version, {@code
     * last_seq} and {@code updated_at}, and whoever folds the state reads every event after the
     * snapshot, as after a light commit. A take-over waits for the transaction and then reads the
     * appended events; a group whose fence failed never gets here. Only for commits that {@link
     * #appendsOnly} accepts.
     *
     * @param commits the commits, every one fenced
     * @param fenced the fenced rows' cancel reasons by execution id (null: none requested)
     * @return one result per commit, in order: committed at its expected version
     */
    List<CommitResult> appendFenced(List<ExecutionCommit> commits, Map<String, String> fenced) {
        EventColumns events = EventColumns.of(commits);
        if (events.ids().length > 0) {
            dsl.connection(connection -> {
                try (PreparedStatement statement = connection.prepareStatement(APPEND_FENCED)) {
                    statement.setObject(1, events.ids());
                    statement.setObject(2, events.seqs());
                    statement.setObject(3, events.types());
                    statement.setObject(4, events.payloads());
                    statement.executeUpdate();
                }
            });
        }
        List<CommitResult> answers = new ArrayList<>(commits.size());
        for (ExecutionCommit commit : commits) {
            String id = commit.executionId();
            if (!fenced.containsKey(id)) {
                throw new IllegalStateException("execution " + id + " is not fenced in this transaction");
            }
            answers.add(new CommitResult(id, true, commit.expectedVersion(), Optional.ofNullable(fenced.get(id))));
        }
        return answers;
    }

    private List<CommitResult> writeLight(ExecutionCommit commit, String owner) {
        List<EventRecord> events = commit.events();
        Object[] bindings = new Object[3 + 3 * events.size()];
        bindings[0] = commit.executionId();
        bindings[1] = commit.expectedVersion();
        bindings[2] = owner;
        int next = 3;
        for (EventRecord event : events) {
            bindings[next++] = event.seq();
            bindings[next++] = event.type();
            bindings[next++] = event.json();
        }
        return answers(List.of(commit), run(LIGHT_STATEMENTS[events.size()], bindings));
    }

    /** The events of a group's commits as the columns the statements unnest. */
    private record EventColumns(String[] ids, Long[] seqs, String[] types, String[] payloads) {
        static EventColumns of(List<ExecutionCommit> commits) {
            List<String> ids = new ArrayList<>();
            List<Long> seqs = new ArrayList<>();
            List<String> types = new ArrayList<>();
            List<String> payloads = new ArrayList<>();
            for (ExecutionCommit commit : commits) {
                for (EventRecord event : commit.events()) {
                    ids.add(commit.executionId());
                    seqs.add(event.seq());
                    types.add(event.type());
                    payloads.add(event.json());
                }
            }
            return new EventColumns(
                    ids.toArray(String[]::new),
                    seqs.toArray(Long[]::new),
                    types.toArray(String[]::new),
                    payloads.toArray(String[]::new));
        }
    }

    /** Runs a commit statement; the fenced rows' answers by execution id. */
    private Map<String, CommitResult> run(String sql, Object[] bindings) {
        // Plain JDBC for these statements: pgjdbc sends the arrays itself and keeps the statement
        // prepared on the connection; jOOQ would render every array as escaped text first.
        return dsl.connectionResult(connection -> {
            Map<String, CommitResult> rows = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
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
    }

    /** One answer per commit, in the group's order: committed, or its lease was lost. */
    private static List<CommitResult> answers(List<ExecutionCommit> groupCommits, Map<String, CommitResult> fenced) {
        List<CommitResult> answers = new ArrayList<>(groupCommits.size());
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
