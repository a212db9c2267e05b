package io.basicflow.durable;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.store.ExecutionRecord;
import io.basicflow.persistence.WorkerMain;
import io.basicflow.persistence.testing.ChildJvm;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.ReplayVerification;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.spi.value.IntegerValue;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Worker processes ({@link WorkerMain}) run the executions an engine in another JVM starts, and when
 * one is killed with SIGKILL in the middle of a run, a new process on the same host takes its
 * executions over at once (its owner's process is gone) and finishes them.
 */
@ExtendWith({PostgresExtension.class, ReplayVerification.class})
class WorkerProcessTest {

    @Test
    void aKilledWorkerProcessesExecutionsFinishInANewOne(TestDatabase database) {
        try (DurableFixture api =
                DurableFixture.builder(database).workers(false).start()) {
            String id;
            try (ChildJvm first = worker(database, "first")) {
                first.awaitLine(line -> line.startsWith("READY "), Duration.ofSeconds(60));
                id = api.start("#workflow\ntotal = 0\nFOR i = 1 TO 50000\n  total = total + 1\nNEXT\nRETURN total\n");
                api.await(id, view -> view.lastSeq() > 5000, "well into its loop in the first worker");
                ExecutionRecord running = api.store().find(id).orElseThrow();
                assertThat(running.leaseOwner())
                        .hasValueSatisfying(
                                owner -> assertThat(owner).startsWith("first/").contains("/" + first.pid() + "/"));

                first.killHard();
            }
            try (ChildJvm second = worker(database, "second")) {
                second.awaitLine(line -> line.startsWith("READY "), Duration.ofSeconds(60));

                assertThat(api.awaitStatus(id, ExecutionStatus.COMPLETED).result())
                        .contains(IntegerValue.of(50000));
            }
        }
    }

    private static ChildJvm worker(TestDatabase database, String node) {
        return ChildJvm.start(
                WorkerMain.class,
                "basicflow.db.url=" + database.jdbcUrl(),
                "basicflow.db.user=" + database.user(),
                "basicflow.db.pool.size=4",
                "basicflow.durable.node=" + node,
                // A long lease: the take-over must come from seeing the process gone, not from expiry.
                "basicflow.durable.lease-timeout=60s",
                "basicflow.durable.heartbeat-interval=500ms",
                "basicflow.durable.poll-interval=200ms");
    }
}
