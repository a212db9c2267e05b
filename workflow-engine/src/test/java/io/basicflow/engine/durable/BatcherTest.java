package io.basicflow.engine.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The batching of commits, starts and inputs: many callers, few batches, no lost or crossed results,
 * every item written once, no lead lost or leaked.
 */
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

    @Test
    void manyCallersAllGetTheirResultAndTheBatcherEndsIdle() throws Exception {
        AtomicLong written = new AtomicLong();
        Batcher<Integer, Integer> batcher = new Batcher<>(8, 2, batch -> {
            written.addAndGet(batch.size());
            // A write takes a little while, so that callers queue and leads pass between them.
            LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(0, 20_000));
            return batch.stream().map(item -> item * 2).toList();
        });
        int callers = 16;
        int items = 3_000;
        try (ExecutorService threads = Executors.newFixedThreadPool(callers)) {
            List<Future<?>> done = new ArrayList<>();
            for (int caller = 0; caller < callers; caller++) {
                int first = caller * items;
                done.add(threads.submit(() -> {
                    for (int item = first; item < first + items; item++) {
                        assertThat(batcher.submit(item)).isEqualTo(item * 2);
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(2, TimeUnit.MINUTES);
            }
        }

        assertThat(written.get()).isEqualTo((long) callers * items);
        // A lead handed to a caller that already leads would be counted twice and never given back:
        // after enough such leaks no caller could lead again and every submit would wait forever.
        assertThat(batcher.leaders()).isZero();
        assertThat(batcher.queued()).isZero();
    }
}
