package io.basicflow.app.cli;

import io.basicflow.app.config.Configuration;
import io.basicflow.app.node.BasicflowNode;
import io.basicflow.app.schedules.NodeSchedules;
import io.basicflow.engine.schedule.RegisteredSchedule;
import io.basicflow.engine.schedule.Schedule;
import io.basicflow.engine.schedule.ScheduleRegistration;
import io.basicflow.persistence.JdbcScheduleStore;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code basicflow schedules}: the deployed {@code SET SCHEDULE} lines with their next fire times. */
@Command(
        name = "schedules",
        mixinStandardHelpOptions = true,
        description = "Lists the deployed schedules (SET SCHEDULE lines) with their next fire time, and the starts"
                + " registered at run time (SET SCHEDULE when, \"script.bas\").")
public final class ScheduleCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss XXX");

    @Mixin
    private ConfigOptions options;

    @Option(
            names = "--remove",
            paramLabel = "ID",
            description = "Removes a start registered at run time (SET SCHEDULE when, \"script.bas\"), by its id"
                    + " as listed under REGISTERED AT RUN TIME")
    private String remove;

    @Override
    public Integer call() {
        Configuration configuration = options.configuration();
        ZoneId zone = NodeSchedules.zone(configuration);
        try (BasicflowNode node = NodeCommands.apiNode(configuration)) {
            JdbcScheduleStore store = new JdbcScheduleStore(node.database());
            if (remove != null) {
                if (!store.unregister(remove)) {
                    System.err.println("no start registered at run time has the id '" + remove
                            + "' (`basicflow schedules` lists them)");
                    return 1;
                }
                System.out.println("removed " + remove);
                return 0;
            }
            List<Schedule> schedules = store.list();
            List<RegisteredSchedule> registered = store.registered();
            if (schedules.isEmpty()) {
                System.out.println("no schedules deployed (`basicflow serve` deploys the SET SCHEDULE lines of its"
                        + " scripts folder)");
            } else {
                deployed(schedules, zone);
            }
            if (!registered.isEmpty()) {
                registered(registered, zone);
            }
            return 0;
        }
    }

    private static void registered(List<RegisteredSchedule> registered, ZoneId zone) {
        System.out.println();
        System.out.println("REGISTERED AT RUN TIME (SET SCHEDULE when, \"script.bas\"; remove with --remove ID)");
        System.out.printf(
                "%-60s %-32s %-26s %-26s %s%n", "ID", "SCRIPT", "SCHEDULE", "NEXT (" + zone.getId() + ")", "LAST");
        for (RegisteredSchedule item : registered) {
            ScheduleRegistration registration = item.registration();
            String last = item.lastFiredAt().map(at -> time(at, zone)).orElse("-")
                    + item.lastExecutionId().map(id -> " " + id).orElse("")
                    + item.lastError()
                            .map(error -> " FAILED TO START: " + firstLine(error))
                            .orElse("");
            System.out.printf(
                    "%-60s %-32s %-26s %-26s %s%n",
                    registration.id(),
                    registration.script(),
                    registration.expression().map(e -> "\"" + e + "\"").orElse("once"),
                    time(registration.nextFireAt(), zone),
                    last);
        }
    }

    private static void deployed(List<Schedule> schedules, ZoneId zone) {
        System.out.printf(
                "%-32s %-26s %-16s %-26s %s%n", "SCRIPT", "SCHEDULE", "CRON", "NEXT (" + zone.getId() + ")", "LAST");
        for (Schedule schedule : schedules) {
            String last = schedule.lastFiredAt().map(at -> time(at, zone)).orElse("-")
                    + schedule.lastExecutionId().map(id -> " " + id).orElse("")
                    + schedule.lastError()
                            .map(error -> " FAILED TO START: " + firstLine(error))
                            .orElse("");
            System.out.printf(
                    "%-32s %-26s %-16s %-26s %s%n",
                    schedule.script(),
                    "\"" + schedule.expression() + "\"",
                    schedule.cron(),
                    time(schedule.nextFireAt(), zone),
                    last);
        }
    }

    private static String time(Instant instant, ZoneId zone) {
        return TIME.format(instant.atZone(zone));
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
