package io.basicflow.durable;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.engine.durable.DurableSettings;
import io.basicflow.engine.store.ExecutionRecord;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.ReplayVerification;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.spi.value.IntegerValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A loop of 100,000 iterations completes durably, and at no point does resuming it need more than
 * the events since the last snapshot (a bounded number); breaking a size limit fails the execution
 * with a clear error.
 */
@ExtendWith({PostgresExtension.class, ReplayVerification.class})
class LimitsAndLongRunsTest {

    @Test
    void aLoopOfOneHundredThousandIterationsCompletesAndResumingItStaysCheap(TestDatabase database) {
        DurableSettings settings = DurableFixture.FAST.toBuilder()
                .snapshotInterval(2000)
                .checkpointSteps(1000)
                .build();
        try (DurableFixture engine =
                DurableFixture.builder(database).settings(settings).start()) {
            String id = engine.start(
                    "#workflow\ntotal = 0\nFOR i = 1 TO 100000\n  total = total + i\nNEXT\nRETURN total\n");

            long widestGap = 0;
            ExecutionRecord row;
            do {
                row = engine.store().find(id).orElseThrow();
                widestGap = Math.max(widestGap, row.lastSeq() - row.snapshotSeq());
            } while (!row.status().isEnded() && row.status() != ExecutionStatus.FAILED && sleep());

            ExecutionView done = engine.awaitStatus(id, ExecutionStatus.COMPLETED);
            assertThat(done.result()).contains(IntegerValue.of(5_000_050_000L));
            assertThat(done.lastSeq()).isGreaterThan(200_000);
            // A claim folds at most the events since the snapshot: never more than a snapshot
            // interval plus one checkpoint's worth, however long the history.
            assertThat(widestGap).isLessThanOrEqualTo(settings.snapshotInterval() + settings.checkpointSteps());
        }
    }

    @Test
    void aTextLongerThanTheLimitFailsTheExecutionNamingTheVariable(TestDatabase database) {
        DurableSettings settings = DurableFixture.FAST.toBuilder()
                .limits(DurableFixture.FAST.limits().withMaxTextLength(1000))
                .build();
        try (DurableFixture engine =
                DurableFixture.builder(database).settings(settings).start()) {
            String id =
                    engine.start("#workflow\ns = \"x\"\nDO WHILE LEN(s) < 5000\n  s = s + s\nLOOP\nTALK \"never\"\n");

            ExecutionView failed = engine.awaitStatus(id, ExecutionStatus.FAILED);

            assertThat(failed.error().orElseThrow().message())
                    .contains("the text assigned to s has 1024 characters, more than the limit of 1000");
            assertThat(engine.messages(id)).isEmpty();
        }
    }

    @Test
    void variablesLargerThanTheLimitFailTheExecution(TestDatabase database) {
        DurableSettings settings = DurableFixture.FAST.toBuilder()
                .limits(DurableFixture.FAST.limits().withMaxVariableBytes(10_000))
                .build();
        try (DurableFixture engine =
                DurableFixture.builder(database).settings(settings).start()) {
            String id = engine.start(
                    "#workflow\nitems = []\nFOR i = 1 TO 10000\n  items[i - 1] = \"item number \" + i\nNEXT\n");

            ExecutionView failed = engine.awaitStatus(id, ExecutionStatus.FAILED);

            assertThat(failed.error().orElseThrow().message())
                    .contains("assigning items would make the variables larger than 10000 bytes");
        }
    }

    private static boolean sleep() {
        try {
            Thread.sleep(20);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
