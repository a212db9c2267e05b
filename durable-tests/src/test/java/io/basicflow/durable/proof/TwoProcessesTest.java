package io.basicflow.durable.proof;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.ReplayVerification;
import io.basicflow.persistence.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two worker processes (real JVMs) on one database share the order dialogs; one is killed with
 * SIGKILL while it holds executions. The effect log, written outside the database by both processes,
 * shows that no two handler calls of one execution ever overlapped in time (a dead process's last
 * call counts as running until the kill), that the survivor touched the dead one's executions only
 * after their leases expired (it does not free leases of dead local processes in this test), and
 * that every execution completed like its direct run.
 */
@ExtendWith({PostgresExtension.class, ReplayVerification.class})
class TwoProcessesTest {

    /** Leases that only expire: no shortcut for dead processes of this host. */
    private static final Map<String, String> SETTINGS = Map.of(
            "reclaim-dead-local-owners", "false",
            "lease-timeout", "3s",
            "heartbeat-interval", "500ms",
            "concurrency", "8",
            "claim-batch", "2");

    @Test
    void noExecutionRunsInBothProcessesAndTheSurvivorFinishesTheDeadOnesExecutionsAfterTheirLeasesExpire(
            TestDatabase database, @TempDir Path effects) {
        List<OrderDialog.Case> cases = OrderDialog.cases(new SplittableRandom(3), "duo", 20, 9, 2000);
        try (ProofRun run = ProofRun.withoutWorkers(database, effects);
                InputFeeder feeder = run.feeder()) {
            WorkerProcess alpha = run.worker("alpha", SETTINGS);
            WorkerProcess beta = run.worker("beta", SETTINGS);
            for (OrderDialog.Case order : cases) {
                run.start(order, feeder);
            }
            ProofRun.await("both processes ran handlers, alpha holds executions", Duration.ofSeconds(60), () -> {
                Set<Long> pids =
                        run.log().calls().stream().map(EffectLog.Call::pid).collect(Collectors.toSet());
                return pids.contains(alpha.pid())
                        && pids.contains(beta.pid())
                        && run.probe.rows("duo-").values().stream()
                                .anyMatch(row -> row.leaseOwner().equals(Optional.of(alpha.owner())));
            });

            long killMicros = micros(Instant.now());
            alpha.kill();
            long deadMicros = micros(Instant.now());
            run.note("killed alpha");
            List<DbProbe.Row> orphans = run.probe.rows("duo-").values().stream()
                    .filter(row -> row.leaseOwner().equals(Optional.of(alpha.owner())))
                    .toList();
            run.note("alpha held " + orphans.size() + " execution(s) when it died");
            assertThat(orphans).isNotEmpty();

            run.awaitEnded("duo-");
            // A PAY (at most once) that alpha was running when it died ends "outcome unknown": the test
            // acts as the operator, as in KillNineTest.
            List<String> resolved = run.resolveOutcomeUnknown(cases, "duo-");
            beta.stop();

            EffectLog log = run.log();
            assertThat(run.checkAll(cases))
                    .isEqualTo(cases.size()
                            - (int) resolved.stream()
                                    .filter(line -> line.endsWith("(paid once)"))
                                    .count());
            for (OrderDialog.Case order : cases) {
                assertNoOverlap(order.id(), log, alpha.pid(), deadMicros);
            }
            for (DbProbe.Row orphan : orphans) {
                long expiry = orphan.leaseExpiresMicros().orElseThrow();
                List<EffectLog.Call> takenOver = log.startsOf(orphan.id()).stream()
                        .filter(call -> call.pid() == beta.pid() && call.micros() > killMicros)
                        .toList();
                assertThat(takenOver)
                        .as("%s: beta's handler calls after alpha died come after alpha's lease expired", orphan.id())
                        .allSatisfy(call -> assertThat(call.micros()).isGreaterThanOrEqualTo(expiry));
            }
            // Executions alpha did not hold when it died never ran a handler twice.
            Set<String> orphanIds = orphans.stream().map(DbProbe.Row::id).collect(Collectors.toSet());
            for (OrderDialog.Case order : cases) {
                if (!orphanIds.contains(order.id())) {
                    assertThat(log.startsOf(order.id()).stream()
                                    .collect(Collectors.groupingBy(EffectLog.Call::key, Collectors.counting())))
                            .as("%s: one handler call per step", order.id())
                            .allSatisfy((key, calls) -> assertThat(calls).isOne());
                }
            }
            assertThat(log.calls()).anySatisfy(call -> assertThat(call.pid()).isEqualTo(alpha.pid()));
            assertThat(log.calls()).anySatisfy(call -> assertThat(call.pid()).isEqualTo(beta.pid()));
        }
    }

    /**
     * No two handler calls of one execution overlap in time, in one process or across both; a call of
     * the killed process that never ended ran until the kill.
     */
    private static void assertNoOverlap(String executionId, EffectLog log, long killedPid, long deadMicros) {
        List<long[]> intervals = new ArrayList<>();
        List<EffectLog.Call> ends = log.endsOf(executionId);
        for (EffectLog.Call start : log.startsOf(executionId)) {
            long end = ends.stream()
                    .filter(call -> call.key().equals(start.key())
                            && call.attempt() == start.attempt()
                            && call.pid() == start.pid())
                    .mapToLong(EffectLog.Call::micros)
                    .findFirst()
                    .orElseGet(() -> {
                        assertThat(start.pid())
                                .as("%s: only the killed process leaves a call unfinished: %s", executionId, start)
                                .isEqualTo(killedPid);
                        return deadMicros;
                    });
            intervals.add(new long[] {start.micros(), end, start.pid()});
        }
        intervals.sort(Comparator.comparingLong(interval -> interval[0]));
        for (int i = 1; i < intervals.size(); i++) {
            long[] before = intervals.get(i - 1);
            long[] after = intervals.get(i);
            assertThat(after[0])
                    .as(
                            "%s: a handler call in process %d started while one in process %d ran",
                            executionId, after[2], before[2])
                    .isGreaterThanOrEqualTo(before[1]);
        }
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }
}
