package io.basicflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SEND MAIL against a real SMTP server (GreenMail) in the test JVM. */
class SendMailTest {

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(SendMailTlsTest.patient(ServerSetupTest.SMTP));

    private final SendMailHandler handler = new SendMailHandler();

    private Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>();
        settings.put("host", "127.0.0.1");
        settings.put("port", Integer.toString(greenMail.getSmtp().getPort()));
        settings.put("from", "Helpdesk Bot <bot@basicflow.test>");
        return settings;
    }

    private TestContext context() {
        return TestContext.of(settings());
    }

    @Test
    void sendsPlainTextFromTheDefaultSender() throws Exception {
        TestContext context = context();

        Value result = handler.invoke(context.sendMail(
                "ana@example.com", "Enrollment confirmation", "Dear Ana,\n\nyour request is in.\nRegards", "exec-1/7"));

        MimeMessage received = single();
        assertThat(received.getFrom())
                .extracting(Address::toString)
                .containsExactly("Helpdesk Bot <bot@basicflow.test>");
        assertThat(addresses(received.getRecipients(Message.RecipientType.TO))).containsExactly("ana@example.com");
        assertThat(received.getSubject()).isEqualTo("Enrollment confirmation");
        assertThat(received.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(normalise((String) received.getContent())).isEqualTo("Dear Ana,\n\nyour request is in.\nRegards");
        assertThat(received.getSentDate().toInstant()).isEqualTo(TestContext.NOW);
        assertThat(received.getHeader(MessageIds.IDEMPOTENCY_KEY_HEADER)).containsExactly("exec-1/7");
        assertThat(result)
                .isEqualTo(new MapValue(Map.of(
                        "messageId",
                        Value.text(received.getMessageID()),
                        "recipients",
                        new ListValue(List.of(Value.text("ana@example.com"))))));
        String messageId = received.getMessageID();
        assertThat(context.logger().lines()).anyMatch(line -> line.contains(messageId));
    }

    @Test
    void envelopeSenderIsTheConfiguredSender() throws Exception {
        handler.invoke(context().sendMail("ana@example.com", "s", "b", "exec-1/8"));

        assertThat(single().getHeader("Return-Path")).containsExactly("<bot@basicflow.test>");
    }

    @Test
    void sendsHtmlWithAPlainTextAlternative() throws Exception {
        String html = "<p>Hello <b>Ana</b>,</p><p>see <a href=\"https://example.com/t/42\">your ticket</a>.</p>";

        handler.invoke(context().sendMail("ana@example.com", "Ticket", html, "exec-2/1"));

        MimeMessage received = single();
        assertThat(received.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) received.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        BodyPart text = parts.getBodyPart(0);
        BodyPart htmlPart = parts.getBodyPart(1);
        assertThat(text.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(normalise((String) text.getContent()))
                .isEqualTo("Hello Ana,\n\nsee your ticket (https://example.com/t/42).");
        assertThat(htmlPart.getContentType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
        assertThat((String) htmlPart.getContent()).isEqualTo(html);
    }

    @Test
    void htmlNeverSendsTagsAsPlainText() throws Exception {
        Map<String, String> settings = settings();
        settings.put("html", "never");

        handler.invoke(TestContext.of(settings).sendMail("ana@example.com", "Raw", "<p>kept as typed</p>", "exec-2/2"));

        MimeMessage received = single();
        assertThat(received.getContentType()).startsWith("text/plain");
        assertThat(normalise((String) received.getContent())).isEqualTo("<p>kept as typed</p>");
    }

    @Test
    void htmlAlwaysSendsPlainLookingBodiesAsHtml() throws Exception {
        Map<String, String> settings = settings();
        settings.put("html", "always");

        handler.invoke(TestContext.of(settings).sendMail("ana@example.com", "Styled", "Plain words", "exec-2/3"));

        assertThat(single().getContentType()).startsWith("multipart/alternative");
    }

    @Test
    void sendsOneMessageToSeveralRecipients() throws Exception {
        handler.invoke(context()
                .sendMail(
                        "ana@example.com, Bob Builder <bob@example.org>; carla@example.net",
                        "Team",
                        "Meeting at 10",
                        "exec-3/1"));

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(3); // one copy per mailbox
        for (MimeMessage copy : received) {
            assertThat(addresses(copy.getRecipients(Message.RecipientType.TO)))
                    .containsExactly("ana@example.com", "bob@example.org", "carla@example.net");
        }
        for (String mailbox : List.of("ana@example.com", "bob@example.org", "carla@example.net")) {
            assertThat(greenMail.findReceivedMessages(user -> user.getEmail().equals(mailbox), message -> true))
                    .as("mailbox %s", mailbox)
                    .hasSize(1);
        }
        assertThat(Arrays.stream(received).map(SendMailTest::messageId).distinct())
                .hasSize(1);
    }

    @Test
    void acceptsAListOfRecipientsAndDropsDuplicates() throws Exception {
        Value to = new ListValue(
                List.of(Value.text("ana@example.com"), Value.text("bob@example.org"), Value.text("ANA@example.com")));

        Value result = handler.invoke(context().sendMail(to, Value.text("List"), Value.text("b"), "exec-3/2", 1));

        assertThat(greenMail.getReceivedMessages()).hasSize(2);
        assertThat(((MapValue) result).find("recipients"))
                .contains(new ListValue(List.of(Value.text("ana@example.com"), Value.text("bob@example.org"))));
    }

    @Test
    void carriesNonAsciiSubjectAndBodyAsUtf8() throws Exception {
        String subject = "Confirmação de matrícula — 受付完了 ✅";
        String body = "Olá, João!\nSua matrícula nº 42 foi recebida. Größe: 5 €. 日本語のテキスト。";

        handler.invoke(context().sendMail("joao@example.com", subject, body, "exec-4/1"));

        MimeMessage received = single();
        assertThat(received.getSubject()).isEqualTo(subject);
        assertThat(received.getHeader("Subject")[0]).startsWith("=?UTF-8?"); // encoded, not raw 8-bit
        assertThat(normalise((String) received.getContent())).isEqualTo(body);
    }

    @Test
    void senderNameMayBeNonAscii() throws Exception {
        Map<String, String> settings = settings();
        settings.put("from", "Atendimento São Paulo <sac@basicflow.test>");

        handler.invoke(TestContext.of(settings).sendMail("ana@example.com", "s", "b", "exec-4/2"));

        InternetAddress from = (InternetAddress) single().getFrom()[0];
        assertThat(from.getPersonal()).isEqualTo("Atendimento São Paulo");
        assertThat(from.getAddress()).isEqualTo("sac@basicflow.test");
    }

    @Test
    void messageIdIsDerivedFromTheIdempotencyKey() throws Exception {
        handler.invoke(context().sendMail("ana@example.com", "s", "b", "0b6c2f7e-1d2a-4c55-9a0e-3f1e2d4c5b6a/12"));

        assertThat(single().getMessageID())
                .isEqualTo(MessageIds.forIdempotencyKey("0b6c2f7e-1d2a-4c55-9a0e-3f1e2d4c5b6a/12", "basicflow.test"))
                .matches("<basicflow\\.[A-Za-z0-9_-]{43}@basicflow\\.test>");
    }

    @Test
    void messageIdDomainCanBeConfigured() throws Exception {
        Map<String, String> settings = settings();
        settings.put("message-id-domain", "mail.example.com");

        handler.invoke(TestContext.of(settings).sendMail("ana@example.com", "s", "b", "exec-5/1"));

        assertThat(single().getMessageID()).endsWith("@mail.example.com>");
    }

    @Test
    void everyAttemptOfOneStepSendsTheSameMessageId() throws Exception {
        TestContext context = context();
        Value to = Value.text("ana@example.com");

        // The engine calls again with the same key when it could not record the first call's outcome.
        handler.invoke(context.sendMail(to, Value.text("Receipt"), Value.text("Paid."), "exec-6/3", 1));
        handler.invoke(context.sendMail(to, Value.text("Receipt"), Value.text("Paid."), "exec-6/3", 2));
        handler.invoke(context.sendMail(to, Value.text("Receipt"), Value.text("Paid."), "exec-6/4", 1));

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(3);
        assertThat(messageId(received[0])).isEqualTo(messageId(received[1]));
        assertThat(messageId(received[2])).isNotEqualTo(messageId(received[0]));
        // What a receiver does to deduplicate: keep the first message per Message-ID.
        Map<String, List<MimeMessage>> byMessageId =
                Arrays.stream(received).collect(Collectors.groupingBy(SendMailTest::messageId));
        assertThat(byMessageId).hasSize(2);
        assertThat(byMessageId.get(messageId(received[0]))).hasSize(2);
    }

    @Test
    void lineBreakInTheSubjectIsRejectedAndNothingIsSent() {
        KeywordException failure = catchThrowableOfType(
                KeywordException.class,
                () -> handler.invoke(
                        context().sendMail("ana@example.com", "Hello\r\nBcc: victim@example.com", "body", "exec-7/1")));

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage())
                .isEqualTo("invalid subject 'Hello\\r\\nBcc: victim@example.com': it contains a line break;"
                        + " a subject must be one line");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void lineBreakInARecipientIsRejectedAndNothingIsSent() {
        KeywordException failure = catchThrowableOfType(
                KeywordException.class,
                () -> handler.invoke(
                        context().sendMail("ana@example.com\nBcc: victim@example.com", "Hello", "body", "exec-7/2")));

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage())
                .startsWith("invalid recipient 'ana@example.com\\nBcc: victim@example.com': it contains a control"
                        + " character");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void invalidAddressIsRejectedAndNothingIsSentToTheOthers() {
        KeywordException failure = catchThrowableOfType(
                KeywordException.class,
                () -> handler.invoke(context().sendMail("ana@example.com, not an address", "Hello", "b", "exec-8/1")));

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage()).startsWith("invalid recipient 'not an address': ");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void emptyRecipientIsRejected() {
        KeywordException failure = catchThrowableOfType(
                KeywordException.class,
                () -> handler.invoke(
                        context().sendMail(NullValue.NULL, Value.text("Hello"), Value.text("b"), "exec-8/2", 1)));

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage()).isEqualTo("no recipient: the 'to' argument of SEND MAIL is empty");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void logsInWithUsernameAndPassword() throws Exception {
        greenMail.setUser("bot@basicflow.test", "bot", "s3cret-pw");
        Map<String, String> settings = settings();
        settings.put("username", "bot");
        settings.put("password", "s3cret-pw");
        TestContext context = TestContext.of(settings);

        handler.invoke(context.sendMail("ana@example.com", "Authenticated", "b", "exec-9/1"));

        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(context.logger().lines())
                .anyMatch(line -> line.startsWith("WARNING") && line.contains("unencrypted"))
                .noneMatch(line -> line.contains("s3cret-pw"));
    }

    @Test
    void wrongPasswordFailsPermanentlyWithTheServerReply() {
        greenMail.setUser("bot@basicflow.test", "bot", "s3cret-pw");
        Map<String, String> settings = settings();
        settings.put("username", "bot");
        settings.put("password", "wrong-pw");

        KeywordException failure = catchThrowableOfType(
                KeywordException.class,
                () -> handler.invoke(TestContext.of(settings).sendMail("ana@example.com", "s", "b", "exec-9/2")));

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage())
                .startsWith("SMTP server 127.0.0.1:" + greenMail.getSmtp().getPort() + " refused the login of user"
                        + " 'bot' (basicflow.mail.username, basicflow.mail.password): 535 5.7.8")
                .contains("Authentication credentials invalid")
                .doesNotContain("wrong-pw");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void missingSenderIsAConfigurationErrorNamingTheKey() {
        Map<String, String> settings = settings();
        settings.remove("from");

        KeywordException failure = catchThrowableOfType(
                KeywordException.class,
                () -> handler.invoke(TestContext.of(settings).sendMail("ana@example.com", "s", "b", "exec-10/1")));

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage())
                .isEqualTo("SEND MAIL is not configured correctly: basicflow.mail.from is not configured");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void followsAChangedConfiguration() throws Exception {
        handler.invoke(context().sendMail("ana@example.com", "first", "b", "exec-11/1"));
        Map<String, String> settings = settings();
        settings.put("from", "other@basicflow.test");
        handler.invoke(TestContext.of(settings).sendMail("ana@example.com", "second", "b", "exec-11/2"));

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(2);
        assertThat(received[1].getFrom()[0].toString()).isEqualTo("other@basicflow.test");
    }

    private static MimeMessage single() {
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        return received[0];
    }

    private static List<String> addresses(Address[] addresses) {
        return Arrays.stream(addresses)
                .map(address -> ((InternetAddress) address).getAddress())
                .toList();
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Mail travels with CRLF line ends; the script wrote LF. */
    private static String normalise(String text) {
        return text.replace("\r\n", "\n");
    }
}
