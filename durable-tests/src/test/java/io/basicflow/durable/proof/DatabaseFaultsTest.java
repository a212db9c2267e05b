package io.basicflow.durable.proof;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.ReplayVerification;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.persistence.testing.TestPostgresServer;
import io.basicflow.spi.value.IntegerValue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Database faults under a running engine (workers in the test JVM, never restarted): every session
 * of the database is ended with {@code pg_terminate_backend} again and again while the order dialogs
 * run, and PostgreSQL itself is stopped and started (same port) in the middle of a run, for longer
 * than a lease lasts. The engine recovers by itself; every execution then completes like its direct
 * run, with every message once and every effect at least once (at most once where declared). As the
 * engine itself never dies here, no at-most-once payment may end "outcome unknown": a commit that met
 * a broken connection is written again, not given up.
 */
@ExtendWith({PostgresExtension.class, ReplayVerification.class})
class DatabaseFaultsTest {

    private static final int ROUNDS = 30;

    @Test
    void sessionsEndedAgainAndAgainMidRunLoseAndDoubleNothing(TestDatabase database, @TempDir Path effects)
            throws InterruptedException {
        SplittableRandom random = new SplittableRandom(11);
        List<OrderDialog.Case> cases = OrderDialog.cases(random, "cut", 24, 6, 1500);
        try (ProofRun run = ProofRun.inProcess(database, effects, builder -> builder);
                InputFeeder feeder = run.feeder()) {
            for (OrderDialog.Case order : cases) {
                run.start(order, feeder);
            }
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger rounds = new AtomicInteger();
            AtomicInteger sessions = new AtomicInteger();
            // A storm of up to ROUNDS rounds, 50-250 ms apart, while the executions run; then the engine is on its own.
            Thread terminator = Thread.ofPlatform().name("test-terminator").start(() -> {
                SplittableRandom pace = new SplittableRandom(12);
                while (!stop.get() && rounds.get() < ROUNDS) {
                    ProofRun.sleep(Duration.ofMillis(pace.nextInt(50, 250)));
                    try {
                        sessions.addAndGet(database.terminateConnections());
                        rounds.incrementAndGet();
                    } catch (RuntimeException e) {
                        // the server is busy: the next round ends them
                    }
                }
            });
            boolean ended;
            try {
                ended = run.endsWithin("cut-", Duration.ofSeconds(120));
            } finally {
                stop.set(true);
                terminator.join();
            }
            assertThat(ended)
                    .as("every execution ended; %s", run.describe("cut-"))
                    .isTrue();
            run.note(rounds.get() + " rounds of pg_terminate_backend ended " + sessions.get() + " session(s)");
            run.settle();
            // The engine never died: no payment may end "outcome unknown"; everything completes.
            assertThat(run.checkAll(cases)).isEqualTo(cases.size());
            assertThat(rounds.get()).as("rounds before every execution ended").isGreaterThanOrEqualTo(5);
            assertThat(sessions.get()).isGreaterThan(rounds.get());
        }
    }

    @Test
    void paymentsThatFinishWhilePostgresIsDownAreCommittedWhenItIsBackNotLeftOutcomeUnknown(
            TestDatabase database, TestPostgresServer server, @TempDir Path effects) {
        String source = """
                #workflow
                TALK "before " + tag
                HOLDPAY "paying"
                TALK "after " + tag
                RETURN tag
                """;
        try (ProofRun run = ProofRun.inProcess(database, effects, builder -> builder)) {
            for (int k = 1; k <= 6; k++) {
                run.start("down-" + k, source, Map.of("tag", IntegerValue.of(k)));
            }
            ProofRun.await(
                    "six payments running",
                    Duration.ofSeconds(60),
                    () -> run.log().startsOfKeyword("HOLDPAY").size() == 6);
            try {
                server.stop();
                run.note("PostgreSQL stopped with six payments running");
                EffectLogPlugin.open(effects, "paying");
                ProofRun.await(
                        "six payments done",
                        Duration.ofSeconds(30),
                        () -> run.log().calls().stream()
                                        .filter(call -> call.phase() == EffectLog.Phase.END)
                                        .count()
                                == 6);
                // Longer than two waits for a connection (2 s each here): their completions must wait it out.
                ProofRun.sleep(Duration.ofSeconds(5));
            } finally {
                server.start();
            }
            run.note("PostgreSQL started again");

            run.awaitEnded("down-");
            run.settle();
            EffectLog log = run.log();
            for (int k = 1; k <= 6; k++) {
                String id = "down-" + k;
                run.checks.completedLikeDirect(
                        id, OrderDialog.direct(source, id, Map.of("tag", IntegerValue.of(k)), List.of()), log);
                assertThat(log.startsOf(id)).hasSize(1);
            }
        }
    }

    @Test
    void postgresStoppedAndStartedMidRunLosesAndDoublesNothing(
            TestDatabase database, TestPostgresServer server, @TempDir Path effects) {
        List<OrderDialog.Case> cases = OrderDialog.cases(new SplittableRandom(13), "restart", 24, 6, 600);
        try (ProofRun run = ProofRun.inProcess(database, effects, builder -> builder);
                InputFeeder feeder = run.feeder()) {
            for (OrderDialog.Case order : cases) {
                run.start(order, feeder);
            }
            ProofRun.await("under way", Duration.ofSeconds(60), () -> run.probe.events("restart-") > 3000);
            try {
                server.stop();
                run.note("PostgreSQL stopped: " + run.log().calls().size() + " effect records so far");
                // Longer than a lease: every lease has expired when the server is back.
                ProofRun.sleep(Duration.ofSeconds(3));
            } finally {
                server.start();
            }
            run.note("PostgreSQL started again");

            run.awaitEnded("restart-");
            run.settle();
            assertThat(run.checkAll(cases)).isEqualTo(cases.size());
        }
    }
}
