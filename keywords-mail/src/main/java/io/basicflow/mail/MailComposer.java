package io.basicflow.mail;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.Value;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Builds the MIME message for one {@code SEND MAIL}. */
final class MailComposer {

    private static final String CHARSET = "UTF-8";

    private MailComposer() {}

    /**
     * The content of one mail, validated.
     *
     * @param recipients the To addresses
     * @param subject one line of text
     * @param body plain text or HTML
     * @param idempotencyKey the step's key, printable ASCII
     * @param attachments files attached after the body, in order
     * @param from the From address ({@code USING "account"}), null for the configured sender
     */
    record Mail(
            List<InternetAddress> recipients,
            String subject,
            String body,
            String idempotencyKey,
            List<Attachment> attachments,
            InternetAddress from) {
        Mail {
            recipients = List.copyOf(recipients);
            requireNonNull(subject, "subject is null");
            requireNonNull(body, "body is null");
            requireNonNull(idempotencyKey, "idempotencyKey is null");
            attachments = List.copyOf(attachments);
        }

        Mail(List<InternetAddress> recipients, String subject, String body, String idempotencyKey) {
            this(recipients, subject, body, idempotencyKey, List.of(), null);
        }

        Mail(
                List<InternetAddress> recipients,
                String subject,
                String body,
                String idempotencyKey,
                List<Attachment> attachments) {
            this(recipients, subject, body, idempotencyKey, attachments, null);
        }
    }

    /**
     * A file attached to a mail.
     *
     * @param fileName the name the recipient sees
     * @param contentType its MIME type
     * @param bytes its content
     */
    record Attachment(String fileName, String contentType, byte[] bytes) {
        Attachment {
            requireNonNull(fileName, "fileName is null");
            requireNonNull(contentType, "contentType is null");
            requireNonNull(bytes, "bytes is null");
        }
    }

    /**
     * Checks the subject argument: it must be one line, with no control character but tabs, so it
     * cannot end the header and start another.
     *
     * @param subject the argument; NULL is an empty subject, other values are shown as TALK shows them
     * @return the subject text
     * @throws KeywordException (permanent) when it contains a line break or a control character
     */
    static String subject(Value subject) throws KeywordException {
        String text = subject.display();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n' || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                throw KeywordException.permanent("invalid subject '" + Recipients.printable(text)
                        + "': it contains a line break; a subject must be one line");
            }
            if (c != '\t' && Character.isISOControl(c)) {
                throw KeywordException.permanent(
                        "invalid subject '" + Recipients.printable(text) + "': it contains a control character");
            }
        }
        return text;
    }

    /**
     * Checks the idempotency key, which goes into a header as it is.
     *
     * @param key the key the engine gave
     * @return the key
     * @throws KeywordException (permanent) when it is not printable ASCII
     */
    static String idempotencyKey(String key) throws KeywordException {
        if (key.isEmpty() || !key.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw KeywordException.permanent("invalid idempotency key '" + Recipients.printable(key)
                    + "': it must be non-empty printable ASCII to be carried in the "
                    + MessageIds.IDEMPOTENCY_KEY_HEADER + " header");
        }
        return key;
    }

    /**
     * Builds the message: From the configured sender, To every recipient, the subject in UTF-8, the
     * date from the engine's clock, the Message-ID derived from the idempotency key, and the body as
     * text/plain or as multipart/alternative (text/plain derived from the HTML, then text/html).
     *
     * @param session the mail session
     * @param settings the configuration
     * @param mail what to send
     * @param now the engine's time, for the Date header
     * @return the message, with its headers final ({@code saveChanges} done)
     * @throws MessagingException when Jakarta Mail cannot build it
     */
    static MimeMessage compose(Session session, MailSettings settings, Mail mail, Instant now)
            throws MessagingException {
        String messageId = MessageIds.forIdempotencyKey(mail.idempotencyKey(), settings.messageIdDomain());
        MimeMessage message = new DeterministicIdMessage(session, messageId);
        message.setFrom(mail.from() != null ? mail.from() : settings.fromAddress());
        message.setRecipients(Message.RecipientType.TO, mail.recipients().toArray(InternetAddress[]::new));
        message.setSubject(mail.subject(), CHARSET);
        message.setSentDate(Date.from(now));
        message.setHeader(MessageIds.IDEMPOTENCY_KEY_HEADER, mail.idempotencyKey());
        if (mail.attachments().isEmpty()) {
            setBody(message, settings, mail);
        } else {
            // multipart/mixed: the body first, then each file
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart body = new MimeBodyPart();
            setBody(body, settings, mail);
            mixed.addBodyPart(body);
            for (Attachment attachment : mail.attachments()) {
                MimeBodyPart part = new MimeBodyPart();
                part.setDataHandler(new jakarta.activation.DataHandler(
                        new jakarta.mail.util.ByteArrayDataSource(attachment.bytes(), attachment.contentType())));
                part.setFileName(attachment.fileName());
                // base64 whatever the type: a text file's line ends arrive as they were stored
                part.setHeader("Content-Transfer-Encoding", "base64");
                part.setDisposition(jakarta.mail.Part.ATTACHMENT);
                mixed.addBodyPart(part);
            }
            message.setContent(mixed);
        }
        message.saveChanges();
        return message;
    }

    /** The body as text/plain, or as multipart/alternative (plain text derived from the HTML, then HTML). */
    private static void setBody(jakarta.mail.internet.MimePart part, MailSettings settings, Mail mail)
            throws MessagingException {
        if (isHtml(settings.html(), mail.body())) {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(HtmlBodies.toPlainText(mail.body()), CHARSET);
            MimeBodyPart html = new MimeBodyPart();
            html.setText(mail.body(), CHARSET, "html");
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            part.setContent(alternative);
        } else {
            part.setText(mail.body(), CHARSET);
        }
    }

    static boolean isHtml(MailSettings.HtmlMode mode, String body) {
        return switch (mode) {
            case AUTO -> HtmlBodies.looksLikeHtml(body);
            case ALWAYS -> true;
            case NEVER -> false;
        };
    }

    /** A message whose Message-ID is fixed in advance instead of random. */
    private static final class DeterministicIdMessage extends MimeMessage {
        private final String messageId;

        DeterministicIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
