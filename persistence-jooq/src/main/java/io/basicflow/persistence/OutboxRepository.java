package io.basicflow.persistence;

import static io.basicflow.persistence.internal.jooq.Tables.WORKFLOW_OUTBOX;
import static java.util.Objects.requireNonNull;

import io.basicflow.engine.api.MessageView;
import io.basicflow.persistence.internal.jooq.tables.WorkflowOutbox;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The {@code workflow_outbox}: messages for the channel. One explicit query per method. */
final class OutboxRepository {

    private static final WorkflowOutbox O = WORKFLOW_OUTBOX;

    private final DSLContext dsl;

    OutboxRepository(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl is null");
    }

    /** An execution's messages after a sequence number, in order. */
    List<MessageView> after(String executionId, long afterSeq, int limit) {
        return dsl.selectFrom(O)
                .where(O.EXECUTION_ID.eq(executionId))
                .and(O.SEQ.gt(afterSeq))
                .orderBy(O.SEQ)
                .limit(limit)
                .fetch(row -> new MessageView(
                        row.getExecutionId(),
                        row.getSeq(),
                        Optional.ofNullable(row.getRecipient()),
                        row.getMessage(),
                        row.getCreatedAt().toInstant(),
                        row.getAcknowledgedAt() != null));
    }

    /** Marks an execution's messages up to a sequence number acknowledged. */
    int acknowledge(String executionId, long uptoSeq) {
        return dsl.update(O)
                .set(O.ACKNOWLEDGED_AT, DSL.currentOffsetDateTime())
                .where(O.EXECUTION_ID.eq(executionId))
                .and(O.SEQ.le(uptoSeq))
                .and(O.ACKNOWLEDGED_AT.isNull())
                .execute();
    }
}
