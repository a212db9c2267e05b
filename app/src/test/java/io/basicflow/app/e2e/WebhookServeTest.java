package io.basicflow.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code WEBHOOK "name"} on the real server ({@code basicflow serve} in a child JVM, embedded
 * PostgreSQL): a bot's scripts become {@code /api/<bot>/webhook/<name>}; the request is the script's
 * {@code params}, {@code body}, {@code headers}, {@code method} and {@code path}; its {@code result_…}
 * variables are the answer; an {@code Idempotency-Key} starts one execution; bad requests get 4xx
 * problems; with a webhook secret, signed requests pass without the API token and unsigned ones do not.
 */
class WebhookServeTest {

    private static final Duration START = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path folder;

    private Path scripts;

    @BeforeEach
    void bot() throws Exception {
        scripts = Files.createDirectories(folder.resolve("scripts"));
        Path dialogs = Files.createDirectories(scripts.resolve("shop.gbai/shop.gbdialog"));
        Files.writeString(dialogs.resolve("order-notify.bas"), """
                ' order-notify.bas
                WEBHOOK "order-notify"
                order_id = body.order_id
                IF ISEMPTY(order_id) THEN
                    result_status = 400
                    result_error = "Missing order_id"
                ELSE
                    TALK "Order " + order_id + " for " + body.customer.name
                    result_status = "ok"
                    result_order_id = order_id
                    result_filter = params.filter
                    result_method = method
                    result_trace = headers.x_trace
                END IF
                """);
        Files.writeString(dialogs.resolve("status.bas"), """
                WEBHOOK "status"
                result_status = "healthy"
                result_version = "1.0.0"
                """);
        Files.writeString(dialogs.resolve("boom.bas"), """
                WEBHOOK "boom"
                x = 1 / 0
                """);
        Files.writeString(dialogs.resolve("slow.bas"), """
                WEBHOOK "slow"
                WAIT 3600
                """);
    }

    private BasicflowProcess serve(String... extra) throws Exception {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                "serve",
                "--port",
                "0",
                "-Dbasicflow.scripts.folder=" + scripts,
                "-Dbasicflow.webhooks.timeout-seconds=3"));
        args.addAll(java.util.List.of(extra));
        return BasicflowProcess.start(folder, folder.resolve("pg"), args.toArray(String[]::new));
    }

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

    @Test
    void aWebhookRunsItsScriptWithTheRequestAndAnswersItsResults() throws Exception {
        try (BasicflowProcess server = serve()) {
            URI base = server.awaitServing(START);
            assertThat(server.stderr()).contains("webhook /api/shop/webhook/order-notify runs shop/order-notify.bas");

            HttpResponse<String> ok = post(
                    base,
                    "/api/shop/webhook/order-notify?filter=new",
                    "{\"order_id\": \"ORD-1\", \"customer\": {\"name\": \"João\"}}",
                    "X-Trace",
                    "t-77");
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            assertThat(JSON.readTree(ok.body()))
                    .isEqualTo(JSON.readTree("{\"status\": \"ok\", \"order_id\": \"ORD-1\", \"filter\": \"new\","
                            + " \"method\": \"POST\", \"trace\": \"t-77\"}"));
            String id = ok.headers().firstValue("Basicflow-Execution-Id").orElseThrow();
            JsonNode messages =
                    JSON.readTree(send(HttpRequest.newBuilder(base.resolve("/executions/" + id + "/messages")))
                            .body());
            assertThat(messages.path("messages").get(0).path("text").asText()).isEqualTo("Order ORD-1 for João");

            // A numeric result_status is the answer's status.
            HttpResponse<String> missing = post(base, "/api/shop/webhook/order-notify", "{}");
            assertThat(missing.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(missing.body()).path("error").asText()).isEqualTo("Missing order_id");

            HttpResponse<String> status = send(HttpRequest.newBuilder(base.resolve("/api/shop/webhook/status")));
            assertThat(status.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(status.body()).path("status").asText()).isEqualTo("healthy");

            // One execution per Idempotency-Key: the repeat answers from the same execution.
            HttpResponse<String> first = post(
                    base,
                    "/api/shop/webhook/order-notify",
                    "{\"order_id\": \"ORD-2\", \"customer\": {}}",
                    "Idempotency-Key",
                    "delivery-9");
            HttpResponse<String> again = post(
                    base,
                    "/api/shop/webhook/order-notify",
                    "{\"order_id\": \"ORD-2\", \"customer\": {}}",
                    "Idempotency-Key",
                    "delivery-9");
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(again.body()).isEqualTo(first.body());
            assertThat(again.headers().firstValue("Basicflow-Execution-Id"))
                    .isEqualTo(first.headers().firstValue("Basicflow-Execution-Id"));
            HttpResponse<String> other =
                    post(base, "/api/shop/webhook/order-notify", "{\"order_id\": \"ORD-2\", \"customer\": {}}");
            assertThat(other.headers().firstValue("Basicflow-Execution-Id"))
                    .isNotEqualTo(first.headers().firstValue("Basicflow-Execution-Id"));
            JsonNode listed = JSON.readTree(
                    send(HttpRequest.newBuilder(base.resolve("/executions?script=shop/order-notify.bas&limit=100")))
                            .body());
            // Five requests to order-notify, two of them with one key: four executions.
            assertThat(listed.path("executions").size()).isEqualTo(4);

            // Bad requests: problems, and no execution.
            HttpResponse<String> unknown = post(base, "/api/shop/webhook/nope", "{}");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(unknown.body()).contains("no script of bot 'shop' declares WEBHOOK \\\"nope\\\"");
            HttpResponse<String> broken = post(base, "/api/shop/webhook/order-notify", "{\"order_id\": ");
            assertThat(broken.statusCode()).isEqualTo(400);
            assertThat(broken.body()).contains("urn:basicflow:problem:invalid-json");

            // A failing script is a 500 naming its error; one that waits is a 202 that says where it is.
            HttpResponse<String> boom = post(base, "/api/shop/webhook/boom", "{}");
            assertThat(boom.statusCode()).isEqualTo(500);
            assertThat(boom.body()).contains("boom.bas").contains("executionId");
            HttpResponse<String> slow = post(base, "/api/shop/webhook/slow", "{}");
            assertThat(slow.statusCode()).isEqualTo(202);
            assertThat(JSON.readTree(slow.body()).path("status").asText()).isEqualTo("WAITING_TIMER");
            assertThat(slow.headers().firstValue("Location"))
                    .hasValueSatisfying(location -> assertThat(location).startsWith("/executions/"));
        }
    }

    @Test
    void withASecretSignedRequestsPassWithoutTheTokenAndUnsignedOnesDoNot() throws Exception {
        String body = "{\"order_id\": \"ORD-3\", \"customer\": {\"name\": \"Ana\"}}";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("whsec-1".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        try (BasicflowProcess server = serve("--token", "api-t0ken", "-Dbasicflow.webhooks.secret=whsec-1")) {
            URI base = server.awaitServing(START);

            HttpResponse<String> signed =
                    post(base, "/api/shop/webhook/order-notify", body, "X-Webhook-Signature", signature);
            assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
            assertThat(JSON.readTree(signed.body()).path("order_id").asText()).isEqualTo("ORD-3");

            HttpResponse<String> unsigned = post(base, "/api/shop/webhook/order-notify", body);
            assertThat(unsigned.statusCode()).isEqualTo(401);
            HttpResponse<String> tampered = post(
                    base,
                    "/api/shop/webhook/order-notify",
                    body.replace("ORD-3", "ORD-4"),
                    "X-Webhook-Signature",
                    signature);
            assertThat(tampered.statusCode()).isEqualTo(401);
            assertThat(tampered.body()).contains("does not match its body");
            // The rest of the API still wants the token.
            assertThat(send(HttpRequest.newBuilder(base.resolve("/executions"))).statusCode())
                    .isEqualTo(401);
        }
    }
}
