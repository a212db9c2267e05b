package io.basicflow.durable;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.direct.ScriptResolver;
import io.basicflow.engine.durable.ChildScripts;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.ReplayVerification;
import io.basicflow.persistence.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Cancelling an orchestration that waits for a PARALLEL step cancels every branch still running. */
@ExtendWith({PostgresExtension.class, ReplayVerification.class})
class OrchestrationCancelTest {

    @Test
    void cancellingTheOrchestrationCancelsEveryRunningBranch(TestDatabase database, @TempDir Path scripts)
            throws IOException {
        Files.createDirectories(scripts.resolve("sleeper"));
        Files.writeString(scripts.resolve("sleeper/start.bas"), "WAIT FOR EVENT \"never\"\nRETURN 1\n");
        Files.createDirectories(scripts.resolve("quick"));
        Files.writeString(scripts.resolve("quick/start.bas"), "RETURN 2\n");
        try (DurableFixture engine = DurableFixture.builder(database)
                .children(ChildScripts.from(ScriptResolver.directory(scripts)))
                .start()) {
            String id = engine.start("o.bas", """
                    ORCHESTRATE WORKFLOW "cancel me"
                    STEP 1: BOT "quick" "first"
                    STEP 2: PARALLEL
                      BRANCH A: BOT "sleeper" "a"
                      BRANCH B: BOT "quick" "b"
                      BRANCH C: BOT "sleeper" "c"
                    END PARALLEL
                    """, Map.of());
            // events: 1 started, 2 ORCHESTRATE, 3-4 step 1 (ChildStarted, ChildCompleted), 5-7 the branches
            engine.awaitStatus(id + "~5", ExecutionStatus.WAITING_TIMER);
            engine.awaitStatus(id + "~6", ExecutionStatus.COMPLETED);
            engine.awaitStatus(id + "~7", ExecutionStatus.WAITING_TIMER);
            engine.awaitStatus(id, ExecutionStatus.WAITING_CHILD);

            engine.engine().cancel(id, "not needed");

            assertThat(engine.awaitStatus(id, ExecutionStatus.CANCELLED).status())
                    .isEqualTo(ExecutionStatus.CANCELLED);
            assertThat(engine.awaitStatus(id + "~5", ExecutionStatus.CANCELLED).status())
                    .isEqualTo(ExecutionStatus.CANCELLED);
            assertThat(engine.awaitStatus(id + "~7", ExecutionStatus.CANCELLED).status())
                    .isEqualTo(ExecutionStatus.CANCELLED);
            assertThat(engine.engine().find(id + "~6").orElseThrow().status()).isEqualTo(ExecutionStatus.COMPLETED);
            assertThat(engine.engine().find(id + "~3").orElseThrow().status()).isEqualTo(ExecutionStatus.COMPLETED);
        }
    }
}
