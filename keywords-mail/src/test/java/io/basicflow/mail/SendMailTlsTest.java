package io.basicflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.basicflow.spi.KeywordException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * TLS: implicit TLS against GreenMail's SMTPS, STARTTLS against the hand-written server (GreenMail's
 * SMTP does not offer STARTTLS). Both use GreenMail's self-signed test certificate, which the JVM
 * does not trust and which names no host: trusting it takes {@code basicflow.mail.trust}.
 */
class SendMailTlsTest {

    @RegisterExtension
    static final GreenMailExtension greenMail =
            new GreenMailExtension(new ServerSetup[] {patient(ServerSetupTest.SMTPS), patient(ServerSetupTest.SMTP)});

    /**
     * A dynamic port, and 30 s for the servers to start instead of GreenMail's 2 s: each test starts them
     * again, and on a loaded 2-core machine the SMTPS server's TLS set-up alone took longer.
     */
    static ServerSetup patient(ServerSetup setup) {
        ServerSetup copy = setup.dynamicPort();
        copy.setServerStartupTimeout(30_000);
        return copy;
    }

    private final SendMailHandler handler = new SendMailHandler();

    private static Map<String, String> settings(String host, int port, String security) {
        Map<String, String> settings = new HashMap<>();
        settings.put("host", host);
        settings.put("port", Integer.toString(port));
        settings.put("security", security);
        settings.put("from", "bot@basicflow.test");
        settings.put("timeout-ms", "5000");
        return settings;
    }

    @Test
    void sendsOverImplicitTlsWhenTheServerIsTrusted() throws Exception {
        Map<String, String> settings =
                settings("127.0.0.1", greenMail.getSmtps().getPort(), "ssl");
        settings.put("trust", "*");

        handler.invoke(TestContext.of(settings).sendMail("ana@example.com", "Over TLS", "secret body", "exec-t/1"));

        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(greenMail.getReceivedMessages()[0].getSubject()).isEqualTo("Over TLS");
    }

    @Test
    void trustCanNameTheHost() throws Exception {
        Map<String, String> settings =
                settings("localhost", greenMail.getSmtps().getPort(), "ssl");
        settings.put("trust", "mail.example.com, localhost");

        handler.invoke(TestContext.of(settings).sendMail("ana@example.com", "Trusted host", "b", "exec-t/2"));

        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void untrustedCertificateFailsPermanentlyByDefault() {
        Map<String, String> settings =
                settings("127.0.0.1", greenMail.getSmtps().getPort(), "ssl");

        KeywordException failure = catchThrowableOfType(
                KeywordException.class,
                () -> handler.invoke(TestContext.of(settings).sendMail("ana@example.com", "s", "b", "exec-t/3")));

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage())
                .startsWith("the TLS certificate of SMTP server 127.0.0.1:"
                        + greenMail.getSmtps().getPort() + " is not trusted: ")
                .endsWith("add the server's certificate authority to the JVM trust store, or list the host in"
                        + " basicflow.mail.trust");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void trustListWithoutTheHostStillVerifies() {
        Map<String, String> settings =
                settings("127.0.0.1", greenMail.getSmtps().getPort(), "ssl");
        settings.put("trust", "mail.example.com");

        KeywordException failure = catchThrowableOfType(
                KeywordException.class,
                () -> handler.invoke(TestContext.of(settings).sendMail("ana@example.com", "s", "b", "exec-t/4")));

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage()).startsWith("the TLS certificate of SMTP server 127.0.0.1:");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void sslAgainstAPlainPortFailsPermanentlyWithAHint() {
        Map<String, String> settings = settings("127.0.0.1", greenMail.getSmtp().getPort(), "ssl");
        settings.put("trust", "*");

        KeywordException failure = catchThrowableOfType(
                KeywordException.class,
                () -> handler.invoke(TestContext.of(settings).sendMail("ana@example.com", "s", "b", "exec-t/5")));

        assertThat(failure.getMessage()).contains("TLS");
        assertThat(failure.retryable()).isFalse();
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void sendsAfterStartTls() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start().offerStartTls()) {
            Map<String, String> settings = settings("127.0.0.1", server.port(), "starttls");
            settings.put("trust", "127.0.0.1");

            handler.invoke(TestContext.of(settings).sendMail("ana@example.com", "Upgraded", "b", "exec-t/6"));

            assertThat(server.tlsUsed()).isTrue();
            assertThat(server.commands()).containsSubsequence("STARTTLS", "MAIL FROM:<bot@basicflow.test>", "DATA");
            assertThat(server.commands().indexOf("STARTTLS"))
                    .isLessThan(server.commands().indexOf("MAIL FROM:<bot@basicflow.test>"));
            assertThat(server.messages()).hasSize(1);
        }
    }

    @Test
    void startTlsIsRequiredNotOptional() {
        Map<String, String> settings = settings("127.0.0.1", greenMail.getSmtp().getPort(), "starttls");

        KeywordException failure = catchThrowableOfType(
                KeywordException.class,
                () -> handler.invoke(TestContext.of(settings).sendMail("ana@example.com", "s", "b", "exec-t/7")));

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage())
                .isEqualTo("SMTP server 127.0.0.1:" + greenMail.getSmtp().getPort() + " does not offer STARTTLS,"
                        + " which basicflow.mail.security=starttls requires; use security=ssl if the port speaks TLS"
                        + " from the start");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }
}
