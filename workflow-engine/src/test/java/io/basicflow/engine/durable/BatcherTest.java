package io.basicflow.engine.durable;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The batcher under many concurrent callers: every item written once, and no lead lost or leaked. */
class BatcherTest {

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
