package io.basicflow.benchmark;

import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.engine.durable.DurableSettings;
import io.basicflow.persistence.DatabaseConfig;
import io.basicflow.persistence.DurableRuntime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * {@code recovery}: a worker process (a child JVM running {@code WorkerMain}, node {@code bench-a})
 * runs N executions that loop forever, each iteration counting and waiting one second ({@code WAIT
 * 1}: durable timers, so that all N stay in flight and keep moving). Once every one has run and the
 * process has run a while more, it is killed with SIGKILL: its running executions keep their leases,
 * the others wait for their timers. Then a new worker process (a child JVM, node {@code bench-b}:
 * another process, which cannot rely on owning the dead one's leases) is launched, and {@code
 * recovery_seconds} runs from its launch (JVM start included) until each of the N executions has
 * committed an event after the kill.
 *
 * <p>What the new process relies on for the executions that were running: on the same host, leases
 * whose owner process no longer exists are freed at once (its first lease heartbeat, at start); on
 * another host they would be taken over when they expire ({@code lease-timeout}, 15 s by default).
 * {@code -Dbasicflow.durable.reclaim-dead-local-owners=false} measures that second case here.
 */
final class RecoveryWorkload {

    static final String SCRIPT = "#workflow\nn = 0\nDO WHILE n >= 0\n  n = n + 1\n  WAIT 1\nLOOP\n";

    /** Settings passed on to the worker processes when they are given. */
    private static final List<String> PASSED_ON = List.of(
            "basicflow.durable.claim-batch",
            "basicflow.durable.poll-interval",
            "basicflow.durable.lease-timeout",
            "basicflow.durable.heartbeat-interval",
            "basicflow.durable.checkpoint-steps",
            "basicflow.durable.checkpoint-interval",
            "basicflow.durable.snapshot-interval",
            "basicflow.durable.commit-batch",
            "basicflow.durable.commit-concurrency",
            "basicflow.durable.steps-per-activation",
            "basicflow.durable.reclaim-dead-local-owners",
            "basicflow.db.pool.size");

    private RecoveryWorkload() {}

    static BenchResult run(BenchDatabase database, BenchOptions options) {
        int executions = options.executions();
        DurableSettings settings = DurableBench.settings(options);
        DataSource data = database.database().dataSource();
        try (DurableRuntime api = DurableRuntime.builder(
                        database.database(), KeywordCatalogue.of(new CorePlugin(), new BenchmarkPlugin()))
                .settings(settings)
                .workers(false)
                .start()) {
            WorkerProcess first = WorkerProcess.launch(workerSettings(database, options, "bench-a"));
            try {
                first.awaitReady(Duration.ofSeconds(120));
                DurableBench.startAll(api.engine(), "recovery", executions, i -> SCRIPT);
                // every execution has run at least once (its first commit is after event 1) ...
                awaitCount(
                        data,
                        "select count(*) from workflow_executions where id like 'recovery-%' and last_seq > 1",
                        executions,
                        DurableBench.patience(executions));
                // ... and the process has been at it for a while more
                Thread.sleep(3000);
            } catch (RuntimeException | InterruptedException e) {
                first.kill();
                throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            } catch (Exception e) {
                first.kill();
                throw new IllegalStateException(e);
            }
            first.kill();
            long leased = count(
                    data, "select count(*) from workflow_executions where id like 'recovery-%' and status = 'RUNNING'");
            long waiting = count(
                    data,
                    "select count(*) from workflow_executions where id like 'recovery-%' and status = 'WAITING_TIMER'");
            execute(
                    data,
                    "create table bench_recovery_mark as select id, last_seq from workflow_executions"
                            + " where id like 'recovery-%'");

            WorkerProcess second = WorkerProcess.launch(workerSettings(database, options, "bench-b"));
            try {
                long launched = second.launchedNanos();
                String moved = "select count(*) from workflow_executions e join bench_recovery_mark m on m.id = e.id"
                        + " where e.last_seq > m.last_seq";
                long firstMoved = awaitCount(data, moved, 1, Duration.ofSeconds(120));
                long allMoved = awaitCount(data, moved, executions, DurableBench.patience(executions));
                long ready = second.awaitReady(Duration.ofSeconds(1));
                return new BenchResult.Builder("recovery")
                        .count("executions", executions)
                        .count("concurrency", options.concurrency())
                        .decimal("recovery_seconds", (allMoved - launched) / 1e9)
                        .decimal("process_ready_seconds", (ready - launched) / 1e9)
                        .decimal("first_moved_seconds", (firstMoved - launched) / 1e9)
                        .count("leased_at_kill", leased)
                        .count("waiting_timer_at_kill", waiting)
                        .text("lease_timeout", settings.leaseTimeout().toString())
                        .text("dead_owner_detection", Boolean.toString(settings.reclaimDeadLocalOwners()))
                        .text("database", database.describe())
                        .build();
            } finally {
                second.close();
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the recovery benchmark failed: " + e, e);
        }
    }

    private static Map<String, String> workerSettings(BenchDatabase database, BenchOptions options, String node) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(DatabaseConfig.PREFIX + "url", database.url());
        settings.put(DatabaseConfig.PREFIX + "user", database.user());
        settings.put(DatabaseConfig.PREFIX + "password", database.password());
        settings.put(DurableSettings.PREFIX + "node", node);
        settings.put(DurableSettings.PREFIX + "concurrency", Integer.toString(options.concurrency()));
        for (String key : PASSED_ON) {
            String value = options.settings().apply(key);
            if (value != null) {
                settings.put(key, value);
            }
        }
        return settings;
    }

    /** Polls a count until it reaches the target; returns when, as {@link System#nanoTime()}. */
    private static long awaitCount(DataSource data, String sql, long target, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long count = count(data, sql);
            long now = System.nanoTime();
            if (count >= target) {
                return now;
            }
            if (now > deadline) {
                throw new IllegalStateException("the recovery benchmark gave up after " + timeout.toSeconds() + " s: "
                        + count + " of " + target + " executions got there");
            }
            Thread.sleep(100);
        }
    }

    private static long count(DataSource data, String sql) {
        try (Connection connection = data.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("the benchmark's query failed: " + e.getMessage(), e);
        }
    }

    private static void execute(DataSource data, String sql) {
        try (Connection connection = data.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("the benchmark's statement failed: " + e.getMessage(), e);
        }
    }
}
