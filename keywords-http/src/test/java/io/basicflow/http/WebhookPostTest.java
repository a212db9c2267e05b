package io.basicflow.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.spi.value.Value;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.EffectCall;
import io.basicflow.testkit.ScriptRun;
import io.basicflow.testkit.StepMatcher;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * WEBHOOK POST against a real local server: the relative path of manage-consents.bas joined to the
 * configured base (or to this server's own webhook routes), the JSON body, the signature the
 * receiver checks, one Idempotency-Key per step however often it is sent, and the errors.
 */
class WebhookPostTest {

    /** manage-consents.bas's call, in a bot folder so that {bot} is "privacy". */
    static final String SCRIPT = """
            #workflow
            revoke_category = "marketing"
            WEBHOOK POST "/internal/consent-changed" WITH {
                "user_id": 7,
                "category": revoke_category,
                "action": "revoked"
            }
            TALK "notified"
            """;

    static final String BODY = "{\"user_id\":7,\"category\":\"marketing\",\"action\":\"revoked\"}";
    static final String NAME = "privacy.gbai/privacy.gbdialog/consents.bas";

    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer()
                .route(
                        "/hooks/",
                        (exchange, request) -> TestServer.reply(exchange, 200, "application/json", "{\"ok\":true}"))
                .route("/api/", (exchange, request) -> TestServer.reply(exchange, 202, null, ""))
                .route(
                        "/missing",
                        (exchange, request) -> TestServer.reply(exchange, 404, "text/plain", "no such hook"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aRelativePathGoesToTheConfiguredBaseSignedAndKeyed() throws Exception {
        // no basicflow.http.allow: the base's host is the operator's choice, so loopback is let through
        try (BasicflowTestKit kit = BasicflowTestKit.withPlugins(new HttpPlugin())
                .configuration("http.webhook-base-url", server.url("/hooks/{bot}/"))
                .configuration("http.webhook-secret", "s3cret")) {
            ScriptRun run = kit.run(NAME, SCRIPT);

            run.awaitStatus(ExecutionStatus.COMPLETED);

            assertThat(run.messages()).containsExactly("notified");
            TestServer.Request request = server.requests().getFirst();
            assertThat(server.requests()).hasSize(1);
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/hooks/privacy/internal/consent-changed");
            assertThat(request.body()).isEqualTo(BODY);
            assertThat(request.header("Content-Type")).isEqualTo("application/json");
            assertThat(request.header("X-Webhook-Signature")).isEqualTo("sha256=" + hmac("s3cret", BODY));
            assertThat(request.header("Idempotency-Key")).startsWith(run.id() + "/");
            assertThat(run.events("EffectCompleted"))
                    .extracting(io.basicflow.engine.api.EventView::payloadJson)
                    .anyMatch(json -> json.contains("\"ok\""));
        }
    }

    @Test
    void withoutABaseItReachesThisServersOwnWebhooksWithItsTokenAndSecret() {
        try (BasicflowTestKit kit = BasicflowTestKit.withPlugins(new HttpPlugin())
                .configuration("api.port", String.valueOf(server.port()))
                .configuration("api.token", "api-t0ken")
                .configuration("webhooks.secret", "hook-secret")) {
            ScriptRun run = kit.run(
                    NAME, "#workflow\nr = WEBHOOK POST \"consent-changed\", #{ user_id: 7 }\nRETURN ISNULL(r)\n");

            assertThat(run.awaitResult()).isEqualTo(Value.of(true));
            TestServer.Request request = server.requests().getFirst();
            assertThat(request.path()).isEqualTo("/api/privacy/webhook/consent-changed");
            assertThat(request.header("Authorization")).isEqualTo("Bearer api-t0ken");
            assertThat(request.header("X-Webhook-Signature"))
                    .isEqualTo("sha256=" + hmac("hook-secret", "{\"user_id\":7}"));
            // the token is sent, never recorded
            assertThat(run.events())
                    .extracting(io.basicflow.engine.api.EventView::payloadJson)
                    .noneMatch(json -> json.contains("api-t0ken"));
        }
    }

    @Test
    void aCrashDuringThePostSendsItAgainWithTheSameKey() {
        try (BasicflowTestKit kit = BasicflowTestKit.withPlugins(new HttpPlugin())
                .configuration("http.webhook-base-url", server.url("/hooks"))
                .crashAt(StepMatcher.effectStarted("WEBHOOK POST"))) {
            ScriptRun run = kit.run(NAME, SCRIPT);

            run.awaitStatus(ExecutionStatus.COMPLETED);

            assertThat(kit.crashes()).isEqualTo(1);
            List<EffectCall> calls = kit.effectCalls("WEBHOOK POST");
            assertThat(calls).extracting(EffectCall::attempt).containsExactly(1, 2);
            String key = calls.getFirst().idempotencyKey();
            assertThat(server.requestsByKey()).containsExactly(Map.entry(key, 2));
            assertThat(run.messages()).containsExactly("notified");
        }
    }

    @Test
    void aRefusedAnswerAPathThatLeavesTheBaseAndAnUnlistedHostFailTheExecution() {
        try (BasicflowTestKit kit =
                BasicflowTestKit.withPlugins(new HttpPlugin()).configuration("http.webhook-base-url", server.url(""))) {
            assertThat(failure(kit, "WEBHOOK POST \"/missing\" WITH #{ a: 1 }"))
                    .contains("answered 404")
                    .contains("no such hook");
            assertThat(failure(kit, "WEBHOOK POST \"/hooks/../api/x\", #{ a: 1 }"))
                    .contains("could leave");
            assertThat(failure(kit, "WEBHOOK POST \"/hooks/%2e%2e/api/x\", #{ a: 1 }"))
                    .contains("could leave");
            // an absolute URL is the script's choice: the address policy applies
            assertThat(failure(kit, "WEBHOOK POST \"" + server.url("/hooks/x") + "\", #{ a: 1 }"))
                    .contains("the engine's own machine");
        }
        assertThat(server.requests()).extracting(TestServer.Request::path).containsExactly("/missing");
    }

    private static String failure(BasicflowTestKit kit, String line) {
        ScriptRun run = kit.run(NAME, "#workflow\n" + line + "\n");
        run.awaitStatus(ExecutionStatus.FAILED);
        return run.error().orElseThrow().toString();
    }

    private static String hmac(String secret, String body) throws RuntimeException {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
