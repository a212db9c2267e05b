package io.basicflow.data;

import static io.basicflow.data.DataEngines.assertCompleted;
import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.TextValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code SET USER id}: the user memory keywords work for that user from then on, in both modes; {@code SET
 * USER "key", value} stores a property of that user.
 */
@ExtendWith(PostgresExtension.class)
class SetUserTest {

    /** An admin script that writes two users' preferences, as keyword-set-user.md's examples do. */
    static final String ADMIN = """
            SET USER MEMORY "theme", "own"
            SET USER "alice"
            SET USER MEMORY "theme", "dark"
            people = [{"id": "bob", "email": "bob@example.com"}]
            FOR EACH user IN people
                SET USER user.id
                SET USER MEMORY "theme", "light"
                TALK "wrote for " + user.email
            NEXT
            WAIT 1
            bob = GET USER MEMORY("theme")
            SET USER "alice"
            alice = GET USER MEMORY("theme")
            TALK bob + " " + alice
            """;

    @Test
    void userMemoryFollowsSetUserInBothModes(TestDatabase database) throws Exception {
        DataEngines.Run direct = DataEngines.direct(database, "admindirect/start.bas", ADMIN, List.of());
        assertCompleted(direct);
        assertThat(direct.messages()).containsExactly("wrote for bob@example.com", "light dark");
        try (DurableFixture engine = DataEngines.fixture(database)) {
            Map<String, io.basicflow.spi.value.Value> start =
                    Map.of("user", new MapValue(Map.of("id", new TextValue("admin-1"))));
            DataEngines.Run durable = DataEngines.durable(engine, "admindurable/start.bas", ADMIN, start);
            assertCompleted(durable);
            assertThat(durable.messages()).isEqualTo(direct.messages());
        }
        // the first write is the conversation's own user's; the others went to the users SET USER named
        assertThat(DataEngines.rows(database, "bot_admindurable", "basicflow_user_memory", "updated_at", "expires_at"))
                .containsExactlyInAnyOrder(
                        "user_id=admin-1, key=theme, value=\"own\"",
                        "user_id=alice, key=theme, value=\"dark\"",
                        "user_id=bob, key=theme, value=\"light\"");
    }

    /** keyword-face-api.md's KYC flow: {@code SET USER "key", value} keeps a property of the user. */
    static final String PROPERTIES = """
            SET USER "verified", true
            SET USER "kyc_status", "pending_review"
            SET USER "kyc_status", "verified"
            SET USER "alice"
            SET USER "kyc_status", "failed"
            alice = GET USER MEMORY("kyc_status")
            TALK "alice: " + alice
            """;

    @Test
    void twoArgumentsStoreAPropertyOfTheUserInBothModes(TestDatabase database) throws Exception {
        DataEngines.Run direct = DataEngines.direct(database, "kycdirect/start.bas", PROPERTIES, List.of());
        assertCompleted(direct);
        assertThat(direct.messages()).containsExactly("alice: failed");
        try (DurableFixture engine = DataEngines.fixture(database)) {
            Map<String, io.basicflow.spi.value.Value> start =
                    Map.of("user", new MapValue(Map.of("id", new TextValue("customer-7"))));
            DataEngines.Run durable = DataEngines.durable(engine, "kycdurable/start.bas", PROPERTIES, start);
            assertCompleted(durable);
            assertThat(durable.messages()).isEqualTo(direct.messages());
        }
        // the properties before SET USER "alice" are the conversation's user's; the one-argument form still switches
        assertThat(DataEngines.rows(database, "bot_kycdurable", "basicflow_user_memory", "updated_at", "expires_at"))
                .containsExactlyInAnyOrder(
                        "user_id=customer-7, key=verified, value=true",
                        "user_id=customer-7, key=kyc_status, value=\"verified\"",
                        "user_id=alice, key=kyc_status, value=\"failed\"");
    }

    @Test
    void aMissingIdFailsTheStepSayingWhatToWrite(TestDatabase database) {
        DataEngines.Run run = DataEngines.direct(database, "nouser/start.bas", "x = \"\"\nSET USER x\n", List.of());
        assertThat(run.outcome()).startsWith("FAILED").contains("SET USER needs a user id");
    }
}
