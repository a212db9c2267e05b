package io.basicflow.durable;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.ReplayVerification;
import io.basicflow.persistence.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A script's {@code #quota} line on the real store: its execution fails at the script's quota (the
 * global one is far higher) with exactly that many messages stored, and another script keeps the
 * global quota.
 */
@ExtendWith({PostgresExtension.class, ReplayVerification.class})
class ScriptQuotasDurableTest {

    @Test
    void aScriptsMessageQuotaFailsOnlyThatScriptsExecution(TestDatabase database) {
        try (DurableFixture engine = DurableFixture.builder(database).start()) {
            String limited = engine.start("#workflow\n#quota messages=5\nDO\n  TALK \"spam\"\nLOOP\n");
            String other = engine.start("#workflow\nFOR i = 1 TO 8\n  TALK i\nNEXT\nRETURN 8\n");

            ExecutionView failed = engine.awaitStatus(limited, ExecutionStatus.FAILED);
            ExecutionView done = engine.awaitStatus(other, ExecutionStatus.COMPLETED);

            assertThat(failed.error().orElseThrow().message())
                    .contains("quota of 5 messages")
                    .contains("messages= in the script's #quota line (line 2)");
            assertThat(engine.messages(limited)).hasSize(5);
            assertThat(engine.messages(other)).hasSize(8);
            assertThat(done.status()).isEqualTo(ExecutionStatus.COMPLETED);
        }
    }
}
