package io.basicflow.app.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.basicflow.app.config.Configuration;
import io.basicflow.compiler.events.MonitorDeclaration;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.schedule.Scheduler;
import io.basicflow.persistence.JdbcMailMonitors;
import io.basicflow.persistence.JdbcScheduleStore;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ON EMAIL} against a real IMAP server (GreenMail) and a real database: each message that arrives after
 * the monitor's first poll starts its handler exactly once, with the message in {@code params} and its
 * attachments in the bot's storage folder; the filters leave messages out; pollers racing on one mailbox, or
 * a poller that stopped between reading a message and recording it, neither start a message twice nor skip
 * one.
 */
@ExtendWith(PostgresExtension.class)
class MailMonitorsTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP_IMAP);

    @TempDir
    Path files;

    static final String SUPPORT = """
            TALK "the script's own run"
            ON EMAIL "support@example.com"
                TALK "from " + params.from_address + " to " + JOIN(params.to_addresses) + ": " + params.subject
                TALK "body " + TRIM(params.body) + " uid " + params.message_uid + " id " + params.message_id
                IF params.has_attachments THEN
                    FOR EACH a IN params.attachments
                        TALK a.filename + " " + a.mime_type + " " + a.size + " " + a.path
                    NEXT
                END IF
                TALK "monitor " + params.monitor_id + " event " + params.id
            END ON
            """;

    static List<JdbcMailMonitors.Declared> declared(String script, String source) {
        return MonitorDeclaration.declaredIn(script, source).stream()
                .filter(m -> m.kind().equals("EMAIL"))
                .map(m -> new JdbcMailMonitors.Declared(
                        script, m.line(), m.target(), m.clause("FROM"), m.clause("SUBJECT"), m.source()))
                .toList();
    }

    MailMonitorPoller poller(JdbcMailMonitors monitors) {
        Configuration configuration = Configuration.of(Map.of(
                "basicflow.triggers.imap.host", "127.0.0.1",
                "basicflow.triggers.imap.port", Integer.toString(MAIL.getImap().getPort()),
                "basicflow.triggers.imap.security", "none",
                "basicflow.triggers.imap.password", "secret",
                "basicflow.triggers.imap.password.sales@example.com", "sales-secret"));
        return new MailMonitorPoller(
                monitors,
                ImapSettings.from(configuration),
                script -> files.resolve("support.gbai").resolve("support.gbdrive"),
                1 << 20,
                Clock.systemUTC());
    }

    static void deliver(GreenMailUser user, String from, String subject, String text, byte[]... pdfs) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress(from));
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(user.getEmail()));
        message.addRecipients(Message.RecipientType.CC, InternetAddress.parse("copy@example.com"));
        message.setSubject(subject, "UTF-8");
        message.setHeader("Message-ID", "<" + subject.hashCode() + "." + System.nanoTime() + "@test>");
        if (pdfs.length == 0) {
            message.setText(text, "UTF-8");
        } else {
            MimeMultipart multipart = new MimeMultipart();
            MimeBodyPart body = new MimeBodyPart();
            body.setText(text, "UTF-8");
            multipart.addBodyPart(body);
            for (int i = 0; i < pdfs.length; i++) {
                MimeBodyPart attachment = new MimeBodyPart();
                attachment.setDataHandler(
                        new jakarta.activation.DataHandler(new ByteArrayDataSource(pdfs[i], "application/pdf")));
                attachment.setFileName(i == 0 ? "invoice.pdf" : "../../escape.pdf");
                attachment.setDisposition(MimeBodyPart.ATTACHMENT);
                multipart.addBodyPart(attachment);
            }
            message.setContent(multipart);
        }
        message.saveChanges();
        user.deliver(message);
    }

    @Test
    void eachNewMessageStartsTheHandlerOnceWithItsMembersAndAttachments(TestDatabase database) throws Exception {
        GreenMailUser support = MAIL.setUser("support@example.com", "support@example.com", "secret");
        try (DurableFixture engine = DurableFixture.builder(database).start()) {
            JdbcMailMonitors monitors = new JdbcMailMonitors(engine.database());
            Scheduler scheduler = new Scheduler(
                    new JdbcScheduleStore(engine.database()),
                    engine.engine(),
                    ZoneOffset.UTC,
                    Duration.ofMinutes(1),
                    Clock.systemUTC());
            monitors.deploy(declared("support/inbox.bas", SUPPORT));
            deliver(support, "early@example.com", "before the monitor's first poll", "old");

            MailMonitorPoller poller = poller(monitors);
            assertThat(poller.poll())
                    .as("the first poll takes the mailbox's position")
                    .isZero();

            byte[] pdf = "%PDF-1.4 an invoice".getBytes(StandardCharsets.US_ASCII);
            deliver(support, "Ann <ann@example.com>", "Printer broken", "It prints nothing.");
            deliver(support, "bob@example.com", "Invoice 7", "See attached.", pdf, "%PDF second".getBytes());

            assertThat(poller.poll()).isEqualTo(2);
            assertThat(poller.poll()).as("a second poll starts nothing again").isZero();
            assertThat(poller(monitors).poll()).as("nor does another poller").isZero();
            scheduler.poll();
            scheduler.poll();

            JdbcMailMonitors.Monitor monitor = monitors.list().getFirst();
            List<String> ids = strings(
                    database,
                    "select id from workflow_executions where id like 'mail:" + monitor.id() + ":%' order by id");
            assertThat(ids).hasSize(2);
            long validity = monitor.uidValidity().orElseThrow();
            assertThat(monitor.lastUid()).isEqualTo(3);
            assertThat(ids)
                    .containsExactly(
                            JdbcMailMonitors.startId(monitor.id(), validity, 2),
                            JdbcMailMonitors.startId(monitor.id(), validity, 3));
            List<String> said = new ArrayList<>();
            for (String id : ids) {
                engine.awaitStatus(id, ExecutionStatus.COMPLETED);
                said.addAll(engine.messages(id));
            }
            assertThat(said).doesNotContain("the script's own run");
            assertThat(said.get(0))
                    .isEqualTo("from ann@example.com to support@example.com, copy@example.com: Printer broken");
            assertThat(said.get(1)).startsWith("body It prints nothing. uid 2 id <");
            assertThat(said.get(2)).startsWith("monitor " + monitor.id() + " event ");
            assertThat(said.get(3))
                    .isEqualTo("from bob@example.com to support@example.com, copy@example.com: Invoice 7");
            String folder = "mail/support@example.com/" + validity + "-3/";
            assertThat(said.subList(5, said.size()))
                    .containsExactly(
                            "invoice.pdf application/pdf " + pdf.length + " " + folder + "invoice.pdf",
                            "escape.pdf application/pdf 11 " + folder + "escape.pdf",
                            "monitor " + monitor.id() + " event "
                                    + java.util.UUID.nameUUIDFromBytes(
                                            ids.get(1).getBytes(StandardCharsets.UTF_8)));
            Path drive = files.resolve("support.gbai").resolve("support.gbdrive");
            assertThat(Files.readAllBytes(drive.resolve(folder + "invoice.pdf")))
                    .isEqualTo(pdf);
            assertThat(Files.readString(drive.resolve(folder + "escape.pdf"))).isEqualTo("%PDF second");
        }
    }

    @Test
    void theFiltersLeaveMessagesOutAndThePositionMovesPastThem(TestDatabase database) throws Exception {
        GreenMailUser sales = MAIL.setUser("sales@example.com", "sales@example.com", "sales-secret");
        try (DurableFixture engine = DurableFixture.builder(database).start()) {
            JdbcMailMonitors monitors = new JdbcMailMonitors(engine.database());
            List<JdbcMailMonitors.Declared> all = new ArrayList<>(declared("sales/urgent.bas", """
                    ON EMAIL "sales@example.com" FROM "Boss@" SUBJECT "urgent"
                    TALK "urgent: " + params.subject
                    """));
            all.addAll(declared("sales/all.bas", "ON EMAIL \"Sales@Example.com\"\n  TALK params.subject\nEND ON\n"));
            monitors.deploy(all);
            MailMonitorPoller poller = poller(monitors);
            assertThat(poller.poll()).isZero();

            deliver(sales, "boss@example.com", "URGENT: call me", "now");
            deliver(sales, "boss@example.com", "lunch?", "later");
            deliver(sales, "intern@example.com", "urgent too", "not from the boss");

            assertThat(poller.poll()).isEqualTo(4);
            assertThat(strings(
                            database,
                            "select script || ' ' || (variables -> 'params' ->> 'subject') from"
                                    + " workflow_registered_schedules where script like 'sales/%' order by 1"))
                    .containsExactly(
                            "sales/all.bas URGENT: call me",
                            "sales/all.bas lunch?",
                            "sales/all.bas urgent too",
                            "sales/urgent.bas URGENT: call me");
            assertThat(monitors.list()).allSatisfy(m -> assertThat(m.lastUid()).isEqualTo(3));
            assertThat(poller.poll()).isZero();
        }
    }

    @Test
    void racingPollersAndAPollerThatStoppedMidwayStartEachMessageExactlyOnce(TestDatabase database) throws Exception {
        GreenMailUser support = MAIL.setUser("support@example.com", "support@example.com", "secret");
        try (DurableFixture engine = DurableFixture.builder(database).start()) {
            JdbcMailMonitors monitors = new JdbcMailMonitors(engine.database());
            monitors.deploy(declared("support/race.bas", "ON EMAIL \"support@example.com\"\nTALK params.subject\n"));
            assertThat(poller(monitors).poll()).isZero();
            for (int i = 1; i <= 12; i++) {
                deliver(support, "c" + i + "@example.com", "message " + i, "text " + i);
            }

            int pollers = 4;
            ExecutorService threads = Executors.newFixedThreadPool(pollers);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int p = 0; p < pollers; p++) {
                MailMonitorPoller poller = poller(monitors);
                results.add(threads.submit(() -> {
                    go.await();
                    return poller.poll() + poller.poll();
                }));
            }
            go.countDown();
            int added = 0;
            for (Future<Integer> result : results) {
                added += result.get();
            }
            threads.shutdown();
            assertThat(added).as("the starts the racing pollers added").isEqualTo(12);

            // A poller that read message 13 (and wrote nothing of it to the database) and stopped: the next
            // poll, by any poller, starts it once.
            deliver(support, "late@example.com", "message 13", "text 13");
            JdbcMailMonitors.Monitor monitor = monitors.list().getFirst();
            assertThat(monitor.lastUid()).isEqualTo(12);
            assertThat(poller(monitors).poll()).isEqualTo(1);
            assertThat(poller(monitors).poll()).isZero();

            Scheduler scheduler = new Scheduler(
                    new JdbcScheduleStore(engine.database()),
                    engine.engine(),
                    ZoneOffset.UTC,
                    Duration.ofMinutes(1),
                    Clock.systemUTC());
            scheduler.poll();
            scheduler.poll();
            List<String> ids =
                    strings(database, "select id from workflow_executions where id like 'mail:" + monitor.id() + ":%'");
            assertThat(ids).hasSize(13);
            List<String> said = new ArrayList<>();
            for (String id : ids) {
                engine.awaitStatus(id, ExecutionStatus.COMPLETED);
                said.addAll(engine.messages(id));
            }
            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= 13; i++) {
                expected.add("message " + i);
            }
            assertThat(said).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void aRedeploymentKeepsTheMonitorsPositionAndARemovedBlockRemovesTheMonitor(TestDatabase database)
            throws Exception {
        GreenMailUser support = MAIL.setUser("support@example.com", "support@example.com", "secret");
        try (DurableFixture engine = DurableFixture.builder(database).start()) {
            JdbcMailMonitors monitors = new JdbcMailMonitors(engine.database());
            monitors.deploy(declared("support/moved.bas", "ON EMAIL \"support@example.com\"\nTALK 1\n"));
            assertThat(poller(monitors).poll()).isZero();
            deliver(support, "a@example.com", "one", "1");
            assertThat(poller(monitors).poll()).isEqualTo(1);

            // The block moved two lines down, its body changed: the same monitor, at the same position.
            monitors.deploy(declared("support/moved.bas", "TALK 0\n\nON EMAIL \"support@example.com\"\nTALK 2\n"));
            assertThat(monitors.list()).singleElement().satisfies(m -> {
                assertThat(m.line()).isEqualTo(3);
                assertThat(m.lastUid()).isEqualTo(1);
                assertThat(m.source()).contains("TALK 2");
            });
            deliver(support, "a@example.com", "two", "2");
            assertThat(poller(monitors).poll()).isEqualTo(1);

            monitors.deploy(List.of());
            assertThat(monitors.list()).isEmpty();
            deliver(support, "a@example.com", "three", "3");
            assertThat(poller(monitors).poll()).isZero();
        }
    }

    private static List<String> strings(TestDatabase database, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
                PreparedStatement select = connection.prepareStatement(sql);
                ResultSet rows = select.executeQuery()) {
            List<String> found = new ArrayList<>();
            while (rows.next()) {
                found.add(rows.getString(1));
            }
            return found;
        }
    }
}
