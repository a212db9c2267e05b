package io.basicflow.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.data.DataPlugin;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code SET CONTEXT "text"} (the data plugin) reaches the model: every later {@code LLM} call of the
 * execution sends it in the system message, after the system prompt; direct and durable runs send the same.
 */
@ExtendWith(PostgresExtension.class)
class ConversationContextTest {

    private static final String SCRIPT = """
            BEGIN SYSTEM PROMPT
            You are the shop's assistant.
            END SYSTEM PROMPT
            first = LLM "Hello"
            SET CONTEXT "The customer is Ana, a gold member since 2019."
            answer = LLM "What discount do I get?"
            TALK first + " / " + answer
            """;

    private static final List<String> FIRST_CALL = List.of("system: You are the shop's assistant.", "user: Hello");
    private static final List<String> SECOND_CALL = List.of(
            "system: You are the shop's assistant.\n\nContext of this conversation:\n"
                    + "The customer is Ana, a gold member since 2019.",
            "user: What discount do I get?");

    @Test
    void theContextIsSentWithTheCallsAfterItInBothModes(TestDatabase database) {
        try (FakeModelServer server = FakeModelServer.start()) {
            server.answer("Hi").answer("15 %").answer("Hi").answer("15 %");
            Map<String, String> settings = Scripts.settings(server);

            List<String> direct = Scripts.directWithData(database, settings, "shop.bas", SCRIPT);
            List<String> durable;
            try (DurableFixture engine = DurableFixture.builder(database)
                    .plugins(new AiPlugin(), new DataPlugin())
                    .configuration(settings)
                    .start()) {
                String id = engine.start("shop.bas", "#workflow\n" + SCRIPT, Map.of());
                ExecutionView view = engine.awaitStatus(id, ExecutionStatus.COMPLETED, ExecutionStatus.FAILED);
                assertThat(view.status()).as("%s", view.error()).isEqualTo(ExecutionStatus.COMPLETED);
                durable = engine.messages(id);
            }

            assertThat(direct).containsExactly("Hi / 15 %", "completed");
            assertThat(durable).containsExactly("Hi / 15 %");
            assertThat(server.requests()).hasSize(4);
            for (int run = 0; run < 2; run++) {
                assertThat(FakeModelServer.messages(server.requests().get(2 * run)))
                        .isEqualTo(FIRST_CALL);
                assertThat(FakeModelServer.messages(server.requests().get(2 * run + 1)))
                        .isEqualTo(SECOND_CALL);
            }
        }
    }
}
