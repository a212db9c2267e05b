package io.basicflow.durable;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.MessageView;
import io.basicflow.engine.store.ConversationRead;
import io.basicflow.engine.store.EventStore;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.ReplayVerification;
import io.basicflow.persistence.testing.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The PostgreSQL store's one-statement read of a conversation page and its execution's status (what
 * an event stream reads after each wake-up) answers exactly what the two separate reads answer: the
 * same messages in the same order, the same status, and no status for an unknown execution.
 */
@ExtendWith({PostgresExtension.class, ReplayVerification.class})
class ConversationReadTest {

    @Test
    void thePageAndTheStatusAreWhatTheTwoReadsGive(TestDatabase database) {
        try (DurableFixture engine = DurableFixture.builder(database).start()) {
            String id = engine.start(
                    "three.bas", "#workflow\nTALK \"a\"\nTALK \"b\"\nTALK \"c\"\nHEAR done\nTALK done\n", Map.of());
            engine.awaitStatus(id, ExecutionStatus.WAITING_INPUT);
            EventStore store = engine.store();

            ConversationRead all = store.conversationAndStatus(id, 0, 100);
            assertThat(all.messages()).extracting(MessageView::text).containsExactly("a", "b", "c");
            assertThat(all.messages()).isEqualTo(store.conversation(id, 0, 100));
            assertThat(all.status()).contains(ExecutionStatus.WAITING_INPUT);

            // a page after a position, cut at the limit
            long afterFirst = all.messages().getFirst().position();
            ConversationRead page = store.conversationAndStatus(id, afterFirst, 1);
            assertThat(page.messages()).isEqualTo(store.conversation(id, afterFirst, 1));
            assertThat(page.messages()).extracting(MessageView::text).containsExactly("b");

            // nothing after the last message: an empty page, the status all the same
            long last = all.messages().getLast().position();
            ConversationRead empty = store.conversationAndStatus(id, last, 100);
            assertThat(empty.messages()).isEmpty();
            assertThat(empty.status()).contains(ExecutionStatus.WAITING_INPUT);

            engine.engine().deliverInput(id, "bye");
            engine.awaitStatus(id, ExecutionStatus.COMPLETED);
            ConversationRead end = store.conversationAndStatus(id, last, 100);
            assertThat(end.messages()).extracting(MessageView::text).containsExactly("bye");
            assertThat(end.status()).contains(ExecutionStatus.COMPLETED);
        }
    }

    @Test
    void anUnknownExecutionHasNoStatusAndNoMessages(TestDatabase database) {
        try (DurableFixture engine = DurableFixture.builder(database).start()) {
            ConversationRead read = engine.store().conversationAndStatus("no-such-execution", 0, 100);
            assertThat(read.messages()).isEmpty();
            assertThat(read.status()).isEmpty();
        }
    }
}
