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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Meetings on the real server ({@code basicflow serve} in a child JVM, embedded PostgreSQL): a bot
 * starts a room and waits in {@code HEAR FROM MEET}; a person opens the join link, reads the
 * transcript and says a line over HTTP (no API token: the room's id is the capability); the line wakes
 * the bot at once, which answers in the room. Bad requests get problem+json answers.
 */
class MeetServeTest {

    private static final Duration START = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path folder;

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(URI base, String path, String json, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    private JsonNode get(URI base, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return JSON.readTree(send(request).body());
    }

    @Test
    void aPersonTalksWithTheBotThroughTheJoinLink() throws Exception {
        Path scripts = Files.createDirectories(folder.resolve("scripts"));
        Files.writeString(scripts.resolve("notes.bas"), """
                room = START MEET "Design review" WITH BOT
                TALK room.url
                TALK TO MEET "Hello! Say 'note that …' and I write it down."
                HEAR FROM MEET INTO said TIMEOUT 600
                TALK TO MEET "Noted: " + REPLACE(said, "note that ", "")
                TALK "heard " + said
                """);
        String token = "meet-t0ken";
        try (BasicflowProcess server = BasicflowProcess.start(
                folder,
                folder.resolve("pg"),
                "serve",
                "--port",
                "0",
                "--token",
                token,
                "-Dbasicflow.scripts.folder=" + scripts,
                "-Dbasicflow.meet.base-url=https://meet.example.com/")) {
            URI base = server.awaitServing(START);
            HttpResponse<String> started = post(
                    base,
                    "/executions",
                    "{\"script\": \"notes.bas\", \"id\": \"notes-1\"}",
                    "Authorization",
                    "Bearer " + token);
            assertThat(started.statusCode()).as(started.body()).isEqualTo(201);

            String url = awaitMessages(base, token, 1).getFirst();
            assertThat(url).matches("https://meet\\.example\\.com/meet/room-[0-9a-f]{16}");
            String room = url.substring(url.lastIndexOf('/') + 1);
            awaitStatus(base, token, "WAITING_TIMER");

            // The join link: a page, then the transcript, without the API token.
            HttpResponse<String> page = send(HttpRequest.newBuilder(base.resolve("/meet/" + room)));
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("no audio or video");
            JsonNode before = get(base, "/meet/" + room + "/lines");
            assertThat(before.at("/room/name").asText()).isEqualTo("Design review");
            assertThat(before.at("/participants/0/name").asText()).isEqualTo("AI Assistant");
            assertThat(before.at("/lines/0/text").asText()).isEqualTo("Hello! Say 'note that …' and I write it down.");

            HttpResponse<String> said = post(
                    base, "/meet/" + room + "/lines", "{\"name\": \"Ana\", \"text\": \"note that the API is frozen\"}");
            assertThat(said.statusCode()).as(said.body()).isEqualTo(201);
            assertThat(JSON.readTree(said.body()).path("woken").asInt()).isEqualTo(1);
            assertThat(awaitMessages(base, token, 2).get(1)).isEqualTo("heard note that the API is frozen");
            JsonNode after = get(base, "/meet/" + room + "/lines?after=1");
            List<String> lines = new ArrayList<>();
            after.path("lines")
                    .forEach(line -> lines.add(line.path("speaker").asText() + ": "
                            + line.path("text").asText()));
            assertThat(lines)
                    .containsExactly("Ana: note that the API is frozen", "AI Assistant: Noted: the API is frozen");

            // Bad requests: problems.
            HttpResponse<String> unknown =
                    post(base, "/meet/room-00000000000000ff/lines", "{\"name\": \"Ana\", \"text\": \"hi\"}");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(unknown.body()).contains("there is no meeting room 'room-00000000000000ff'");
            HttpResponse<String> empty =
                    post(base, "/meet/" + room + "/lines", "{\"name\": \"Ana\", \"text\": \"  \"}");
            assertThat(empty.statusCode()).isEqualTo(400);
            assertThat(empty.body()).contains("text must have 1 to 4000 characters");
            HttpResponse<String> extra = post(base, "/meet/" + room + "/lines", "{\"name\": \"Ana\", \"txt\": \"hi\"}");
            assertThat(extra.statusCode()).isEqualTo(400);
        }
    }

    private List<String> awaitMessages(URI base, String token, int count) throws Exception {
        Instant end = Instant.now().plusSeconds(60);
        while (true) {
            List<String> texts = new ArrayList<>();
            get(base, "/executions/notes-1/messages", "Authorization", "Bearer " + token)
                    .path("messages")
                    .forEach(message -> texts.add(message.path("text").asText()));
            if (texts.size() >= count || Instant.now().isAfter(end)) {
                assertThat(texts).hasSizeGreaterThanOrEqualTo(count);
                return texts;
            }
            Thread.sleep(100);
        }
    }

    private void awaitStatus(URI base, String token, String status) throws Exception {
        Instant end = Instant.now().plusSeconds(60);
        String now;
        do {
            now = get(base, "/executions/notes-1", "Authorization", "Bearer " + token)
                    .path("status")
                    .asText();
            if (now.equals(status)) {
                return;
            }
            Thread.sleep(100);
        } while (Instant.now().isBefore(end));
        assertThat(now).isEqualTo(status);
    }
}
