package io.basicflow.app.cli;

import io.basicflow.app.config.Configuration;
import io.basicflow.app.node.BasicflowNode;
import io.basicflow.app.schedules.NodeSchedules;
import io.basicflow.engine.schedule.Schedule;
import io.basicflow.persistence.JdbcScheduleStore;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code basicflow schedules}: the deployed {@code SET SCHEDULE} lines with their next fire times. */
@Command(
        name = "schedules",
        mixinStandardHelpOptions = true,
        description = "Lists the deployed schedules (SET SCHEDULE lines) with their next fire time.")
public final class ScheduleCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss XXX");

    @Mixin
    private ConfigOptions options;

    @Override
    public Integer call() {
        Configuration configuration = options.configuration();
        ZoneId zone = NodeSchedules.zone(configuration);
        try (BasicflowNode node = NodeCommands.apiNode(configuration)) {
            List<Schedule> schedules = new JdbcScheduleStore(node.database()).list();
            if (schedules.isEmpty()) {
                System.out.println("no schedules deployed (`basicflow serve` deploys the SET SCHEDULE lines of its"
                        + " scripts folder)");
                return 0;
            }
            System.out.printf(
                    "%-32s %-26s %-16s %-26s %s%n",
                    "SCRIPT", "SCHEDULE", "CRON", "NEXT (" + zone.getId() + ")", "LAST");
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
            return 0;
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
