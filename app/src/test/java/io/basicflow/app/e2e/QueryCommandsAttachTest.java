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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The query commands ({@code executions}, {@code show}, {@code history}) beside a running
 * {@code basicflow serve} attach to its database: one connection and the reads, without the plugin
 * catalogue, the injector, the pool, Flyway or workers (seen in the classes each child JVM loads),
 * and they print exactly what they print when they start the database themselves.
 */
class QueryCommandsAttachTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern SERVING = Pattern.compile("serving (http://\\S+) ");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Classes of the node's start: none of them is loaded by a command that attached. */
    private static final List<String> NODE_CLASSES = List.of(
            "io.basicflow.compiler.catalogue.KeywordCatalogue",
            "com.google.inject.internal.InjectorImpl",
            "org.flywaydb.core.Flyway",
            "com.zaxxer.hikari.HikariDataSource",
            "io.basicflow.engine.durable.WorkerPool");

    @TempDir
    Path folder;

    private final HttpClient http = HttpClient.newHttpClient();

    record Run(int status, String out, String classes) {}

    private Run basicflow(String name, String... args) throws Exception {
        Path classes = folder.resolve("classes-" + name + ".txt");
        Files.deleteIfExists(classes);
        try (BasicflowProcess process = BasicflowProcess.start(
                folder, folder.resolve("pg"), List.of("-Xlog:class+load:file=" + classes), args)) {
            int status = process.awaitExit(TIMEOUT);
            return new Run(status, process.stdout(), Files.readString(classes));
        }
    }

    private JsonNode send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(
                request.timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    private String start(URI base, String script) throws Exception {
        return send(HttpRequest.newBuilder(base.resolve("/executions"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"script\":\"" + script + "\"}")))
                .get("id")
                .asText();
    }

    private void awaitStatus(URI base, String id, String status) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!send(HttpRequest.newBuilder(base.resolve("/executions/" + id)).GET())
                .get("status")
                .asText()
                .equals(status)) {
            assertThat(System.nanoTime()).as("%s reaches %s", id, status).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void queryCommandsBesideAServerReadItsDatabaseWithoutStartingANodeAndPrintTheSame() throws Exception {
        Path scripts = Files.createDirectories(folder.resolve("scripts"));
        Files.writeString(scripts.resolve("ask.bas"), """
                #workflow
                TALK "Hello!"
                HEAR name AS NAME WITH "Your name?"
                TALK "Nice to meet you, " + name
                """);
        Files.writeString(scripts.resolve("sum.bas"), """
                #workflow
                x = 2 + 3
                TALK "x is " + x
                RETURN x
                """);
        Map<String, String[]> commands = new LinkedHashMap<>();
        Map<String, Run> attached = new LinkedHashMap<>();
        try (BasicflowProcess server = BasicflowProcess.start(
                folder, folder.resolve("pg"), "serve", "--port", "0", "-Dbasicflow.scripts.folder=" + scripts)) {
            Matcher serving = SERVING.matcher(
                    server.awaitLine(line -> SERVING.matcher(line).find(), TIMEOUT));
            assertThat(serving.find()).isTrue();
            URI base = URI.create(serving.group(1));
            String waiting = start(base, "ask.bas");
            String done = start(base, "sum.bas");
            awaitStatus(base, waiting, "WAITING_INPUT");
            awaitStatus(base, done, "COMPLETED");
            commands.put("list", new String[] {"executions"});
            commands.put("show-done", new String[] {"show", done});
            commands.put("history", new String[] {"history", waiting});
            commands.put("show-waiting", new String[] {"show", waiting});
            commands.put("missing", new String[] {"history", "no-such-execution"});
            for (Map.Entry<String, String[]> command : commands.entrySet()) {
                attached.put(command.getKey(), basicflow("attached-" + command.getKey(), command.getValue()));
            }

            assertThat(attached.get("list").out())
                    .contains(waiting + "   WAITING_INPUT")
                    .contains(done + "   COMPLETED");
            assertThat(attached.get("show-done").out()).contains("status     COMPLETED", "result     5", "x is 5");
            assertThat(attached.get("history").out())
                    .contains("line 2     MessageSent        TALK \"Hello!\"")
                    .contains("InputRequested     HEAR name AS NAME WITH \"Your name?\" (attempt 1)");
            // what a waiting HEAR asks needs its compiled step: the plugins are loaded for that alone
            assertThat(attached.get("show-waiting").out())
                    .contains("status     WAITING_INPUT — waiting for HEAR name AS NAME (attempt 1 of 3)");
            assertThat(attached.get("missing").status()).isEqualTo(1);
            for (String light : List.of("list", "show-done", "history", "missing")) {
                Run run = attached.get(light);
                assertThat(run.classes()).as(light).contains("io.basicflow.persistence.QueryConnection ");
                for (String nodeClass : NODE_CLASSES) {
                    assertThat(run.classes()).as(light + " loads " + nodeClass).doesNotContain(nodeClass + " ");
                }
            }
            assertThat(attached.get("show-waiting").classes())
                    .contains("io.basicflow.compiler.catalogue.KeywordCatalogue ")
                    .doesNotContain("org.flywaydb.core.Flyway ", "com.zaxxer.hikari.HikariDataSource ");
        }

        // The server stopped (and its PostgreSQL with it): the same commands start the database themselves
        // (each start takes seconds: the three that cover every read — a page, a view with what it waits
        // for and its messages, a history).
        for (String name : List.of("list", "show-waiting", "history")) {
            Run own = basicflow("own-" + name, commands.get(name));
            assertThat(own.classes()).as(name).contains("com.zaxxer.hikari.HikariDataSource ");
            assertThat(own.status()).as(name).isZero();
            assertThat(own.out()).as(name).isEqualTo(attached.get(name).out());
        }
    }
}
