package io.basicflow.persistence;

import static io.basicflow.persistence.internal.jooq.Tables.WORKFLOW_OUTBOX;
import static java.util.Objects.requireNonNull;

import io.basicflow.engine.api.MessageExtras;
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
                .fetch(OutboxRepository::view);
    }

    /** The messages of an execution and its descendants after a position, in position order. */
    List<MessageView> conversationAfter(String executionId, long afterPosition, int limit) {
        return dsl.selectFrom(O)
                .where(O.CONVERSATION_ID.eq(conversationOf(executionId)))
                .and(O.ID.gt(afterPosition))
                .and(O.EXECUTION_ID.eq(executionId).or(O.EXECUTION_ID.startsWith(executionId + "~")))
                .orderBy(O.ID)
                .limit(limit)
                .fetch(OutboxRepository::view);
    }

    /** Marks the messages of an execution and its descendants up to a position acknowledged. */
    int acknowledgeConversation(String executionId, long uptoPosition) {
        return dsl.update(O)
                .set(O.ACKNOWLEDGED_AT, DSL.currentOffsetDateTime())
                .where(O.CONVERSATION_ID.eq(conversationOf(executionId)))
                .and(O.ID.le(uptoPosition))
                .and(O.EXECUTION_ID.eq(executionId).or(O.EXECUTION_ID.startsWith(executionId + "~")))
                .and(O.ACKNOWLEDGED_AT.isNull())
                .execute();
    }

    /** The root of an execution's tree: child ids are {@code <parent>~<seq>}, and callers' ids have no '~'. */
    private static String conversationOf(String executionId) {
        int tilde = executionId.indexOf('~');
        return tilde < 0 ? executionId : executionId.substring(0, tilde);
    }

    private static MessageView view(io.basicflow.persistence.internal.jooq.tables.records.WorkflowOutboxRecord row) {
        return new MessageView(
                row.getExecutionId(),
                row.getSeq(),
                row.getId(),
                Optional.ofNullable(row.getRecipient()),
                row.getMessage(),
                row.getCreatedAt().toInstant(),
                row.getAcknowledgedAt() != null,
                row.getExtras() == null
                        ? MessageExtras.NONE
                        : MessageExtrasJson.read(row.getExtras().data()));
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
