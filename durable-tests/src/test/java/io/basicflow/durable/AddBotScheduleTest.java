package io.basicflow.durable;

import static io.basicflow.durable.ScheduleTesting.ids;
import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ADD BOT "name" WITH SCHEDULE "cron"} (keyword-add-bot.md) and {@code ADD BOT "name" SCHEDULE
 * "cron"} (multi-agent-orchestration.md) on a real database: the step registers the bot's entry script
 * once, as {@code SET SCHEDULE} registers a script, and each tick starts it exactly once.
 */
@ExtendWith(PostgresExtension.class)
class AddBotScheduleTest {

    private static final String ENTRY = "report-bot.gbai/report-bot.gbdialog/start.bas";

    private static List<RegisteredSchedule> registeredFor(JdbcScheduleStore store, String script) {
        return store.registered().stream()
                .filter(r -> r.registration().script().equals(script))
                .toList();
    }

    @Test
    void theBotsEntryScriptIsRegisteredOnceAndEachTickStartsItOnce(TestDatabase database, @TempDir Path scripts)
            throws IOException {
        Files.createDirectories(scripts.resolve("report-bot.gbai/report-bot.gbdialog"));
        Files.writeString(scripts.resolve(ENTRY), "TALK \"weekly report, task '\" + task + \"'\"\n");
        Files.createDirectories(scripts.resolve("team.gbai/team.gbdialog"));
        ScheduleTesting.TestClock clock = new ScheduleTesting.TestClock("2026-12-07T10:00:00Z"); // a Monday
        try (DurableFixture engine = DurableFixture.builder(database)
                .children(ChildScripts.from(ScriptResolver.directory(scripts)))
                .clock(clock)
                .start()) {
            JdbcScheduleStore store = new JdbcScheduleStore(engine.database());
            for (String line : List.of(
                    "ADD BOT \"report-bot\" WITH SCHEDULE \"0 9 * * MON\"",
                    "ADD BOT \"report-bot\" SCHEDULE \"0 9 * * MON\"")) {
                String adding = engine.start(
                        "team.gbai/team.gbdialog/start.bas", "#workflow\n" + line + "\nTALK \"added\"\n", Map.of());
                ExecutionView view = engine.awaitStatus(adding, ExecutionStatus.COMPLETED, ExecutionStatus.FAILED);
                assertThat(view.status()).as(String.valueOf(view.error())).isEqualTo(ExecutionStatus.COMPLETED);
            }
            // both forms register the same start: one registration of the bot's entry script
            List<RegisteredSchedule> registered = registeredFor(store, ENTRY);
            assertThat(registered).singleElement().satisfies(r -> {
                assertThat(r.registration().expression()).contains("0 9 * * MON");
                assertThat(r.registration().once()).isFalse();
                assertThat(r.registration().id()).startsWith("every:");
            });
            ScheduleRegistration registration = registered.getFirst().registration();
            assertThat(engine.store().registerSchedule(registration))
                    .as("the step repeated after a crash registers nothing more")
                    .isFalse();

            Scheduler first = new Scheduler(store, engine.engine(), ZoneOffset.UTC, Duration.ofMinutes(1), clock);
            Scheduler second = new Scheduler(store, engine.engine(), ZoneOffset.UTC, Duration.ofMinutes(1), clock);
            clock.set("2026-12-14T08:59:59Z");
            first.poll();
            assertThat(ids(engine, ScheduleIds.scheduleOf(ENTRY, registration.id())))
                    .isEmpty();

            clock.set("2026-12-14T09:00:05Z");
            first.poll();
            second.poll();
            first.poll();
            String tick = ScheduleIds.of(ENTRY, registration.id(), Instant.parse("2026-12-14T09:00:00Z"));
            assertThat(ids(engine, ScheduleIds.scheduleOf(ENTRY, registration.id())))
                    .containsExactly(tick);
            engine.awaitStatus(tick, ExecutionStatus.COMPLETED);
            assertThat(engine.messages(tick)).containsExactly("weekly report, task ''");
        }
    }

    @Test
    void aBotWithoutAnEntryScriptOrAWrongScheduleFailsTheStepWithTheErrorRecorded(
            TestDatabase database, @TempDir Path scripts) {
        ScheduleTesting.TestClock clock = new ScheduleTesting.TestClock("2026-12-07T10:00:00Z");
        try (DurableFixture engine = DurableFixture.builder(database)
                .children(ChildScripts.from(ScriptResolver.directory(scripts)))
                .clock(clock)
                .start()) {
            String missing =
                    engine.start("m.bas", "#workflow\nTALK \"a\"\nADD BOT \"nobody\" SCHEDULE \"daily\"\n", Map.of());
            ExecutionView failed = engine.awaitStatus(missing, ExecutionStatus.FAILED);
            assertThat(failed.error().orElseThrow().message())
                    .contains("ADD BOT \"nobody\" WITH SCHEDULE \"daily\"")
                    .contains("nobody");
            assertThat(failed.error().orElseThrow().line()).isEqualTo(3);

            String wrong = engine.start(
                    "w.bas", "#workflow\nwhen = \"next tuesday-ish\"\nADD BOT \"w\" SCHEDULE when\n", Map.of());
            assertThat(engine.awaitStatus(wrong, ExecutionStatus.FAILED)
                            .error()
                            .orElseThrow()
                            .message())
                    .contains("'next tuesday-ish' is neither a date-time");
            JdbcScheduleStore store = new JdbcScheduleStore(engine.database());
            assertThat(store.registered())
                    .noneMatch(r -> r.registration().script().contains("nobody"));
        }
    }
}
