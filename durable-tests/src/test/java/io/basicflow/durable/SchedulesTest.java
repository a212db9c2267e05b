package io.basicflow.durable;

import static io.basicflow.durable.ScheduleTesting.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.schedule.DeployedSchedule;
import io.basicflow.engine.schedule.Schedule;
import io.basicflow.engine.schedule.ScheduleIds;
import io.basicflow.engine.schedule.Scheduler;
import io.basicflow.persistence.JdbcScheduleStore;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The schedules' store and scheduler on a real database, with a clock the test moves. */
@ExtendWith(PostgresExtension.class)
class SchedulesTest {

    private static final String TICK_SCRIPT = "#workflow\nTALK \"tick\"\n";

    private static DeployedSchedule schedule(String script, String expression, String cron, String first) {
        return new DeployedSchedule(script, expression, cron, 1, TICK_SCRIPT, Instant.parse(first));
    }

    @Test
    void aDeploymentAddsKeepsAndRemovesSchedules(TestDatabase database) {
        try (DurableFixture fixture =
                DurableFixture.builder(database).workers(false).start()) {
            JdbcScheduleStore store = new JdbcScheduleStore(fixture.database());
            store.deploy(List.of(
                    schedule("a.bas", "every minute", "* * * * *", "2026-12-07T10:01:00Z"),
                    schedule("b.bas", "hourly", "0 * * * *", "2026-12-07T11:00:00Z")));
            store.deploy(List.of(
                    schedule("a.bas", "every minute", "* * * * *", "2026-12-07T10:30:00Z"),
                    schedule("c/d.bas", "0 9 * * 1", "0 9 * * 1", "2026-12-14T09:00:00Z")));

            assertThat(store.list())
                    .extracting(Schedule::script, Schedule::expression, Schedule::nextFireAt)
                    .containsExactly(
                            // deployed again: keeps its next tick
                            tuple("a.bas", "every minute", Instant.parse("2026-12-07T10:01:00Z")),
                            tuple("c/d.bas", "0 9 * * 1", Instant.parse("2026-12-14T09:00:00Z")));
            // The script edited: the schedule runs the new text from its next tick on.
            store.deploy(List.of(new DeployedSchedule(
                    "a.bas",
                    "every minute",
                    "* * * * *",
                    2,
                    "#workflow\nTALK \"v2\"\n",
                    Instant.parse("2026-12-07T10:40:00Z"))));
            assertThat(store.list())
                    .singleElement()
                    .satisfies(s -> assertThat(s.source()).contains("v2"))
                    .satisfies(s -> assertThat(s.line()).isEqualTo(2))
                    .satisfies(s -> assertThat(s.nextFireAt()).isEqualTo(Instant.parse("2026-12-07T10:01:00Z")));
            store.deploy(List.of());
            assertThat(store.list()).isEmpty();
        }
    }

    @Test
    void eachDueTickStartsOneExecutionWhoseIdHoldsTheTick(TestDatabase database) {
        ScheduleTesting.TestClock clock = new ScheduleTesting.TestClock("2026-12-07T10:03:30Z");
        try (DurableFixture fixture = DurableFixture.builder(database).start()) {
            JdbcScheduleStore store = new JdbcScheduleStore(fixture.database());
            store.deploy(List.of(schedule("r.bas", "every minute", "* * * * *", "2026-12-07T10:01:00Z")));
            Scheduler scheduler = new Scheduler(store, fixture.engine(), ZoneOffset.UTC, Duration.ofMinutes(5), clock);

            assertThat(scheduler.poll()).isEqualTo(1);
            assertThat(scheduler.poll()).isZero();

            String prefix = ScheduleIds.scheduleOf("r.bas", "every minute");
            assertThat(ids(fixture, prefix))
                    .containsExactly(
                            prefix + "20261207T100100Z", prefix + "20261207T100200Z", prefix + "20261207T100300Z");
            for (String id : ids(fixture, prefix)) {
                fixture.awaitStatus(id, ExecutionStatus.COMPLETED);
                assertThat(fixture.messages(id)).containsExactly("tick");
            }
            Schedule after = store.list().getFirst();
            assertThat(after.nextFireAt()).isEqualTo(Instant.parse("2026-12-07T10:04:00Z"));
            assertThat(after.lastFiredAt()).contains(Instant.parse("2026-12-07T10:03:00Z"));
            assertThat(after.lastExecutionId()).contains(prefix + "20261207T100300Z");

            clock.set("2026-12-07T10:04:00Z");
            scheduler.poll();
            assertThat(ids(fixture, prefix)).hasSize(4).last().isEqualTo(prefix + "20261207T100400Z");
        }
    }

    @Test
    void ofTheTicksMissedBeyondTheGraceOnlyTheLatestRuns(TestDatabase database) {
        ScheduleTesting.TestClock clock = new ScheduleTesting.TestClock("2026-12-07T12:00:30Z");
        try (DurableFixture fixture = DurableFixture.builder(database).start()) {
            JdbcScheduleStore store = new JdbcScheduleStore(fixture.database());
            // Deployed at 10:00, then every node was down for two hours.
            store.deploy(List.of(schedule("late.bas", "every minute", "* * * * *", "2026-12-07T10:01:00Z")));
            Scheduler scheduler = new Scheduler(store, fixture.engine(), ZoneOffset.UTC, Duration.ofSeconds(60), clock);

            scheduler.poll();

            String prefix = ScheduleIds.scheduleOf("late.bas", "every minute");
            // 11:59 is the latest tick older than the grace (before 11:59:30); 12:00 is within it.
            assertThat(ids(fixture, prefix)).containsExactly(prefix + "20261207T115900Z", prefix + "20261207T120000Z");
            assertThat(store.list().getFirst().nextFireAt()).isEqualTo(Instant.parse("2026-12-07T12:01:00Z"));
        }
    }

    @Test
    void aMonthlyScheduleMissedForMonthsRunsItsLatestTickOnce(TestDatabase database) {
        ScheduleTesting.TestClock clock = new ScheduleTesting.TestClock("2026-12-07T12:00:00Z");
        try (DurableFixture fixture = DurableFixture.builder(database).start()) {
            JdbcScheduleStore store = new JdbcScheduleStore(fixture.database());
            store.deploy(List.of(schedule("m.bas", "monthly", "0 0 1 * *", "2026-03-01T00:00:00Z")));

            new Scheduler(store, fixture.engine(), ZoneOffset.UTC, Duration.ofSeconds(60), clock).poll();

            String prefix = ScheduleIds.scheduleOf("m.bas", "monthly");
            assertThat(ids(fixture, prefix)).containsExactly(prefix + "20261201T000000Z");
            assertThat(store.list().getFirst().nextFireAt()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        }
    }

    @Test
    void aScriptThatDoesNotCompileRecordsItsErrorAndTheScheduleMovesOn(TestDatabase database) {
        ScheduleTesting.TestClock clock = new ScheduleTesting.TestClock("2026-12-07T10:01:10Z");
        try (DurableFixture fixture = DurableFixture.builder(database).start()) {
            JdbcScheduleStore store = new JdbcScheduleStore(fixture.database());
            store.deploy(List.of(new DeployedSchedule(
                    "bad.bas", "every minute", "* * * * *", 1, "TALK \"x\n", Instant.parse("2026-12-07T10:01:00Z"))));

            new Scheduler(store, fixture.engine(), ZoneOffset.UTC, Duration.ofSeconds(60), clock).poll();

            Schedule after = store.list().getFirst();
            assertThat(ids(fixture, ScheduleIds.scheduleOf("bad.bas", "every minute")))
                    .isEmpty();
            assertThat(after.lastError())
                    .hasValueSatisfying(error -> assertThat(error).contains("bad.bas:1"));
            assertThat(after.lastExecutionId()).isEmpty();
            assertThat(after.nextFireAt()).isEqualTo(Instant.parse("2026-12-07T10:02:00Z"));
        }
    }

    @Test
    void schedulersRacingForTheSameTicksStartEachOnce(TestDatabase database) throws Exception {
        ScheduleTesting.TestClock clock = new ScheduleTesting.TestClock("2026-12-07T10:00:20Z");
        try (DurableFixture fixture = DurableFixture.builder(database).start()) {
            JdbcScheduleStore store = new JdbcScheduleStore(fixture.database());
            store.deploy(List.of(schedule("s.bas", "* * * * * *", "* * * * * *", "2026-12-07T10:00:01Z")));
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Callable<Integer>> nodes = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    Scheduler scheduler =
                            new Scheduler(store, fixture.engine(), ZoneOffset.UTC, Duration.ofMinutes(1), clock);
                    nodes.add(() -> {
                        int fired = 0;
                        for (int poll = 0; poll < 10; poll++) {
                            fired += scheduler.poll();
                        }
                        return fired;
                    });
                }
                for (Future<Integer> result : threads.invokeAll(nodes)) {
                    result.get();
                }
            } finally {
                threads.shutdownNow();
            }
            List<String> ids = ids(fixture, ScheduleIds.scheduleOf("s.bas", "* * * * * *"));
            assertThat(ids).hasSize(20).doesNotHaveDuplicates();
            assertThat(ids.getFirst()).endsWith("T100001Z");
            assertThat(ids.getLast()).endsWith("T100020Z");
            assertThat(store.list().getFirst().nextFireAt()).isEqualTo(Instant.parse("2026-12-07T10:00:21Z"));
        }
    }
}
