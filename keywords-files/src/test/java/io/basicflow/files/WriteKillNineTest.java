package io.basicflow.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.EventView;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.engine.api.StartRequest;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.persistence.testing.ChildJvm;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.persistence.testing.WorkerKillHarness;
import io.basicflow.spi.value.Value;
import io.basicflow.testkit.DirectRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durable scripts that write files in a loop ({@code WRITE … APPEND}, a plain {@code WRITE} of a
 * growing text, and one that replaces a small file), run by real worker JVMs killed with SIGKILL at
 * seeded points: each kill waits until the appended logs hold a seeded number of bytes more and then
 * kills the worker, wherever it is (between a step's start and its completion, mid-rename, mid-append,
 * or between two commits). A last worker finishes everything.
 *
 * <p>Checked: every execution completes with the result of its direct run, and the storage folder ends
 * exactly as the direct run leaves it: the same files with the same bytes (no line lost, none twice,
 * no temporary {@code .part} file left).
 */
@ExtendWith(PostgresExtension.class)
class WriteKillNineTest {

    private static final int EXECUTIONS = Integer.getInteger("basicflow.proof.executions", 6);
    private static final int KILLS = Integer.getInteger("basicflow.proof.kills", 4);
    private static final int LINES = 40;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    static final String SCRIPT = """
            #workflow
            copy = ""
            FOR i = 1 TO lines
                WRITE "line " + i + " of " + name + ";" TO "logs/" + name + ".log" APPEND
                copy = copy + "line " + i + ";"
                WRITE "copies/" + name + ".txt", copy
                WRITE "state/" + name + ".txt", "at " + i
            NEXT
            RETURN LEN(copy)
            """;

    @TempDir
    Path root;

    @Test
    void filesWrittenInALoopEndAsTheDirectRunLeavesThemAfterKillNine(TestDatabase database) throws Exception {
        long seed = Long.getLong("basicflow.proof.seed", 20261207L);
        SplittableRandom random = new SplittableRandom(seed);
        Path directRoot = Files.createDirectories(root.resolve("direct"));
        Path durableRoot = Files.createDirectories(root.resolve("durable"));
        Map<String, Value> expected = new TreeMap<>();
        for (int i = 0; i < EXECUTIONS; i++) {
            DirectRun direct = DirectRun.of(
                    List.of(new FilesPlugin()),
                    Map.of("basicflow.files.root", directRoot.toString()),
                    "log.bas",
                    SCRIPT,
                    variables(i));
            DirectOutcome.Completed completed = (DirectOutcome.Completed) direct.outcome();
            expected.put("w-" + i, completed.result().orElseThrow());
        }
        Path logs = durableRoot.resolve("default.gbai/default.gbdrive/logs");
        List<String> kills = new ArrayList<>();
        try (WorkerKillHarness harness = WorkerKillHarness.start(database, TIMEOUT)) {
            for (int i = 0; i < EXECUTIONS; i++) {
                harness.engine().start(new StartRequest(Optional.of("w-" + i), "log.bas", SCRIPT, variables(i)));
            }
            long total = bytes(directRoot.resolve("default.gbai/default.gbdrive/logs"));
            for (int round = 1; round <= KILLS; round++) {
                long target = bytes(logs) + random.nextLong(20, total / (KILLS + 1));
                ChildJvm worker = worker(harness, durableRoot, "kill-" + round);
                long deadline = System.nanoTime() + TIMEOUT.toNanos();
                while (bytes(logs) < target && System.nanoTime() < deadline) {
                    Thread.sleep(2);
                }
                worker.killHard();
                kills.add("at " + bytes(logs) + " bytes (target " + target + ")");
            }
            worker(harness, durableRoot, "last");
            for (Map.Entry<String, Value> entry : expected.entrySet()) {
                ExecutionView view =
                        harness.awaitStatus(entry.getKey(), ExecutionStatus.COMPLETED, ExecutionStatus.FAILED);
                assertThat(view.status())
                        .as(entry.getKey() + ": " + view.error())
                        .isEqualTo(ExecutionStatus.COMPLETED);
                assertThat(view.result()).as(entry.getKey()).contains(entry.getValue());
            }
            int retried = 0;
            for (String id : expected.keySet()) {
                for (EventView event : harness.events(id, "EffectStarted")) {
                    if (!event.payloadJson().contains("\"attempt\":1")) {
                        retried++;
                    }
                }
            }
            System.out.println(
                    "[write kill -9] seed " + seed + ", kills " + kills + ", steps attempted again " + retried);
            assertThat(kills).hasSize(KILLS);
            assertThat(retried)
                    .as("kills that landed between a step's start and its completion")
                    .isPositive();
        }
        Map<String, String> want = files(directRoot);
        assertThat(want).hasSize(3 * EXECUTIONS);
        assertThat(want.get("logs/w0.log"))
                .startsWith("line 1 of w0;line 2 of w0;")
                .endsWith("line 40 of w0;");
        assertThat(files(durableRoot)).isEqualTo(want);
        try (Stream<Path> all = Files.walk(durableRoot)) {
            assertThat(all.map(Path::toString)).noneMatch(name -> name.endsWith(".part"));
        }
    }

    private static Map<String, Value> variables(int i) {
        return Map.of("name", Value.text("w" + i), "lines", Value.number(LINES));
    }

    private static ChildJvm worker(WorkerKillHarness harness, Path filesRoot, String node) {
        return harness.worker(
                "basicflow.files.root=" + filesRoot,
                "basicflow.durable.node=" + node,
                "basicflow.durable.concurrency=8",
                "basicflow.durable.lease-timeout=2s",
                "basicflow.durable.heartbeat-interval=300ms");
    }

    /** The bytes of every log so far (the durable run's progress). */
    private static long bytes(Path logs) throws IOException {
        if (!Files.isDirectory(logs)) {
            return 0;
        }
        long sum = 0;
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : files.toList()) {
                try {
                    sum += Files.size(file);
                } catch (IOException vanished) {
                    // a temporary file renamed away meanwhile
                }
            }
        }
        return sum;
    }

    /** Every file a script can see (no hidden ledger), by its path in the storage, with its text. */
    private static Map<String, String> files(Path filesRoot) throws IOException {
        Path drive = filesRoot.resolve("default.gbai/default.gbdrive");
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(drive)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                if (!file.getFileName().toString().startsWith(".")) {
                    files.put(drive.relativize(file).toString().replace('\\', '/'), Files.readString(file));
                }
            }
        }
        return files;
    }
}
