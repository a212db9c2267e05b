package io.basicflow.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks every operation of {@code openapi.json} and sends it malformed path parameters, query
 * parameters, headers and bodies, derived from what the document says each one is: every answer is a
 * 4xx {@code application/problem+json} and the engine's state is unchanged. Operations that take no
 * input at all are named, so that a new operation with inputs cannot slip through unwalked.
 */
class OpenApiMalformedWalkTest {

    /** Operations with no parameter and no body: nothing to malform. */
    private static final Set<String> NO_INPUTS =
            Set.of("GET /scripts", "GET /schedules", "GET /health", "GET /metrics", "GET /openapi.json");

    /** Refused in every path segment: control characters, bad UTF-8, a broken escape, dot-segments. */
    private static final List<String> BAD_SEGMENTS = List.of("a%00b", "a%01b", "%FF", "%", "..", "%2e%2e");
    /** Refused where the schema gives a pattern that they do not match (URL-encoded as sent). */
    private static final List<String> PATTERN_CANDIDATES = List.of("a%20b", "a".repeat(201));
    /** A path parameter with neither pattern nor length names a file: it must not leave its folder. */
    private static final List<String> BAD_FILE_NAMES =
            List.of("..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", ".hidden", "../../etc/passwd");

    private static final List<String> BAD_INTEGERS =
            List.of("x", "-1", "1.5", "1e999999999", "99999999999999999999999", "%00");
    private static final List<String> BAD_NUMBERS = List.of("x", "-1", "NaN", "%00");
    private static final List<String> BAD_TIMES =
            List.of("yesterday", "%2B999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "2026-13-45T00:00:00Z");
    private static final List<String> BAD_CURSORS = List.of("-1", "x", "%FF", "bm90LWEtY3Vyc29y");
    private static final List<byte[]> BAD_JSON_BODIES = List.of(
            new byte[] {0, 0, 0, '{', 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff},
            "{".getBytes(StandardCharsets.UTF_8),
            "[]".getBytes(StandardCharsets.UTF_8),
            "\"text\"".getBytes(StandardCharsets.UTF_8),
            "{\"unknown\": 1}".getBytes(StandardCharsets.UTF_8),
            "{\"a\": 1, \"a\": 2}".getBytes(StandardCharsets.UTF_8),
            ("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.UTF_8),
            new byte[] {(byte) 0xc3, (byte) 0x28});

    @TempDir
    Path scripts;

    private TestServer api;
    private JsonNode document;
    private final List<String> failures = new ArrayList<>();
    private final Set<String> walked = new TreeSet<>();
    private int requests;

    @BeforeEach
    void start() throws IOException {
        api = TestServer.start(scripts);
        api.startTicket("t1");
        api.engine.talk("t1", "What is your name?");
        api.engine.waitForInput("t1", "name");
        try (InputStream in = HttpServer.class.getResourceAsStream("openapi.json")) {
            document = Json.parse(in.readAllBytes());
        }
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void everyOperationRefusesMalformedInputWithAProblemAndChangesNothing() {
        for (Iterator<Map.Entry<String, JsonNode>> paths =
                        document.path("paths").fields();
                paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (op.getKey().equals("parameters")) {
                    continue;
                }
                walk(op.getKey().toUpperCase(Locale.ROOT), path.getKey(), op.getValue(), path.getValue());
            }
        }

        assertThat(failures)
                .as("answers that were not a 4xx problem, or changed state")
                .isEmpty();
        Set<String> unwalked = new TreeSet<>(api.server.routes());
        unwalked.removeAll(walked);
        assertThat(unwalked)
                .as("operations with inputs that no malformed request reached")
                .isEqualTo(NO_INPUTS);
        assertThat(requests).isGreaterThan(100);
    }

    private void walk(String method, String template, JsonNode operation, JsonNode pathItem) {
        List<JsonNode> parameters = new ArrayList<>();
        pathItem.path("parameters").forEach(p -> parameters.add(resolve(p)));
        operation.path("parameters").forEach(p -> parameters.add(resolve(p)));
        String operationName = method + " " + template;
        String validPath = template.replace("{id}", "t1").replace("{name}", "ticket.bas");

        for (JsonNode parameter : parameters) {
            String name = parameter.path("name").asText();
            JsonNode schema = parameter.path("schema");
            switch (parameter.path("in").asText()) {
                case "path" -> {
                    for (String bad : badPathValues(schema)) {
                        String target = template.replace("{" + name + "}", bad)
                                .replace("{id}", "t1")
                                .replace("{name}", "ticket.bas");
                        send(operationName, method, target, "", body(operation));
                    }
                }
                case "query" -> {
                    for (String bad : badQueryValues(name, schema)) {
                        send(operationName, method, validPath + "?" + name + "=" + bad, "", body(operation));
                    }
                }
                case "header" -> {
                    for (String bad : badHeaderValues(name, schema)) {
                        send(operationName, method, validPath, name + ": " + bad + "\r\n", body(operation));
                    }
                }
                default -> failures.add(operationName + ": unknown parameter location of " + name);
            }
        }
        JsonNode content = operation.path("requestBody").path("content");
        if (content.has("application/json")) {
            for (byte[] bad : BAD_JSON_BODIES) {
                send(operationName, method, validPath, "Content-Type: application/json\r\n", bad);
            }
            send(
                    operationName,
                    method,
                    validPath,
                    "Content-Type: application/xml\r\n",
                    "<a/>".getBytes(StandardCharsets.UTF_8));
        }
        if (content.has("text/plain")) {
            send(operationName, method, validPath, "Content-Type: text/plain; charset=utf-8\r\n", new byte[] {
                'a', (byte) 0xff, (byte) 0xfe
            });
            send(
                    operationName,
                    method,
                    validPath,
                    "Content-Type: text/plain; charset=latin1\r\n",
                    "a".getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A body that is valid where one is needed, so that only the malformed parameter is wrong. */
    private static byte[] body(JsonNode operation) {
        if (operation.path("requestBody").isMissingNode()) {
            return new byte[0];
        }
        return "{}".getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> badQueryValues(String name, JsonNode schema) {
        if (name.equals("after") && schema.path("type").asText().equals("string")) {
            return BAD_CURSORS;
        }
        if (name.equals("status")) {
            return List.of("bogus", "RUNNING,nope");
        }
        if ("date-time".equals(schema.path("format").asText())) {
            return BAD_TIMES;
        }
        return switch (schema.path("type").asText()) {
            case "integer" -> BAD_INTEGERS;
            case "number" -> BAD_NUMBERS;
            default -> List.of(); // free text (a script name filter, a name to check as): any value is valid
        };
    }

    /**
     * Malformed values of a path parameter, from its schema: always control characters and bad
     * encodings; the candidates its {@code pattern} refuses; one character over its {@code maxLength};
     * and, for a parameter that constrains neither (a file name), ways out of its folder.
     */
    private static List<String> badPathValues(JsonNode schema) {
        List<String> bad = new ArrayList<>(BAD_SEGMENTS);
        if (schema.has("pattern")) {
            java.util.regex.Pattern pattern =
                    java.util.regex.Pattern.compile(schema.path("pattern").asText());
            for (String candidate : PATTERN_CANDIDATES) {
                String decoded = java.net.URLDecoder.decode(candidate, StandardCharsets.UTF_8);
                if (!pattern.matcher(decoded).find()) {
                    bad.add(candidate);
                }
            }
        }
        if (schema.has("maxLength")) {
            bad.add("e".repeat(schema.path("maxLength").asInt() + 1));
        }
        if (!schema.has("pattern") && !schema.has("maxLength")) {
            bad.addAll(BAD_FILE_NAMES);
        }
        return bad;
    }

    /**
     * Malformed values of a header, from its schema: a control character in any text header, one
     * character over its {@code maxLength}. An integer header (Last-Event-ID) is read only by event
     * streams, which restart from the beginning on a bad one, so it has no malformed value to refuse.
     */
    private static List<String> badHeaderValues(String name, JsonNode schema) {
        if (schema.path("type").asText().equals("integer")) {
            return List.of();
        }
        List<String> bad = new ArrayList<>(List.of("a\u0001b"));
        if (schema.has("maxLength")) {
            bad.add("x".repeat(schema.path("maxLength").asInt() + 1));
        }
        return bad;
    }

    private JsonNode resolve(JsonNode parameter) {
        if (!parameter.has("$ref")) {
            return parameter;
        }
        String[] parts = parameter.path("$ref").asText().substring(2).split("/");
        JsonNode node = document;
        for (String part : parts) {
            node = node.path(part);
        }
        return node;
    }

    private void send(String operation, String method, String target, String headers, byte[] body) {
        String before = api.engine.snapshot();
        RawHttp.Answer answer = RawHttp.send(api.server.port(), method, target, headers, body);
        requests++;
        walked.add(operation);
        String what = operation + " as " + method + " " + shortened(target) + " " + shortened(headers.strip())
                + " body " + shortened(new String(body, StandardCharsets.ISO_8859_1));
        if (answer.status() < 400 || answer.status() > 499) {
            failures.add(what + " answered " + answer.status() + ": " + shortened(answer.body()));
        } else if (!answer.contentType().startsWith("application/problem+json")) {
            failures.add(what + " answered " + answer.contentType() + ": " + shortened(answer.body()));
        } else {
            JsonNode problem = answer.json();
            if (!problem.path("type").asText().startsWith("urn:basicflow:problem:")
                    || problem.path("status").asInt() != answer.status()
                    || problem.path("detail").asText().isBlank()) {
                failures.add(what + " answered a malformed problem: " + shortened(answer.body()));
            }
        }
        if (!api.engine.snapshot().equals(before)) {
            failures.add(what + " changed the engine's state");
        }
    }

    private static String shortened(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "…";
    }
}
