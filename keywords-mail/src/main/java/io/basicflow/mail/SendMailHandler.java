package io.basicflow.mail;

import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.PluginConfiguration;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs {@code SEND MAIL to, subject, body}. It validates everything before it opens a connection, so
 * an invalid recipient or subject sends nothing. The Message-ID is derived from the idempotency key,
 * so every attempt of one step sends the same message. Thread-safe: workers may call it at once.
 */
final class SendMailHandler implements KeywordHandler {

    /** The settings and sender for the configuration seen last; configurations rarely change. */
    private final AtomicReference<Configured> configured = new AtomicReference<>();

    private record Configured(PluginConfiguration source, MailSettings settings, SmtpSender sender) {}

    /** The From address {@code USING "account"} asks for, or null for the configured sender. */
    private static InternetAddress sender(Value account) throws KeywordException {
        if (account instanceof NullValue) {
            return null;
        }
        List<InternetAddress> addresses = Recipients.parse(account);
        if (addresses.size() != 1) {
            throw KeywordException.permanent("SEND MAIL … USING: name one account address, not " + addresses.size());
        }
        return addresses.getFirst();
    }

    @Override
    public Value invoke(Invocation invocation) throws KeywordException {
        Configured current = configure(
                invocation.context().configuration(), invocation.context().logger());
        MailSettings settings = current.settings();
        List<InternetAddress> recipients = Recipients.parse(invocation.argument("to"));
        String subject = MailComposer.subject(invocation.argument("subject"));
        String body = invocation.argument("body").display();
        String key = MailComposer.idempotencyKey(invocation.idempotencyKey());
        Value attachment = invocation.argument("attachment");
        Value attachments = invocation.argument("attachments");
        if (!(attachment instanceof NullValue) && !(attachments instanceof NullValue)) {
            throw KeywordException.permanent(
                    "SEND MAIL: name the attachments once, either as the fourth argument" + " or after ATTACHMENT");
        }
        MailComposer.Mail mail = new MailComposer.Mail(
                recipients,
                subject,
                body,
                key,
                Attachments.read(invocation, attachment instanceof NullValue ? attachments : attachment),
                sender(invocation.argument("account")));

        // Jakarta Mail finds its providers and content handlers through the context class loader;
        // make it ours, whatever loader the engine runs plugins in.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(SendMailHandler.class.getClassLoader());
        String messageId;
        try {
            MimeMessage message = MailComposer.compose(
                    current.sender().session(),
                    settings,
                    mail,
                    invocation.context().clock().instant());
            messageId = message.getMessageID();
            current.sender().send(message, recipients, invocation.context().logger());
        } catch (MessagingException e) {
            throw KeywordException.permanent("cannot build the mail: " + e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
        invocation
                .context()
                .logger()
                .log(
                        Level.INFO,
                        "sent mail {0} to {1} recipient(s) through {2} (execution {3}, attempt {4})",
                        messageId,
                        recipients.size(),
                        settings.server(),
                        invocation.executionId(),
                        invocation.attempt());
        Map<String, Value> result = new LinkedHashMap<>();
        result.put("messageId", new TextValue(messageId));
        result.put(
                "recipients",
                new ListValue(recipients.stream()
                        .map(address -> (Value) new TextValue(address.getAddress()))
                        .toList()));
        return new MapValue(result);
    }

    private Configured configure(PluginConfiguration configuration, System.Logger logger) throws KeywordException {
        Configured current = configured.get();
        if (current != null && current.source().equals(configuration)) {
            return current;
        }
        MailSettings settings;
        try {
            settings = MailSettings.from(configuration);
        } catch (MailConfigurationException e) {
            throw KeywordException.permanent("SEND MAIL is not configured correctly: " + e.getMessage(), e);
        }
        if (settings.security() == MailSettings.Security.NONE
                && settings.username().isPresent()) {
            logger.log(
                    Level.WARNING,
                    "{0}security is none: the password of {1} goes to {2} unencrypted; use starttls or ssl",
                    MailSettings.PREFIX,
                    settings.username().get(),
                    settings.server());
        }
        Configured fresh = new Configured(configuration, settings, new SmtpSender(settings));
        configured.set(fresh);
        return fresh;
    }
}
