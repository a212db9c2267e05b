package io.basicflow.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Schedules on the real server ({@code basicflow serve --token …} in a child JVM on the embedded
 * PostgreSQL) with a bot folder: the {@code SET SCHEDULE} lines are deployed at start, their ticks
 * run, {@code GET /schedules} and {@code basicflow schedules} list them with the next fire time, a line
 * removed from the file removes its schedule at the next rescan, and the console's Bots and Schedules
 * pages show them in real headless Chromium (screenshots in {@code target/console-screenshots/}).
 */
class SchedulesServeTest {

    private static final String TOKEN = "schedules-test-token_7";
    private static final Duration START = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final String START_BAS = """
            TALK "Reports bot here"
            HEAR what
            TALK "You asked for " + what
            """;
    private static final String TICK = """
            ' every second, in General Bots' six-field form (seconds first)
            SET SCHEDULE "* * * * * *"
            TALK "tick"
            """;
    private static final String NIGHTLY = """
            SET SCHEDULE "every day at 9am"
            SET SCHEDULE "0 30 22 * * *"
            TALK "nightly report"
            """;

    @TempDir
    static Path folder;

    private static Path dialog;
    private static BasicflowProcess server;
    private static URI base;

    @BeforeAll
    static void startServer() throws Exception {
        Path scripts = Files.createDirectories(folder.resolve("scripts"));
        dialog = Files.createDirectories(scripts.resolve("reports.gbai").resolve("reports.gbdialog"));
        Files.writeString(dialog.resolve("start.bas"), START_BAS);
        Files.writeString(dialog.resolve("tick.bas"), TICK);
        Files.writeString(dialog.resolve("nightly.bas"), NIGHTLY);
        server = BasicflowProcess.start(
                folder,
                folder.resolve("pg"),
                "serve",
                "--port",
                "0",
                "--token",
                TOKEN,
                "-Dbasicflow.scripts.folder=" + scripts,
                "-Dbasicflow.schedules.rescan-interval=1s",
                "-Dbasicflow.schedules.poll-interval=200ms");
        base = server.awaitServing(START);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static HttpResponse<String> get(String path, boolean withToken) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(base.resolve(path)).GET().timeout(Duration.ofSeconds(30));
        if (withToken) {
            request.header("Authorization", "Bearer " + TOKEN);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode schedules() throws Exception {
        HttpResponse<String> response = get("/schedules", true);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode schedule(JsonNode listing, String script, String expression) {
        for (JsonNode item : listing.path("schedules")) {
            if (item.path("script").asText().equals(script)
                    && item.path("schedule").asText().equals(expression)) {
                return item;
            }
        }
        return null;
    }

    @Test
    void theDeployedSchedulesAreListedAndTheirTicksRun() throws Exception {
        assertThat(get("/schedules", false).statusCode()).isEqualTo(401);
        JsonNode listing = schedules();
        assertThat(listing.path("zone").asText()).isEqualTo("UTC");
        JsonNode nine = schedule(listing, "reports/nightly.bas", "every day at 9am");
        assertThat(nine).isNotNull();
        assertThat(nine.path("bot").asText()).isEqualTo("reports");
        assertThat(nine.path("cron").asText()).isEqualTo("0 9 * * *");
        assertThat(nine.path("line").asInt()).isEqualTo(1);
        Instant nextNine = Instant.parse(nine.path("nextFireAt").asText());
        assertThat(nextNine).isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofDays(1)));
        assertThat(nextNine.toString()).endsWith("T09:00:00Z");
        assertThat(schedule(listing, "reports/nightly.bas", "0 30 22 * * *")
                        .path("nextFireAt")
                        .asText())
                .endsWith("T22:30:00Z");

        // The every-second schedule runs: its ticks' executions complete with the script's message.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String lastId = null;
        while (System.nanoTime() < deadline) {
            JsonNode tick = schedule(schedules(), "reports/tick.bas", "* * * * * *");
            if (tick != null && tick.hasNonNull("lastExecutionId")) {
                lastId = tick.path("lastExecutionId").asText();
                JsonNode execution =
                        JSON.readTree(get("/executions/" + lastId, true).body());
                if (execution.path("status").asText().equals("COMPLETED")) {
                    break;
                }
            }
            Thread.sleep(200);
        }
        assertThat(lastId).startsWith("schedule:reports.tick.bas:");
        JsonNode messages =
                JSON.readTree(get("/executions/" + lastId + "/messages", true).body());
        assertThat(messages.toString()).contains("\"text\":\"tick\"");
    }

    @Test
    void theCommandListsTheSchedulesWithTheirNextFireTime() throws Exception {
        BasicflowProcess command = BasicflowProcess.start(folder, folder.resolve("pg"), "schedules");
        assertThat(command.awaitExit(START)).as(command.stderr()).isZero();
        assertThat(command.stdout())
                .contains("SCRIPT", "NEXT (UTC)")
                .containsPattern(
                        "reports/nightly\\.bas +\"every day at 9am\" +0 9 \\* \\* \\* +\\d{4}-\\d\\d-\\d\\d 09:00:00 Z")
                .contains("reports/tick.bas");
    }

    @Test
    void theBotsAndSchedulesPagesShowTheBotItsScriptsAndNextFireTimes() throws Exception {
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            chromium.signIn(base + "/console/#/bots", TOKEN);
            WebElement bot = chromium.waiting()
                    .until(ExpectedConditions.visibilityOfElementLocated(
                            By.cssSelector("section[data-bot='reports']")));
            assertThat(bot.getText())
                    .contains(
                            "Entry: reports/start.bas",
                            "reports/tick.bas",
                            "compiles",
                            "every day at 9am",
                            "0 9 * * *");
            chromium.screenshot("bots");

            bot.findElement(By.className("chat-with")).click();
            WebElement select = chromium.waiting()
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("chat-script-select")));
            chromium.waiting().until(d -> "reports/start.bas".equals(select.getAttribute("value")));
            chromium.driver.findElement(By.id("chat-start")).click();
            chromium.waiting()
                    .until(ExpectedConditions.textToBePresentInElementLocated(By.id("transcript"), "Reports bot here"));

            chromium.driver.get(base + "/console/#/schedules");
            WebElement table =
                    chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("schedules")));
            chromium.waiting().until(d -> table.getText().contains("reports/tick.bas"));
            assertThat(table.getText()).contains("reports/nightly.bas", "every day at 9am", "0 30 22 * * *");
            assertThat(table.findElements(By.cssSelector("time.next-fire"))).hasSizeGreaterThanOrEqualTo(3);
            chromium.screenshot("schedules");
        }
    }

    @Test
    void aLineRemovedFromTheScriptRemovesItsScheduleAtTheNextRescan() throws Exception {
        Files.writeString(dialog.resolve("weekly.bas"), "SET SCHEDULE \"every monday at 9am\"\nTALK \"w\"\n");
        awaitSchedule("reports/weekly.bas", "every monday at 9am", true);
        Files.writeString(dialog.resolve("weekly.bas"), "' SET SCHEDULE \"every monday at 9am\"\nTALK \"w\"\n");
        awaitSchedule("reports/weekly.bas", "every monday at 9am", false);
    }

    private static void awaitSchedule(String script, String expression, boolean present) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while ((schedule(schedules(), script, expression) != null) != present) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(script + " " + expression + (present ? " never deployed" : " never removed"));
            }
            Thread.sleep(200);
        }
    }
}
