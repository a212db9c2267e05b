package io.basicflow.durable.proof;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.ReplayVerification;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.Value;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deterministic crash points: a real worker JVM ({@code WorkerMain}) is killed with SIGKILL at a
 * chosen moment, a new one takes over, and every execution ends as its direct run did, with every
 * message once, every effect at least once with one key (at most once where declared), and the replay
 * check holding. The moments: right after an {@code EffectStarted} committed while the handler runs
 * (idempotent and at-most-once), during a {@code HEAR} park, during a {@code WAIT}, after an effect's
 * handler returned but before its completion was committed, and in the middle of a loop between
 * checkpoints.
 */
@ExtendWith({PostgresExtension.class, ReplayVerification.class})
class CrashPointsTest {

    private static final String HOLDUP = """
            #workflow
            TALK "before " + tag
            a = SHIP(tag)
            HOLDUP "running"
            TALK "after " + tag
            RETURN a
            """;

    @Test
    void anIdempotentHandlerThatRanWhenItsWorkerWasKilledRunsAgainWithTheSameKey(
            TestDatabase database, @TempDir Path effects) {
        try (ProofRun run = ProofRun.withoutWorkers(database, effects)) {
            WorkerProcess first = run.worker("first", Map.of());
            for (int k = 1; k <= 6; k++) {
                run.start("handler-" + k, HOLDUP, tag(k));
            }
            ProofRun.await(
                    "six HOLDUP handlers running",
                    Duration.ofSeconds(60),
                    () -> run.log().startsOfKeyword("HOLDUP").size() == 6);
            // Each handler runs after its EffectStarted committed.
            assertThat(run.probe.rows("handler-").values()).hasSize(6).allSatisfy(row -> {
                assertThat(row.status()).isEqualTo("RUNNING");
                assertThat(row.lastEventType()).isEqualTo("EffectStarted");
                assertThat(row.leaseOwner()).contains(first.owner());
            });

            first.kill();
            run.note("killed first");

            // No shutdown hook ran: nothing gave the leases back.
            assertThat(run.probe.rows("handler-").values()).allSatisfy(row -> {
                assertThat(row.status()).isEqualTo("RUNNING");
                assertThat(row.leaseOwner()).contains(first.owner());
            });
            EffectLogPlugin.open(effects, "running");
            WorkerProcess second = run.worker("second", Map.of());
            run.note("waiting for the end");
            run.awaitEnded("handler-");
            run.note("ended");
            second.stop();

            EffectLog log = run.log();
            for (int k = 1; k <= 6; k++) {
                String id = "handler-" + k;
                run.checks.completedLikeDirect(id, OrderDialog.direct(HOLDUP, id, tag(k), List.of()), log);
                List<EffectLog.Call> holdups = log.startsOf(id).stream()
                        .filter(call -> call.keyword().equals("HOLDUP"))
                        .toList();
                assertThat(holdups).extracting(EffectLog.Call::attempt).containsExactly(1, 2);
                assertThat(holdups).extracting(EffectLog.Call::pid).containsExactly(first.pid(), second.pid());
                assertThat(holdups.get(0).key()).isEqualTo(holdups.get(1).key());
                assertThat(log.startsOf(id).stream()
                                .filter(call -> call.keyword().equals("SHIP")))
                        .hasSize(1);
            }
        }
    }

    @Test
    void anAtMostOnceHandlerThatRanWhenItsWorkerWasKilledIsNeverRunAgainByTheEngine(
            TestDatabase database, @TempDir Path effects) {
        String source = """
                #workflow
                TALK "before " + tag
                HOLDPAY "paying"
                TALK "after " + tag
                """;
        try (ProofRun run = ProofRun.withoutWorkers(database, effects)) {
            WorkerProcess first = run.worker("first", Map.of());
            for (int k = 1; k <= 4; k++) {
                run.start("pay-" + k, source, tag(k));
            }
            ProofRun.await(
                    "four HOLDPAY handlers running",
                    Duration.ofSeconds(60),
                    () -> run.log().startsOfKeyword("HOLDPAY").size() == 4);

            first.kill();
            run.note("killed first");
            EffectLogPlugin.open(effects, "paying");
            WorkerProcess second = run.worker("second", Map.of());
            run.note("waiting for the end");
            run.awaitEnded("pay-");

            EffectLog log = run.log();
            for (int k = 1; k <= 4; k++) {
                String id = "pay-" + k;
                run.checks.failedWithOutcomeUnknown(id, OrderDialog.direct(source, id, tag(k), List.of()), log);
                assertThat(log.startsOf(id)).hasSize(1);
                assertThat(run.checks.messages(id, run.checks.history(id))).containsExactly("before " + k);
            }
            // The operator decides: the payment happened, so the execution is cancelled; it is never paid twice.
            run.api.engine().cancel("pay-1", "paid by hand");
            run.api.awaitStatus("pay-1", ExecutionStatus.CANCELLED);
            run.note("ended");
            second.stop();
            assertThat(run.log().startsOf("pay-1")).hasSize(1);
            assertThat(run.api.messages("pay-1")).containsExactly("before 1");
            run.checks.replay("pay-1");
        }
    }

    @Test
    void executionsParkedAtHearSurviveAKillAndTakeInputThatArrivesWhileNoWorkerRuns(
            TestDatabase database, @TempDir Path effects) {
        List<OrderDialog.Case> cases = OrderDialog.cases(new SplittableRandom(7), "parked", 8, 5, 300).stream()
                .map(order -> new OrderDialog.Case(order.id(), order.variables(), order.inputs(), false))
                .toList();
        try (ProofRun run = ProofRun.withoutWorkers(database, effects);
                InputFeeder feeder = run.feeder()) {
            WorkerProcess first = run.worker("first", Map.of());
            for (OrderDialog.Case order : cases) {
                run.start(order.id(), OrderDialog.SOURCE, order.variables());
            }
            run.awaitAll("parked-", row -> row.status().equals("WAITING_INPUT"), "all parked at HEAR");
            // Parked: no lease, no worker holds them.
            assertThat(run.probe.rows("parked-").values())
                    .allSatisfy(row -> assertThat(row.leaseOwner()).isEmpty());

            first.kill();
            run.note("killed first");
            for (OrderDialog.Case order : cases) {
                feeder.answerWhenAsked(order.id(), order.inputs());
            }
            // The first answers are stored while no worker runs.
            run.awaitAll("parked-", row -> row.status().equals("RUNNABLE"), "all runnable with their input");
            WorkerProcess second = run.worker("second", Map.of());
            run.note("waiting for the end");
            run.awaitEnded("parked-");
            run.note("ended");
            second.stop();

            EffectLog log = run.log();
            for (OrderDialog.Case order : cases) {
                run.checks.completedLikeDirect(order.id(), OrderDialog.direct(order), log);
            }
        }
    }

    @Test
    void timersSurviveAKillAndFireNoEarlierThanTheirTime(TestDatabase database, @TempDir Path effects) {
        String source = """
                #workflow
                TALK "waiting " + tag
                WAIT 2
                TALK "woke " + tag
                r = SHIP(tag)
                RETURN r
                """;
        try (ProofRun run = ProofRun.withoutWorkers(database, effects)) {
            WorkerProcess first = run.worker("first", Map.of());
            for (int k = 1; k <= 6; k++) {
                run.start("timer-" + k, source, tag(k));
            }
            run.awaitAll("timer-", row -> row.status().equals("WAITING_TIMER"), "all waiting for their timer");
            assertThat(run.probe.rows("timer-").values())
                    .allSatisfy(row -> assertThat(row.leaseOwner()).isEmpty());

            first.kill();
            run.note("killed first");
            WorkerProcess second = run.worker("second", Map.of());
            run.note("waiting for the end");
            run.awaitEnded("timer-");
            run.note("ended");
            second.stop();

            EffectLog log = run.log();
            for (int k = 1; k <= 6; k++) {
                String id = "timer-" + k;
                run.checks.completedLikeDirect(id, OrderDialog.direct(source, id, tag(k), List.of()), log);
                ExecutionEvent.TimerStarted started = run.checks.history(id).stream()
                        .filter(ExecutionEvent.TimerStarted.class::isInstance)
                        .map(ExecutionEvent.TimerStarted.class::cast)
                        .findFirst()
                        .orElseThrow();
                long wakeMicros = ChronoUnit.MICROS.between(Instant.EPOCH, started.wakeAt());
                assertThat(run.probe.eventTimes(id, "TimerFired"))
                        .as("%s: the timer fired once, not before %s", id, started.wakeAt())
                        .singleElement()
                        .satisfies(fired -> assertThat(fired).isGreaterThanOrEqualTo(wakeMicros));
            }
        }
    }

    @Test
    void workDoneButNotCommittedIsRedoneAfterAKillAfterTheHandlerAndInTheMiddleOfALoop(
            TestDatabase database, @TempDir Path effects) {
        String source = """
                #workflow
                a = SHIP(7)
                total = 0
                FOR i = 1 TO 20000
                    total = total + i
                    IF i MOD 5000 = 0 THEN TALK "at " + i
                NEXT
                RETURN total + a
                """;
        String id = "loop-1";
        try (ProofRun run = ProofRun.withoutWorkers(database, effects)) {
            // No commit until the activation ends: the handler's result and the loop stay in memory.
            WorkerProcess first = run.worker(
                    "first",
                    Map.of(
                            "checkpoint-steps", "100000000",
                            "checkpoint-interval", "1h",
                            "steps-per-activation", "100000000"));
            run.start(id, source, Map.of());
            ProofRun.await(
                    "SHIP returned",
                    Duration.ofSeconds(60),
                    () -> run.log().endsOf(id).size() == 1);

            first.kill();
            run.note("killed first");

            DbProbe.Row afterFirst = run.probe.rows(id).get(id);
            assertThat(afterFirst.lastSeq())
                    .as("the handler returned, but nothing after its EffectStarted (event 2) was committed")
                    .isEqualTo(2);
            assertThat(afterFirst.lastEventType()).isEqualTo("EffectStarted");
            WorkerProcess second = run.worker("second", Map.of());
            ProofRun.await("in the middle of the loop", Duration.ofSeconds(60), () -> {
                DbProbe.Row row = run.probe.rows(id).get(id);
                return row.lastSeq() > 15_000 && row.status().equals("RUNNING");
            });

            second.kill();
            run.note("killed second");

            DbProbe.Row afterSecond = run.probe.rows(id).get(id);
            assertThat(afterSecond.status()).isIn("RUNNING", "RUNNABLE");
            assertThat(afterSecond.lastEventType()).isIn("StepCompleted", "StepsCompleted", "MessageSent");
            WorkerProcess third = run.worker("third", Map.of());
            run.note("waiting for the end");
            run.awaitEnded(id);
            run.note("ended");
            third.stop();

            EffectLog log = run.log();
            run.checks.completedLikeDirect(id, OrderDialog.direct(source, id, Map.of(), List.of()), log);
            assertThat(log.startsOf(id)).extracting(EffectLog.Call::attempt).containsExactly(1, 2);
            assertThat(log.startsOf(id)).extracting(EffectLog.Call::pid).containsExactly(first.pid(), second.pid());
            assertThat(log.startsOf(id)).extracting(EffectLog.Call::key).containsOnly(id + "/2");
            assertThat(run.api.messages(id)).containsExactly("at 5000", "at 10000", "at 15000", "at 20000");
        }
    }

    private static Map<String, Value> tag(int k) {
        return Map.of("tag", IntegerValue.of(k));
    }
}
