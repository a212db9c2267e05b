package io.basicflow.social;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.persistence.WorkerMain;
import io.basicflow.persistence.testing.ChildJvm;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.persistence.testing.WorkerKillHarness;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code POST TO} across a real {@code kill -9} of the worker JVM ({@link WorkerMain}, a child process on
 * the test's PostgreSQL): killed while Discord holds the post's request, the second worker does not
 * post again — the step fails "outcome unknown" for an operator, and Discord got one request; killed
 * after the post was recorded, the second worker goes on without posting again.
 */
@ExtendWith(PostgresExtension.class)
class PostToKillTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String SCRIPT = """
            #workflow
            id = POST TO DISCORD "Version 2.0 is out"
            TALK "posted " + id
            HEAR reply
            TALK "bye"
            """;

    private final TestDatabase testDatabase;
    private WorkerKillHarness harness;
    private FakeNetworks networks;

    PostToKillTest(TestDatabase testDatabase) {
        this.testDatabase = testDatabase;
    }

    @BeforeEach
    void start() throws Exception {
        harness = WorkerKillHarness.start(testDatabase, TIMEOUT);
        networks = new FakeNetworks();
    }

    @AfterEach
    void stop() {
        networks.close();
        harness.close();
    }

    private ChildJvm worker() {
        return harness.worker(networks.settings().entrySet().stream()
                .map(setting -> "basicflow." + setting.getKey() + "=" + setting.getValue())
                .toArray(String[]::new));
    }

    @Test
    void killedWhileThePostIsOutItIsNeverPostedAgain() throws Exception {
        CountDownLatch release = networks.holdRequests();
        ChildJvm first = worker();
        String id = harness.start("release.bas", SCRIPT);
        assertThat(networks.awaitHeld(60)).isTrue();
        assertThat(harness.events(id, "EffectStarted")).hasSize(1);
        first.killHard();
        release.countDown();

        worker();
        ExecutionView failed = harness.awaitStatus(id, ExecutionStatus.FAILED);
        assertThat(failed.error().orElseThrow().message()).contains("outcome unknown");
        assertThat(networks.received()).hasSize(1);
        assertThat(harness.messages(id)).isEmpty();
    }

    @Test
    void killedAfterThePostWasRecordedItGoesOnWithoutPostingAgain() {
        ChildJvm first = worker();
        String id = harness.start("release.bas", SCRIPT);
        harness.awaitStatus(id, ExecutionStatus.WAITING_INPUT);
        first.killHard();

        worker();
        harness.engine().deliverInput(id, "thanks");
        harness.awaitStatus(id, ExecutionStatus.COMPLETED);
        assertThat(networks.received()).hasSize(1);
        assertThat(harness.messages(id)).hasSize(2).last().isEqualTo("bye");
        assertThat(harness.messages(id).getFirst()).startsWith("posted discord:D");
    }
}
