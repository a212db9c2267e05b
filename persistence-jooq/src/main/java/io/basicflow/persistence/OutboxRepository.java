package io.basicflow.persistence;

import static io.basicflow.persistence.internal.jooq.Tables.WORKFLOW_OUTBOX;
import static java.util.Objects.requireNonNull;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.MessageExtras;
import io.basicflow.engine.api.MessageView;
import io.basicflow.engine.store.ConversationRead;
import io.basicflow.persistence.internal.jooq.tables.WorkflowOutbox;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
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

    /** The columns every query of messages reads, in the order {@link #view} maps them. */
    private static final String COLUMNS =
            "execution_id, seq, id, recipient, message, created_at, acknowledged_at, extras";

    private static final String AFTER = "select " + COLUMNS + """

            from workflow_outbox
            where execution_id = ? and seq > ?
            order by seq
            limit ?
            """;

    private static final String CONVERSATION_AFTER = "select " + COLUMNS + """

            from workflow_outbox
            where conversation_id = ? and id > ? and (execution_id = ? or execution_id like ? escape '!')
            order by id
            limit ?
            """;

    /**
     * {@link #CONVERSATION_AFTER} joined to the execution's status: one row per message, or one row
     * with no message columns when the page is empty, or no row when there is no such execution.
     */
    private static final String CONVERSATION_AND_STATUS = """
            select e.status, o.*
            from workflow_executions e
            left join lateral (""" + CONVERSATION_AFTER + """
            ) o on true
            where e.id = ?
            order by o.id
            """;

    /** An execution's messages after a sequence number, in order. */
    List<MessageView> after(String executionId, long afterSeq, int limit) {
        return query(AFTER, statement -> {
            statement.setString(1, executionId);
            statement.setLong(2, afterSeq);
            statement.setInt(3, limit);
        });
    }

    /**
     * The messages of an execution and its descendants after a position, in position order. Plain
     * JDBC with a constant statement: every long-poll of a chat runs it, and rendering it with jOOQ
     * cost more CPU than the query itself.
     */
    List<MessageView> conversationAfter(String executionId, long afterPosition, int limit) {
        return query(CONVERSATION_AFTER, statement -> {
            statement.setString(1, conversationOf(executionId));
            statement.setLong(2, afterPosition);
            statement.setString(3, executionId);
            statement.setString(4, likePrefix(executionId + "~"));
            statement.setInt(5, limit);
        });
    }

    /**
     * {@link #conversationAfter} and the execution's status in one statement (one round trip, one
     * snapshot): what an event stream reads after each wake-up.
     */
    ConversationRead conversationAndStatus(String executionId, long afterPosition, int limit) {
        return dsl.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(CONVERSATION_AND_STATUS)) {
                statement.setString(1, conversationOf(executionId));
                statement.setLong(2, afterPosition);
                statement.setString(3, executionId);
                statement.setString(4, likePrefix(executionId + "~"));
                statement.setInt(5, limit);
                statement.setString(6, executionId);
                List<MessageView> messages = new ArrayList<>();
                Optional<ExecutionStatus> status = Optional.empty();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        status = Optional.of(ExecutionStatus.valueOf(rows.getString(1)));
                        if (rows.getString(2) != null) {
                            messages.add(view(rows, 1));
                        }
                    }
                }
                return new ConversationRead(messages, status);
            }
        });
    }

    /** Binds a statement's parameters. */
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private List<MessageView> query(String sql, Binder binder) {
        return dsl.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(statement);
                List<MessageView> messages = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        messages.add(view(rows, 0));
                    }
                }
                return messages;
            }
        });
    }

    /**
     * {@link #COLUMNS} of a row, after {@code skip} other columns, as a message: the one mapping of the
     * outbox to the API.
     */
    private static MessageView view(ResultSet row, int skip) throws SQLException {
        String extras = row.getString(skip + 8);
        return new MessageView(
                row.getString(skip + 1),
                row.getLong(skip + 2),
                row.getLong(skip + 3),
                Optional.ofNullable(row.getString(skip + 4)),
                row.getString(skip + 5),
                row.getObject(skip + 6, OffsetDateTime.class).toInstant(),
                row.getObject(skip + 7, OffsetDateTime.class) != null,
                extras == null ? MessageExtras.NONE : MessageExtrasJson.read(extras));
    }

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
