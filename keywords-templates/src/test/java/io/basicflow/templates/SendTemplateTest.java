package io.basicflow.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.files.FilesPlugin;
import io.basicflow.mail.MailPlugin;
import io.basicflow.sms.SmsPlugin;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.DirectRun;
import io.basicflow.testkit.ScriptRun;
import io.basicflow.testkit.StepMatcher;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * keyword-send-template.md's keywords with the real mail plugin against GreenMail and the real SMS
 * plugin against a local Twilio: the page's flow says and sends the same in a direct and a durable run;
 * the WhatsApp bot's {@code SEND TEMPLATE TO phone, template, variables} reads a template file of the
 * bot; a crash while a template is out never sends it again; an unknown channel and a missing template
 * fail their step saying what to do.
 */
class SendTemplateTest {

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    static final String FLOW = """
            template_body = "Subject: Order {{order_id}} shipped\\nHello {{name}}, your order {{order_id}} has shipped!"
            created = CREATE_TEMPLATE "shipping_notification", template_body, "transactional"
            TALK created.path + " " + created.category + " " + created.variables[1]
            t = GET_TEMPLATE "shipping_notification"
            TALK t.category + " | " + t.subject + " | " + t.body
            vars = {"name": "John", "order_id": "12345"}
            result = SEND_TEMPLATE "shipping_notification", "john@example.com", "email", vars
            TALK result.success + " " + result.channel + " " + result.recipient
            recipients = ["ann@example.com", "not an address", "bob@example.com"]
            batch = SEND_TEMPLATE_TO "shipping_notification", recipients, "email", vars
            TALK "Sent: " + batch.sent + ", Failed: " + batch.failed + " (" + batch.errors[0].recipient + ")"
            SEND TEMPLATE "shipping_notification", "email", "lead@example.com", {"name": "Lead", "order_id": "7"}
            missing = GET_TEMPLATE "nothing-here"
            TALK ISNULL(missing)
            """;

    static final List<String> SAID = List.of(
            "templates/shipping_notification.txt transactional name",
            "transactional | Order {{order_id}} shipped | Hello {{name}}, your order {{order_id}} has shipped!",
            "true email john@example.com",
            "Sent: 2, Failed: 1 (not an address)",
            "true");

    @TempDir
    Path root;

    private LocalTwilio twilio;

    @BeforeEach
    void start() throws Exception {
        twilio = new LocalTwilio();
    }

    @AfterEach
    void stop() {
        twilio.close();
    }

    private Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>(twilio.settings());
        settings.put("basicflow.mail.host", "127.0.0.1");
        settings.put("basicflow.mail.port", Integer.toString(greenMail.getSmtp().getPort()));
        settings.put("basicflow.mail.from", "bot@basicflow.test");
        settings.put("basicflow.files.root", root.toString());
        return settings;
    }

    private static List<KeywordPlugin> plugins() {
        return List.of(new TemplatesPlugin(), new MailPlugin(), new SmsPlugin(), new FilesPlugin());
    }

    private BasicflowTestKit kit() {
        BasicflowTestKit kit = BasicflowTestKit.withPlugins(plugins().toArray(KeywordPlugin[]::new));
        settings().forEach((key, value) -> kit.configuration(key.substring("basicflow.".length()), value));
        return kit;
    }

    private DirectRun direct(String script, String source) {
        return DirectRun.of(plugins(), settings(), script, source, Map.of());
    }

    @Test
    void thePagesFlowSaysAndSendsTheSameDirectAndDurable() throws Exception {
        DirectRun direct = direct("shop/flow.bas", FLOW);
        assertThat(direct.outcome()).isInstanceOf(DirectOutcome.Completed.class);
        assertThat(direct.messages()).isEqualTo(SAID);
        assertThat(Files.readString(root.resolve("shop.gbai/shop.gbdrive/templates/shipping_notification.txt")))
                .startsWith("{{! category: transactional }}\nSubject: Order {{order_id}} shipped\n");
        MimeMessage[] afterDirect = greenMail.getReceivedMessages();
        assertThat(afterDirect).hasSize(4);

        try (BasicflowTestKit kit = kit()) {
            ScriptRun run = kit.run("shop/flow.bas", "#workflow\n" + FLOW);
            run.awaitStatus(ExecutionStatus.COMPLETED);
            assertThat(run.messages()).isEqualTo(SAID);
        }
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(8);
        Map<String, List<MimeMessage>> byRecipient = new LinkedHashMap<>();
        for (MimeMessage message : received) {
            byRecipient
                    .computeIfAbsent(message.getAllRecipients()[0].toString(), k -> new java.util.ArrayList<>())
                    .add(message);
        }
        // each run: john, the batch's two valid addresses (the invalid one never left), the lead
        assertThat(byRecipient)
                .containsOnlyKeys("john@example.com", "ann@example.com", "bob@example.com", "lead@example.com");
        assertThat(byRecipient.values())
                .allSatisfy(messages -> assertThat(messages).hasSize(2));
        for (MimeMessage john : byRecipient.get("john@example.com")) {
            assertThat(john.getSubject()).isEqualTo("Order 12345 shipped");
            assertThat(((String) john.getContent()).strip()).isEqualTo("Hello John, your order 12345 has shipped!");
        }
        for (MimeMessage lead : byRecipient.get("lead@example.com")) {
            assertThat(lead.getSubject()).isEqualTo("Order 7 shipped");
            assertThat(((String) lead.getContent()).strip()).isEqualTo("Hello Lead, your order 7 has shipped!");
        }
        // every message of a run has its own Message-ID (the batch's derived per recipient)
        assertThat(List.of(received).stream().map(SendTemplateTest::messageId).distinct())
                .hasSize(8);
    }

    /** The corpus's WhatsApp bot: a template file of the bot, a phone number, its variables. */
    static final String WHATSAPP = """
            WRITE "newsletter-zap.txt", "Hi {{name}}, this week: {{topic}}."
            phone = "+5511999887766"
            variables = {"name": "Ana", "topic": "durable bots"}
            SEND TEMPLATE TO phone, "newsletter-zap.txt", variables
            CREATE_TEMPLATE "otp", "Your code is {{code}}"
            r = SEND_TEMPLATE "otp", "+1 415 555 1234", "sms", {"code": "4711"}
            TALK r.message_id + " " + r.recipient
            """;

    @Test
    void sendTemplateToAPhoneGoesOverWhatsAppAndSmsThroughTheSmsPlugin() {
        assertThat(direct("zap/send.bas", WHATSAPP).outcome()).isInstanceOf(DirectOutcome.Completed.class);
        try (BasicflowTestKit kit = kit()) {
            kit.run("zap/send.bas", "#workflow\n" + WHATSAPP).awaitStatus(ExecutionStatus.COMPLETED);
        }
        assertThat(twilio.received()).hasSize(4);
        for (int run = 0; run < 2; run++) {
            Map<String, String> zap = twilio.received().get(run * 2);
            assertThat(zap)
                    .containsEntry("To", "whatsapp:+5511999887766")
                    .containsEntry("From", "whatsapp:+15550002222")
                    .containsEntry("Body", "Hi Ana, this week: durable bots.");
            Map<String, String> sms = twilio.received().get(run * 2 + 1);
            assertThat(sms)
                    .containsEntry("To", "+14155551234")
                    .containsEntry("From", "+15550001111")
                    .containsEntry("Body", "Your code is 4711");
        }
    }

    @Test
    void aCrashWhileTheTemplateIsOutNeverSendsItAgain() {
        String script = "#workflow\nCREATE_TEMPLATE \"hi\", \"Hello {{name}}\"\n"
                + "SEND_TEMPLATE \"hi\", \"+14155551234\", \"whatsapp\", {\"name\": \"Bo\"}\nTALK \"after\"\n";
        try (BasicflowTestKit kit = kit().crashAt(StepMatcher.effectStarted("SEND_TEMPLATE"))) {
            ScriptRun run = kit.run("crash/once.bas", script);
            run.awaitStatus(ExecutionStatus.FAILED);
            assertThat(kit.crashes()).isEqualTo(1);
            assertThat(run.error().orElseThrow().message()).contains("SEND_TEMPLATE: outcome unknown");
            assertThat(run.messages()).isEmpty();
        }
        assertThat(twilio.received()).hasSize(1);
    }

    @Test
    void anUninstalledChannelAndAMissingTemplateFailTheirStepSayingWhatToDo() {
        DirectRun push =
                direct("shop/push.bas", "CREATE_TEMPLATE \"p\", \"x\"\nSEND_TEMPLATE \"p\", \"device-1\", \"push\"\n");
        assertThat(push.outcome()).isInstanceOf(DirectOutcome.Failed.class);
        assertThat(((DirectOutcome.Failed) push.outcome()).error().message())
                .contains("no installed plugin sends over the 'push' channel")
                .contains("email, sms, whatsapp");

        DirectRun missing = direct("shop/missing.bas", "SEND_TEMPLATE \"welcome\", \"a@example.com\", \"email\"\n");
        assertThat(((DirectOutcome.Failed) missing.outcome()).error().message())
                .contains("the bot has no template 'welcome'")
                .contains("templates/welcome.txt")
                .contains("CREATE_TEMPLATE");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }
}
