package io.basicflow.app.triggers;

import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One received message as the {@code params} of its {@code ON EMAIL} handler: keyword-on-email.md's "Email
 * Event Properties" plus {@code body}, its attachments written into the bot's storage folder.
 */
final class MailMessages {

    /** The longest body a handler gets, in characters; a longer one is cut (docs/triggers.md). */
    static final int BODY_CHARS = 65_536;

    /** The folder of the bot's storage the attachments are written under. */
    static final String ATTACHMENTS = "mail";

    private MailMessages() {}

    /** A message read: its sender and subject (for the filters) and its event. */
    record Read(String from, String subject, MapValue params) {}

    /**
     * Reads a message and writes its attachments.
     *
     * @param message the message
     * @param monitorId the monitor
     * @param address the monitored address
     * @param uidValidity the mailbox's UIDVALIDITY
     * @param uid the message's UID
     * @param drive the bot's storage folder
     * @param maxFileBytes the largest attachment written (a larger one has no {@code path})
     * @param write whether to write the attachments (a message the filters leave out writes none)
     * @return the message read
     * @throws IOException when an attachment cannot be written (the poll stops and is tried again)
     * @throws MessagingException when the server cannot be read (the poll stops and is tried again)
     */
    static Read read(
            Message message,
            String monitorId,
            String address,
            long uidValidity,
            long uid,
            Path drive,
            long maxFileBytes,
            boolean write)
            throws IOException, MessagingException {
        String from = "";
        Address[] senders = message.getFrom();
        if (senders != null && senders.length > 0) {
            from = senders[0] instanceof InternetAddress internet && internet.getAddress() != null
                    ? internet.getAddress()
                    : senders[0].toString();
        }
        String subject = message.getSubject() == null ? "" : message.getSubject();
        List<Value> to = new ArrayList<>();
        for (Message.RecipientType type :
                new Message.RecipientType[] {Message.RecipientType.TO, Message.RecipientType.CC}) {
            Address[] recipients = message.getRecipients(type);
            if (recipients != null) {
                for (Address recipient : recipients) {
                    to.add(new TextValue(
                            recipient instanceof InternetAddress internet && internet.getAddress() != null
                                    ? internet.getAddress()
                                    : recipient.toString()));
                }
            }
        }
        String[] ids = message.getHeader("Message-ID");
        String startId = io.basicflow.persistence.JdbcMailMonitors.startId(monitorId, uidValidity, uid);
        Map<String, Value> event = new LinkedHashMap<>();
        event.put("trigger", new TextValue("email"));
        event.put(
                "id",
                new TextValue(UUID.nameUUIDFromBytes(startId.getBytes(StandardCharsets.UTF_8))
                        .toString()));
        event.put("monitor_id", new TextValue(monitorId));
        event.put("address", new TextValue(address));
        event.put("message_uid", IntegerValue.of(uid));
        event.put("message_id", new TextValue(ids == null || ids.length == 0 ? "" : ids[0].strip()));
        event.put("from_address", new TextValue(from));
        event.put("to_addresses", new ListValue(to));
        event.put("subject", new TextValue(subject));
        event.put(
                "date",
                message.getSentDate() == null
                        ? NullValue.NULL
                        : new TextValue(message.getSentDate().toInstant().toString()));
        StringBuilder body = new StringBuilder();
        StringBuilder html = new StringBuilder();
        List<Value> attachments = new ArrayList<>();
        Path folder = drive.resolve(ATTACHMENTS)
                .resolve(safeName(address.strip().toLowerCase(Locale.ROOT), "mailbox"))
                .resolve(uidValidity + "-" + uid);
        walk(message, body, html, attachments, new HashSet<>(), folder, drive, maxFileBytes, write);
        String text = body.length() > 0 ? body.toString() : html.toString().replaceAll("(?s)<[^>]*>", " ");
        event.put("body", new TextValue(text.length() > BODY_CHARS ? text.substring(0, BODY_CHARS) : text));
        event.put("has_attachments", BooleanValue.of(!attachments.isEmpty()));
        event.put("attachments", new ListValue(attachments));
        return new Read(from, subject, new MapValue(event));
    }

    private static void walk(
            Part part,
            StringBuilder body,
            StringBuilder html,
            List<Value> attachments,
            Set<String> names,
            Path folder,
            Path drive,
            long maxFileBytes,
            boolean write)
            throws IOException, MessagingException {
        String type = baseType(part);
        if (type.startsWith("multipart/")) {
            Object content = part.getContent();
            if (content instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    walk(child, body, html, attachments, names, folder, drive, maxFileBytes, write);
                }
            }
            return;
        }
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
        if (!attachment && type.equals("text/plain") && body.isEmpty()) {
            body.append(textOf(part));
            return;
        }
        if (!attachment && type.equals("text/html") && html.isEmpty()) {
            html.append(textOf(part));
            return;
        }
        if (!attachment) {
            return;
        }
        String name =
                safeName(part.getFileName() == null ? "" : part.getFileName(), "attachment-" + (names.size() + 1));
        while (!names.add(name.toLowerCase(Locale.ROOT))) {
            name = (names.size() + 1) + "-" + name;
        }
        Map<String, Value> described = new LinkedHashMap<>();
        described.put("filename", new TextValue(name));
        described.put("mime_type", new TextValue(type));
        long size;
        Value path = NullValue.NULL;
        try (InputStream in = part.getInputStream()) {
            byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxFileBytes + 1));
            if (content.length <= maxFileBytes) {
                size = content.length;
                Path file = folder.resolve(name);
                if (write) {
                    writeAtomically(file, content);
                }
                path = new TextValue(drive.relativize(file).toString().replace('\\', '/'));
            } else {
                size = content.length;
                byte[] rest = new byte[8192];
                for (int n; (n = in.read(rest)) > 0; ) {
                    size += n;
                }
            }
        }
        described.put("size", IntegerValue.of(size));
        described.put("path", path);
        attachments.add(new MapValue(described));
    }

    /** A text part's text; one in a charset Java does not know is read as UTF-8. */
    private static String textOf(Part part) throws IOException, MessagingException {
        try {
            return String.valueOf(part.getContent());
        } catch (java.io.UnsupportedEncodingException e) {
            try (InputStream in = part.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    private static String baseType(Part part) throws MessagingException {
        try {
            return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        } catch (MessagingException | RuntimeException e) {
            return "application/octet-stream";
        }
    }

    /** A file name that stays one name in the folder: no folders, no control or reserved characters. */
    static String safeName(String name, String fallback) {
        String last = name.replace('\\', '/');
        last = last.substring(last.lastIndexOf('/') + 1).strip();
        last = last.replaceAll("[\\p{Cntrl}:*?\"<>|]", "_");
        if (last.length() > 200) {
            last = last.substring(last.length() - 200);
        }
        if (last.isEmpty() || last.equals(".") || last.equals("..") || last.endsWith(".part")) {
            return last.endsWith(".part") ? last + "_" : fallback;
        }
        return last;
    }

    /** Writes a file through a temporary name in its folder and one atomic rename (two pollers write the same). */
    private static void writeAtomically(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), ".mail-", ".tmp");
        try {
            Files.write(temporary, content);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
