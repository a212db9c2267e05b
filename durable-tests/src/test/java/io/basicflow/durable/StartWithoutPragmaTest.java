package io.basicflow.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ScriptCompilationException;
import io.basicflow.engine.api.StartRequest;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.ReplayVerification;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.spi.value.TextValue;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A server that runs every script durably starts General Bots dialogs, which have no {@code #workflow} line. */
@ExtendWith({PostgresExtension.class, ReplayVerification.class})
class StartWithoutPragmaTest {

    private static final String DIALOG = """
            TALK "Your name?"
            HEAR name
            TALK "Hello, " + name
            RETURN name
            """;

    @Test
    void aScriptWithoutWorkflowStartsDurablyWhenTheRequestAllowsIt(TestDatabase database) {
        try (DurableFixture engine = DurableFixture.builder(database).start()) {
            String id = engine.engine()
                    .start(new StartRequest(Optional.of("chat-1"), "greeter/start.bas", DIALOG, Map.of(), true))
                    .executionId();

            engine.awaitStatus(id, ExecutionStatus.WAITING_INPUT);
            engine.engine().deliverInput(id, "Ana");

            assertThat(engine.awaitStatus(id, ExecutionStatus.COMPLETED).result())
                    .contains(new TextValue("Ana"));
            assertThat(engine.messages(id)).containsExactly("Your name?", "Hello, Ana");
        }
    }

    @Test
    void withoutTheAllowanceTheSameScriptIsStillRefused(TestDatabase database) {
        try (DurableFixture engine = DurableFixture.builder(database).start()) {
            assertThatThrownBy(() -> engine.engine()
                            .start(new StartRequest(Optional.empty(), "greeter/start.bas", DIALOG, Map.of())))
                    .isInstanceOf(ScriptCompilationException.class)
                    .hasMessageContaining("not a #workflow script");
        }
    }
}
