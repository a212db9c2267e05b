package io.basicflow.engine.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The batching of commits, starts and inputs: many callers, few batches, no lost or crossed results. */
class BatcherTest {

    @Test
    void aLoneCallerWritesOnItsOwnThread() {
        List<Thread> writers = new ArrayList<>();
        Batcher<Integer, Integer> batcher = new Batcher<>(10, 2, items -> {
            writers.add(Thread.currentThread());
            return items.stream().map(item -> item * 2).toList();
        });

        assertThat(batcher.submit(21)).isEqualTo(42);
        assertThat(writers).containsExactly(Thread.currentThread());
    }

    @Test
    void concurrentCallersShareBatchesAndEachGetsItsOwnResult() throws Exception {
        ConcurrentLinkedQueue<Integer> sizes = new ConcurrentLinkedQueue<>();
        AtomicInteger writing = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        Batcher<Integer, Integer> batcher = new Batcher<>(50, 2, items -> {
            mostAtOnce.accumulateAndGet(writing.incrementAndGet(), Math::max);
            sizes.add(items.size());
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            writing.decrementAndGet();
            return items.stream().map(item -> -item).toList();
        });
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 1; i <= 2000; i++) {
                int item = i;
                answers.add(callers.submit(() -> batcher.submit(item) == -item));
            }
            for (Future<Boolean> answer : answers) {
                assertThat(answer.get()).isTrue();
            }
        }

        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(2000);
        assertThat(sizes)
                .hasSizeLessThan(2000)
                .allSatisfy(size -> assertThat(size).isBetween(1, 50));
        assertThat(mostAtOnce.get()).isBetween(1, 2);
        assertThat(batcher.queued()).isZero();
    }

    @Test
    void aFailedBatchFailsItsCallersAndTheNextBatchesWork() {
        Batcher<String, String> batcher = new Batcher<>(10, 1, items -> {
            if (items.contains("bad")) {
                throw new IllegalStateException("refused");
            }
            return items.stream().map(String::toUpperCase).toList();
        });

        assertThatThrownBy(() -> batcher.submit("bad"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("refused");
        assertThat(batcher.submit("good")).isEqualTo("GOOD");
    }
}
