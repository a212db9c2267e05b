package io.basicflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.Value;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How SMTP failures are classified, against a hand-written server that answers with the reply
 * codes GreenMail cannot produce.
 */
class SendMailFailureTest {

    private final SendMailHandler handler = new SendMailHandler();
    private FakeSmtpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = FakeSmtpServer.start();
    }

    @AfterEach
    void stopServer() throws IOException {
        server.close();
    }

    private TestContext context(int port) {
        Map<String, String> settings = new HashMap<>();
        settings.put("host", "127.0.0.1");
        settings.put("port", Integer.toString(port));
        settings.put("from", "bot@basicflow.test");
        settings.put("timeout-ms", "2000");
        return TestContext.of(settings);
    }

    private KeywordException failureSending(String to) {
        return catchThrowableOfType(
                KeywordException.class,
                () -> handler.invoke(context(server.port()).sendMail(to, "Subject", "Body", "exec-f/1")));
    }

    private String serverName() {
        return "SMTP server 127.0.0.1:" + server.port();
    }

    @Test
    void unknownMailboxFailsPermanentlyWithTheServerReply() {
        server.replyToRecipient("ghost@example.com", "550 5.1.1 mailbox unavailable");

        KeywordException failure = failureSending("ghost@example.com");

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage())
                .isEqualTo(serverName()
                        + " rejected recipient: ghost@example.com (550 5.1.1 mailbox unavailable); nothing was sent");
        assertThat(server.messages()).isEmpty();
        assertThat(server.commands()).noneMatch(command -> command.equals("DATA"));
    }

    @Test
    void oneRejectedRecipientAmongSeveralSendsNothing() {
        server.replyToRecipient("ghost@example.com", "550 5.1.1 mailbox unavailable");

        KeywordException failure = failureSending("ana@example.com, ghost@example.com, bob@example.com");

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage())
                .isEqualTo(serverName()
                        + " rejected recipient: ghost@example.com (550 5.1.1 mailbox unavailable); nothing was sent");
        assertThat(server.messages()).isEmpty();
    }

    @Test
    void severalRejectedRecipientsAreAllNamed() {
        server.replyToRecipient("ghost@example.com", "550 5.1.1 mailbox unavailable");
        server.replyToRecipient("nobody@example.com", "553 5.1.3 bad destination mailbox address syntax");

        KeywordException failure = failureSending("ghost@example.com; nobody@example.com");

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage())
                .isEqualTo(serverName() + " rejected 2 recipients: ghost@example.com (550 5.1.1 mailbox unavailable);"
                        + " nobody@example.com (553 5.1.3 bad destination mailbox address syntax); nothing was sent");
    }

    @Test
    void greylistedRecipientIsRetryable() {
        server.replyToRecipient("ana@example.com", "451 4.7.1 greylisted, try again later");

        KeywordException failure = failureSending("ana@example.com");

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.getMessage())
                .isEqualTo(serverName() + " refused recipient for now: ana@example.com (451 4.7.1 greylisted, try"
                        + " again later); nothing was sent");
        assertThat(server.messages()).isEmpty();
    }

    @Test
    void fullMailboxAtRecipientIsRetryableAsRfc5321Says() {
        server.replyToRecipient("ana@example.com", "552 5.2.2 mailbox full");

        assertThat(failureSending("ana@example.com").retryable()).isTrue();
    }

    @Test
    void rejectedSenderFailsPermanently() {
        server.replyToSender("553 5.7.1 sender not allowed to relay");

        KeywordException failure = failureSending("ana@example.com");

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage())
                .isEqualTo(serverName() + " rejected the sender: 553 5.7.1 sender not allowed to relay; nothing was"
                        + " sent");
    }

    @Test
    void messageRejectedAfterDataFailsPermanently() {
        server.replyToEndOfData("554 5.7.1 message refused as spam");

        KeywordException failure = failureSending("ana@example.com");

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage())
                .isEqualTo(serverName() + " rejected the message: 554 5.7.1 message refused as spam; nothing was sent");
    }

    @Test
    void temporaryFailureAfterDataIsRetryableAndTheRetrySucceeds() throws Exception {
        server.replyToEndOfData("451 4.3.0 local error in processing");
        TestContext context = context(server.port());

        KeywordException failure = catchThrowableOfType(
                KeywordException.class,
                () -> handler.invoke(context.sendMail("ana@example.com", "s", "b", "exec-f/2")));
        Value result = handler.invoke(
                context.sendMail(Value.text("ana@example.com"), Value.text("s"), Value.text("b"), "exec-f/2", 2));

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.getMessage())
                .isEqualTo(serverName() + " rejected the message for now: 451 4.3.0 local error in processing");
        assertThat(((MapValue) result).find("messageId"))
                .contains(Value.text(MessageIds.forIdempotencyKey("exec-f/2", "basicflow.test")));
    }

    @Test
    void busyServerGreetingIsRetryable() {
        server.greeting("421 4.3.2 too busy, try later");

        KeywordException failure = failureSending("ana@example.com");

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.getMessage())
                .isEqualTo(serverName() + " refused the connection for now: 421 4.3.2 too busy, try later");
    }

    @Test
    void refusingGreetingFailsPermanently() {
        server.greeting("554 5.7.1 no SMTP service for you");

        KeywordException failure = failureSending("ana@example.com");

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage())
                .isEqualTo(serverName() + " refused the connection: 554 5.7.1 no SMTP service for you");
    }

    @Test
    void connectionRefusedIsRetryable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        KeywordException failure = catchThrowableOfType(
                KeywordException.class,
                () -> handler.invoke(context(closedPort).sendMail("ana@example.com", "s", "b", "exec-f/3")));

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.getMessage())
                .startsWith("cannot connect to SMTP server 127.0.0.1:" + closedPort
                        + " (basicflow.mail.host, basicflow.mail.port): ")
                .containsIgnoringCase("connection refused");
    }

    @Test
    void silentServerTimesOutRetryably() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Map<String, String> settings =
                    new HashMap<>(context(silent.getLocalPort()).configuration().values());
            settings.put("timeout-ms", "300");

            KeywordException failure = catchThrowableOfType(
                    KeywordException.class,
                    () -> handler.invoke(TestContext.of(settings).sendMail("ana@example.com", "s", "b", "exec-f/4")));

            assertThat(failure.retryable()).isTrue();
            assertThat(failure.getMessage())
                    .startsWith("SMTP server 127.0.0.1:" + silent.getLocalPort()
                            + " did not answer within 300 ms (basicflow.mail.timeout-ms)");
        }
    }

    /**
     * The window the durable engine cannot close: the server took the message but its confirmation
     * never arrived (here: it stays silent; in the crash test: the process dies). The step is called
     * again with the same key and the server gets a second copy, with the same Message-ID, so the
     * receiver can keep one.
     */
    @Test
    void unconfirmedMessageIsSentAgainWithTheSameMessageId() throws Exception {
        server.replyToEndOfData(FakeSmtpServer.SILENCE);
        Map<String, String> settings =
                new HashMap<>(context(server.port()).configuration().values());
        settings.put("timeout-ms", "500");
        TestContext context = TestContext.of(settings);
        Value to = Value.text("ana@example.com");

        KeywordException failure = catchThrowableOfType(
                KeywordException.class,
                () -> handler.invoke(context.sendMail(to, Value.text("Invoice"), Value.text("Due."), "exec-f/5", 1)));
        handler.invoke(context.sendMail(to, Value.text("Invoice"), Value.text("Due."), "exec-f/5", 2));

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.getMessage()).contains("a new attempt sends it with the same Message-ID");
        List<MimeMessage> copies =
                server.messages().stream().map(SendMailFailureTest::parse).toList();
        assertThat(copies).hasSize(2);
        String expected = MessageIds.forIdempotencyKey("exec-f/5", "basicflow.test");
        for (MimeMessage copy : copies) {
            assertThat(copy.getMessageID()).isEqualTo(expected);
            assertThat(copy.getHeader(MessageIds.IDEMPOTENCY_KEY_HEADER)).containsExactly("exec-f/5");
        }
        assertThat(copies.stream().map(SendMailFailureTest::messageId).distinct())
                .hasSize(1);
    }

    private static MimeMessage parse(String raw) {
        try {
            return new MimeMessage(
                    Session.getInstance(new Properties()),
                    new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
