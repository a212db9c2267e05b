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
