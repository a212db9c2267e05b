package io.basicflow.durable.proof;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.ReplayVerification;
import io.basicflow.persistence.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many order dialogs (SET, IF, FOR, DO, TALK, HEAR plain and typed, WAIT, an idempotent effect per
 * item, an at-most-once payment) run in real worker JVMs that are killed with SIGKILL again and again,
 * at points drawn from a seeded generator: after N more commits, after N more events (both detected by
 * polling the database) or at a time offset after the worker is ready, each kind in turn; the next worker frees the dead one's leases at once (same host, process gone) or
 * waits for them to expire. Then a last worker finishes everything, and every execution is checked
 * against its direct run ({@link ProofChecks}).
 *
 * <p>The only execution that may not complete is one killed while its payment's outcome was unknown
 * (the engine committed {@code EffectStarted} of {@code PAY} but not its completion): it fails with
 * "outcome unknown", having paid at most once. The test then acts as the operator: if the effect log
 * shows the payment ran, it cancels the execution; if not, it retries it, and it must then complete
 * like its direct run.
 *
 * <p>The seed is {@code -Dbasicflow.proof.seed} (default fixed); it is printed, with every kill point.
 * {@code -Dbasicflow.proof.executions} and {@code -Dbasicflow.proof.kills} make a longer run (a soak).
 */
@ExtendWith({PostgresExtension.class, ReplayVerification.class})
class KillNineTest {

    /** Executions and kills of a default run; larger ones (a soak) through system properties. */
    private static final int EXECUTIONS = Integer.getInteger("basicflow.proof.executions", 16);

    private static final int KILLS = Integer.getInteger("basicflow.proof.kills", 6);

    /** Waits for a kill point, or until every execution ended (a kill then hits an idle worker). */
    private static void awaitOrEnd(ProofRun run, String what, java.util.function.BooleanSupplier point) {
        ProofRun.await(what, Duration.ofSeconds(60), () -> point.getAsBoolean() || run.probe.unfinished("order-") == 0);
    }

    @Test
    void dialogsSurviveRepeatedKillNineAtSeededRandomPoints(TestDatabase database, @TempDir Path effects) {
        long seed = Long.getLong("basicflow.proof.seed", 20261125L);
        SplittableRandom random = new SplittableRandom(seed);
        List<OrderDialog.Case> cases = OrderDialog.cases(random, "order", EXECUTIONS, 6, 600);
        try (ProofRun run = ProofRun.withoutWorkers(database, effects);
                InputFeeder feeder = run.feeder()) {
            run.note("seed " + seed);
            for (OrderDialog.Case order : cases) {
                run.start(order, feeder);
            }
            List<String> kills = new ArrayList<>();
            for (int round = 1; round <= KILLS && run.probe.unfinished("order-") > 0; round++) {
                boolean reclaim = random.nextBoolean();
                WorkerProcess worker =
                        run.worker("kill-" + round, Map.of("reclaim-dead-local-owners", Boolean.toString(reclaim)));
                String point;
                // Each kind of kill point twice; where exactly, the seeded generator decides.
                switch (round % 3) {
                    case 0 -> {
                        long more = random.nextLong(1, 60);
                        long target = run.probe.commits("order-") + more;
                        awaitOrEnd(run, "commit " + target, () -> run.probe.commits("order-") >= target);
                        point = "after " + more + " more commits";
                    }
                    case 1 -> {
                        long more = random.nextLong(20, 3000);
                        long target = run.probe.events("order-") + more;
                        awaitOrEnd(run, "event " + target, () -> run.probe.events("order-") >= target);
                        point = "after " + more + " more events";
                    }
                    default -> {
                        long millis = random.nextLong(0, 1500);
                        ProofRun.sleep(Duration.ofMillis(millis));
                        point = millis + " ms after ready";
                    }
                }
                worker.kill();
                String census = run.probe.census("order-").toString();
                kills.add(point + ": " + census);
                run.note("kill " + round + " (" + point + "; this worker " + (reclaim ? "freed" : "waited for")
                        + " the leases of the one before): " + census);
            }
            WorkerProcess last = run.worker("last", Map.of());
            run.awaitEnded("order-");

            List<String> resolved = run.resolveOutcomeUnknown(cases, "order-");
            last.stop();
            assertThat(feeder.undelivered()).isEmpty();

            int completed = run.checkAll(cases);
            run.note("kill points: " + kills);
            assertThat(completed)
                    .isEqualTo(cases.size()
                            - (int) resolved.stream()
                                    .filter(line -> line.endsWith("(paid once)"))
                                    .count());
        }
    }
}
