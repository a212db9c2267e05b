package io.basicflow.mail;

import io.basicflow.spi.KeywordException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Properties;

/**
 * Talks SMTP for one configuration. Each send opens its own connection and closes it: simple, and
 * nothing is shared between threads but the immutable {@link Session}.
 */
final class SmtpSender {

    private final MailSettings settings;
    private final Session session;

    SmtpSender(MailSettings settings) {
        this.settings = settings;
        this.session = Session.getInstance(properties(settings));
    }

    Session session() {
        return session;
    }

    /**
     * Sends the message to the recipients. It returns once the server has accepted the message
     * (its 250 reply to the end of data); a failure to say goodbye afterwards is ignored, since the
     * mail is already on its way.
     *
     * @param message the composed message
     * @param recipients the envelope recipients
     * @param logger where to note a failed goodbye
     * @throws KeywordException retryable or permanent, see {@link SmtpFailures}
     */
    void send(MimeMessage message, List<InternetAddress> recipients, System.Logger logger) throws KeywordException {
        Transport transport;
        try {
            transport = session.getTransport("smtp");
        } catch (MessagingException e) {
            throw new IllegalStateException("Jakarta Mail has no SMTP transport; is angus-mail on the class path?", e);
        }
        try {
            transport.connect(
                    settings.host(),
                    settings.port(),
                    settings.username().orElse(null),
                    settings.password().orElse(null));
            transport.sendMessage(message, recipients.toArray(InternetAddress[]::new));
        } catch (MessagingException e) {
            throw SmtpFailures.classify(e, settings);
        } finally {
            try {
                transport.close();
            } catch (MessagingException e) {
                logger.log(
                        System.Logger.Level.DEBUG,
                        "closing the SMTP connection to {0} failed: {1}",
                        settings.server(),
                        e.getMessage());
            }
        }
    }

    static Properties properties(MailSettings settings) {
        Properties properties = new Properties();
        String timeout = Long.toString(settings.timeout().toMillis());
        properties.setProperty("mail.transport.protocol", "smtp");
        properties.setProperty("mail.smtp.host", settings.host());
        properties.setProperty("mail.smtp.port", Integer.toString(settings.port()));
        properties.setProperty("mail.smtp.connectiontimeout", timeout);
        properties.setProperty("mail.smtp.timeout", timeout);
        properties.setProperty("mail.smtp.writetimeout", timeout);
        properties.setProperty(
                "mail.smtp.auth", Boolean.toString(settings.username().isPresent()));
        properties.setProperty("mail.smtp.from", settings.fromAddress().getAddress());
        // All or nothing: one refused recipient refuses the whole mail, so a retry never doubles it.
        properties.setProperty("mail.smtp.sendpartial", "false");
        // Once the server has the message, waiting for its answer to QUIT only risks a spurious failure.
        properties.setProperty("mail.smtp.quitwait", "false");
        switch (settings.security()) {
            case NONE -> {}
            case STARTTLS -> {
                properties.setProperty("mail.smtp.starttls.enable", "true");
                properties.setProperty("mail.smtp.starttls.required", "true");
            }
            case SSL -> properties.setProperty("mail.smtp.ssl.enable", "true");
        }
        MailSettings.Trust trust = settings.trust();
        if (!trust.hosts().isEmpty()) {
            properties.setProperty("mail.smtp.ssl.trust", trust.trustsAll() ? "*" : String.join(" ", trust.hosts()));
        }
        // A certificate trusted without verification proves nothing about its name either.
        properties.setProperty("mail.smtp.ssl.checkserveridentity", Boolean.toString(!trust.trusts(settings.host())));
        settings.heloName().ifPresent(name -> properties.setProperty("mail.smtp.localhost", name));
        return properties;
    }
}
