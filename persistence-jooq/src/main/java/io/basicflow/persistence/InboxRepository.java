package io.basicflow.persistence;

import static io.basicflow.persistence.internal.jooq.Tables.WORKFLOW_INBOX;
import static java.util.Objects.requireNonNull;

import io.basicflow.engine.store.InboxMessage;
import io.basicflow.persistence.internal.jooq.tables.WorkflowInbox;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/** The {@code workflow_inbox}: inputs waiting for a {@code HEAR}. One explicit query per method. */
final class InboxRepository {

    private static final WorkflowInbox I = WORKFLOW_INBOX;

    private final DSLContext dsl;

    InboxRepository(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl is null");
    }

    /** The unconsumed inputs of executions, oldest first, by execution. */
    Map<String, List<InboxMessage>> unconsumed(Collection<String> executionIds) {
        Map<String, List<InboxMessage>> inputs = new HashMap<>();
        dsl.select(I.ID, I.EXECUTION_ID, I.PAYLOAD)
                .from(I)
                .where(I.EXECUTION_ID.in(executionIds))
                .and(I.CONSUMED_SEQ.isNull())
                .orderBy(I.ID)
                .fetch()
                .forEach(row -> inputs.computeIfAbsent(row.value2(), id -> new ArrayList<>())
                        .add(new InboxMessage(row.value1(), row.value3())));
        return inputs;
    }
}
