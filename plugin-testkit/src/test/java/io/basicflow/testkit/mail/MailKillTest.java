package io.basicflow.testkit.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.EventView;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.mail.MessageIds;
import io.basicflow.persistence.WorkerMain;
import io.basicflow.persistence.testing.ChildJvm;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.persistence.testing.WorkerKillHarness;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code SEND MAIL} across a real {@code kill -9}: the durable engine runs in a child JVM ({@link
 * WorkerMain}) against the test's PostgreSQL, sends through an SMTP server in this JVM, and is
 * killed with SIGKILL at a chosen moment; a second child JVM resumes the execution. This JVM only
 * starts executions and reads them, through an engine without workers.
 */
@ExtendWith(PostgresExtension.class)
class MailKillTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String FROM = "Helpdesk <bot@example.com>";

    private final TestDatabase testDatabase;
    private WorkerKillHarness harness;

    MailKillTest(TestDatabase testDatabase) {
        this.testDatabase = testDatabase;
    }

    @BeforeEach
    void startApi() {
        harness = WorkerKillHarness.start(testDatabase, TIMEOUT);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    /** A worker JVM that sends through the given SMTP server; waits until it runs. */
    private ChildJvm worker(WithholdingSmtpServer smtp) {
        return harness.worker(
                "basicflow.mail.host=127.0.0.1",
                "basicflow.mail.port=" + smtp.port(),
                "basicflow.mail.from=" + FROM,
                // Long enough that the first child still waits for the withheld reply when it is killed.
                "basicflow.mail.timeout-ms=120000");
    }

    @Test
    void killedBetweenSendingAndRecordingTheMailIsResentWithTheSameMessageId() throws Exception {
        try (WithholdingSmtpServer smtp = WithholdingSmtpServer.start(1)) {
            ChildJvm first = worker(smtp);
            String id = harness.start(
                    "notify.bas",
                    "#workflow\nSEND MAIL \"ana@example.com\", \"Your ticket\", \"It is open.\"\nTALK \"mail sent\"\n");

            // The server has the message and withholds its 250: the child committed EffectStarted and
            // sits inside the handler.
            smtp.awaitMessages(1, TIMEOUT);
            assertThat(harness.events(id, "EffectStarted")).hasSize(1);
            assertThat(harness.events(id, "EffectCompleted")).isEmpty();
            first.killHard();

            worker(smtp);
            harness.awaitStatus(id, ExecutionStatus.COMPLETED);

            List<String> received = smtp.messages();
            assertThat(received).hasSize(2);
            String key = id + "/2"; // ExecutionStarted is event 1, the first EffectStarted event 2
            String messageId = MessageIds.forIdempotencyKey(key, "example.com");
            assertThat(received).allSatisfy(message -> {
                assertThat(WithholdingSmtpServer.header(message, "Message-ID")).contains(messageId);
                assertThat(WithholdingSmtpServer.header(message, "X-Basicflow-Idempotency-Key"))
                        .contains(key);
            });
            // A receiver that keeps the first message per Message-ID keeps exactly one.
            assertThat(received.stream()
                            .map(message -> WithholdingSmtpServer.header(message, "Message-ID"))
                            .distinct())
                    .hasSize(1);

            List<EventView> started = harness.events(id, "EffectStarted");
            assertThat(started).hasSize(2);
            assertThat(started)
                    .allSatisfy(
                            event -> assertThat(event.payloadJson()).contains("\"idempotencyKey\":\"" + key + "\""));
            assertThat(started.get(1).payloadJson()).contains("\"attempt\":2");
            assertThat(harness.events(id, "EffectCompleted")).hasSize(1);
            assertThat(harness.messages(id)).containsExactly("mail sent");
        }
    }

    @Test
    void killedWhileWaitingForInputAfterTheMailSendsItExactlyOnce() throws Exception {
        try (WithholdingSmtpServer smtp = WithholdingSmtpServer.start(0)) {
            ChildJvm first = worker(smtp);
            String id = harness.start(
                    "confirm.bas",
                    "#workflow\nSEND MAIL \"bo@example.com\", \"Confirm\", \"Reply yes\"\nHEAR answer\n"
                            + "TALK \"got \" + answer\n");
            harness.awaitStatus(id, ExecutionStatus.WAITING_INPUT);
            assertThat(smtp.messages()).hasSize(1);
            first.killHard();

            worker(smtp);
            harness.engine().deliverInput(id, "yes");
            harness.awaitStatus(id, ExecutionStatus.COMPLETED);

            assertThat(smtp.messages()).hasSize(1);
            assertThat(harness.events(id, "EffectStarted")).hasSize(1);
            assertThat(harness.events(id, "EffectCompleted")).hasSize(1);
            assertThat(harness.messages(id)).containsExactly("got yes");
        }
    }
}
