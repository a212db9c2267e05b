package io.basicflow.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.basicflow.engine.schedule.DeployedSchedule;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduleEndpointsTest {

    @TempDir
    Path scripts;

    @Test
    void theDeployedSchedulesAreListedWithTheirBotAndNextFireTime() {
        try (TestServer api = TestServer.start(scripts)) {
            api.schedules.deploy(List.of(
                    new DeployedSchedule(
                            "reports/daily.bas",
                            "every day at 9am",
                            "0 9 * * *",
                            3,
                            "SET SCHEDULE \"every day at 9am\"",
                            Instant.parse("2026-12-08T09:00:00Z")),
                    new DeployedSchedule(
                            "sync.bas",
                            "0 30 22 * * *",
                            "0 30 22 * * *",
                            1,
                            "",
                            Instant.parse("2026-12-07T22:30:00Z"))));

            JsonNode listing = api.get("/schedules").json();

            assertThat(listing.path("zone").asText()).isEqualTo("UTC");
            JsonNode daily = listing.path("schedules").get(0);
            assertThat(daily.path("script").asText()).isEqualTo("reports/daily.bas");
            assertThat(daily.path("bot").asText()).isEqualTo("reports");
            assertThat(daily.path("schedule").asText()).isEqualTo("every day at 9am");
            assertThat(daily.path("cron").asText()).isEqualTo("0 9 * * *");
            assertThat(daily.path("line").asInt()).isEqualTo(3);
            assertThat(daily.path("nextFireAt").asText()).isEqualTo("2026-12-08T09:00:00Z");
            assertThat(daily.path("lastExecutionId").isNull()).isTrue();
            JsonNode sync = listing.path("schedules").get(1);
            assertThat(sync.path("bot").isNull()).isTrue();
        }
    }
}
