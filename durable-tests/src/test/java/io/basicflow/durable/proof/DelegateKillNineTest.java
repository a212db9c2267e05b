package io.basicflow.durable.proof;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.engine.direct.DirectRunner;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.ReplayVerification;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.spi.value.IntegerValue;
import java.io.IOException;
import java.nio.file.Files;
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
 * Delegating scripts ({@code r = DELEGATE … TO BOT … TIMEOUT s} twice, with a fire-and-forget {@code
 * DELEGATE} between) run in real worker JVMs killed with SIGKILL at seeded points: after N more
 * commits, or a seeded time after the worker is ready, so while parents are parked on their deadline
 * and their bots run. A last worker then finishes everything. Each script must end with the result and
 * variables of its uninterrupted direct run, with exactly one child execution per delegation (three),
 * each completed: a bot is never started twice, a parent never misses its bot's end (the deadlines are
 * an hour away, so only the wake can resume a parent in time).
 */
@ExtendWith({PostgresExtension.class, ReplayVerification.class})
class DelegateKillNineTest {

    private static final int EXECUTIONS = Integer.getInteger("basicflow.proof.delegations", 10);

    private static final int KILLS = Integer.getInteger("basicflow.proof.kills", 5);

    static final String NAME = "delegating.bas";

    static final String SOURCE = """
            #workflow
            score = DELEGATE "score order " + n TO BOT "scorer" TIMEOUT 3600
            DELEGATE "log order " + n TO BOT "logger"
            label = DELEGATE "ship order " + n TO BOT "shipper" TIMEOUT 3600
            RETURN label + " / " + score
            """;

    /** Writes the bots: each spins a loop, calls an idempotent effect, sleeps durably, returns a value. */
    static void writeBots(Path scripts) throws IOException {
        write(scripts.resolve("scorer.gbai/scorer.gbdialog/start.bas"), """
                score = 0
                FOR i = 1 TO 200 + n
                  score = score + i MOD 7
                NEXT i
                shipped = SHIP(n)
                WAIT 0.05
                RETURN score + LEN(shipped)
                """);
        write(scripts.resolve("logger/start.bas"), """
                logged = SHIP(task)
                WAIT 0.05
                RETURN logged
                """);
        write(scripts.resolve("shipper/start.bas"), """
                count = 0
                FOR i = 1 TO 150 + n
                  count = count + 1
                NEXT i
                label = SHIP(task + " scored " + score)
                WAIT 0.05
                RETURN label + " after " + count
                """);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void delegatingScriptsSurviveKillNineWithEveryBotRunOnce(
            TestDatabase database, @TempDir Path effects, @TempDir Path scripts) throws IOException {
        writeBots(scripts);
        prove(database, effects, scripts, "deleg-", NAME, SOURCE, EXECUTIONS, 3);
    }

    /**
     * Starts {@code executions} runs of the script (variable {@code n} = 1, 2, …), kills {@code
     * basicflow.proof.kills} workers at seeded points, lets a last worker finish, and checks each run
     * against its uninterrupted direct run: result, variables, {@code children} completed children,
     * replayable histories. {@link BotSetKillNineTest} proves its scripts the same way.
     */
    static void prove(
            TestDatabase database,
            Path effects,
            Path scripts,
            String prefix,
            String name,
            String source,
            int executions,
            int children) {
        long seed = Long.getLong("basicflow.proof.seed", 20261207L);
        SplittableRandom random = new SplittableRandom(seed);
        List<String> options = List.of("-Dbasicflow.scripts.dir=" + scripts);
        try (ProofRun run = ProofRun.withoutWorkers(database, effects)) {
            run.note("seed " + seed);
            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= executions; i++) {
                String id = prefix + i;
                run.start(id, source, Map.of("n", IntegerValue.of(i)));
                ids.add(id);
            }
            for (int round = 1; round <= KILLS && run.probe.unfinished(prefix) > 0; round++) {
                WorkerProcess worker = run.worker(
                        "kill-" + round,
                        Map.of("reclaim-dead-local-owners", Boolean.toString(random.nextBoolean())),
                        options);
                String point;
                if (round % 2 == 1) {
                    long more = random.nextLong(1, 40);
                    long target = run.probe.commits(prefix) + more;
                    ProofRun.await(
                            "commit " + target,
                            Duration.ofSeconds(60),
                            () -> run.probe.commits(prefix) >= target || run.probe.unfinished(prefix) == 0);
                    point = "after " + more + " more commits";
                } else {
                    long millis = random.nextLong(0, 800);
                    ProofRun.sleep(Duration.ofMillis(millis));
                    point = millis + " ms after ready";
                }
                worker.kill();
                run.note("kill " + round + " (" + point + "): " + run.probe.census(prefix));
            }
            WorkerProcess last = run.worker("last", Map.of(), options);
            run.awaitEnded(prefix);
            last.stop();

            for (String id : ids) {
                int n = Integer.parseInt(id.substring(prefix.length()));
                DirectRunner.DirectRun reference =
                        OrchestrationKillNineTest.direct(scripts, name, source, id, Map.of("n", IntegerValue.of(n)));
                assertThat(reference.outcome()).isInstanceOf(DirectOutcome.Completed.class);
                ExecutionView view = run.api.engine().find(id).orElseThrow();
                assertThat(view.status()).as("%s ended %s", id, view.error()).isEqualTo(ExecutionStatus.COMPLETED);
                assertThat(view.result())
                        .as("%s: result", id)
                        .isEqualTo(((DirectOutcome.Completed) reference.outcome()).result());
                assertThat(Map.copyOf(view.variables()))
                        .as("%s: variables (durable vs direct)", id)
                        .isEqualTo(Map.copyOf(reference.state().variables()));
                Map<String, DbProbe.Row> started = run.probe.rows(id + "~");
                assertThat(started).as("%s: one child per bot call", id).hasSize(children);
                assertThat(started.values())
                        .extracting(DbProbe.Row::status)
                        .as("%s: every bot completed", id)
                        .containsOnly("COMPLETED");
                run.checks.replay(id);
                started.keySet().forEach(run.checks::replay);
            }
            run.note(ids.size() + " scripts completed like their direct runs, " + children + " bot runs each");
        }
    }
}
