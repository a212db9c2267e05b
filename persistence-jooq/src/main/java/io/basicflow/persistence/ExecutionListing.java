package io.basicflow.persistence;

import static io.basicflow.persistence.internal.jooq.Tables.WORKFLOW_EXECUTIONS;

import io.basicflow.engine.api.ExecutionQuery;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.persistence.internal.jooq.tables.WorkflowExecutions;
import io.basicflow.persistence.internal.jooq.tables.records.WorkflowExecutionsRecord;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The listing query of {@code GET /executions} and {@code basicflow list}: a page of executions, newest
 * first, each part read from an index in that order or from a small partial index.
 *
 * <p>The listing indexes ({@code by_status}, {@code by_created}, {@code by_script_name}, migration
 * V81) hold only the settled executions, those neither {@code RUNNABLE} nor {@code RUNNING}, so that
 * an input's delivery and a worker's claim write no entry in them. A page is therefore the union of up
 * to three parts, each limited to the page and merged in order:
 *
 * <ul>
 *   <li>settled: the listing indexes, read in creation order;
 *   <li>{@code RUNNABLE}: the claim's partial index ({@code claimable}), sorted;
 *   <li>{@code RUNNING}: the lease's partial index ({@code expired_leases}), sorted.
 * </ul>
 *
 * The status literals are in the SQL text (not bound), so that the planner matches the partial
 * indexes' predicates in a generic plan too. A filter on statuses leaves out the parts it excludes.
 */
final class ExecutionListing {

    private static final WorkflowExecutions E = WORKFLOW_EXECUTIONS;

    /** The statuses a delivery, a claim or a start moves an execution into, that no listing index holds. */
    static final Set<ExecutionStatus> IN_FLIGHT = EnumSet.of(ExecutionStatus.RUNNABLE, ExecutionStatus.RUNNING);

    private static final Condition SETTLED = E.STATUS.notIn(
            IN_FLIGHT.stream().map(status -> DSL.inline(status.name())).toList());

    private ExecutionListing() {}

    /**
     * The query of one page: at most {@code limit} rows (the caller asks one more than the page to
     * know whether another page follows), newest first.
     *
     * @param filters the query's conditions on name, creation time and cursor (not on status)
     */
    static Select<? extends Record> query(DSLContext dsl, ExecutionQuery query, List<Condition> filters, int limit) {
        Set<ExecutionStatus> wanted =
                query.statuses().isEmpty() ? EnumSet.allOf(ExecutionStatus.class) : EnumSet.copyOf(query.statuses());
        List<Select<WorkflowExecutionsRecord>> parts = new ArrayList<>(3);
        List<String> settled = wanted.stream()
                .filter(status -> !IN_FLIGHT.contains(status))
                .map(ExecutionStatus::name)
                .toList();
        if (!settled.isEmpty()) {
            Condition which = query.statuses().isEmpty() ? SETTLED : SETTLED.and(E.STATUS.in(settled));
            parts.add(part(dsl, which, filters, limit));
        }
        for (ExecutionStatus status : IN_FLIGHT) {
            if (wanted.contains(status)) {
                parts.add(part(dsl, E.STATUS.eq(DSL.inline(status.name())), filters, limit));
            }
        }
        if (parts.size() == 1) {
            return parts.getFirst();
        }
        Select<WorkflowExecutionsRecord> union = parts.getFirst();
        for (Select<WorkflowExecutionsRecord> part : parts.subList(1, parts.size())) {
            union = union.unionAll(part);
        }
        Table<WorkflowExecutionsRecord> listed = union.asTable("listed");
        return dsl.select()
                .from(listed)
                .orderBy(listed.field(E.CREATED_AT).desc(), listed.field(E.ID).desc())
                .limit(limit);
    }

    private static Select<WorkflowExecutionsRecord> part(
            DSLContext dsl, Condition status, List<Condition> filters, int limit) {
        return dsl.selectFrom(E)
                .where(status.and(DSL.and(filters)))
                .orderBy(E.CREATED_AT.desc(), E.ID.desc())
                .limit(limit);
    }
}
