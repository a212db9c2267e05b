package io.basicflow.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.StartRequest;
import io.basicflow.persistence.testing.ChildJvm;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.persistence.testing.WorkerKillHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A durable dialog that calls an MCP tool, tells the result, then waits — across a real {@code kill -9}
 * of the worker JVM and a second worker that resumes it. The MCP server runs in this JVM.
 */
@ExtendWith(PostgresExtension.class)
class McpKillTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String DIALOG = """
            #workflow
            r = USE MCP "calc", "add", {"a": 20, "b": 22}
            TALK "sum " + r.sum
            HEAR reply
            TALK "bye"
            """;

    private final TestDatabase testDatabase;
    private WorkerKillHarness harness;

    @TempDir
    Path folder;

    McpKillTest(TestDatabase testDatabase) {
        this.testDatabase = testDatabase;
    }

    @BeforeEach
    void startApi() {
        harness = WorkerKillHarness.start(testDatabase, TIMEOUT);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private ChildJvm worker(McpTestServer server) throws Exception {
        Path csv = folder.resolve("mcp.csv");
        Files.writeString(csv, "calc,http," + server.url() + ",,Test tools,true\n");
        return harness.worker("basicflow.ai.mcp-file=" + csv, "basicflow.ai.mcp-timeout-ms=120000");
    }

    private String start() {
        return harness.engine()
                .start(new StartRequest(Optional.empty(), "sum.bas", DIALOG, Map.of()))
                .executionId();
    }

    private static void awaitCalls(McpTestServer server, int count) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (server.calls().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server got " + server.calls().size() + " calls, not " + count);
            }
            WorkerKillHarness.sleep(20);
        }
    }

    private static List<String> keys(McpTestServer server) {
        return server.calls().stream()
                .map(call ->
                        call.path("_meta").path(McpKeywords.IDEMPOTENCY_META).asText())
                .toList();
    }

    @Test
    void killedWhileTheServerWorksTheCallIsRepeatedWithTheSameIdempotencyKey() throws Exception {
        try (McpTestServer server = McpTestServer.start(false).hangNextCall()) {
            ChildJvm first = worker(server);
            String id = start();

            awaitCalls(server, 1);
            assertThat(harness.events(id, "EffectStarted")).hasSize(1);
            assertThat(harness.events(id, "EffectCompleted")).isEmpty();
            first.killHard();

            worker(server);
            harness.awaitStatus(id, ExecutionStatus.WAITING_INPUT);
            harness.engine().deliverInput(id, "thanks");
            harness.awaitStatus(id, ExecutionStatus.COMPLETED);

            // Documented: at least once, with one key a deduplicating server can use.
            assertThat(server.calls()).hasSize(2);
            assertThat(keys(server))
                    .containsOnly(keys(server).getFirst())
                    .first()
                    .asString()
                    .startsWith(id);
            assertThat(harness.events(id, "EffectCompleted")).hasSize(1);
            assertThat(harness.messages(id)).containsExactly("sum 42", "bye");
        }
    }

    @Test
    void killedAfterTheResultWasRecordedTheToolIsNeverCalledAgain() throws Exception {
        try (McpTestServer server = McpTestServer.start(false)) {
            ChildJvm first = worker(server);
            String id = start();
            harness.awaitStatus(id, ExecutionStatus.WAITING_INPUT);
            first.killHard();

            worker(server);
            harness.engine().deliverInput(id, "ok");
            harness.awaitStatus(id, ExecutionStatus.COMPLETED);

            assertThat(server.calls()).hasSize(1);
            assertThat(harness.messages(id)).containsExactly("sum 42", "bye");
        }
    }
}
