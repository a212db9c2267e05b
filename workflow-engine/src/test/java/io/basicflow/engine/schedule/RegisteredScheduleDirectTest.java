package io.basicflow.engine.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.engine.direct.DirectRunner;
import io.basicflow.engine.interpreter.RuntimeCatalogue;
import io.basicflow.engine.testing.ScriptedConversation;
import io.basicflow.spi.value.TextValue;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A direct run has no store to keep a start in: {@code SET SCHEDULE when, "script.bas"} fails its step,
 * saying to run durably; and how a {@code when} is read.
 */
class RegisteredScheduleDirectTest {

    @Test
    void aDirectRunFailsTheStepSayingToRunDurably() {
        ScriptService compiler = new ScriptService(KeywordCatalogue.of(new CorePlugin()));
        DirectRunner runner = DirectRunner.builder(
                        RuntimeCatalogue.of(List.of(new CorePlugin()), Map.of(), Clock.systemUTC()),
                        (name, source) -> compiler.compile(name, source).program())
                .build();

        DirectOutcome outcome = runner.run(
                        compiler.compile(
                                        "lead.bas", "TALK \"hi\"\nSET SCHEDULE DATEADD(NOW(), 3, \"day\"), \"n.bas\"\n")
                                .program(),
                        new ScriptedConversation(List.of()))
                .outcome();

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        DirectOutcome.Failed.class,
                        failed -> assertThat(failed.message())
                                .startsWith(
                                        "lead.bas:2:1: SET SCHEDULE DATEADD(NOW(), 3, \"day\"), \"n.bas\" registers a"
                                                + " start in the engine's database, and a direct run has none: run the script"
                                                + " durably"));
    }

    @Test
    void aDateTimeIsOneStartAndAScheduleIsRecurring() {
        ZoneId lisbon = ZoneId.of("Europe/Lisbon");
        Instant now = Instant.parse("2026-07-01T10:00:00.700Z");

        ScheduleRegistration once = ScheduleRegistrations.of(
                new TextValue("2026-07-04T09:30:00"), "exec-1/7", "exec-1", "n.bas", "TALK 1", "{}", now, lisbon);
        assertThat(once.once()).isTrue();
        assertThat(once.nextFireAt())
                .as("a local time of NOW()'s zone")
                .isEqualTo(Instant.parse("2026-07-04T08:30:00Z"));
        assertThat(once.id()).startsWith("at:exec-1.7:");
        assertThat(ScheduleRegistrations.of(
                                new TextValue("2026-07-04 09:30"),
                                "exec-1/7",
                                "exec-1",
                                "n.bas",
                                "",
                                "{}",
                                now,
                                ZoneOffset.UTC)
                        .nextFireAt())
                .isEqualTo(Instant.parse("2026-07-04T09:30:00Z"));
        assertThat(ScheduleRegistrations.of(
                                new TextValue("2026-07-04"), "e/1", "e", "n.bas", "", "{}", now, ZoneOffset.UTC)
                        .nextFireAt())
                .isEqualTo(Instant.parse("2026-07-04T00:00:00Z"));

        ScheduleRegistration every = ScheduleRegistrations.of(
                new TextValue("every monday at 9am"), "exec-1/8", "exec-1", "r.bas", "", "{}", now, lisbon);
        assertThat(every.once()).isFalse();
        assertThat(every.cron()).contains("0 9 * * 1");
        assertThat(every.expression()).contains("every monday at 9am");
        assertThat(every.nextFireAt()).isEqualTo(Instant.parse("2026-07-01T10:00:00Z"));
        String again = ScheduleRegistrations.of(
                        new TextValue("every monday at 9am"), "exec-2/3", "exec-2", "r.bas", "", "{}", now, lisbon)
                .id();
        String otherArguments = ScheduleRegistrations.of(
                        new TextValue("every monday at 9am"),
                        "exec-2/3",
                        "exec-2",
                        "r.bas",
                        "",
                        "{\"region\":\"north\"}",
                        now,
                        lisbon)
                .id();
        assertThat(every.id())
                .as("the same start registered by another step is the same registration")
                .isEqualTo(again)
                .isNotEqualTo(otherArguments);

        assertThatThrownBy(() -> ScheduleRegistrations.requireValid(new TextValue("soonish"), lisbon))
                .isInstanceOf(ScheduleRefusedException.class)
                .hasMessageStartingWith("SET SCHEDULE: 'soonish' is neither a date-time");
    }
}
