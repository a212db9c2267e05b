package io.basicflow.persistence;

import static io.basicflow.persistence.internal.jooq.Tables.WORKFLOW_EXECUTIONS;
import static java.util.Objects.requireNonNull;

import io.basicflow.engine.api.ExecutionIds;
import io.basicflow.engine.api.ExecutionPage;
import io.basicflow.engine.api.ExecutionQuery;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionSummary;
import io.basicflow.engine.api.InvalidCursorException;
import io.basicflow.engine.store.EventStore;
import io.basicflow.engine.store.ExecutionRecord;
import io.basicflow.engine.store.NewExecution;
import io.basicflow.persistence.internal.jooq.tables.WorkflowExecutions;
import io.basicflow.persistence.internal.jooq.tables.records.WorkflowExecutionsRecord;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** The {@code workflow_executions} rows: one explicit query per method. */
final class ExecutionRepository {

    private static final WorkflowExecutions E = WORKFLOW_EXECUTIONS;
    private static final List<String> CLAIMABLE =
            List.of(ExecutionStatus.RUNNABLE.name(), ExecutionStatus.WAITING_TIMER.name());

    /**
     * The claimable statuses as literals in the SQL: the partial indexes on claimable work and on
     * running leases are usable only when the planner sees the status values, which a generic plan
     * of a prepared statement with bound values does not (measured with generic plans forced: a
     * claim among 100,000 waiting executions scanned them all, 5 times slower parking and resuming).
     */
    private static final List<org.jooq.Field<String>> CLAIMABLE_INLINE =
            CLAIMABLE.stream().<org.jooq.Field<String>>map(DSL::inline).toList();

    private final DSLContext dsl;

    ExecutionRepository(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl is null");
    }

    /**
     * Creates executions (distinct ids) in one statement: their scripts (unless stored), their rows
     * (unless the id exists) and their first events. Returns, per execution in order, empty when it
     * was created, else the script hash of the execution that had the id. An execution with a lease is
     * created RUNNING, leased for its timeout from the database's clock (as a claim would lease it).
     */
    List<Optional<String>> createAll(List<NewExecution> executions) {
        int n = executions.size();
        String[] ids = new String[n];
        String[] hashes = new String[n];
        String[] names = new String[n];
        String[] sources = new String[n];
        String[] states = new String[n];
        String[] wakeAts = new String[n];
        String[] parents = new String[n];
        Long[] parentSeqs = new Long[n];
        String[] types = new String[n];
        String[] payloads = new String[n];
        String[] leaseOwners = new String[n];
        Long[] leaseMillis = new Long[n];
        for (int i = 0; i < n; i++) {
            NewExecution execution = executions.get(i);
            ids[i] = execution.id();
            hashes[i] = execution.scriptHash();
            names[i] = execution.scriptName();
            sources[i] = execution.scriptSource();
            states[i] = execution.snapshotJson();
            wakeAts[i] = execution.runnableAt().toString();
            parents[i] =
                    execution.parent().map(NewExecution.ParentLink::parentId).orElse(null);
            parentSeqs[i] =
                    execution.parent().map(NewExecution.ParentLink::parentSeq).orElse(null);
            types[i] = execution.started().type();
            payloads[i] = execution.started().json();
            leaseOwners[i] = execution.lease().map(NewExecution.Lease::owner).orElse(null);
            leaseMillis[i] =
                    execution.lease().map(lease -> lease.timeout().toMillis()).orElse(null);
        }
        Object[] bindings = {
            ids, hashes, names, sources, states, wakeAts, parents, parentSeqs, types, payloads, leaseOwners, leaseMillis
        };
        // Plain JDBC: starts are frequent; pgjdbc sends the arrays itself and keeps the statement prepared.
        java.util.Map<String, String[]> rows = dsl.connectionResult(connection -> {
            java.util.Map<String, String[]> answers = new java.util.HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(CREATE)) {
                for (int i = 0; i < bindings.length; i++) {
                    statement.setObject(i + 1, bindings[i]);
                }
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        answers.put(
                                row.getString(1),
                                new String[] {row.getBoolean(2) ? "created" : null, row.getString(3)});
                    }
                }
            }
            return answers;
        });
        List<Optional<String>> results = new ArrayList<>(n);
        for (String id : ids) {
            String[] row = rows.get(id);
            if (row[0] != null) {
                results.add(Optional.empty());
            } else {
                // A start of the same id that committed while this statement ran is not in its snapshot.
                results.add(Optional.of(row[1] != null ? row[1] : scriptHash(id).orElseThrow()));
            }
        }
        return results;
    }

    private static final String CREATE = """
            with v (id, hash, name, source, state, wake_at, parent_id, parent_seq, type, payload, lease_owner, lease_ms) as (
                select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                     ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::bigint[])
            ),
            scripts as (
                insert into workflow_scripts (hash, name, source)
                select distinct on (hash) hash, name, source from v
                on conflict (hash) do nothing
            ),
            created as (
                insert into workflow_executions
                    (id, script_hash, script_name, status, state, snapshot_seq, last_seq, wake_at,
                     parent_id, parent_seq, lease_owner, lease_expires_at)
                select id, hash, name, case when lease_owner is null then 'RUNNABLE' else 'RUNNING' end,
                       state::json, 1, 1, wake_at::timestamptz, parent_id, parent_seq, lease_owner,
                       current_timestamp + lease_ms * interval '1 millisecond'
                from v
                on conflict (id) do nothing
                returning id
            ),
            started as (
                insert into workflow_events (execution_id, seq, type, payload)
                select v.id, 1, v.type, v.payload::json from v join created c on c.id = v.id
            )
            select v.id, c.id is not null, e.script_hash
            from v
            left join created c on c.id = v.id
            left join workflow_executions e on e.id = v.id
            """;

    /**
     * Counts input deliveries and stores the inputs, in one statement: each input goes to its
     * conversation's owner (the execution, or the innermost running child it waits for), and each
     * execution that has not ended gets its inbox version bumped (and becomes runnable if it waited for input) and its inputs
     * stored in order. An input whose delivery id its conversation has seen (before, or earlier in
     * this batch) is a repeat and is not stored. Returns, per delivery in order, the status before
     * (under the row lock; empty for an unknown execution) and whether it was a repeat.
     */
    List<EventStore.Delivered> deliver(List<EventStore.InputDelivery> deliveries, Instant now) {
        int n = deliveries.size();
        Long[] order = new Long[n];
        String[] ids = new String[n];
        String[] inputs = new String[n];
        String[] deliveryIds = new String[n];
        for (int i = 0; i < n; i++) {
            EventStore.InputDelivery delivery = deliveries.get(i);
            order[i] = (long) i;
            ids[i] = delivery.executionId();
            inputs[i] = delivery.input();
            deliveryIds[i] = delivery.deliveryId().orElse(null);
        }
        EventStore.Delivered[] delivered = dsl.connectionResult(connection -> {
            EventStore.Delivered[] rows = new EventStore.Delivered[n];
            try (PreparedStatement statement = connection.prepareStatement(DELIVER)) {
                statement.setObject(1, order);
                statement.setObject(2, ids);
                statement.setObject(3, inputs);
                statement.setObject(4, deliveryIds);
                statement.setObject(5, Times.of(now));
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        rows[(int) row.getLong(1)] = new EventStore.Delivered(
                                Optional.ofNullable(row.getString(2)).map(ExecutionStatus::valueOf), row.getBoolean(3));
                    }
                }
            }
            return rows;
        });
        return List.of(delivered);
    }

    // A repeated delivery id is found by inserting it first (on conflict do nothing): a concurrent
    // delivery of the same id waits for this one and then finds it, where a plain lookup would miss it.
    //
    // The conversation belongs to the script that runs: input for an execution that waits for a
    // child (a CALL "x.bas" that asks questions) goes to the innermost child that has not ended, found
    // by following each waiting parent to the child of its last event (the ChildStarted it waits on).
    // Children are started after their parents, so the chain ends; the depth bound only guards it.
    private static final String DELIVER = """
            with recursive given (ord, id, input, delivery) as (
                select * from unnest(?::bigint[], ?::text[], ?::text[], ?::text[])
            ),
            route (ord, id, depth) as (
                select g.ord, g.id, 0 from given g
                union all
                select r.ord, c.id, r.depth + 1
                from route r
                join workflow_executions p on p.id = r.id and p.status = 'WAITING_CHILD'
                join workflow_executions c on c.parent_id = p.id and c.parent_seq = p.last_seq
                where c.status not in ('COMPLETED', 'FAILED', 'CANCELLED') and r.depth < 1000
            ),
            v (ord, id, input, delivery) as (
                select distinct on (r.ord) r.ord, r.id, g.input, g.delivery
                from route r join given g on g.ord = r.ord
                order by r.ord, r.depth desc
            ),
            target as (
                select e.id, e.status from workflow_executions e
                where e.id in (select id from v)
                order by e.id
                for update
            ),
            keyed as (
                insert into workflow_input_deliveries (conversation_id, delivery_id, execution_id)
                select distinct on (split_part(v.id, '~', 1), v.delivery) split_part(v.id, '~', 1), v.delivery, v.id
                from v join target t on t.id = v.id
                where v.delivery is not null and t.status not in ('COMPLETED', 'CANCELLED')
                order by split_part(v.id, '~', 1), v.delivery, v.ord
                on conflict do nothing
                returning conversation_id, delivery_id
            ),
            fresh as (
                select v.ord, v.id, v.input, v.delivery from v where v.delivery is null
                union all
                (select distinct on (k.conversation_id, k.delivery_id) v.ord, v.id, v.input, v.delivery
                from v join keyed k on k.conversation_id = split_part(v.id, '~', 1) and k.delivery_id = v.delivery
                order by k.conversation_id, k.delivery_id, v.ord)
            ),
            counts as (
                select id, count(*) as n from fresh group by id
            ),
            bumped as (
                update workflow_executions e set
                    inbox_version = e.inbox_version + c.n,
                    status = case when t.status = 'WAITING_INPUT' then 'RUNNABLE' else e.status end,
                    wake_at = case when t.status = 'WAITING_INPUT' then ?::timestamptz else e.wake_at end,
                    updated_at = now()
                from target t join counts c on c.id = t.id
                where e.id = t.id and t.status not in ('COMPLETED', 'CANCELLED')
                returning e.id
            ),
            stored as (
                insert into workflow_inbox (execution_id, payload, delivery_id)
                select f.id, f.input, f.delivery from fresh f join bumped b on b.id = f.id order by f.ord
            )
            select v.ord, t.status,
                v.delivery is not null and t.id is not null
                    and not exists (select 1 from fresh f where f.ord = v.ord)
                    and (t.status not in ('COMPLETED', 'CANCELLED')
                        or exists (select 1 from workflow_input_deliveries d
                                   where d.conversation_id = split_part(v.id, '~', 1) and d.delivery_id = v.delivery))
            from v left join target t on t.id = v.id
            """;

    /** The script hash of an execution. */
    Optional<String> scriptHash(String id) {
        return dsl.select(E.SCRIPT_HASH).from(E).where(E.ID.eq(id)).fetchOptional(E.SCRIPT_HASH);
    }

    /**
     * One execution. Plain JDBC with a constant statement: every start answers with the new
     * execution's view, and rendering this with jOOQ cost more CPU than the query (bench chat).
     */
    Optional<ExecutionRecord> find(String id) {
        return one(FIND + "where id = ?", id);
    }

    /**
     * One execution's status alone (no state transferred). Plain JDBC with a constant statement: a
     * long-poll runs it at every wait, and rendering it with jOOQ cost more CPU than the query.
     */
    Optional<ExecutionStatus> status(String id) {
        return dsl.connectionResult(connection -> {
            try (PreparedStatement statement =
                    connection.prepareStatement("select status from workflow_executions where id = ?")) {
                statement.setString(1, id);
                try (java.sql.ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(ExecutionStatus.valueOf(rows.getString(1))) : Optional.empty();
                }
            }
        });
    }

    /** One execution, locked until the transaction ends. */
    Optional<ExecutionRecord> lock(String id) {
        return one(FIND + "where id = ? for update", id);
    }

    /** The child started by a parent's event. */
    Optional<ExecutionRecord> child(String parentId, long parentSeq) {
        return one(FIND + "where parent_id = ? and parent_seq = ?", parentId, parentSeq);
    }

    /** Every column of {@link ExecutionRecord}, in the order {@link #one} reads them. */
    private static final String FIND = """
            select id, script_hash, script_name, status, state::text, snapshot_seq, last_seq, version,
                   inbox_version, lease_owner, wake_at, cancel_reason, parent_id, result::text, error::text,
                   created_at, updated_at
            from workflow_executions
            """;

    /** The one row (or none) a {@link #FIND} query selects, as a record. */
    private Optional<ExecutionRecord> one(String sql, Object... parameters) {
        return dsl.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                try (java.sql.ResultSet row = statement.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    String state = row.getString(5);
                    return Optional.of(new ExecutionRecord(
                            row.getString(1),
                            row.getString(2),
                            row.getString(3),
                            ExecutionStatus.valueOf(row.getString(4)),
                            state == null ? "" : state,
                            row.getLong(6),
                            row.getLong(7),
                            row.getLong(8),
                            row.getLong(9),
                            Optional.ofNullable(row.getString(10)),
                            Optional.ofNullable(Times.of(row.getObject(11, OffsetDateTime.class))),
                            Optional.ofNullable(row.getString(12)),
                            Optional.ofNullable(row.getString(13)),
                            Optional.ofNullable(row.getString(14)),
                            Optional.ofNullable(row.getString(15)),
                            row.getObject(16, OffsetDateTime.class).toInstant(),
                            row.getObject(17, OffsetDateTime.class).toInstant()));
                }
            }
        });
    }

    /** The earliest wake-up time of claimable executions. */
    Optional<Instant> nextWakeAt() {
        return Optional.ofNullable(dsl.select(DSL.min(E.WAKE_AT))
                        .from(E)
                        .where(E.STATUS.in(CLAIMABLE_INLINE))
                        .fetchOne(0, OffsetDateTime.class))
                .map(OffsetDateTime::toInstant);
    }

    /**
     * Extends the owner's leases on the given executions, skipping rows locked right now: a group
     * commit that writes some of them locks its rows in an order of its own, and waiting for it while
     * holding others deadlocked the two (seen in the effects benchmark). A row is locked only for the
     * length of a statement: the next heartbeat renews a skipped lease, well before it expires.
     */
    int renewLeases(String owner, Collection<String> ids, Duration leaseTimeout) {
        WorkflowExecutions renewed = E.as("renewed");
        var unlocked = DSL.select(renewed.ID)
                .from(renewed)
                .where(renewed.ID.in(ids))
                .and(renewed.LEASE_OWNER.eq(owner))
                .and(renewed.STATUS.eq(ExecutionStatus.RUNNING.name()))
                .forUpdate()
                .skipLocked();
        return dsl.update(E)
                .set(E.LEASE_EXPIRES_AT, leaseEnd(leaseTimeout))
                .where(E.ID.in(unlocked))
                .and(E.LEASE_OWNER.eq(owner))
                .and(E.STATUS.eq(ExecutionStatus.RUNNING.name()))
                .execute();
    }

    /** Makes running executions whose lease expired runnable again, except those the owner runs now. */
    int freeExpired(int limit, Instant now, String owner, Collection<String> running) {
        WorkflowExecutions expired = E.as("expired");
        var candidates = DSL.select(expired.ID)
                .from(expired)
                .where(expired.STATUS.eq(DSL.inline(ExecutionStatus.RUNNING.name())))
                .and(expired.LEASE_EXPIRES_AT.lt(DSL.currentOffsetDateTime()))
                .andNot(expired.LEASE_OWNER.eq(owner).and(expired.ID.in(running)))
                .limit(limit)
                .forUpdate()
                .skipLocked();
        return free(E.ID.in(candidates), now);
    }

    /** The owners of running executions. */
    List<String> leaseOwners() {
        // The literal lets a generic plan use the lease's partial index: no listing index holds RUNNING rows (V81).
        return dsl.selectDistinct(E.LEASE_OWNER)
                .from(E)
                .where(E.STATUS.eq(DSL.inline(ExecutionStatus.RUNNING.name())))
                .fetch(E.LEASE_OWNER);
    }

    /** Makes every execution leased by an owner runnable again. */
    int freeOwner(String owner, Instant now) {
        return free(E.LEASE_OWNER.eq(owner).and(E.STATUS.eq(DSL.inline(ExecutionStatus.RUNNING.name()))), now);
    }

    /** Gives one lease back. */
    boolean release(String id, String owner, Instant now) {
        return free(E.ID.eq(id).and(E.LEASE_OWNER.eq(owner)).and(E.STATUS.eq(ExecutionStatus.RUNNING.name())), now)
                == 1;
    }

    private int free(Condition which, Instant now) {
        return dsl.update(E)
                .set(E.STATUS, ExecutionStatus.RUNNABLE.name())
                .set(E.WAKE_AT, Times.of(now))
                .setNull(E.LEASE_OWNER)
                .setNull(E.LEASE_EXPIRES_AT)
                .set(E.VERSION, E.VERSION.plus(1))
                .set(E.UPDATED_AT, DSL.currentOffsetDateTime())
                .where(which)
                .execute();
    }

    /** Asks the worker of a running execution to cancel it. */
    void requestCancel(String id, String reason) {
        dsl.update(E)
                .set(E.CANCEL_REQUESTED_AT, DSL.coalesce(E.CANCEL_REQUESTED_AT, DSL.currentOffsetDateTime()))
                .set(E.CANCEL_REASON, DSL.coalesce(E.CANCEL_REASON, DSL.val(reason)))
                .where(E.ID.eq(id))
                .execute();
    }

    /**
     * Makes parents that wait for a child runnable. A parent that runs right now (a {@code PARALLEL}
     * step reading its children's ends) has its inbox version bumped instead: its commit that parks it
     * as {@code WAITING_CHILD} then sees the change and makes it runnable again, so that a child that
     * ends while its parent runs is never missed. So has a parent that is runnable already (woken by
     * another child, not yet claimed): the update must lock its row too, or a claim could take it
     * between this update and this transaction's commit, read this child as still running, and park it
     * again with nobody left to wake it. A claim skips the locked row and takes it once this commit is
     * visible (the commit notifies). The update locks the parent's row in every case, which orders it
     * against the parent's own commits and claims.
     *
     * <p>A parent that waits for a child with a deadline ({@code r = DELEGATE … TO BOT … TIMEOUT s}) is
     * parked as {@code WAITING_TIMER}, its last event the timer that follows the child's {@code
     * ChildStarted}: it is woken like a {@code WAITING_CHILD} parent. Other timers (a {@code WAIT} after
     * a fire-and-forget {@code DELEGATE}) are left to their time.
     */
    int wakeParents(Collection<String> parentIds, Instant now) {
        var child = WORKFLOW_EXECUTIONS.as("c");
        Condition waitingWithDeadline = E.STATUS
                .eq(ExecutionStatus.WAITING_TIMER.name())
                .and(DSL.exists(DSL.selectOne()
                        .from(child)
                        .where(child.PARENT_ID.eq(E.ID))
                        .and(child.PARENT_SEQ.eq(E.LAST_SEQ.minus(1L)))));
        Condition waiting = E.STATUS.eq(ExecutionStatus.WAITING_CHILD.name()).or(waitingWithDeadline);
        return dsl.update(E)
                .set(
                        E.STATUS,
                        DSL.when(waiting, ExecutionStatus.RUNNABLE.name()).otherwise(E.STATUS))
                .set(E.WAKE_AT, DSL.when(waiting, Times.of(now)).otherwise(E.WAKE_AT))
                .set(E.INBOX_VERSION, DSL.when(waiting, E.INBOX_VERSION).otherwise(E.INBOX_VERSION.plus(1L)))
                .set(E.UPDATED_AT, DSL.currentOffsetDateTime())
                .where(E.ID.in(parentIds))
                .and(E.STATUS
                        .in(
                                ExecutionStatus.WAITING_CHILD.name(),
                                ExecutionStatus.RUNNING.name(),
                                ExecutionStatus.RUNNABLE.name())
                        .or(waitingWithDeadline))
                .execute();
    }

    /** A page of executions, newest first, after a keyset cursor. */
    /** How many executions there are in each status (statuses with none are absent). */
    java.util.Map<ExecutionStatus, Long> countByStatus() {
        java.util.Map<ExecutionStatus, Long> counts = new java.util.EnumMap<>(ExecutionStatus.class);
        dsl.select(E.STATUS, DSL.count())
                .from(E)
                .groupBy(E.STATUS)
                .fetch()
                .forEach(row -> counts.put(
                        ExecutionStatus.valueOf(row.value1()), row.value2().longValue()));
        return counts;
    }

    /** The query of a page of {@link #list}: one row more than the page, newest first ({@link ExecutionListing}). */
    org.jooq.Select<? extends org.jooq.Record> listQuery(ExecutionQuery query) {
        List<Condition> conditions = new ArrayList<>();
        query.scriptName().ifPresent(name -> conditions.add(E.SCRIPT_NAME.eq(name)));
        query.createdFrom().ifPresent(from -> conditions.add(E.CREATED_AT.ge(Times.of(from))));
        query.createdTo().ifPresent(to -> conditions.add(E.CREATED_AT.lt(Times.of(to))));
        query.after().ifPresent(cursor -> {
            Cursor after = Cursor.decode(cursor);
            conditions.add(DSL.row(E.CREATED_AT, E.ID).lt(Times.of(after.createdAt()), after.id()));
        });
        return ExecutionListing.query(dsl, query, conditions, query.limit() + 1);
    }

    ExecutionPage list(ExecutionQuery query) {
        List<WorkflowExecutionsRecord> rows = listQuery(query).fetchInto(E);
        List<ExecutionSummary> page = new ArrayList<>(Math.min(rows.size(), query.limit()));
        for (int i = 0; i < rows.size() && i < query.limit(); i++) {
            WorkflowExecutionsRecord row = rows.get(i);
            page.add(new ExecutionSummary(
                    row.getId(),
                    row.getScriptName(),
                    ExecutionStatus.valueOf(row.getStatus()),
                    row.getCreatedAt().toInstant(),
                    row.getUpdatedAt().toInstant(),
                    Optional.ofNullable(row.getParentId())));
        }
        Optional<String> next = rows.size() > query.limit()
                ? Optional.of(
                        Cursor.encode(page.getLast().createdAt(), page.getLast().id()))
                : Optional.empty();
        return new ExecutionPage(page, next);
    }

    private static org.jooq.Field<OffsetDateTime> leaseEnd(Duration leaseTimeout) {
        return DSL.field(
                "{0} + {1} * interval '1 millisecond'",
                SQLDataType.TIMESTAMPWITHTIMEZONE, DSL.currentOffsetDateTime(), DSL.val(leaseTimeout.toMillis()));
    }

    /** A keyset cursor: the creation time (microseconds) and id of the last row of a page. */
    private record Cursor(Instant createdAt, String id) {

        static String encode(Instant createdAt, String id) {
            long micros = createdAt.getEpochSecond() * 1_000_000L + createdAt.getNano() / 1_000;
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((micros + ":" + id).getBytes(StandardCharsets.UTF_8));
        }

        /**
         * Times a cursor may name, in microseconds since the epoch: within what a timestamptz holds
         * (4713 BC to 294276 AD) and what a long holds in microseconds.
         */
        private static final long MIN_MICROS =
                Instant.parse("-4712-01-01T00:00:00Z").getEpochSecond() * 1_000_000L;

        private static final long MAX_MICROS =
                Instant.parse("+99999-12-31T00:00:00Z").getEpochSecond() * 1_000_000L;

        static Cursor decode(String cursor) {
            Cursor decoded;
            try {
                String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int colon = text.indexOf(':');
                long micros = Long.parseLong(text.substring(0, colon));
                if (micros < MIN_MICROS || micros > MAX_MICROS || colon == text.length() - 1) {
                    throw new InvalidCursorException(cursor);
                }
                Instant createdAt = Instant.ofEpochSecond(
                        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
                decoded = new Cursor(createdAt, text.substring(colon + 1));
            } catch (RuntimeException e) {
                throw new InvalidCursorException(cursor);
            }
            try {
                ExecutionIds.requireValid(decoded.id());
            } catch (IllegalArgumentException e) {
                throw new InvalidCursorException(cursor);
            }
            return decoded;
        }
    }
}
