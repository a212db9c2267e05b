package io.basicflow.data;

import static io.basicflow.data.DataEngines.assertCompleted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The store forms of {@code SET} and {@code GET} real scripts write: {@code SET "session.key" = value} /
 * {@code GET "session.key"} (the erp bot) — the conversation's session store, the one {@code SET SESSION}
 * uses — and {@code SET name, value} / {@code x = GET name} (the office bot) — the user's store; next to
 * {@code SET "table", filter, values}, which keeps its meaning. Direct and durable on a real PostgreSQL.
 */
@ExtendWith(PostgresExtension.class)
class StoreFormsTest {

    static final String SCRIPT = """
            role = GET role
            IF ISNULL(role) THEN
                TALK "asked"
                role = LOWER("Manager")
                SET role, role
            END IF
            TALK "role " + role
            SET "session.po_id" = "PO-" + 7
            po = GET "session.po_id"
            TALK "po " + po
            same = GET SESSION "po_id"
            TALK "same " + (same = po)
            SET "session.count", 2
            c = GET SESSION "count"
            TALK "count " + (c + 1)
            INSERT INTO "orders" WITH id = 1, status = "open"
            n = SET "orders", "id=1", "status=done"
            rows = FIND "orders", "status=done"
            TALK "table " + n + " " + LEN(rows)
            """;

    @Test
    void sessionAndUserStoreFormsInBothModesAndTheTableFormStays(TestDatabase database) throws Exception {
        DataEngines.Run direct = DataEngines.direct(database, "storedirect/start.bas", SCRIPT, List.of());
        assertCompleted(direct);
        assertThat(direct.messages())
                .containsExactly("asked", "role manager", "po PO-7", "same true", "count 3", "table 1 1");
        try (DurableFixture engine = DataEngines.fixture(database)) {
            Value user = new MapValue(Map.of("id", new TextValue("u-42")));
            DataEngines.Run durable =
                    DataEngines.durable(engine, "storedurable/start.bas", SCRIPT, Map.of("user", user));
            assertCompleted(durable);
            assertThat(durable.messages()).isEqualTo(direct.messages());
            // the same user, another conversation: the role is remembered, the session is new
            DataEngines.Run again = DataEngines.durable(
                    engine,
                    "storedurable/again.bas",
                    "role = GET role\nTALK \"role \" + role\npo = GET \"session.po_id\"\nTALK \"po \" + ISNULL(po)\n"
                            + "IF FALSE THEN SET role, \"x\"\n",
                    Map.of("user", user));
            assertCompleted(again);
            assertThat(again.messages()).containsExactly("role manager", "po true");
        }
        assertThat(DataEngines.rows(database, "bot_storedurable", "basicflow_user_memory", "updated_at", "expires_at"))
                .containsExactly("user_id=u-42, key=role, value=\"manager\"");
    }

    @Test
    void aTwoArgumentSetOfATextIsTheSessionStoreAndABlankOneIsACompileError(TestDatabase database) throws Exception {
        // multi-agent-orchestration.md: SET "current_topic", "billing" ("store in session"), then GET it back
        var run = DataEngines.direct(
                database,
                "storetext/start.bas",
                "SET \"current_topic\", \"billing\"\ntopic = GET \"current_topic\"\nTALK \"topic \" + topic\n",
                List.of());
        assertThat(run.messages()).containsExactly("topic billing");
        for (String line : List.of("SET \" \", \"status=done\"\n", "SET \"user.role\" = 1\n")) {
            assertThatThrownBy(() -> DataEngines.direct(database, "storebad/start.bas", line, List.of()))
                    .as(line)
                    .hasMessageContaining("SET");
        }
        assertThatThrownBy(() ->
                        DataEngines.direct(database, "storebad/start.bas", "SET \" \", \"status=done\"\n", List.of()))
                .hasMessageContaining("SET name, value")
                .hasMessageContaining("SET \"table\", filter, values");
    }
}
