package io.basicflow.testkit.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.engine.api.EventView;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.engine.api.MessageView;
import io.basicflow.engine.api.StartRequest;
import io.basicflow.engine.api.WorkflowEngine;
import io.basicflow.mail.MessageIds;
import io.basicflow.persistence.Database;
import io.basicflow.persistence.DurableRuntime;
import io.basicflow.persistence.WorkerMain;
import io.basicflow.persistence.testing.ChildJvm;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
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
    private final List<ChildJvm> children = new ArrayList<>();
    private Database database;
    private DurableRuntime api;

    MailKillTest(TestDatabase testDatabase) {
        this.testDatabase = testDatabase;
    }

    @BeforeEach
    void startApi() {
        database = testDatabase.startDatabase();
        api = DurableRuntime.builder(
                        database, KeywordCatalogue.discover(getClass().getClassLoader()))
                .workers(false)
                .start();
    }

    @AfterEach
    void stop() {
        children.forEach(ChildJvm::close);
        api.close();
        database.close();
    }

    private WorkflowEngine engine() {
        return api.engine();
    }

    /** A worker JVM that sends through the given SMTP server; waits until it runs. */
    private ChildJvm worker(WithholdingSmtpServer smtp) {
        ChildJvm child = ChildJvm.start(
                WorkerMain.class,
                "basicflow.db.url=" + testDatabase.jdbcUrl(),
                "basicflow.db.user=" + testDatabase.user(),
                "basicflow.db.pool.size=4",
                "basicflow.durable.poll-interval=100ms",
                "basicflow.mail.host=127.0.0.1",
                "basicflow.mail.port=" + smtp.port(),
                "basicflow.mail.from=" + FROM,
                // Long enough that the first child still waits for the withheld reply when it is killed.
                "basicflow.mail.timeout-ms=120000");
        children.add(child);
        child.awaitLine(line -> line.startsWith("READY "), TIMEOUT);
        return child;
    }

    private String start(String name, String source) {
        return engine().start(new StartRequest(Optional.empty(), name, source, Map.of()))
                .executionId();
    }

    private ExecutionView await(String id, Predicate<ExecutionView> condition, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        ExecutionView view = null;
        while (System.nanoTime() < deadline) {
            view = engine().find(id).orElseThrow();
            if (condition.test(view)) {
                return view;
            }
            sleep(20);
        }
        throw new AssertionError("execution " + id + " is not " + what + " within " + TIMEOUT + ": " + view
                + "\nchildren's output:\n"
                + children.stream().map(ChildJvm::output).reduce("", (a, b) -> a + "\n---\n" + b));
    }

    private ExecutionView awaitStatus(String id, ExecutionStatus... statuses) {
        Set<ExecutionStatus> wanted = Set.of(statuses);
        return await(id, view -> wanted.contains(view.status()), "in " + wanted);
    }

    private List<EventView> events(String id, String type) {
        return engine().history(id, 0, 10_000).stream()
                .filter(event -> event.type().equals(type))
                .toList();
    }

    private List<String> messages(String id) {
        return engine().messages(id, 0, 10_000, Duration.ZERO).stream()
                .map(MessageView::text)
                .toList();
    }

    @Test
    void killedBetweenSendingAndRecordingTheMailIsResentWithTheSameMessageId() throws Exception {
        try (WithholdingSmtpServer smtp = WithholdingSmtpServer.start(1)) {
            ChildJvm first = worker(smtp);
            String id = start(
                    "notify.bas",
                    "#workflow\nSEND MAIL \"ana@example.com\", \"Your ticket\", \"It is open.\"\nTALK \"mail sent\"\n");

            // The server has the message and withholds its 250: the child committed EffectStarted and
            // sits inside the handler.
            smtp.awaitMessages(1, TIMEOUT);
            assertThat(events(id, "EffectStarted")).hasSize(1);
            assertThat(events(id, "EffectCompleted")).isEmpty();
            first.killHard();

            worker(smtp);
            awaitStatus(id, ExecutionStatus.COMPLETED);

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

            List<EventView> started = events(id, "EffectStarted");
            assertThat(started).hasSize(2);
            assertThat(started)
                    .allSatisfy(
                            event -> assertThat(event.payloadJson()).contains("\"idempotencyKey\":\"" + key + "\""));
            assertThat(started.get(1).payloadJson()).contains("\"attempt\":2");
            assertThat(events(id, "EffectCompleted")).hasSize(1);
            assertThat(messages(id)).containsExactly("mail sent");
        }
    }

    @Test
    void killedWhileWaitingForInputAfterTheMailSendsItExactlyOnce() throws Exception {
        try (WithholdingSmtpServer smtp = WithholdingSmtpServer.start(0)) {
            ChildJvm first = worker(smtp);
            String id = start(
                    "confirm.bas",
                    "#workflow\nSEND MAIL \"bo@example.com\", \"Confirm\", \"Reply yes\"\nHEAR answer\n"
                            + "TALK \"got \" + answer\n");
            awaitStatus(id, ExecutionStatus.WAITING_INPUT);
            assertThat(smtp.messages()).hasSize(1);
            first.killHard();

            worker(smtp);
            engine().deliverInput(id, "yes");
            awaitStatus(id, ExecutionStatus.COMPLETED);

            assertThat(smtp.messages()).hasSize(1);
            assertThat(events(id, "EffectStarted")).hasSize(1);
            assertThat(events(id, "EffectCompleted")).hasSize(1);
            assertThat(messages(id)).containsExactly("got yes");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
