package io.basicflow.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.persistence.WorkerMain;
import io.basicflow.persistence.testing.ChildJvm;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntToLongFunction;
import java.util.function.UnaryOperator;

/**
 * The kill -9 scaffolding of the data crash tests ({@link DataCrashTest}, {@link DeferredCrashTest},
 * {@link NamedConnectionCrashTest}, {@link RowTriggerCrashTest}): worker JVMs ({@link WorkerMain} on the
 * test database) started one after another and killed with SIGKILL, an odd round right after the
 * worker prints a marker line (a test keyword's {@code WROTE …} or {@code PAUSED …}), an even one a
 * while after it is ready; then a last worker that is left to finish every execution.
 */
final class KillRounds {

    /** The workers' durable settings: short leases and frequent commits, so kills land mid-work. */
    static final Map<String, String> WORKER = Map.ofEntries(
            Map.entry("concurrency", "16"),
            Map.entry("poll-interval", "100ms"),
            Map.entry("lease-timeout", "2s"),
            Map.entry("heartbeat-interval", "300ms"),
            Map.entry("checkpoint-steps", "20"),
            Map.entry("checkpoint-interval", "20ms"),
            Map.entry("snapshot-interval", "50"),
            Map.entry("shutdown-timeout", "5s"),
            Map.entry("reclaim-dead-local-owners", "true"));

    private KillRounds() {}

    /**
     * Kills workers round after round until the executions have ended or the rounds are done.
     *
     * @param engine the fixture the executions were started on (it runs no workers itself)
     * @param ids the executions
     * @param rounds the most rounds
     * @param worker a ready worker for a round (1, 2, …)
     * @param marker the start of the line an odd round waits for, e.g. {@code "WROTE "}
     * @param afterMarker what an odd round's kill point was, from the rest of that line
     * @param pauseMillis how long an even round lets its worker run, by round
     * @return the kill points, in order
     */
    static List<String> kill(
            DurableFixture engine,
            List<String> ids,
            int rounds,
            IntFunction<ChildJvm> worker,
            String marker,
            UnaryOperator<String> afterMarker,
            IntToLongFunction pauseMillis)
            throws InterruptedException {
        List<String> kills = new ArrayList<>();
        for (int round = 1; round <= rounds && !allEnded(engine, ids); round++) {
            try (ChildJvm jvm = worker.apply(round)) {
                String point;
                if (round % 2 == 1) {
                    String line = jvm.awaitLine(text -> text.startsWith(marker), Duration.ofSeconds(60));
                    point = afterMarker.apply(line.substring(marker.length()));
                } else {
                    long millis = pauseMillis.applyAsLong(round);
                    Thread.sleep(millis);
                    point = millis + " ms after ready";
                }
                assertThat(jvm.killHard()).isEqualTo(137);
                kills.add(point);
            }
        }
        return kills;
    }

    /**
     * Lets a last worker finish: every execution must complete; then the worker is stopped.
     *
     * @param engine the fixture
     * @param ids the executions
     * @param last a ready worker
     * @param context what the kills were (seed, kill points), for the failure's message
     */
    static void finish(DurableFixture engine, List<String> ids, ChildJvm last, String context)
            throws InterruptedException {
        try (last) {
            for (String id : ids) {
                ExecutionView view = awaitEnd(engine, id);
                assertThat(view.status())
                        .as("%s: %s (%s)", id, view.error(), context)
                        .isEqualTo(ExecutionStatus.COMPLETED);
            }
            last.send("stop");
        }
    }

    /** A worker JVM on the test database, with more {@code basicflow.*} settings, once it is ready. */
    static ChildJvm worker(TestDatabase database, String node, Map<String, String> settings) {
        List<String> options = new ArrayList<>();
        options.add("-XX:+UseSerialGC");
        options.add("-Dbasicflow.db.url=" + database.jdbcUrl());
        options.add("-Dbasicflow.db.user=" + database.user());
        options.add("-Dbasicflow.db.pool.size=6");
        options.add("-Dbasicflow.test.slow-ms=300");
        settings.forEach((key, value) -> options.add("-D" + key + "=" + value));
        WORKER.forEach((key, value) -> options.add("-Dbasicflow.durable." + key + "=" + value));
        options.add("-Dbasicflow.durable.node=" + node);
        ChildJvm jvm = ChildJvm.start(WorkerMain.class, options);
        jvm.awaitLine(line -> line.startsWith("READY "), Duration.ofSeconds(90));
        return jvm;
    }

    static boolean allEnded(DurableFixture engine, List<String> ids) {
        return ids.stream()
                .allMatch(id ->
                        engine.engine().find(id).map(v -> v.status().isEnded()).orElse(false));
    }

    static ExecutionView awaitEnd(DurableFixture engine, String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            ExecutionView view = engine.engine().find(id).orElseThrow();
            if (view.status().isEnded() || view.status() == ExecutionStatus.FAILED) {
                return view; // a failure is shown by the caller's assertion, with its error
            }
            Thread.sleep(50);
        }
        throw new AssertionError(id + " did not end within 120 s");
    }
}
