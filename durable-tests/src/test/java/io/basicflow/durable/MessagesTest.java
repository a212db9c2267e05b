package io.basicflow.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.engine.api.ExecutionNotFoundException;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.MessageView;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.ReplayVerification;
import io.basicflow.persistence.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Reading outgoing messages: by sequence number, long-polling, acknowledging. */
@ExtendWith({PostgresExtension.class, ReplayVerification.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessagesTest {

    private DurableFixture engine;

    @BeforeAll
    void start(TestDatabase database) {
        engine = DurableFixture.builder(database).start();
    }

    @AfterAll
    void stop() {
        engine.close();
    }

    @Test
    void aLongPollReturnsTheMessageThatComesWhileItWaits() throws Exception {
        String id = engine.start("#workflow\nHEAR name\nTALK \"hello \" + name\nTALK TO \"sms:+351\", \"bye\"\n");
        engine.awaitStatus(id, ExecutionStatus.WAITING_INPUT);
        CompletableFuture<List<MessageView>> poll =
                CompletableFuture.supplyAsync(() -> engine.engine().messages(id, 0, 10, Duration.ofSeconds(20)));

        engine.engine().deliverInput(id, "Rui");

        List<MessageView> messages = poll.get(20, TimeUnit.SECONDS);
        assertThat(messages).isNotEmpty();
        assertThat(messages.getFirst().text()).isEqualTo("hello Rui");
        engine.awaitStatus(id, ExecutionStatus.COMPLETED);
        List<MessageView> all = engine.engine().messages(id, 0, 10, Duration.ZERO);
        assertThat(all).extracting(MessageView::text).containsExactly("hello Rui", "bye");
        assertThat(all).extracting(MessageView::recipient).containsExactly(Optional.empty(), Optional.of("sms:+351"));
        assertThat(engine.engine().messages(id, all.getFirst().seq(), 10, Duration.ZERO))
                .extracting(MessageView::text)
                .containsExactly("bye");
    }

    @Test
    void aLongPollOnAnEndedExecutionAnswersWithWhatThereIs() {
        String id = engine.start("#workflow\nTALK \"only\"\n");
        engine.awaitStatus(id, ExecutionStatus.COMPLETED);
        long last = engine.engine().messages(id, 0, 10, Duration.ZERO).getLast().seq();

        assertThat(engine.engine().messages(id, last, 10, Duration.ofSeconds(2)))
                .isEmpty();
        assertThatThrownBy(() -> engine.engine().messages("nobody", 0, 10, Duration.ofSeconds(1)))
                .isInstanceOf(ExecutionNotFoundException.class);
    }

    @Test
    void acknowledgedMessagesSaySo() {
        String id = engine.start("#workflow\nTALK \"one\"\nTALK \"two\"\nTALK \"three\"\n");
        engine.awaitStatus(id, ExecutionStatus.COMPLETED);
        List<MessageView> messages = engine.engine().messages(id, 0, 10, Duration.ZERO);

        engine.engine().acknowledge(id, messages.get(1).seq());

        assertThat(engine.engine().messages(id, 0, 10, Duration.ZERO))
                .extracting(MessageView::acknowledged)
                .containsExactly(true, true, false);
        assertThatThrownBy(() -> engine.engine().acknowledge("nobody", 5))
                .isInstanceOf(ExecutionNotFoundException.class);
    }
}
