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
 * Scripts that build a bot set ({@code ADD BOT}, {@code REMOVE BOT}) and {@code BROADCAST … TO BOTS}
 * twice run in real worker JVMs killed with SIGKILL at seeded points (after N more commits, or a seeded
 * time after the worker is ready). A last worker finishes everything. Each script must end with the
 * result and variables (the set included) of its uninterrupted direct run, with exactly one child per
 * bot per broadcast (two, then three), each completed: a broadcast never starts a bot twice.
 */
@ExtendWith({PostgresExtension.class, ReplayVerification.class})
class BotSetKillNineTest {

    private static final int EXECUTIONS = Integer.getInteger("basicflow.proof.broadcasts", 8);

    private static final int KILLS = Integer.getInteger("basicflow.proof.kills", 5);

    static final String NAME = "broadcasting.bas";

    static final String SOURCE = """
            #workflow
            score = 7
            ADD BOT "scorer" TRIGGER ON "score, rating"
            ADD BOT "logger" WITH TOOLS "log"
            ADD BOT "shipper" WITH TRIGGER "ship"
            REMOVE BOT "logger"
            BROADCAST "order " + n TO BOTS
            ADD BOT "logger" TRIGGER "log"
            BROADCAST "again " + n TO BOTS
            RETURN n * 10
            """;

    @Test
    void broadcastingScriptsSurviveKillNineWithEveryBotRunOncePerBroadcast(
            TestDatabase database, @TempDir Path effects, @TempDir Path scripts) throws IOException {
        DelegateKillNineTest.writeBots(scripts);
        long seed = Long.getLong("basicflow.proof.seed", 20261207L);
        SplittableRandom random = new SplittableRandom(seed);
        List<String> options = List.of("-Dbasicflow.scripts.dir=" + scripts);
        try (ProofRun run = ProofRun.withoutWorkers(database, effects)) {
            run.note("seed " + seed);
            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= EXECUTIONS; i++) {
                String id = "bcast-" + i;
                run.start(id, SOURCE, Map.of("n", IntegerValue.of(i)));
                ids.add(id);
            }
            for (int round = 1; round <= KILLS && run.probe.unfinished("bcast-") > 0; round++) {
                WorkerProcess worker = run.worker(
                        "kill-" + round,
                        Map.of("reclaim-dead-local-owners", Boolean.toString(random.nextBoolean())),
                        options);
                String point;
                if (round % 2 == 1) {
                    long more = random.nextLong(1, 40);
                    long target = run.probe.commits("bcast-") + more;
                    ProofRun.await(
                            "commit " + target,
                            Duration.ofSeconds(60),
                            () -> run.probe.commits("bcast-") >= target || run.probe.unfinished("bcast-") == 0);
                    point = "after " + more + " more commits";
                } else {
                    long millis = random.nextLong(0, 800);
                    ProofRun.sleep(Duration.ofMillis(millis));
                    point = millis + " ms after ready";
                }
                worker.kill();
                run.note("kill " + round + " (" + point + "): " + run.probe.census("bcast-"));
            }
            WorkerProcess last = run.worker("last", Map.of(), options);
            run.awaitEnded("bcast-");
            last.stop();

            for (String id : ids) {
                int n = Integer.parseInt(id.substring("bcast-".length()));
                DirectRunner.DirectRun reference =
                        OrchestrationKillNineTest.direct(scripts, NAME, SOURCE, id, Map.of("n", IntegerValue.of(n)));
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
                assertThat(children)
                        .as("%s: one child per bot per broadcast", id)
                        .hasSize(5);
                assertThat(children.values())
                        .extracting(DbProbe.Row::status)
                        .as("%s: every bot completed", id)
                        .containsOnly("COMPLETED");
                run.checks.replay(id);
                children.keySet().forEach(run.checks::replay);
            }
            run.note(ids.size() + " broadcasting scripts completed like their direct runs, 5 bot runs each");
        }
    }
}
