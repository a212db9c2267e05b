package io.basicflow.persistence;

import static io.basicflow.persistence.internal.jooq.Tables.WORKFLOW_EVENTS;
import static java.util.Objects.requireNonNull;

import io.basicflow.engine.store.StoredEvent;
import io.basicflow.persistence.internal.jooq.tables.WorkflowEvents;
import io.basicflow.persistence.internal.jooq.tables.records.WorkflowEventsRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** The {@code workflow_events} log: one explicit query per method. */
final class EventRepository {

    private static final WorkflowEvents EV = WORKFLOW_EVENTS;

    private final DSLContext dsl;

    EventRepository(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl is null");
    }

    /** An execution's events after a sequence number, in order. */
    List<StoredEvent> after(String executionId, long afterSeq, int limit) {
        return dsl.selectFrom(EV)
                .where(EV.EXECUTION_ID.eq(executionId))
                .and(EV.SEQ.gt(afterSeq))
                .orderBy(EV.SEQ)
                .limit(limit)
                .fetch(EventRepository::toEvent);
    }

    /** The events after the given sequence number of each execution, grouped by execution, in order. */
    Map<String, List<StoredEvent>> tails(String[] executionIds, Long[] afterSeqs) {
        var after = DSL.table(
                        "unnest({0}, {1})",
                        DSL.val(executionIds, SQLDataType.VARCHAR.array()),
                        DSL.val(afterSeqs, SQLDataType.BIGINT.array()))
                .as("after", "execution_id", "seq");
        Field<String> afterId = DSL.field(DSL.name("after", "execution_id"), String.class);
        Field<Long> afterSeq = DSL.field(DSL.name("after", "seq"), Long.class);
        var rows = dsl.select(EV.fields())
                .from(EV)
                .join(after)
                .on(EV.EXECUTION_ID.eq(afterId))
                .and(EV.SEQ.gt(afterSeq))
                .orderBy(EV.EXECUTION_ID, EV.SEQ)
                .fetchInto(EV);
        Map<String, List<StoredEvent>> tails = new HashMap<>();
        for (WorkflowEventsRecord row : rows) {
            tails.computeIfAbsent(row.getExecutionId(), id -> new java.util.ArrayList<>())
                    .add(toEvent(row));
        }
        return tails;
    }

    private static StoredEvent toEvent(WorkflowEventsRecord row) {
        return new StoredEvent(
                row.getSeq(),
                row.getType(),
                row.getPayload().data(),
                row.getCreatedAt().toInstant());
    }
}
