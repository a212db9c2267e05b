package io.basicflow.durable;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.engine.api.StartRequest;
import io.basicflow.engine.durable.DurableSettings;
import io.basicflow.engine.durable.EngineMetrics;
import io.basicflow.engine.durable.WorkerPool;
import io.basicflow.engine.store.ExecutionRecord;
import io.basicflow.persistence.testing.ConcurrencyDetector;
import io.basicflow.persistence.testing.CountingPlugin;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.ReplayVerification;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.value.IntegerValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Several worker pools on one database: each execution runs in one at a time, and survives a pool. */
@ExtendWith({PostgresExtension.class, ReplayVerification.class})
class WorkersTest {

    private static final String WORK = """
            #workflow
            total = 0
            FOR i = 1 TO 3
                p = PING(i)
                total = total + p
                TALK "step " + i
            NEXT
            WAIT 0.05
            FOR j = 1 TO 300
                total = total + 1
            NEXT
            RETURN total
            """;

    /** Counts claims and where activations ran. */
    private static final class Claims implements EngineMetrics {
        final AtomicInteger claimed = new AtomicInteger();
        final Map<String, AtomicInteger> activations = new ConcurrentHashMap<>();

        @Override
        public void claimed(int executions) {
            claimed.addAndGet(executions);
        }

        @Override
        public void activationStarted(String executionId, String owner) {
            activations.computeIfAbsent(owner, key -> new AtomicInteger()).incrementAndGet();
        }

        int activations(String owner) {
            return activations.getOrDefault(owner, new AtomicInteger()).get();
        }
    }

    @Test
    void aStartRunsAtOnceOnTheWorkersOfItsProcessWithoutAClaim(TestDatabase database) {
        Claims claims = new Claims();
        try (DurableFixture engine =
                DurableFixture.builder(database).metrics(claims).start()) {
            for (int i = 0; i < 3; i++) {
                String id = engine.start("#workflow\nTALK \"hello\"\nRETURN 7\n");
                assertThat(engine.awaitStatus(id, ExecutionStatus.COMPLETED).result())
                        .contains(IntegerValue.of(7));
                assertThat(engine.messages(id)).containsExactly("hello");
            }

            assertThat(claims.claimed).hasValue(0);
            assertThat(claims.activations(engine.workers().owner())).isEqualTo(3);
            engine.awaitNoActivation();
            assertThat(engine.workers().activeCount()).isZero();
        }
    }

    @Test
    void aStartWithoutRoomOnItsWorkersWaitsForAClaim(TestDatabase database) {
        Claims claims = new Claims();
        CountingPlugin plugin = new CountingPlugin();
        DurableSettings one = DurableFixture.FAST.toBuilder().concurrency(1).build();
        try (DurableFixture engine = DurableFixture.builder(database)
                .plugins(plugin)
                .metrics(claims)
                .settings(one)
                .start()) {
            String busy = engine.start("#workflow\nBLOCK \"busy\"\nRETURN 1\n");
            engine.await(busy, view -> view.status() == ExecutionStatus.RUNNING && view.lastSeq() >= 2, "in BLOCK");

            String waiting = engine.start("#workflow\nRETURN 2\n");
            // The only place is taken: created for any worker to claim, not leased to this one.
            ExecutionRecord row = engine.store().find(waiting).orElseThrow();
            assertThat(row.status()).isEqualTo(ExecutionStatus.RUNNABLE);
            assertThat(row.leaseOwner()).isEmpty();

            plugin.release("busy");
            assertThat(engine.awaitStatus(busy, ExecutionStatus.COMPLETED).result())
                    .contains(IntegerValue.of(1));
            assertThat(engine.awaitStatus(waiting, ExecutionStatus.COMPLETED).result())
                    .contains(IntegerValue.of(2));
            assertThat(claims.claimed).hasValue(1);
        }
    }

    @Test
    void aSecondStartOfAnIdGivesBackThePlaceItReserved(TestDatabase database) {
        Claims claims = new Claims();
        DurableSettings one = DurableFixture.FAST.toBuilder().concurrency(1).build();
        try (DurableFixture engine =
                DurableFixture.builder(database).metrics(claims).settings(one).start()) {
            StartRequest request = new StartRequest(Optional.of("twice"), "t.bas", "#workflow\nRETURN 3\n", Map.of());
            assertThat(engine.engine().start(request).created()).isTrue();
            engine.awaitStatus("twice", ExecutionStatus.COMPLETED);
            engine.awaitNoActivation();

            assertThat(engine.engine().start(request).created()).isFalse();
            assertThat(engine.workers().activeCount()).isZero();
            // The place is free again: the next start runs at once on it.
            String next = engine.start("#workflow\nRETURN 4\n");
            assertThat(engine.awaitStatus(next, ExecutionStatus.COMPLETED).result())
                    .contains(IntegerValue.of(4));
            assertThat(claims.claimed).hasValue(0);
            assertThat(claims.activations(engine.workers().owner())).isEqualTo(2);
        }
    }

    @Test
    void twoPoolsShareTheWorkAndNeverRunOneExecutionTwiceAtOnce(TestDatabase database) {
        ConcurrencyDetector detector = new ConcurrencyDetector();
        CountingPlugin plugin = new CountingPlugin();
        DurableSettings small = DurableFixture.FAST.toBuilder()
                .concurrency(8)
                .claimBatch(4)
                .limits(DurableFixture.FAST.limits().withStepsPerActivation(200))
                .build();
        try (DurableFixture engine = DurableFixture.builder(database)
                .plugins(plugin)
                .metrics(detector)
                .settings(small)
                .start()) {
            WorkerPool second =
                    engine.startPool(small.toBuilder().nodeName("second").build());
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                ids.add(engine.start(WORK));
            }

            for (String id : ids) {
                ExecutionView done = engine.awaitStatus(id, ExecutionStatus.COMPLETED);
                assertThat(done.result()).contains(IntegerValue.of(306));
                assertThat(engine.messages(id)).containsExactly("step 1", "step 2", "step 3");
            }

            assertThat(detector.overlaps()).isEmpty();
            assertThat(detector.activations(engine.workers().owner())).isPositive();
            assertThat(detector.activations(second.owner())).isPositive();
            Map<String, Long> callsPerKey = plugin.calls.stream()
                    .collect(Collectors.groupingBy(Invocation::idempotencyKey, Collectors.counting()));
            assertThat(callsPerKey)
                    .hasSize(60 * 3)
                    .allSatisfy((key, calls) -> assertThat(calls).isOne());
        }
    }

    @Test
    void theExecutionsOfAPoolThatDiedFinishOnAnotherAfterTheirLeasesExpire(TestDatabase database) {
        ConcurrencyDetector detector = new ConcurrencyDetector();
        CountingPlugin plugin = new CountingPlugin();
        try (DurableFixture engine = DurableFixture.builder(database)
                .plugins(plugin)
                .metrics(detector)
                .start()) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ids.add(engine.start("#workflow\nTALK \"start\"\nBLOCK \"dying\"\nx = PING(7)\nRETURN x\n"));
            }
            for (String id : ids) {
                engine.await(
                        id, view -> view.status() == ExecutionStatus.RUNNING && view.lastSeq() >= 3, "inside BLOCK");
            }
            String dead = engine.workers().owner();

            engine.workers().abandon();
            plugin.release("dying");
            WorkerPool survivor = engine.startPool(
                    DurableFixture.FAST.toBuilder().nodeName("survivor").build());

            for (String id : ids) {
                assertThat(engine.awaitStatus(id, ExecutionStatus.COMPLETED).result())
                        .contains(IntegerValue.of(7));
                assertThat(engine.messages(id)).containsExactly("start");
            }
            assertThat(detector.activations(survivor.owner())).isGreaterThanOrEqualTo(10);
            assertThat(detector.activations(dead)).isEqualTo(10);
        }
    }

    @Test
    void executionsFinishWhenTheDatabaseDropsEveryConnectionMidRun(TestDatabase database) throws Exception {
        CountingPlugin plugin = new CountingPlugin();
        try (DurableFixture engine =
                DurableFixture.builder(database).plugins(plugin).start()) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ids.add(engine.start(WORK));
            }
            for (int i = 0; i < 5; i++) {
                Thread.sleep(30);
                database.terminateConnections();
            }

            for (String id : ids) {
                assertThat(engine.awaitStatus(id, ExecutionStatus.COMPLETED).result())
                        .contains(IntegerValue.of(306));
                assertThat(engine.messages(id)).containsExactly("step 1", "step 2", "step 3");
            }
        }
    }

    @Test
    void aPoolThatClosesGivesItsExecutionsBackAtTheirNextCheckpoint(TestDatabase database) {
        try (DurableFixture engine =
                DurableFixture.builder(database).plugins(new CountingPlugin()).start()) {
            String id =
                    engine.start("#workflow\ntotal = 0\nFOR i = 1 TO 20000\n  total = total + 1\nNEXT\nRETURN total\n");
            engine.await(id, view -> view.lastSeq() > 2000, "well into its loop");
            WorkerPool first = engine.workers();

            first.close();

            ExecutionRecord given = engine.store().find(id).orElseThrow();
            assertThat(given.status()).isEqualTo(ExecutionStatus.RUNNABLE);
            assertThat(given.leaseOwner()).isEmpty();
            assertThat(first.activeCount()).isZero();
            engine.startPool(DurableFixture.FAST.toBuilder().nodeName("next").build());
            assertThat(engine.awaitStatus(id, ExecutionStatus.COMPLETED).result())
                    .contains(IntegerValue.of(20000));
        }
    }

    @Test
    void aRunawayLoopYieldsSoThatOtherExecutionsProgress(TestDatabase database) {
        DurableSettings one = DurableFixture.FAST.toBuilder()
                .concurrency(1)
                .limits(DurableFixture.FAST.limits().withStepsPerActivation(500))
                .build();
        try (DurableFixture engine =
                DurableFixture.builder(database).settings(one).start()) {
            String runaway = engine.start("#workflow\nDO\n  n = n + 1\nLOOP\n");
            engine.await(runaway, view -> view.lastSeq() > 1000, "looping");

            String polite = engine.start("#workflow\nTALK \"I got my turn\"\n");

            engine.awaitStatus(polite, ExecutionStatus.COMPLETED);
            assertThat(engine.messages(polite)).containsExactly("I got my turn");
            assertThat(engine.engine().find(runaway).orElseThrow().status())
                    .isIn(ExecutionStatus.RUNNING, ExecutionStatus.RUNNABLE);
            engine.engine().cancel(runaway, "runaway");
            engine.awaitStatus(runaway, ExecutionStatus.CANCELLED);
            assertThat(Set.of(engine.engine().find(runaway).orElseThrow().status()))
                    .containsExactly(ExecutionStatus.CANCELLED);
        }
    }
}
