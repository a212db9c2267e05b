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
