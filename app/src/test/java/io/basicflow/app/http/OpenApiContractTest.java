package io.basicflow.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps {@code openapi.json} true: every route the server registers is documented and every
 * documented operation is served; every documented status of every operation is produced by a real
 * request here, and every real answer (success and problem) validates against the schema the
 * document gives for its operation, status and media type, with its documented headers.
 */
class OpenApiContractTest {

    private static final String RESOURCE = "openapi.json";
    private static final String RESOURCE_LOCATION = "classpath:io/basicflow/app/http/" + RESOURCE;
    private static final Set<String> HTTP_METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private static JsonNode document;
    private static JsonSchemaFactory factory;
    private static SchemaValidatorsConfig config;
    private static final Map<String, JsonSchema> schemas = new HashMap<>();

    @TempDir
    Path scripts;

    @BeforeAll
    static void readDocument() throws IOException {
        try (InputStream in = HttpServer.class.getResourceAsStream(RESOURCE)) {
            assertThat(in).as("the OpenAPI resource").isNotNull();
            document = Json.parse(in.readAllBytes());
        }
        factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    }

    @Test
    void theDocumentIsOpenApi31WithABearerScheme() {
        assertThat(document.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(document.path("components")
                        .path("securitySchemes")
                        .path("bearer")
                        .path("scheme")
                        .asText())
                .isEqualTo("bearer");
        assertThat(document.path("paths").path("/health").path("get").path("security"))
                .isEmpty();
    }

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedOperationIsServed() {
        try (TestServer api = TestServer.start(scripts)) {
            assertThat(documentedOperations()).containsExactlyInAnyOrderElementsOf(api.server.routes());
        }
    }

    @Test
    void theServedDocumentIsTheResource() {
        try (TestServer api = TestServer.start(scripts)) {
            assertThat(api.get("/openapi.json").json()).isEqualTo(document);
        }
    }

    @Test
    void everyReferenceResolvesAndEveryResponseSchemaIsANamedComponent() {
        List<String> references = new ArrayList<>();
        collectReferences(document, references);
        assertThat(references).isNotEmpty();
        for (String reference : references) {
            assertThat(reference).startsWith("#/");
            assertThat(document.at(reference.substring(1)).isMissingNode())
                    .as(reference)
                    .isFalse();
        }
        for (JsonNode response : allResponses()) {
            for (JsonNode media : response.path("content")) {
                assertThat(media.path("schema").path("$ref").asText())
                        .as("a response schema is a $ref to #/components/schemas")
                        .startsWith("#/components/schemas/");
            }
        }
        for (String name : iterable(document.path("components").path("schemas").fieldNames())) {
            assertThat(schema("#/components/schemas/" + name)).isNotNull(); // compiles as JSON Schema 2020-12
        }
    }

    @Test
    void realAnswersOfEveryEndpointMatchTheDocumentAndCoverEveryDocumentedStatus() throws IOException {
        Set<String> covered = new TreeSet<>();
        try (TestServer api = TestServer.start(scripts, TestServer.config().withApiToken(TestServer.TOKEN))) {
            FakeWorkflowEngine engine = api.engine;
            Files.writeString(scripts.resolve("huge.bas"), "' padding\n".repeat(110_000)); // over 1 MiB

            // /executions
            check(
                    covered,
                    api.post(
                            "/executions",
                            "{\"script\": \"ticket.bas\", \"id\": \"t1\", \"variables\": {\"n\": 1.5}}"));
            check(covered, api.post("/executions", "{\"script\": \"ticket.bas\", \"id\": \"t1\"}"));
            check(covered, api.post("/executions", "{\"script\": "));
            check(covered, api.post("/executions", "{\"script\": \"missing.bas\"}"));
            check(covered, api.post("/executions", "{\"script\": \"support/refund.bas\", \"id\": \"t1\"}"));
            check(covered, api.post("/executions", "{\"script\": \"" + "x".repeat(5000) + "\"}"));
            check(covered, api.postText("/executions", "ticket.bas"));
            check(covered, api.post("/executions", "{\"script\": \"broken.bas\"}"));
            check(covered, api.post("/executions", "{\"script\": \"hello.bas\"}"));
            check(covered, api.post("/executions", "{\"script\": \"huge.bas\"}"));
            check(covered, api.get("/executions"));
            check(covered, api.get("/executions?status=WAITING_INPUT,RUNNABLE&limit=1"));
            check(covered, api.get("/executions?limit=0"));

            // one execution, through its life
            engine.activateTool("t1", "lookup");
            engine.activateTool("t1", "gone");
            long hello = engine.talk("t1", "Hello");
            engine.talk("t1", "Name?");
            engine.waitForInput("t1", "name");
            check(covered, api.get("/executions/t1"));
            check(covered, api.get("/executions/bad%20id"));
            check(covered, api.get("/executions/nobody"));
            check(covered, api.post("/executions/t1/input", "{\"text\": \"Ana\"}"));
            check(covered, api.postText("/executions/t1/input", "Ana"));
            check(covered, api.post("/executions/t1/input", "{\"txt\": \"Ana\"}"));
            check(covered, api.post("/executions/nobody/input", "{\"text\": \"Ana\"}"));
            check(covered, api.post("/executions/t1/input", "{\"text\": \"" + "a".repeat(5000) + "\"}"));
            check(covered, api.post("/executions/t1/input", "{\"text\": \"" + "a".repeat(2000) + "\"}"));
            check(
                    covered,
                    api.send(api.request("/executions/t1/input")
                            .header("Content-Type", "application/xml")
                            .POST(HttpRequest.BodyPublishers.ofString("<text/>"))
                            .build()));
            engine.consumeInput("t1", "name");
            check(covered, api.get("/executions/t1/messages"));
            check(covered, api.get("/executions/t1/messages?after=" + hello + "&limit=1&wait=0.1"));
            check(covered, api.get("/executions/t1/messages?wait=never"));
            check(covered, api.get("/executions/nobody/messages"));
            check(covered, api.post("/executions/t1/messages/ack", "{\"upto\": " + hello + "}"));
            check(covered, api.post("/executions/t1/messages/ack", "{\"upto\": \"all\"}"));
            check(covered, api.post("/executions/nobody/messages/ack", "{\"upto\": 1}"));
            check(
                    covered,
                    api.post("/executions/t1/messages/ack", "{\"upto\": 1, \"pad\": \"" + "p".repeat(5000) + "\"}"));
            check(covered, api.postText("/executions/t1/messages/ack", "1"));
            check(covered, api.get("/executions/t1/events"));
            check(covered, api.get("/executions/t1/events?after=1&limit=2"));
            check(covered, api.get("/executions/t1/events?limit=x"));
            check(covered, api.get("/executions/nobody/events"));
            check(covered, api.get("/executions/t1/tools"));
            check(covered, api.get("/executions/bad%20id/tools"));
            check(covered, api.get("/executions/nobody/tools"));
            engine.fail("t1", "SEND MAIL failed: 550");
            check(covered, api.get("/executions/t1"));
            check(
                    covered,
                    api.send(api.request("/executions/t1/retry")
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build()));
            check(covered, api.post("/executions/t1/retry", ""));
            check(covered, api.post("/executions/bad%20id/retry", ""));
            check(covered, api.post("/executions/nobody/retry", ""));
            check(covered, api.post("/executions/t1/cancel", "{\"reason\": 7}"));
            check(covered, api.post("/executions/t1/cancel", "{\"reason\": \"" + "r".repeat(5000) + "\"}"));
            check(covered, api.postText("/executions/t1/cancel", "because"));
            check(covered, api.post("/executions/nobody/cancel", "{}"));
            check(covered, api.post("/executions/t1/cancel", "{\"reason\": \"customer left\"}"));
            check(covered, api.post("/executions/t1/cancel", "{}"));
            check(covered, api.post("/executions/t1/input", "{\"text\": \"too late\"}"));
            check(covered, api.get("/executions/t1"));
            check(
                    covered,
                    api.send(api.request("/executions/t1/messages")
                            .header("Accept", "text/event-stream")
                            .build()));

            // /events
            api.post("/executions", "{\"script\": \"ticket.bas\", \"id\": \"t2\"}");
            engine.waitForEvent("t2", "approval");
            check(covered, api.post("/events/approval", "{\"data\": {\"ok\": true}, \"conversation\": \"t2\"}"));
            check(covered, api.post("/events/approval", ""));
            check(covered, api.post("/events/approval", "{\"conversation\": \"nobody\"}"));
            check(covered, api.post("/events/approval", "{\"conversation\": \"bad id\"}"));
            check(covered, api.post("/events/" + "e".repeat(201), "{}"));
            check(covered, api.post("/events/approval", "{\"data\": \"" + "d".repeat(5000) + "\"}"));
            check(covered, api.postText("/events/approval", "yes"));

            // engine failure: documented as the default response
            engine.failNextCall(new IllegalStateException("boom"));
            check(covered, api.get("/executions/t1"));

            // /schedules
            api.schedules.deploy(java.util.List.of(new io.basicflow.engine.schedule.DeployedSchedule(
                    "support/daily.bas",
                    "every day at 9am",
                    "0 9 * * *",
                    1,
                    "SET SCHEDULE \"every day at 9am\"\n",
                    java.time.Instant.parse("2026-12-08T09:00:00Z"))));
            api.schedules.register(new io.basicflow.engine.schedule.ScheduleRegistration(
                    "at:chat-7.3:0a1b2c3d",
                    "support/follow-up.bas",
                    "TALK \"following up\"\n",
                    "{}",
                    java.util.Optional.empty(),
                    java.util.Optional.empty(),
                    java.time.Instant.parse("2026-12-10T09:00:00Z"),
                    "chat-7"));
            check(covered, api.get("/schedules"));
            check(
                    covered,
                    api.send(api.request("/schedules/registered/at:chat-7.3:0a1b2c3d")
                            .DELETE()
                            .build()));
            check(
                    covered,
                    api.send(api.request("/schedules/registered/at:chat-7.3:0a1b2c3d")
                            .DELETE()
                            .build()));

            // /scripts
            check(covered, api.get("/scripts"));
            check(covered, api.get("/scripts/ticket.bas"));
            check(covered, api.get("/scripts/support/refund.bas"));
            check(covered, api.get("/scripts/broken.bas"));
            check(covered, api.get("/scripts/..%2Fsecret.bas"));
            check(covered, api.get("/scripts/missing.bas"));
            check(covered, api.get("/scripts/huge.bas"));
            check(
                    covered,
                    api.post("/scripts/check", "{\"source\": \"TALK 1\\nSHOUT 2\\n\", \"name\": \"draft.bas\"}"));
            check(covered, api.postText("/scripts/check?name=x.bas", "#workflow\nTALK 1\n"));
            check(covered, api.post("/scripts/check", "{}"));
            check(covered, api.postText("/scripts/check", "TALK 1\n".repeat(1000)));
            check(
                    covered,
                    api.send(api.request("/scripts/check")
                            .header("Content-Type", "application/octet-stream")
                            .POST(HttpRequest.BodyPublishers.ofString("TALK 1"))
                            .build()));

            // operations
            check(covered, api.get("/health"));
            check(covered, api.get("/metrics"));
            check(covered, api.get("/openapi.json"));

            // without the token, every operation but health
            for (String operation : documentedOperations()) {
                if (!operation.equals("GET /health")) {
                    String[] parts = operation.split(" ", 2);
                    String path = parts[1].replace("{id}", "t1").replace("{name}", "ticket.bas");
                    check(
                            covered,
                            api.send(HttpRequest.newBuilder(api.uri(path))
                                    .method(parts[0], HttpRequest.BodyPublishers.ofString("{}"))
                                    .header("Content-Type", "application/json")
                                    .build()));
                }
            }

            // no route, wrong method: the generic problem
            checkGeneric(api.get("/nothing"), 404);
            checkGeneric(api.send(api.request("/scripts").DELETE().build()), 405);
        }

        try (TestServer unavailable = TestServer.startOver(scripts.resolve("missing-folder"))) {
            check(covered, unavailable.post("/executions", "{\"script\": \"ticket.bas\"}"));
            check(covered, unavailable.get("/scripts"));
            check(covered, unavailable.get("/scripts/ticket.bas"));
        }

        assertThat(covered).containsAll(documentedStatuses());
    }

    /** Validates one answer against the document and records its operation and status. */
    private static void check(Set<String> covered, TestServer.Reply reply) {
        String operation = operationOf(reply.method(), reply.path());
        JsonNode responses = document.path("paths")
                .path(template(operation))
                .path(reply.method().toLowerCase(Locale.ROOT))
                .path("responses");
        String status = Integer.toString(reply.status());
        JsonNode response = responses.has(status) ? responses.get(status) : responses.get("default");
        assertThat(response)
                .as("%s answered %s, which is not documented: %s", operation, status, reply.body())
                .isNotNull();
        validate(operation + " " + status, resolve(response), reply);
        if (responses.has(status)) {
            covered.add(operation + " " + status);
        }
    }

    private static void checkGeneric(TestServer.Reply reply, int status) {
        assertThat(reply.status()).isEqualTo(status);
        validate("generic " + status, resolve(document.at("/components/responses/Error")), reply);
    }

    private static void validate(String what, JsonNode response, TestServer.Reply reply) {
        for (String header : iterable(response.path("headers").fieldNames())) {
            if (response.path("headers").path(header).path("required").asBoolean()) {
                assertThat(reply.header(header))
                        .as("%s: header %s", what, header)
                        .isPresent();
            }
        }
        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            assertThat(reply.body()).as("%s has no documented body", what).isEmpty();
            return;
        }
        String mediaType = reply.contentType().split(";", 2)[0].strip();
        JsonNode media = content.get(mediaType);
        assertThat(media)
                .as("%s answered %s, documented: %s", what, mediaType, content.properties())
                .isNotNull();
        if (!mediaType.equals("application/json") && !mediaType.equals("application/problem+json")) {
            assertThat(reply.body()).as(what).isNotEmpty();
            return;
        }
        JsonSchema schema = schema(media.path("schema").path("$ref").asText());
        Set<ValidationMessage> errors = schema.validate(reply.json());
        assertThat(errors).as("%s: %s\n%s", what, errors, reply.body()).isEmpty();
    }

    private static synchronized JsonSchema schema(String reference) {
        return schemas.computeIfAbsent(
                reference, ref -> factory.getSchema(SchemaLocation.of(RESOURCE_LOCATION + ref), config));
    }

    private static JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            current = document.at(current.get("$ref").asText().substring(1));
        }
        return current;
    }

    /** {@code METHOD /template} of a request, matched against the documented paths. */
    private static String operationOf(String method, String rawPath) {
        List<String> matches = new ArrayList<>();
        for (String template : iterable(document.path("paths").fieldNames())) {
            String regex =
                    Pattern.quote(template).replace("{id}", "\\E[^/]+\\Q").replace("{name}", "\\E.+\\Q");
            if (rawPath.matches(regex) && document.path("paths").path(template).has(method.toLowerCase(Locale.ROOT))) {
                matches.add(template);
            }
        }
        assertThat(matches)
                .as("documented operations for %s %s", method, rawPath)
                .hasSize(1);
        return method + " " + matches.getFirst();
    }

    private static String template(String operation) {
        return operation.split(" ", 2)[1];
    }

    private static List<String> documentedOperations() {
        List<String> operations = new ArrayList<>();
        for (var path : document.path("paths").properties()) {
            for (String method : iterable(path.getValue().fieldNames())) {
                if (HTTP_METHODS.contains(method)) {
                    operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }
        }
        return operations;
    }

    private static Set<String> documentedStatuses() {
        Set<String> statuses = new TreeSet<>();
        for (String operation : documentedOperations()) {
            JsonNode responses = document.path("paths")
                    .path(template(operation))
                    .path(operation.split(" ", 2)[0].toLowerCase(Locale.ROOT))
                    .path("responses");
            for (String status : iterable(responses.fieldNames())) {
                if (!status.equals("default")) {
                    statuses.add(operation + " " + status);
                }
            }
        }
        return statuses;
    }

    private static List<JsonNode> allResponses() {
        List<JsonNode> responses = new ArrayList<>();
        document.path("components").path("responses").forEach(responses::add);
        for (String operation : documentedOperations()) {
            document.path("paths")
                    .path(template(operation))
                    .path(operation.split(" ", 2)[0].toLowerCase(Locale.ROOT))
                    .path("responses")
                    .forEach(response -> responses.add(resolve(response)));
        }
        return responses;
    }

    private static void collectReferences(JsonNode node, List<String> references) {
        if (node.isObject()) {
            node.properties().forEach(entry -> {
                if (entry.getKey().equals("$ref")) {
                    references.add(entry.getValue().asText());
                } else {
                    collectReferences(entry.getValue(), references);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> collectReferences(element, references));
        }
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }
}
