package io.basicflow.durable;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.MessageView;
import io.basicflow.engine.direct.ScriptResolver;
import io.basicflow.engine.durable.ChildScripts;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.ReplayVerification;
import io.basicflow.persistence.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A conversation is an execution and the children it starts: a chat front end reading the messages
 * of the execution it started sees the children's TALKs too, in the order they were committed, and
 * acknowledges them by position.
 */
@ExtendWith({PostgresExtension.class, ReplayVerification.class})
class ConversationMessagesTest {

    @Test
    void theConversationHoldsTheChildrensMessagesInCommitOrder(TestDatabase database, @TempDir Path scripts)
            throws IOException {
        Files.writeString(
                scripts.resolve("survey.bas"),
                "TALK \"child: first question\"\nHEAR mood WITH \"child: how are you?\"\nTALK \"child: noted \" + mood\n");
        try (DurableFixture engine = DurableFixture.builder(database)
                .children(ChildScripts.from(ScriptResolver.directory(scripts)))
                .start()) {
            String id = engine.start(
                    "main.bas",
                    "#workflow\nTALK \"main: hello\"\nCALL \"survey.bas\"\nTALK \"main: back\"\nHEAR done\n",
                    Map.of());

            List<MessageView> before = awaitAtLeast(engine, id, 0, 3);
            assertThat(before)
                    .extracting(MessageView::text)
                    .containsExactly("main: hello", "child: first question", "child: how are you?");
            assertThat(before.get(1).executionId()).startsWith(id + "~");
            assertThat(before).extracting(MessageView::position).isSorted().doesNotHaveDuplicates();
            // The execution's own messages are only its own.
            assertThat(engine.engine().messages(id, 0, 100, Duration.ZERO))
                    .extracting(MessageView::text)
                    .containsExactly("main: hello");

            long shown = before.getLast().position();
            engine.engine().acknowledgeConversation(id, shown);
            // Input sent to the conversation's execution reaches the child that waits.
            engine.engine().deliverInput(id, "fine");

            List<MessageView> after = awaitAtLeast(engine, id, shown, 2);
            assertThat(after).extracting(MessageView::text).containsExactly("child: noted fine", "main: back");
            assertThat(after.getFirst().position()).isGreaterThan(shown);
            assertThat(engine.engine().conversation(id, 0, 100, Duration.ZERO))
                    .extracting(MessageView::acknowledged)
                    .containsExactly(true, true, true, false, false);
            // A child's own conversation is its subtree only.
            String child = before.get(1).executionId();
            assertThat(engine.engine().conversation(child, 0, 100, Duration.ZERO))
                    .extracting(MessageView::text)
                    .containsExactly("child: first question", "child: how are you?", "child: noted fine");

            engine.engine().deliverInput(id, "yes");
            assertThat(engine.awaitStatus(id, ExecutionStatus.COMPLETED).status())
                    .isEqualTo(ExecutionStatus.COMPLETED);
        }
    }

    @Test
    void theStatusAloneAgreesWithTheViewAndALongPollEndsWithTheExecution(TestDatabase database) {
        try (DurableFixture engine = DurableFixture.builder(database).start()) {
            String id = engine.start("ask.bas", "#workflow\nHEAR name\nTALK \"hi \" + name\n", Map.of());
            engine.awaitStatus(id, ExecutionStatus.WAITING_INPUT);
            assertThat(engine.engine().status(id))
                    .contains(ExecutionStatus.WAITING_INPUT)
                    .isEqualTo(engine.engine().find(id).map(view -> view.status()));

            engine.engine().deliverInput(id, "Ana");
            List<MessageView> reply = engine.engine().conversation(id, 0, 10, Duration.ofSeconds(30));
            assertThat(reply).extracting(MessageView::text).containsExactly("hi Ana");
            engine.awaitStatus(id, ExecutionStatus.COMPLETED);
            assertThat(engine.engine().status(id)).contains(ExecutionStatus.COMPLETED);
            // Nothing follows the end: the long-poll answers with no message instead of a failure.
            assertThat(engine.engine().conversation(id, reply.getLast().position(), 10, Duration.ofSeconds(30)))
                    .isEmpty();
            assertThat(engine.engine().status("no-such-execution")).isEmpty();
        }
    }

    @Test
    void inputGoesToTheInnermostChildThatAsks(TestDatabase database, @TempDir Path scripts) throws IOException {
        Files.writeString(
                scripts.resolve("outer.bas"), "TALK \"outer: in\"\nCALL \"inner.bas\"\nTALK \"outer: out\"\n");
        Files.writeString(
                scripts.resolve("inner.bas"), "HEAR answer WITH \"inner: question\"\nTALK \"inner: got \" + answer\n");
        try (DurableFixture engine = DurableFixture.builder(database)
                .children(ChildScripts.from(ScriptResolver.directory(scripts)))
                .start()) {
            String nested = engine.start(
                    "nested.bas", "#workflow\nCALL \"outer.bas\"\nHEAR last\nTALK \"main: \" + last\n", Map.of());
            String plain = engine.start("plain.bas", "#workflow\nHEAR last\nTALK \"plain: \" + last\n", Map.of());
            assertThat(awaitAtLeast(engine, nested, 0, 2))
                    .extracting(MessageView::text)
                    .containsExactly("outer: in", "inner: question");
            engine.awaitStatus(plain, ExecutionStatus.WAITING_INPUT);

            // Delivered together (one batch may hold both): one input is routed two levels down, the
            // other stays with the execution it names.
            Thread other = Thread.ofVirtual().start(() -> engine.engine().deliverInput(plain, "direct"));
            engine.engine().deliverInput(nested, "deep");
            join(other);

            List<MessageView> after = awaitAtLeast(engine, nested, 0, 4);
            assertThat(after)
                    .extracting(MessageView::text)
                    .containsExactly("outer: in", "inner: question", "inner: got deep", "outer: out");
            // the grandchild: <main>~<seq>~<seq>
            assertThat(after.get(2).executionId()).matches(java.util.regex.Pattern.quote(nested) + "~\\d+~\\d+");
            assertThat(engine.awaitStatus(plain, ExecutionStatus.COMPLETED).status())
                    .isEqualTo(ExecutionStatus.COMPLETED);
            assertThat(engine.engine().messages(plain, 0, 10, Duration.ZERO))
                    .extracting(MessageView::text)
                    .containsExactly("plain: direct");

            // With the children ended, the input is the main script's own.
            engine.awaitStatus(nested, ExecutionStatus.WAITING_INPUT);
            engine.engine().deliverInput(nested, "end");
            assertThat(engine.awaitStatus(nested, ExecutionStatus.COMPLETED).status())
                    .isEqualTo(ExecutionStatus.COMPLETED);
            assertThat(engine.engine().messages(nested, 0, 10, Duration.ZERO))
                    .extracting(MessageView::text)
                    .containsExactly("main: end");
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<MessageView> awaitAtLeast(DurableFixture engine, String id, long after, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            List<MessageView> found = engine.engine().conversation(id, after, 100, Duration.ofMillis(500));
            if (found.size() >= count || System.nanoTime() > deadline) {
                return found;
            }
        }
    }
}
