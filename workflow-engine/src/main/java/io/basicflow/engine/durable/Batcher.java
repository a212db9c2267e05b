package io.basicflow.engine.durable;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Writes the items of many callers together: a caller hands in its item and waits; items that queue
 * while a batch is written go into the next one. No thread of its own: the first caller that finds
 * fewer than {@code concurrency} batches running becomes the <em>leader</em> and writes the queue,
 * batch after batch, until its own item is written; then it hands the lead to the oldest waiting
 * caller, or gives it up when the queue is empty. A lone caller thus writes on its own thread with no
 * hand-off at all, and under load one transaction serves many callers.
 *
 * <p>A failing batch fails every item in it with the same exception.
 *
 * @param <T> an item
 * @param <R> its result
 */
final class Batcher<T, R> {

    private final int maxBatch;
    private final int concurrency;
    private final Function<List<T>, List<R>> writer;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Pending<T, R>> queue = new ArrayDeque<>();
    private int leaders;

    /**
     * Creates a batcher.
     *
     * @param maxBatch the most items per batch
     * @param concurrency the most batches written at once
     * @param writer writes a batch and returns one result per item, in order
     */
    Batcher(int maxBatch, int concurrency, Function<List<T>, List<R>> writer) {
        if (maxBatch < 1 || concurrency < 1) {
            throw new IllegalArgumentException("maxBatch and concurrency must be at least 1");
        }
        this.maxBatch = maxBatch;
        this.concurrency = concurrency;
        this.writer = requireNonNull(writer, "writer is null");
    }

    /**
     * Writes an item, together with whatever else is waiting, and waits for its result.
     *
     * @param item the item
     * @return its result
     * @throws RuntimeException the writer's exception when the batch failed
     */
    R submit(T item) {
        Pending<T, R> pending = new Pending<>(item, Thread.currentThread());
        boolean lead;
        lock.lock();
        try {
            queue.addLast(pending);
            lead = leaders < concurrency;
            if (lead) {
                leaders++;
                pending.leading = true;
            }
        } finally {
            lock.unlock();
        }
        if (lead) {
            lead(pending);
        }
        boolean interrupted = false;
        while (true) {
            if (pending.done) {
                // A lead handed over while another leader wrote this item is passed on or given back.
                if (holdsLead(pending)) {
                    lead(pending);
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                if (pending.failure != null) {
                    throw pending.failure;
                }
                return pending.result;
            }
            if (pending.leadOffered) {
                pending.leadOffered = false;
                lead(pending);
                continue;
            }
            LockSupport.park(this);
            // The batch is written whatever happens: an interrupt waits for it, then is kept.
            interrupted |= Thread.interrupted();
        }
    }

    private boolean holdsLead(Pending<T, R> pending) {
        lock.lock();
        try {
            return pending.leading;
        } finally {
            lock.unlock();
        }
    }

    /** How many callers lead now (writing batches or about to): 0 when the batcher is idle. */
    int leaders() {
        lock.lock();
        try {
            return leaders;
        } finally {
            lock.unlock();
        }
    }

    /** How many items wait now. */
    int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes batches while this caller's own item is not written; then passes the lead to the oldest
     * waiting caller that does not lead already, or gives it back. Also gives it back when the queue is
     * empty (the own item is then in a batch another leader writes).
     */
    private void lead(Pending<T, R> self) {
        while (true) {
            List<Pending<T, R>> batch;
            lock.lock();
            try {
                if (self.done) {
                    self.leading = false;
                    // A caller that leads already (between queueing its item and taking its first batch)
                    // must not get a second lead: it would give back only one.
                    for (Pending<T, R> next : queue) {
                        if (!next.leading) {
                            next.leading = true;
                            next.leadOffered = true;
                            LockSupport.unpark(next.thread);
                            return;
                        }
                    }
                    leaders--;
                    return;
                }
                if (queue.isEmpty()) {
                    self.leading = false;
                    leaders--;
                    return;
                }
                int size = Math.min(maxBatch, queue.size());
                batch = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    batch.add(queue.pollFirst());
                }
            } finally {
                lock.unlock();
            }
            write(batch);
        }
    }

    private void write(List<Pending<T, R>> batch) {
        List<T> items = new ArrayList<>(batch.size());
        for (Pending<T, R> pending : batch) {
            items.add(pending.item);
        }
        try {
            List<R> results = writer.apply(items);
            if (results.size() != items.size()) {
                throw new IllegalStateException(
                        "a batch of " + items.size() + " items got " + results.size() + " results");
            }
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result = results.get(i);
            }
        } catch (RuntimeException e) {
            for (Pending<T, R> pending : batch) {
                pending.failure = e;
            }
        }
        for (Pending<T, R> pending : batch) {
            pending.done = true;
            if (pending.thread != Thread.currentThread()) {
                LockSupport.unpark(pending.thread);
            }
        }
    }

    /** One item waiting for its batch. */
    private static final class Pending<T, R> {
        final T item;
        final Thread thread;
        /** Set once the item's batch is written (after its result or failure). */
        volatile boolean done;
        /** Set when another leader hands this item's caller the lead. */
        volatile boolean leadOffered;
        /** Whether this item's caller holds a lead it has to pass on or give back; under the lock. */
        boolean leading;

        R result;
        RuntimeException failure;

        Pending(T item, Thread thread) {
            this.item = item;
            this.thread = thread;
        }
    }
}
