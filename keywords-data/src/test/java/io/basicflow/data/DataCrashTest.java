package io.basicflow.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.persistence.WorkerMain;
import io.basicflow.persistence.testing.ChildJvm;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Durable scripts that SAVE, UPDATE, INSERT and MERGE in loops and branches run in worker JVMs killed
 * with SIGKILL again and again, at seeded points: right after a data handler wrote and before its
 * step committed ({@code SLOW SAVE} prints {@code WROTE} and then holds the transaction open), or at
 * a seeded time. A last worker finishes; then every table must be exactly what direct runs of the
 * same scripts and inputs leave: no lost row, no duplicate.
 */
@ExtendWith(PostgresExtension.class)
class DataCrashTest {

    static final String SCRIPT = """
            FOR i = 1 TO n
                SAVE "ledger", tag + "-" + i, #{amount: i * 10, kind: "initial"}
                IF i MOD 3 = 0 THEN
                    c = UPDATE "ledger", "id = '" + tag + "-" + i + "'", #{kind: "third", amount: i * 100}
                ELSE
                    e = INSERT "events", #{tag: tag, i: i}
                END IF
                MERGE "totals", #{tag: tag, last: i}, "tag"
                IF i MOD 4 = 0 THEN
                    SLOW SAVE "slow", tag + "-" + i
                END IF
            NEXT
            all = FIND "events", "tag = '" + tag + "'"
            SAVE "summary", tag, #{events: LEN(all)}
            """;

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

    @Test
    void tablesEndExactlyAsDirectRunsLeaveThemAfterRepeatedKillNine(TestDatabase database) throws Exception {
        long seed = Long.getLong("basicflow.proof.seed", 20261206L);
        SplittableRandom random = new SplittableRandom(seed);
        int executions = 10;
        List<Map<String, Value>> inputs = new ArrayList<>();
        for (int e = 0; e < executions; e++) {
            inputs.add(Map.of("tag", new TextValue("t" + e), "n", IntegerValue.of(random.nextInt(12, 40))));
        }
        for (Map<String, Value> variables : inputs) {
            DataEngines.Run run = DataEngines.direct(
                    DataEngines.connections(database), "reference/start.bas", SCRIPT, List.of(), variables);
            DataEngines.assertCompleted(run);
        }
        List<String> kills = new ArrayList<>();
        try (DurableFixture engine = DurableFixture.builder(database)
                .plugins(new DataPlugin(), new SlowSavePlugin())
                .workers(false)
                .start()) {
            List<String> ids = new ArrayList<>();
            for (Map<String, Value> variables : inputs) {
                ids.add(engine.start("crashed/start.bas", "#workflow\n" + SCRIPT, variables));
            }
            for (int round = 1; round <= 6 && !allEnded(engine, ids); round++) {
                try (ChildJvm worker = worker(database, "kill-" + round)) {
                    String point;
                    if (round % 2 == 1) {
                        String line = worker.awaitLine(text -> text.startsWith("WROTE "), Duration.ofSeconds(60));
                        point = "between the write of " + line.substring(6) + " and its commit";
                    } else {
                        long millis = random.nextLong(50, 1500);
                        Thread.sleep(millis);
                        point = millis + " ms after ready";
                    }
                    assertThat(worker.killHard()).isEqualTo(137);
                    kills.add(point);
                }
            }
            try (ChildJvm last = worker(database, "last")) {
                for (String id : ids) {
                    ExecutionView view = awaitEnd(engine, id);
                    assertThat(view.status())
                            .as("%s: %s (seed %d, kills %s)", id, view.error(), seed, kills)
                            .isEqualTo(ExecutionStatus.COMPLETED);
                }
                last.send("stop");
            }
        }
        assertThat(kills).as("kill points").hasSizeGreaterThanOrEqualTo(3);
        for (String table : List.of("ledger", "summary", "slow")) {
            assertThat(DataEngines.rows(database, "bot_crashed", table))
                    .as("%s after kills %s (seed %d)", table, kills, seed)
                    .isEqualTo(DataEngines.rows(database, "bot_reference", table));
        }
        // Generated ids differ (concurrent executions interleave; a rolled-back insert uses up sequence
        // numbers): compare the rest.
        for (String table : List.of("events", "totals")) {
            assertThat(sorted(DataEngines.rows(database, "bot_crashed", table, "id")))
                    .as("%s after kills %s (seed %d)", table, kills, seed)
                    .isEqualTo(sorted(DataEngines.rows(database, "bot_reference", table, "id")));
        }
        assertThat(DataEngines.rows(database, "bot_crashed", "slow")).isNotEmpty();
    }

    private static List<String> sorted(List<String> rows) {
        return rows.stream().sorted().toList();
    }

    private static ChildJvm worker(TestDatabase database, String node) {
        return worker(database, node, Map.of());
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
