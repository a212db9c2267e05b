package io.basicflow.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.engine.api.ConversationFollower;
import io.basicflow.engine.api.ExecutionNotFoundException;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.MessageView;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.ReplayVerification;
import io.basicflow.persistence.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A conversation followed by one {@link ConversationFollower} (what an event stream of the HTTP API
 * holds): every message once, in order, whether it is committed while the follower waits or between
 * two of its batches. The message poll interval is set to an hour, so that only this process's commit
 * signals can wake the follower: a missed signal would hang the test instead of being hidden by a
 * re-read on the timer.
 */
@ExtendWith({PostgresExtension.class, ReplayVerification.class})
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConversationFollowerTest {

    private static final Duration LONG = Duration.ofSeconds(50);

    @Test
    void eachTurnsReplyComesOnceWhetherItIsCommittedDuringTheWaitOrBeforeIt(TestDatabase database) {
        try (DurableFixture engine = signalsOnly(database)) {
            String id = engine.start(
                    "echo.bas",
                    "#workflow\nFOR turn = 1 TO 4\n  HEAR said\n  TALK \"echo \" + said\nNEXT turn\n",
                    Map.of());
            engine.awaitStatus(id, ExecutionStatus.WAITING_INPUT);
            List<MessageView> seen = new ArrayList<>();
            try (ConversationFollower follower = engine.engine().followConversation(id, 0)) {
                // 1: the follower waits when the reply is committed
                Thread.ofVirtual().start(() -> engine.engine().deliverInput(id, "one"));
                seen.addAll(follower.next(100, LONG));
                // 2: the reply is committed before the follower asks (the execution waits again)
                engine.engine().deliverInput(id, "two");
                engine.await(id, view -> engine.messages(id).size() == 2, "the second reply committed");
                seen.addAll(follower.next(100, LONG));
                // 3 and 4 delivered together: both replies, in order, over one or two batches
                engine.engine().deliverInput(id, "three");
                engine.engine().deliverInput(id, "four");
                while (seen.size() < 4) {
                    seen.addAll(follower.next(100, LONG));
                }
                engine.awaitStatus(id, ExecutionStatus.COMPLETED);
                // the end: an empty batch, at once (the wait is far longer than the test's timeout)
                assertThat(follower.next(100, Duration.ofMinutes(5))).isEmpty();
                assertThat(follower.position()).isEqualTo(seen.getLast().position());
            }
            assertThat(seen)
                    .extracting(MessageView::text)
                    .containsExactly("echo one", "echo two", "echo three", "echo four");
            assertThat(seen).extracting(MessageView::position).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void aFullBatchIsFollowedByTheRestWithoutAWait(TestDatabase database) {
        try (DurableFixture engine = signalsOnly(database)) {
            String id =
                    engine.start("three.bas", "#workflow\nTALK \"a\"\nTALK \"b\"\nTALK \"c\"\nHEAR done\n", Map.of());
            engine.awaitStatus(id, ExecutionStatus.WAITING_INPUT);
            try (ConversationFollower follower = engine.engine().followConversation(id, 0)) {
                assertThat(follower.next(2, LONG)).extracting(MessageView::text).containsExactly("a", "b");
                assertThat(follower.next(2, LONG)).extracting(MessageView::text).containsExactly("c");
                // nothing more: a zero wait reads and answers at once
                assertThat(follower.next(2, Duration.ZERO)).isEmpty();
            }
            // a follower may start after a position, like a reconnecting event stream
            try (ConversationFollower later = engine.engine().followConversation(id, 0)) {
                long afterFirst = later.next(1, LONG).getFirst().position();
                try (ConversationFollower resumed = engine.engine().followConversation(id, afterFirst)) {
                    assertThat(resumed.next(10, LONG))
                            .extracting(MessageView::text)
                            .containsExactly("b", "c");
                }
            }
        }
    }

    @Test
    void anUnknownExecutionIsNotFollowed(TestDatabase database) {
        try (DurableFixture engine = signalsOnly(database)) {
            assertThatThrownBy(() -> engine.engine().followConversation("no-such-execution", 0))
                    .isInstanceOf(ExecutionNotFoundException.class);
        }
    }

    private static DurableFixture signalsOnly(TestDatabase database) {
        return DurableFixture.builder(database)
                .settings(DurableFixture.FAST.toBuilder()
                        .messagePollInterval(Duration.ofHours(1))
                        .build())
                .start();
    }
}
