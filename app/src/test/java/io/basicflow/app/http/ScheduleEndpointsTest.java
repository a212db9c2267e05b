package io.basicflow.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.basicflow.engine.schedule.DeployedSchedule;
import io.basicflow.engine.schedule.ScheduleRegistration;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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

    @Test
    void aStartRegisteredAtRunTimeIsListedAndRemovedByItsId() {
        try (TestServer api = TestServer.start(scripts)) {
            api.schedules.register(new ScheduleRegistration(
                    "every:leads.nurture.bas:1a2b3c4d",
                    "leads/nurture.bas",
                    "PARAM lead AS STRING",
                    "{\"lead\":\"ana\"}",
                    Optional.of("every monday at 9am"),
                    Optional.of("0 9 * * 1"),
                    Instant.parse("2026-12-14T09:00:00Z"),
                    "chat-42"));

            JsonNode registered = api.get("/schedules").json().path("registered");

            assertThat(registered).hasSize(1);
            JsonNode nurture = registered.get(0);
            assertThat(nurture.path("id").asText()).isEqualTo("every:leads.nurture.bas:1a2b3c4d");
            assertThat(nurture.path("bot").asText()).isEqualTo("leads");
            assertThat(nurture.path("once").asBoolean()).isFalse();
            assertThat(nurture.path("schedule").asText()).isEqualTo("every monday at 9am");
            assertThat(nurture.path("variables").path("lead").asText()).isEqualTo("ana");
            assertThat(nurture.path("registeredBy").asText()).isEqualTo("chat-42");

            TestServer.Reply removed = api.send(api.request("/schedules/registered/every:leads.nurture.bas:1a2b3c4d")
                    .DELETE()
                    .build());
            assertThat(removed.status()).isEqualTo(204);
            assertThat(api.schedules.registered()).isEmpty();
            TestServer.Reply again = api.send(api.request("/schedules/registered/every:leads.nurture.bas:1a2b3c4d")
                    .DELETE()
                    .build());
            assertThat(again.status()).isEqualTo(404);
            assertThat(again.json().path("type").asText()).endsWith("not-found");
            assertThat(again.json().path("detail").asText()).contains("every:leads.nurture.bas:1a2b3c4d");
        }
    }
}
