package io.basicflow.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.mail.MailPlugin;
import io.basicflow.mail.MessageIds;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.DirectRun;
import io.basicflow.testkit.ScriptRun;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code SEND MAIL … ATTACHMENT path} of the mail plugin with this plugin's storage: the file travels
 * with the mail to a real SMTP server (GreenMail), in both modes.
 */
class MailAttachmentTest {

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    /** The corpus's form: the attachment clause after a comma. */
    static final String SCRIPT = """
            WRITE "reports/day.csv", "id,total\\n1,30\\n"
            SEND MAIL "ana@example.com", "Your report", "It is attached.", ATTACHMENT "reports/day.csv"
            """;

    @TempDir
    Path root;

    private Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("basicflow.mail.host", "127.0.0.1");
        settings.put("basicflow.mail.port", Integer.toString(greenMail.getSmtp().getPort()));
        settings.put("basicflow.mail.from", "bot@basicflow.test");
        settings.put("basicflow.mail.message-id-domain", "mail.basicflow.test");
        settings.put("basicflow.files.root", root.toString());
        return settings;
    }

    @Test
    void theFileArrivesAsAnAttachmentAndTheMessageIdStaysTheSteps() throws Exception {
        DirectOutcome outcome = runDirectly(SCRIPT);
        assertThat(outcome).isInstanceOf(DirectOutcome.Completed.class);

        try (BasicflowTestKit kit = kit()) {
            ScriptRun run = kit.run("shop/report.bas", "#workflow\n" + SCRIPT);
            run.awaitStatus(ExecutionStatus.COMPLETED);
        }

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(2);
        for (MimeMessage message : received) {
            Multipart mixed = (Multipart) message.getContent();
            assertThat(message.getContentType()).startsWith("multipart/mixed");
            assertThat(mixed.getCount()).isEqualTo(2);
            assertThat(((String) mixed.getBodyPart(0).getContent()).strip()).isEqualTo("It is attached.");
            BodyPart file = mixed.getBodyPart(1);
            assertThat(file.getDisposition()).isEqualTo(Part.ATTACHMENT);
            assertThat(file.getFileName()).isEqualTo("day.csv");
            assertThat(file.getInputStream().readAllBytes()).asString().isEqualTo("id,total\n1,30\n");
            String key = message.getHeader(MessageIds.IDEMPOTENCY_KEY_HEADER)[0];
            assertThat(message.getMessageID()).isEqualTo(MessageIds.forIdempotencyKey(key, "mail.basicflow.test"));
        }
    }

    /** The other forms of the reference pages: a fourth argument, the clause form, and USING. */
    static final String FORMS = """
            WRITE "a.txt", "A"
            SEND MAIL "ana@example.com", "List", "one file", ["a.txt"]
            SEND MAIL "ana@example.com", "None", "no files", []
            SEND MAIL TO "bo@example.com" SUBJECT "Clause " + 1 BODY "body text"
            SEND MAIL "cy@example.com", "Sender", "from support" USING "support@example.com"
            """;

    @Test
    void aFourthArgumentTheClauseFormAndUsingSendWhatTheyName() throws Exception {
        assertThat(runDirectly(FORMS)).isInstanceOf(DirectOutcome.Completed.class);
        try (BasicflowTestKit kit = kit()) {
            kit.run("shop/forms.bas", "#workflow\n" + FORMS).awaitStatus(ExecutionStatus.COMPLETED);
        }

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(8);
        Map<String, List<MimeMessage>> bySubject = new LinkedHashMap<>();
        for (MimeMessage message : received) {
            bySubject
                    .computeIfAbsent(message.getSubject(), k -> new java.util.ArrayList<>())
                    .add(message);
        }
        assertThat(bySubject).containsOnlyKeys("List", "None", "Clause 1", "Sender");
        for (int run = 0; run < 2; run++) {
            MimeMessage list = bySubject.get("List").get(run);
            MimeMessage none = bySubject.get("None").get(run);
            MimeMessage clause = bySubject.get("Clause 1").get(run);
            MimeMessage using = bySubject.get("Sender").get(run);
            assertThat(list.getContentType()).startsWith("multipart/mixed");
            Multipart mixed = (Multipart) list.getContent();
            assertThat(mixed.getBodyPart(1).getFileName()).isEqualTo("a.txt");
            assertThat(none.getContentType()).startsWith("text/plain");
            assertThat(((String) none.getContent()).strip()).isEqualTo("no files");
            assertThat(clause.getAllRecipients()[0].toString()).isEqualTo("bo@example.com");
            assertThat(((String) clause.getContent()).strip()).isEqualTo("body text");
            assertThat(using.getFrom()[0].toString()).isEqualTo("support@example.com");
            assertThat(list.getFrom()[0].toString()).isEqualTo("bot@basicflow.test");
        }
    }

    @Test
    void anAttachmentOutOfTheStorageFailsTheStepAndSendsNothing() throws Exception {
        Files.writeString(Files.createDirectories(root.resolve("shop.gbai")).resolve("secret.txt"), "no");

        DirectOutcome outcome =
                runDirectly("SEND MAIL \"ana@example.com\", \"x\", \"y\", ATTACHMENT \"../secret.txt\"\n");

        assertThat(outcome).isInstanceOf(DirectOutcome.Failed.class);
        assertThat(outcome.toString()).contains("PATH_TRAVERSAL");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    private BasicflowTestKit kit() {
        BasicflowTestKit kit = BasicflowTestKit.withPlugins(new MailPlugin(), new FilesPlugin());
        settings().forEach((key, value) -> kit.configuration(key.substring("basicflow.".length()), value));
        return kit;
    }

    private DirectOutcome runDirectly(String source) {
        return DirectRun.of(
                        List.of(new MailPlugin(), new FilesPlugin()), settings(), "shop/report.bas", source, Map.of())
                .outcome();
    }
}
