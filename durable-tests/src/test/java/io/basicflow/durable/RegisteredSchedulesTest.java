package io.basicflow.durable;

import static io.basicflow.durable.ScheduleTesting.ids;
import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.engine.api.StartRequest;
import io.basicflow.engine.direct.ScriptResolver;
import io.basicflow.engine.durable.ChildScripts;
import io.basicflow.engine.schedule.RegisteredSchedule;
import io.basicflow.engine.schedule.ScheduleIds;
import io.basicflow.engine.schedule.ScheduleRegistration;
import io.basicflow.engine.schedule.Scheduler;
import io.basicflow.persistence.JdbcScheduleStore;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.spi.value.TextValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code SET SCHEDULE when, "script.bas"} at run time, on a real database: the step registers the start
 * once, the scheduler makes it at its time with a deterministic execution id, a deployment does not
 * remove it, an operator does.
 */
@ExtendWith(PostgresExtension.class)
class RegisteredSchedulesTest {

    private static DurableFixture engine(TestDatabase database, Path scripts, Clock clock) {
        return DurableFixture.builder(database)
                .children(ChildScripts.from(ScriptResolver.directory(scripts)))
                .clock(clock)
                .start();
    }

    private static List<RegisteredSchedule> registeredFor(JdbcScheduleStore store, String script) {
        return store.registered().stream()
                .filter(r -> r.registration().script().equals(script))
                .toList();
    }

    @Test
    void aDateTimeStartsTheScriptOnceAtThatTimeWithItsArguments(TestDatabase database, @TempDir Path scripts)
            throws IOException {
        Files.writeString(scripts.resolve("nurture-day-3.bas"), """
                PARAM lead AS STRING
                TALK "nurturing " + lead
                """);
        ScheduleTesting.TestClock clock = new ScheduleTesting.TestClock("2026-12-07T10:00:00Z");
        try (DurableFixture engine = engine(database, scripts, clock)) {
            JdbcScheduleStore store = new JdbcScheduleStore(engine.database());
            String registering = engine.start("leads.bas", """
                    #workflow
                    SET SCHEDULE DATEADD(NOW(), 3, "day"), "nurture-day-3.bas", "ana@example.com"
                    TALK "scheduled"
                    """, Map.of());
            engine.awaitStatus(registering, ExecutionStatus.COMPLETED);
            assertThat(engine.messages(registering)).containsExactly("scheduled");

            RegisteredSchedule registered =
                    registeredFor(store, "nurture-day-3.bas").getFirst();
            ScheduleRegistration registration = registered.registration();
            assertThat(registration.once()).isTrue();
            assertThat(registration.nextFireAt()).isEqualTo(Instant.parse("2026-12-10T10:00:00Z"));
            assertThat(registration.registeredBy()).isEqualTo(registering);
            assertThat(registration.id()).startsWith("at:" + registering + ".2:");

            // The step repeated (a crash before its commit) registers nothing more.
            assertThat(engine.store().registerSchedule(registration)).isFalse();
            assertThat(registeredFor(store, "nurture-day-3.bas")).hasSize(1);

            Scheduler first = new Scheduler(store, engine.engine(), ZoneOffset.UTC, Duration.ofMinutes(1), clock);
            Scheduler second = new Scheduler(store, engine.engine(), ZoneOffset.UTC, Duration.ofMinutes(1), clock);
            clock.set("2026-12-10T09:59:59Z");
            first.poll();
            assertThat(ids(engine, "at:")).doesNotContain(registration.id());

            clock.set("2026-12-10T10:00:01Z");
            first.poll();
            second.poll();
            assertThat(ids(engine, registration.id())).containsExactly(registration.id());
            engine.awaitStatus(registration.id(), ExecutionStatus.COMPLETED);
            assertThat(engine.messages(registration.id())).containsExactly("nurturing ana@example.com");
            assertThat(registeredFor(store, "nurture-day-3.bas"))
                    .as("a one-shot start ends once made")
                    .isEmpty();
        }
    }

    @Test
    void aCronRegisteredAtRunTimeTicksSurvivesADeploymentAndIsRemovedByHand(
            TestDatabase database, @TempDir Path scripts) throws IOException {
        Files.writeString(scripts.resolve("erp-jobs.bas"), """
                PARAM job_name AS STRING
                IF job_name = "setup" THEN
                    SET SCHEDULE "0 6 * * *" "erp-jobs.bas" "inventory_reorder"
                    TALK "schedules configured"
                ELSE
                    TALK "job " + job_name
                END IF
                """);
        ScheduleTesting.TestClock clock = new ScheduleTesting.TestClock("2026-12-07T10:00:00Z");
        try (DurableFixture engine = engine(database, scripts, clock)) {
            JdbcScheduleStore store = new JdbcScheduleStore(engine.database());
            String source = Files.readString(scripts.resolve("erp-jobs.bas"));
            for (int i = 0; i < 2; i++) { // set up twice: the same start is registered once
                String setup = engine.engine()
                        .start(new StartRequest(
                                Optional.empty(),
                                "erp-jobs.bas",
                                source,
                                Map.of("job_name", new TextValue("setup")),
                                true))
                        .executionId();
                engine.awaitStatus(setup, ExecutionStatus.COMPLETED);
                assertThat(engine.messages(setup)).containsExactly("schedules configured");
            }
            List<RegisteredSchedule> registered = registeredFor(store, "erp-jobs.bas");
            assertThat(registered).singleElement().satisfies(r -> {
                assertThat(r.registration().expression()).contains("0 6 * * *");
                assertThat(r.registration().id()).startsWith("every:erp-jobs.bas:");
            });
            String id = registered.getFirst().registration().id();

            store.deploy(List.of());
            assertThat(registeredFor(store, "erp-jobs.bas"))
                    .as("a deployment keeps it")
                    .hasSize(1);

            Scheduler scheduler = new Scheduler(store, engine.engine(), ZoneOffset.UTC, Duration.ofMinutes(1), clock);
            clock.set("2026-12-08T06:00:10Z");
            scheduler.poll();
            scheduler.poll();
            String tick = ScheduleIds.of("erp-jobs.bas", id, Instant.parse("2026-12-08T06:00:00Z"));
            assertThat(ids(engine, ScheduleIds.scheduleOf("erp-jobs.bas", id))).containsExactly(tick);
            engine.awaitStatus(tick, ExecutionStatus.COMPLETED);
            assertThat(engine.messages(tick)).containsExactly("job inventory_reorder");
            assertThat(registeredFor(store, "erp-jobs.bas").getFirst().lastExecutionId())
                    .contains(tick);

            assertThat(store.unregister(id)).isTrue();
            clock.set("2026-12-09T06:00:10Z");
            scheduler.poll();
            assertThat(ids(engine, ScheduleIds.scheduleOf("erp-jobs.bas", id))).containsExactly(tick);
        }
    }

    @Test
    void aMissingScriptOrAWrongWhenFailsTheStepWithTheErrorRecorded(TestDatabase database, @TempDir Path scripts) {
        ScheduleTesting.TestClock clock = new ScheduleTesting.TestClock("2026-12-07T10:00:00Z");
        try (DurableFixture engine = engine(database, scripts, clock)) {
            String missing =
                    engine.start("m.bas", "#workflow\nTALK \"a\"\nSET SCHEDULE \"daily\", \"nope.bas\"\n", Map.of());
            ExecutionView failed = engine.awaitStatus(missing, ExecutionStatus.FAILED);
            assertThat(failed.error().orElseThrow().message())
                    .contains("SET SCHEDULE \"daily\", \"nope.bas\"")
                    .contains("nope.bas");
            assertThat(failed.error().orElseThrow().line()).isEqualTo(3);

            String wrong = engine.start("w.bas", "#workflow\nSET SCHEDULE \"next tuesday-ish\", \"w.bas\"\n", Map.of());
            assertThat(engine.awaitStatus(wrong, ExecutionStatus.FAILED)
                            .error()
                            .orElseThrow()
                            .message())
                    .contains("'next tuesday-ish' is neither a date-time");
        }
    }
}
