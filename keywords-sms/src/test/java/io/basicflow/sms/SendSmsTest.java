package io.basicflow.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.direct.Conversation;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.engine.direct.DirectRunner;
import io.basicflow.engine.direct.ScriptCompiler;
import io.basicflow.engine.interpreter.InputRequest;
import io.basicflow.engine.interpreter.RuntimeCatalogue;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.value.Value;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.ScriptRun;
import io.basicflow.testkit.StepMatcher;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code SEND SMS} against a local server that speaks Twilio's Messages protocol (the one stand-in the
 * tests allow for a paid provider): the golden script of keyword-sms.md's forms runs direct and
 * durable with the same messages and the same requests; a 503 is retried; a crash while the request is
 * out never sends it again; a missing setting fails the step naming it.
 */
class SendSmsTest {

    static final String SCRIPT = """
            r = SEND SMS "(415) 555-1234", "Your code is 4711"
            TALK "sent " + r.message_id + " to " + r.to + " via " + r.provider
            u = SEND SMS "+55 11 99988-7766", "Server down", "urgent"
            TALK u.priority + " " + u.success
            bad = SEND SMS "call me", "hi"
            IF NOT bad.success THEN
                TALK bad.error
            END IF
            refused = SEND SMS "+15005550001", "x", "twilio", "low"
            TALK refused.success + " " + refused.error
            SEND SMS "4155551234", "statement form"
            RETURN r.success
            """;

    static final List<String> MESSAGES = List.of(
            "sent SM14155551234 to +14155551234 via twilio",
            "urgent true",
            "INVALID_PHONE: 'call me' is no phone number; write it in E.164 form, + and the country code, e.g."
                    + " +5511999887766",
            "false INVALID_PHONE: The 'To' number +15005550001 is not a valid phone number.");

    private FakeTwilio twilio;

    @BeforeEach
    void start() throws Exception {
        twilio = new FakeTwilio();
    }

    @AfterEach
    void stop() {
        twilio.close();
    }

    private Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("sms.twilio.base-url", twilio.baseUrl());
        settings.put("sms.twilio.account-sid", FakeTwilio.ACCOUNT);
        settings.put("sms.twilio.auth-token", FakeTwilio.TOKEN);
        settings.put("sms.twilio.from", "+15557654321");
        return settings;
    }

    private BasicflowTestKit kit() {
        BasicflowTestKit kit = BasicflowTestKit.withPlugins(new SmsPlugin());
        settings().forEach(kit::configuration);
        return kit;
    }

    private DirectOutcome runDirectly(String source, List<String> messages) {
        List<KeywordPlugin> plugins = List.of(new CorePlugin(), new SmsPlugin());
        ScriptService compiler = new ScriptService(KeywordCatalogue.of(plugins));
        Map<String, String> configuration = new LinkedHashMap<>();
        settings().forEach((key, value) -> configuration.put("basicflow." + key, value));
        RuntimeCatalogue catalogue = RuntimeCatalogue.of(plugins, configuration, Clock.systemUTC());
        DirectRunner runner =
                DirectRunner.builder(catalogue, ScriptCompiler.using(compiler)).build();
        return runner.run(compiler.compile("sms.bas", source).program(), Map.of(), new Conversation() {
                    @Override
                    public void say(String text) {
                        messages.add(text);
                    }

                    @Override
                    public Optional<String> listen(InputRequest request) {
                        return Optional.empty();
                    }
                })
                .outcome();
    }

    @Test
    void theDirectAndDurableRunsSendTheSameMessagesAndSayTheSame() {
        List<String> direct = new ArrayList<>();
        assertThat(runDirectly(SCRIPT, direct)).isEqualTo(new DirectOutcome.Completed(Optional.of(Value.of(true))));
        assertThat(direct).isEqualTo(MESSAGES);
        List<FakeTwilio.Received> directRequests = twilio.received();

        try (BasicflowTestKit kit = kit()) {
            ScriptRun run = kit.run("sms.bas", "#workflow\n" + SCRIPT);
            assertThat(run.awaitResult()).isEqualTo(Value.of(true));
            assertThat(run.messages()).isEqualTo(MESSAGES);
            assertThat(run.events("EffectCompleted")).hasSize(5);
        }
        // "call me" never left; the four others did, each once per run, with the normalised number,
        // the configured sender, the priority's prefix and Twilio's Basic credentials.
        assertThat(directRequests)
                .extracting(request -> request.form().get("To") + " "
                        + request.form().get("From") + " " + request.form().get("Body"))
                .containsExactly(
                        "+14155551234 +15557654321 Your code is 4711",
                        "+5511999887766 +15557654321 [URGENT] Server down",
                        "+15005550001 +15557654321 x",
                        "+14155551234 +15557654321 statement form");
        assertThat(twilio.received()).hasSize(8);
        assertThat(twilio.received().subList(4, 8))
                .extracting(FakeTwilio.Received::form)
                .isEqualTo(
                        directRequests.stream().map(FakeTwilio.Received::form).toList());
    }

    @Test
    void anAnswerSayingTheProviderIsUnavailableIsRetriedAndSendsOnce() {
        twilio.unavailableFor(2);
        try (BasicflowTestKit kit = kit()) {
            ScriptRun run =
                    kit.run("retry.bas", "#workflow\nr = SEND SMS \"+14155551234\", \"hi\"\nRETURN r.message_id\n");

            assertThat(run.awaitResult()).isEqualTo(Value.text("SM14155551234"));
            assertThat(run.events("EffectFailed"))
                    .hasSize(2)
                    .allSatisfy(event -> assertThat(event.toString()).contains("503"));
        }
        assertThat(twilio.received()).hasSize(3);
        // Every attempt of the step carries the step's one key.
        assertThat(twilio.received())
                .extracting(FakeTwilio.Received::idempotencyKey)
                .containsOnly(twilio.received().getFirst().idempotencyKey());
    }

    @Test
    void aCrashWhileTheMessageIsOutIsNeverSentAgainAndLeavesTheOutcomeToAnOperator() {
        try (BasicflowTestKit kit = kit().crashAt(StepMatcher.effectStarted("SEND SMS"))) {
            ScriptRun run = kit.run("crash.bas", "#workflow\nSEND SMS \"+14155551234\", \"once\"\nTALK \"after\"\n");

            run.awaitStatus(ExecutionStatus.FAILED);
            assertThat(kit.crashes()).isEqualTo(1);
            assertThat(run.error().orElseThrow().message()).contains("SEND SMS: outcome unknown");
            assertThat(run.messages()).isEmpty();
        }
        assertThat(twilio.received()).hasSize(1);
    }

    @Test
    void aMissingSettingFailsTheStepNamingIt() {
        try (BasicflowTestKit kit =
                BasicflowTestKit.withPlugins(new SmsPlugin()).configuration("sms.twilio.base-url", twilio.baseUrl())) {
            ScriptRun run = kit.run("unset.bas", "#workflow\nSEND SMS \"+14155551234\", \"hi\"\n");

            run.awaitStatus(ExecutionStatus.FAILED);
            assertThat(run.error().orElseThrow().message()).contains("basicflow.sms.twilio.account-sid is not set");
            assertThat(run.error().orElseThrow().line()).isEqualTo(2);
        }
        assertThat(twilio.received()).isEmpty();
    }

    @Test
    void wrongCredentialsAndAnUnknownProviderOrPriorityFailTheStep() {
        List<String> messages = new ArrayList<>();
        Map<String, String> wrong = settings();
        DirectOutcome provider = runDirectly("SEND SMS \"+14155551234\", \"hi\", \"vonage\"\n", messages);
        assertThat(((DirectOutcome.Failed) provider).error().message())
                .contains("'vonage' is a provider General Bots names that basicflow does not speak");
        DirectOutcome priority = runDirectly("SEND SMS \"+14155551234\", \"hi\", \"twilio\", \"asap\"\n", messages);
        assertThat(((DirectOutcome.Failed) priority).error().message())
                .contains("the priority must be low, normal, high or urgent, was 'asap'");
        assertThat(twilio.received()).isEmpty();
        wrong.put("sms.twilio.auth-token", "nope");
        try (BasicflowTestKit kit = BasicflowTestKit.withPlugins(new SmsPlugin())) {
            wrong.forEach(kit::configuration);
            ScriptRun run = kit.run("auth.bas", "#workflow\nSEND SMS \"+14155551234\", \"hi\"\n");
            run.awaitStatus(ExecutionStatus.FAILED);
            assertThat(run.error().orElseThrow().message()).contains("twilio refused the credentials (401)");
        }
    }
}
