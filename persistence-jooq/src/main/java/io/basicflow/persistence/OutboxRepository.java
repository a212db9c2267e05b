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

    /**
     * The messages of an execution and its descendants after a position, in position order. Plain
     * JDBC with a constant statement: every long-poll of a chat runs it, and rendering it with jOOQ
     * cost more CPU than the query itself.
     */
    List<MessageView> conversationAfter(String executionId, long afterPosition, int limit) {
        return dsl.connectionResult(connection -> {
            try (java.sql.PreparedStatement statement = connection.prepareStatement(CONVERSATION_AFTER)) {
                statement.setString(1, conversationOf(executionId));
                statement.setLong(2, afterPosition);
                statement.setString(3, executionId);
                statement.setString(4, likePrefix(executionId + "~"));
                statement.setInt(5, limit);
                List<MessageView> messages = new java.util.ArrayList<>();
                try (java.sql.ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        java.time.OffsetDateTime acknowledged = rows.getObject(7, java.time.OffsetDateTime.class);
                        String extras = rows.getString(8);
                        messages.add(new MessageView(
                                rows.getString(1),
                                rows.getLong(2),
                                rows.getLong(3),
                                Optional.ofNullable(rows.getString(4)),
                                rows.getString(5),
                                rows.getObject(6, java.time.OffsetDateTime.class)
                                        .toInstant(),
                                acknowledged != null,
                                extras == null ? MessageExtras.NONE : MessageExtrasJson.read(extras)));
                    }
                }
                return messages;
            }
        });
    }

    private static final String CONVERSATION_AFTER = """
            select execution_id, seq, id, recipient, message, created_at, acknowledged_at, extras
            from workflow_outbox
            where conversation_id = ? and id > ? and (execution_id = ? or execution_id like ? escape '!')
            order by id
            limit ?
            """;

    /** A LIKE pattern matching what starts with {@code prefix} ({@code !} escapes). */
    private static String likePrefix(String prefix) {
        return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
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
