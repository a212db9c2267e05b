package io.basicflow.durable.proof;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.engine.direct.Conversation;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.engine.direct.DirectRunner;
import io.basicflow.engine.direct.ScriptCompiler;
import io.basicflow.engine.direct.ScriptResolver;
import io.basicflow.engine.interpreter.InputRequest;
import io.basicflow.engine.interpreter.RuntimeCatalogue;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.ReplayVerification;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Orchestrations (a {@code STEP n: BOT}, a 3-branch {@code STEP n: PARALLEL}, another {@code STEP n:
 * BOT}) run in real worker JVMs killed with SIGKILL at seeded points (after N more commits, once a seeded
 * number of children exist, so during the parallel and last steps, or a time after the worker is
 * ready). Then a last worker finishes everything, and each orchestration must have
 * the result and variables of its uninterrupted direct run, with exactly one child execution per bot
 * call (five), each completed: a finished child is never started again, a branch never twice.
 */
@ExtendWith({PostgresExtension.class, ReplayVerification.class})
class OrchestrationKillNineTest {

    private static final int EXECUTIONS = Integer.getInteger("basicflow.proof.orchestrations", 10);

    private static final int KILLS = Integer.getInteger("basicflow.proof.kills", 6);

    static final String NAME = "orchestration.bas";

    static final String SOURCE = """
            ORCHESTRATE WORKFLOW "fulfilment"
            STEP 1: BOT "scorer" "score order " + n
            STEP 2: PARALLEL
              BRANCH A: BOT "shipper" "ship " + n
              BRANCH B: BOT "biller" "bill " + score
              BRANCH C: BOT "notifier" "tell customer " + n
            END PARALLEL
            STEP 3: BOT "summary" "sum it up"
            RETURN total
            """;

    /** Writes the bots: each spins a loop, calls an idempotent effect, sleeps durably, returns a map. */
    static void writeBots(Path scripts) throws IOException {
        write(scripts.resolve("scorer.gbai/scorer.gbdialog/start.bas"), """
                score = 0
                FOR i = 1 TO 200
                  score = score + i MOD 7
                NEXT i
                shipped = SHIP(n)
                WAIT 0.05
                RETURN { score: score + shipped }
                """);
        for (String bot : List.of("shipper", "biller", "notifier")) {
            write(scripts.resolve(bot + "/start.bas"), """
                    count = 0
                    FOR i = 1 TO 150 + n
                      count = count + 1
                    NEXT i
                    label = SHIP(task)
                    WAIT 0.05
                    RETURN { %s_out: label + " after " + count }
                    """.formatted(bot));
        }
        write(scripts.resolve("summary.gbai/summary.gbdialog/start.bas"), """
                RETURN { total: score + LEN(shipper_out) + LEN(biller_out) + LEN(notifier_out) }
                """);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** The uninterrupted direct run of one orchestration. */
    static DirectRunner.DirectRun direct(Path scripts, String id, Map<String, Value> variables) {
        return direct(scripts, NAME, SOURCE, id, variables);
    }

    /** The uninterrupted direct run of a script whose bots are in {@code scripts}, with the effect plugin. */
    static DirectRunner.DirectRun direct(
            Path scripts, String name, String source, String id, Map<String, Value> variables) {
        EffectLogPlugin plugin = new EffectLogPlugin(null);
        KeywordCatalogue catalogue = KeywordCatalogue.of(new CorePlugin(), plugin);
        ScriptService compiler = new ScriptService(catalogue);
        DirectRunner runner = DirectRunner.builder(
                        RuntimeCatalogue.from(catalogue, Map.of(), Clock.systemUTC()), ScriptCompiler.using(compiler))
                .resolver(ScriptResolver.directory(scripts))
                .sleeper(duration -> {})
                .executionIds(() -> id)
                .build();
        return runner.run(compiler.compile(name, source).program(), variables, new Conversation() {
            @Override
            public void say(String text) {}

            @Override
            public Optional<String> listen(InputRequest request) {
                return Optional.empty();
            }
        });
    }

    private static long children(ProofRun run) {
        return run.probe.rows("orch-").keySet().stream()
                .filter(id -> id.contains("~"))
                .count();
    }

    @Test
    void orchestrationsSurviveKillNineWithEveryChildRunOnce(
            TestDatabase database, @TempDir Path effects, @TempDir Path scripts) throws IOException {
        writeBots(scripts);
        long seed = Long.getLong("basicflow.proof.seed", 20261206L);
        SplittableRandom random = new SplittableRandom(seed);
        List<String> options = List.of("-Dbasicflow.scripts.dir=" + scripts);
        try (ProofRun run = ProofRun.withoutWorkers(database, effects)) {
            run.note("seed " + seed);
            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= EXECUTIONS; i++) {
                String id = "orch-" + i;
                run.start(id, SOURCE, Map.of("n", IntegerValue.of(i)));
                ids.add(id);
            }
            for (int round = 1; round <= KILLS && run.probe.unfinished("orch-") > 0; round++) {
                WorkerProcess worker = run.worker(
                        "kill-" + round,
                        Map.of("reclaim-dead-local-owners", Boolean.toString(random.nextBoolean())),
                        options);
                String point;
                if (round % 3 == 2) {
                    // during the later steps: once a seeded number of children exist (10 are step 1's)
                    long target = random.nextLong(12, 4L * EXECUTIONS);
                    ProofRun.await(
                            "child " + target,
                            Duration.ofSeconds(90),
                            () -> children(run) >= target || run.probe.unfinished("orch-") == 0);
                    point = "when " + children(run) + " children existed (target " + target + ")";
                } else if (round % 3 == 1) {
                    long more = random.nextLong(1, 40);
                    long target = run.probe.commits("orch-") + more;
                    ProofRun.await(
                            "commit " + target,
                            Duration.ofSeconds(60),
                            () -> run.probe.commits("orch-") >= target || run.probe.unfinished("orch-") == 0);
                    point = "after " + more + " more commits";
                } else {
                    long millis = random.nextLong(0, 800);
                    ProofRun.sleep(Duration.ofMillis(millis));
                    point = millis + " ms after ready";
                }
                worker.kill();
                run.note("kill " + round + " (" + point + "): " + run.probe.census("orch-"));
            }
            WorkerProcess last = run.worker("last", Map.of(), options);
            run.awaitEnded("orch-");
            last.stop();

            for (String id : ids) {
                int n = Integer.parseInt(id.substring("orch-".length()));
                DirectRunner.DirectRun reference = direct(scripts, id, Map.of("n", IntegerValue.of(n)));
                assertThat(reference.outcome()).isInstanceOf(DirectOutcome.Completed.class);
                ExecutionView view = run.api.engine().find(id).orElseThrow();
                assertThat(view.status()).as("%s ended %s", id, view.error()).isEqualTo(ExecutionStatus.COMPLETED);
                assertThat(view.result())
                        .as("%s: result", id)
                        .isEqualTo(((DirectOutcome.Completed) reference.outcome()).result());
                assertThat(Map.copyOf(view.variables()))
                        .as("%s: variables (durable vs direct)", id)
                        .isEqualTo(Map.copyOf(reference.state().variables()));
                Map<String, DbProbe.Row> children = run.probe.rows(id + "~");
                assertThat(children).as("%s: one child per bot call", id).hasSize(5);
                assertThat(children.values())
                        .extracting(DbProbe.Row::status)
                        .as("%s: every child completed", id)
                        .containsOnly("COMPLETED");
                run.checks.replay(id);
                children.keySet().forEach(run.checks::replay);
            }
            run.note(ids.size() + " orchestrations completed like their direct runs, 5 children each");
        }
    }
}
