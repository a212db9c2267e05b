package io.basicflow.app.triggers;

import static java.util.Objects.requireNonNull;

import io.basicflow.persistence.JdbcMailMonitors;
import io.basicflow.persistence.JdbcMailMonitors.Monitor;
import io.basicflow.persistence.JdbcMailMonitors.Outcome;
import io.basicflow.spi.value.Json;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the mailboxes of the deployed {@code ON EMAIL} monitors over IMAP and queues one start per new
 * message and monitor ({@link JdbcMailMonitors#record}): any number of pollers, on any nodes, may run at
 * once; each message starts each matching monitor's handler exactly once. The mailbox is opened read-only:
 * messages are neither marked read nor moved.
 */
public final class MailMonitorPoller {

    private static final Logger log = LoggerFactory.getLogger(MailMonitorPoller.class);

    /** The most messages one poll handles per monitor (the next poll goes on). */
    static final int BATCH = 100;

    private final JdbcMailMonitors monitors;
    private final ImapSettings imap;
    private final Function<String, Path> driveOf;
    private final long maxFileBytes;
    private final Clock clock;

    /**
     * A poller.
     *
     * @param monitors the deployed monitors
     * @param imap the IMAP server and accounts
     * @param driveOf the storage folder of the bot of a script (where attachments are written)
     * @param maxFileBytes the largest attachment written into it
     * @param clock the starts' time
     */
    public MailMonitorPoller(
            JdbcMailMonitors monitors,
            ImapSettings imap,
            Function<String, Path> driveOf,
            long maxFileBytes,
            Clock clock) {
        this.monitors = requireNonNull(monitors, "monitors is null");
        this.imap = requireNonNull(imap, "imap is null");
        this.driveOf = requireNonNull(driveOf, "driveOf is null");
        this.maxFileBytes = maxFileBytes;
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Reads every monitored mailbox once. A mailbox that cannot be read is logged and noted on its monitors
     * ({@code last_error}); their positions stay, so the next poll reads the same messages again.
     *
     * @return the starts this poll added
     */
    public int poll() {
        if (imap.host().isEmpty()) {
            return 0;
        }
        Map<String, List<Monitor>> byAddress = new LinkedHashMap<>();
        for (Monitor monitor : monitors.list()) {
            byAddress
                    .computeIfAbsent(monitor.address().strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(monitor);
        }
        int started = 0;
        for (List<Monitor> sameMailbox : byAddress.values()) {
            try {
                started += pollMailbox(sameMailbox);
            } catch (MessagingException | IOException | RuntimeException e) {
                String error = e.getClass().getSimpleName() + ": " + e.getMessage();
                log.warn(
                        "ON EMAIL \"{}\": the mailbox could not be read: {}",
                        sameMailbox.get(0).address(),
                        error);
                for (Monitor monitor : sameMailbox) {
                    try {
                        monitors.failed(monitor.id(), error);
                    } catch (RuntimeException ignored) {
                        // the database is away too: the next poll tries again
                    }
                }
            }
        }
        return started;
    }

    private int pollMailbox(List<Monitor> sameMailbox) throws MessagingException, IOException {
        String address = sameMailbox.get(0).address().strip().toLowerCase(Locale.ROOT);
        Session session = Session.getInstance(imap.sessionProperties());
        Store store = session.getStore(imap.protocol());
        store.connect(imap.host().get(), imap.port(), imap.userOf(address), imap.passwordOf(address));
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                UIDFolder uids = (UIDFolder) inbox;
                long validity = uids.getUIDValidity();
                int started = 0;
                for (Monitor monitor : sameMailbox) {
                    started += pollMonitor(monitor, inbox, uids, validity);
                }
                return started;
            } finally {
                inbox.close(false);
            }
        } finally {
            store.close();
        }
    }

    private int pollMonitor(Monitor monitor, Folder inbox, UIDFolder uids, long validity)
            throws MessagingException, IOException {
        if (monitor.uidValidity().isEmpty() || monitor.uidValidity().getAsLong() != validity) {
            long next = uids.getUIDNext();
            long last = next > 0 ? next - 1 : lastUid(inbox, uids);
            if (monitor.uidValidity().isPresent()) {
                log.warn(
                        "{}:{}: ON EMAIL \"{}\": the mailbox was renumbered (UIDVALIDITY {} is now {}); messages from"
                                + " UID {} on start the handler",
                        monitor.script(),
                        monitor.line(),
                        monitor.address(),
                        monitor.uidValidity().getAsLong(),
                        validity,
                        last + 1);
            }
            monitors.baseline(monitor, validity, last);
            return 0;
        }
        Message[] found = uids.getMessagesByUID(monitor.lastUid() + 1, UIDFolder.MAXUID);
        FetchProfile profile = new FetchProfile();
        profile.add(FetchProfile.Item.ENVELOPE);
        profile.add(UIDFolder.FetchProfileItem.UID);
        inbox.fetch(found, profile);
        List<Message> fresh = new ArrayList<>();
        for (Message message : found) {
            if (message != null && uids.getUID(message) > monitor.lastUid()) {
                fresh.add(message);
            }
        }
        fresh.sort(Comparator.comparingLong(m -> uid(uids, m)));
        Path drive = driveOf.apply(monitor.script());
        int started = 0;
        for (Message message : fresh.subList(0, Math.min(BATCH, fresh.size()))) {
            long uid = uids.getUID(message);
            boolean matches = matches(monitor, message);
            MailMessages.Read read = MailMessages.read(
                    message, monitor.id(), monitor.address(), validity, uid, drive, maxFileBytes, matches);
            Outcome outcome = monitors.record(
                    monitor.id(),
                    validity,
                    uid,
                    matches ? Optional.of(Json.write(read.params())) : Optional.empty(),
                    clock.instant());
            if (outcome == Outcome.GONE) {
                break;
            }
            if (outcome == Outcome.STARTED) {
                started++;
            }
        }
        return started;
    }

    /** FROM: the sender's address contains the text; SUBJECT: the subject contains it; both ignore case. */
    static boolean matches(Monitor monitor, Message message) throws MessagingException {
        if (monitor.from().isPresent()) {
            String from = message.getFrom() == null
                    ? ""
                    : String.join(
                            " ",
                            Arrays.stream(message.getFrom())
                                    .map(a -> a instanceof jakarta.mail.internet.InternetAddress internet
                                                    && internet.getAddress() != null
                                            ? internet.getAddress()
                                            : a.toString())
                                    .toList());
            if (!from.toLowerCase(Locale.ROOT)
                    .contains(monitor.from().get().strip().toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        if (monitor.subject().isPresent()) {
            String subject = message.getSubject() == null ? "" : message.getSubject();
            return subject.toLowerCase(Locale.ROOT)
                    .contains(monitor.subject().get().toLowerCase(Locale.ROOT));
        }
        return true;
    }

    private static long uid(UIDFolder uids, Message message) {
        try {
            return uids.getUID(message);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long lastUid(Folder inbox, UIDFolder uids) throws MessagingException {
        int count = inbox.getMessageCount();
        return count == 0 ? 0 : uids.getUID(inbox.getMessage(count));
    }
}
