package io.basicflow.persistence;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.store.InboxMessage;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/** The {@code workflow_inbox}: inputs waiting for a {@code HEAR}. One explicit query per method. */
final class InboxRepository {

    /** Plain JDBC with constant text: every claim runs it (see {@link ClaimStatements}). */
    private static final String UNCONSUMED = """
            select execution_id, id, payload from workflow_inbox
            where execution_id = any (?::text[]) and consumed_seq is null
            order by id
            """;

    private final DSLContext dsl;

    InboxRepository(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl is null");
    }

    /** The unconsumed inputs of executions, oldest first, by execution. */
    Map<String, List<InboxMessage>> unconsumed(String[] executionIds) {
        return dsl.connectionResult(connection -> {
            Map<String, List<InboxMessage>> inputs = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(UNCONSUMED)) {
                statement.setObject(1, executionIds);
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        inputs.computeIfAbsent(row.getString(1), id -> new ArrayList<>())
                                .add(new InboxMessage(row.getLong(2), row.getString(3)));
                    }
                }
            }
            return inputs;
        });
    }
}
