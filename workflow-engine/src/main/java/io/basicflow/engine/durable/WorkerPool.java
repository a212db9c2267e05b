package io.basicflow.engine.durable;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.interpreter.ExecutionState;
import io.basicflow.engine.interpreter.Interpreter;
import io.basicflow.engine.interpreter.Outcome;
import io.basicflow.engine.interpreter.StateFold;
import io.basicflow.engine.state.ExecutionError;
import io.basicflow.engine.store.ClaimedExecution;
import io.basicflow.engine.store.EventStore;
import io.basicflow.engine.store.NewExecution;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One engine node's workers: claims runnable executions from the {@link EventStore} and runs each
 * activation, at most {@link DurableSettings#concurrency()} at once: on one of a few platform threads
 * while one is free, else on a virtual thread (see {@code platformLane}).
 *
 * <ul>
 *   <li><b>Starts in this process</b> need no claim: while the pool has room, the API creates the
 *       execution already leased to this pool ({@link #reserve()}) and hands it over ({@link
 *       #runLeased}), so it runs as soon as its row is committed. Without room it is created {@code
 *       RUNNABLE} for any node to claim.
 *   <li><b>Claims</b> take {@code RUNNABLE} executions and due {@code WAITING_TIMER} ones, oldest
 *       first ({@code FOR UPDATE SKIP LOCKED}, so nodes never claim the same row). A claim that came
 *       back full is followed by another at once.
 *   <li><b>Wake-ups</b>: a notification from any process (start, input, child end), a local yield or
 *       child end, the node's own earliest known timer, or the poll interval (the fallback).
 *   <li><b>Leases</b> are renewed every heartbeat in one statement for all running activations.
 *       Every heartbeat also frees expired leases (their workers died) and, on this host, leases of
 *       processes that no longer exist, so that any node takes those executions over.
 *   <li><b>Failures</b>: a claim that fails (database down) is retried with backoff; an activation
 *       whose commit fails gives its lease back (retried with backoff) and the execution resumes
 *       from its last commit; a commit refused by the fence stops the activation silently.
 *   <li><b>{@link #close()}</b> is graceful: no new claims; running activations give their execution
 *       back at their next checkpoint (an effect handler that is running finishes first), within
 *       {@link DurableSettings#shutdownTimeout()}.
 * </ul>
 */
public final class WorkerPool implements AutoCloseable, LocalWorkers {

    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);

    private final Node node;
    private final EventStore store;
    private final DurableSettings settings;
    private final Clock clock;
    private final EngineMetrics metrics;
    private final String host;
    private final long pid;

    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Set<String> givingBack = ConcurrentHashMap.newKeySet();
    /** Consecutive failed activations per execution: each gives the execution back a bit later. */
    private final ConcurrentHashMap<String, Integer> failedActivations = new ConcurrentHashMap<>();

    private final AtomicInteger active = new AtomicInteger();
    private final ExecutorService activations;
    /**
     * A few platform threads (one per core) that run activations while they are free; the others run
     * on virtual threads. A virtual thread that waits for the database's answer hands over twice (the
     * I/O poller wakes, then a carrier thread), a platform thread once: measured 15-50 us more per
     * commit on a virtual thread (one connection, the light commit, alternating runs on this 2-core
     * VM), which is a tenth of a lone activation's commit. Many activations at once (and long
     * effects) still take no platform thread each.
     */
    private final ExecutorService platformLane;

    private final Semaphore platformLaneFree;
    private final ScheduledExecutorService scheduler;

    private final Object lifecycle = new Object();
    private Thread dispatcher;
    private AutoCloseable listener;
    private volatile boolean started;
    private volatile boolean closed;
    private volatile boolean signalled;
    private volatile boolean moreWork;
    private volatile boolean lookForTimers = true;
    private ScheduledFuture<?> timer;
    private Instant timerAt;

    /**
     * Creates a pool; {@link #start()} starts it.
     *
     * @param store where executions live
     * @param interpreter runs the steps (its clock should be {@code clock})
     * @param scripts compiled pinned scripts
     * @param children where child scripts come from
     * @param settings the node's settings
     * @param clock the engine's clock, for timers
     * @param metrics where figures go
     * @param signals woken when commits write messages, for long-polling readers in this process
     */
    public WorkerPool(
            EventStore store,
            Interpreter interpreter,
            CompiledScripts scripts,
            ChildScripts children,
            DurableSettings settings,
            Clock clock,
            EngineMetrics metrics,
            MessageSignals signals) {
        this.store = requireNonNull(store, "store is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.host = hostName();
        this.pid = ProcessHandle.current().pid();
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        String owner = settings.nodeName() + "/" + host + "/" + pid + "/"
                + HexFormat.of().formatHex(random);
        if (owner.length() > 200) {
            owner = owner.substring(owner.length() - 200);
        }
        this.node = new Node(owner, store, interpreter, scripts, children, settings, clock, metrics, signals);
        this.activations = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("basicflow-activation-", 0).factory());
        int lane = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.platformLaneFree = new Semaphore(lane);
        this.platformLane = Executors.newFixedThreadPool(
                lane,
                Thread.ofPlatform()
                        .daemon(true)
                        .name("basicflow-activation-" + settings.nodeName() + "-", 0)
                        .factory());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "basicflow-leases-" + settings.nodeName());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * This node's lease owner id: {@code <node name>/<host>/<pid>/<random>}.
     *
     * @return the owner id
     */
    public String owner() {
        return node.owner;
    }

    /**
     * How many activations run now.
     *
     * @return the count
     */
    public int activeCount() {
        return active.get();
    }

    /**
     * Starts claiming and running work: frees the leases of dead processes of this host, starts the
     * lease heartbeat, the notification listener and the dispatcher.
     *
     * @return this pool
     * @throws IllegalStateException when already started or closed
     */
    public WorkerPool start() {
        synchronized (lifecycle) {
            if (started || closed) {
                throw new IllegalStateException("this worker pool was already started");
            }
            started = true;
            long heartbeat = settings.heartbeatInterval().toMillis();
            scheduler.scheduleWithFixedDelay(this::heartbeat, 0, heartbeat, TimeUnit.MILLISECONDS);
            try {
                listener = store.listen(this::wakeUp);
            } catch (RuntimeException e) {
                log.warn(
                        "Cannot listen for notifications now ({}); polling every {}",
                        e.getMessage(),
                        settings.pollInterval());
            }
            dispatcher = Thread.ofPlatform()
                    .name("basicflow-dispatcher-" + settings.nodeName())
                    .daemon(true)
                    .start(this::dispatch);
            log.info("Worker pool {} started: {} activations at once", node.owner, settings.concurrency());
            return this;
        }
    }

    /** Asks the dispatcher to look for work now (e.g. after this process started an execution). */
    public void wakeUp() {
        signalled = true;
        Thread thread = dispatcher;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    // ---- dispatching ----

    private void dispatch() {
        int failures = 0;
        long nextTimerLookNanos = 0;
        while (!node.stopping && !node.abandoned) {
            signalled = false;
            int free = settings.concurrency() - active.get();
            if (free <= 0) {
                // Every activation that ends now wakes the dispatcher (more work is likely).
                moreWork = true;
                if (settings.concurrency() - active.get() <= 0) {
                    park(settings.pollInterval().toNanos());
                }
                continue;
            }
            int wanted = Math.min(free, settings.claimBatch());
            List<ClaimedExecution> claimed;
            try {
                claimed = store.claim(node.owner, wanted, clock.instant(), settings.leaseTimeout());
                if (failures > 0) {
                    log.info("Worker pool {} reaches the database again", node.owner);
                }
                failures = 0;
            } catch (RuntimeException e) {
                failures++;
                if (failures == 1) {
                    log.warn("Worker pool {} cannot claim work: {}; retrying with backoff", node.owner, e.getMessage());
                }
                park(backoff(failures, Duration.ofSeconds(2)).toNanos());
                signalled = true;
                continue;
            }
            if (!claimed.isEmpty()) {
                metrics.claimed(claimed.size());
                for (ClaimedExecution execution : claimed) {
                    launch(execution);
                }
            }
            if (claimed.size() == wanted) {
                moreWork = true;
                continue;
            }
            moreWork = false;
            if (lookForTimers || System.nanoTime() - nextTimerLookNanos >= 0) {
                lookForTimers = false;
                nextTimerLookNanos = System.nanoTime() + settings.pollInterval().toNanos();
                try {
                    store.nextWakeAt().ifPresent(this::scheduleWake);
                } catch (RuntimeException e) {
                    log.debug("Cannot read the next timer: {}", e.getMessage());
                }
            }
            park(settings.pollInterval().toNanos());
        }
    }

    private void park(long nanos) {
        long deadline = System.nanoTime() + nanos;
        while (!signalled && !node.stopping && !node.abandoned) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            LockSupport.parkNanos(this, left);
        }
    }

    private void scheduleWake(Instant at) {
        Duration delay = Duration.between(clock.instant(), at);
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            if (timer != null && !timer.isDone() && !timerAt.isAfter(at)) {
                return;
            }
            if (timer != null) {
                timer.cancel(false);
            }
            timerAt = at;
            timer = scheduler.schedule(
                    () -> {
                        lookForTimers = true;
                        wakeUp();
                    },
                    Math.max(0, delay.toMillis()) + 1,
                    TimeUnit.MILLISECONDS);
        }
    }

    // ---- executions started in this process (LocalWorkers) ----

    /**
     * Reserves room for an execution the API of this process starts, while this pool runs and has
     * room; counted as an activation from now on, so the dispatcher claims that much less.
     */
    @Override
    public Optional<NewExecution.Lease> reserve() {
        if (!started || closed || node.stopping || node.abandoned) {
            return Optional.empty();
        }
        for (int now = active.get(); now < settings.concurrency(); now = active.get()) {
            if (active.compareAndSet(now, now + 1)) {
                return Optional.of(new NewExecution.Lease(node.owner, settings.leaseTimeout()));
            }
        }
        return Optional.empty();
    }

    /** Runs an execution created leased to this pool, in the room {@link #reserve()} made. */
    @Override
    public void runLeased(ClaimedExecution execution) {
        requireNonNull(execution, "execution is null");
        launchCounted(execution);
    }

    /** Gives back room that {@link #reserve()} made and was not used. */
    @Override
    public void cancel() {
        active.decrementAndGet();
        if (moreWork) {
            wakeUp();
        }
    }

    private void launch(ClaimedExecution execution) {
        active.incrementAndGet();
        launchCounted(execution);
    }

    /** Starts the activation of an execution already counted in {@link #active}. */
    private void launchCounted(ClaimedExecution execution) {
        running.add(execution.id());
        try {
            if (platformLaneFree.tryAcquire()) {
                try {
                    platformLane.execute(() -> {
                        try {
                            activate(execution);
                        } finally {
                            platformLaneFree.release();
                        }
                    });
                } catch (RejectedExecutionException e) {
                    platformLaneFree.release();
                    throw e;
                }
            } else {
                activations.execute(() -> activate(execution));
            }
        } catch (RejectedExecutionException e) {
            active.decrementAndGet();
            running.remove(execution.id());
            giveBack(execution.id(), 0);
        }
    }

    // ---- activations ----

    private void activate(ClaimedExecution claimed) {
        String id = claimed.id();
        String ended = "error";
        metrics.activationStarted(id, node.owner);
        try {
            ended = run(claimed);
            failedActivations.remove(id);
        } catch (LeaseLostException e) {
            ended = "lease-lost";
            log.info("{}", e.getMessage());
            // Usually another worker holds it now and this does nothing; but when a commit was
            // repeated after its first attempt went through, the lease is still this node's.
            giveBack(id, 0);
        } catch (ActivationInterrupt.Stopped e) {
            ended = "stopped";
        } catch (ActivationInterrupt.Abandoned e) {
            ended = "abandoned";
        } catch (DeferredWriteRefused e) {
            ended = "deferred-write-refused";
            log.info("{}", e.getMessage());
            giveBack(id, 0);
        } catch (RuntimeException e) {
            if (node.abandoned) {
                ended = "abandoned";
            } else {
                log.warn(
                        "Activation of execution {} failed: {}; giving it back to resume from its last commit",
                        id,
                        e.toString());
                giveBack(id, 0);
            }
        } catch (StackOverflowError e) {
            log.error("Activation of execution {} overflowed the stack; giving it back", id, e);
            giveBack(id, 0);
        } finally {
            running.remove(id);
            active.decrementAndGet();
            metrics.activationEnded(id, node.owner, ended);
            if (moreWork) {
                wakeUp();
            }
        }
    }

    /** Runs one activation; returns how it ended, for the metrics. */
    private String run(ClaimedExecution claimed) {
        ExecutionState state = Executions.restore(claimed.snapshotJson(), claimed.tail());
        DurableJournal journal = new DurableJournal(
                node,
                claimed.id(),
                claimed.parentId(),
                claimed.version(),
                claimed.inboxVersion(),
                claimed.snapshotSeq(),
                state.sequence(),
                claimed.inbox());
        journal.claimedWatch(claimed.watch());
        long stepsBefore = state.steps();
        Interpreter interpreter = node.interpreter;
        Outcome outcome;
        if (claimed.cancelReason().isPresent()) {
            outcome = interpreter.cancel(state, journal, claimed.cancelReason().get());
        } else {
            CompiledScripts.Compiled script;
            try {
                script = node.scripts.get(claimed.scriptHash(), claimed.scriptName());
                if (!script.program().fingerprint().equals(state.snapshot().programFingerprint())) {
                    throw new PinnedScriptException("execution " + claimed.id() + " started on a program of shape "
                            + state.snapshot().programFingerprint() + ", but its pinned script "
                            + claimed.scriptName() + " now compiles to shape "
                            + script.program().fingerprint()
                            + " (the compiler changed); it cannot resume on this version of basicflow");
                }
            } catch (PinnedScriptException e) {
                outcome = failWithoutRunning(state, journal, claimed.scriptName(), e.getMessage());
                return name(outcome);
            }
            try {
                outcome = interpreter.run(script.program(), state, journal, settings.limits());
            } catch (ActivationInterrupt.CancelRequested e) {
                outcome = interpreter.cancel(state, journal, e.reason());
            }
        }
        metrics.stepsCompleted(state.steps() - stepsBefore);
        switch (outcome) {
            case Outcome.Yielded ignored -> {
                moreWork = true;
                wakeUp();
            }
            case Outcome.WaitingTimer waiting -> scheduleWake(waiting.wakeAt());
            case Outcome.WaitingChild ignored -> wakeUp();
            case Outcome.Completed ignored -> wakeIfChild(claimed);
            case Outcome.Failed ignored -> wakeIfChild(claimed);
            case Outcome.Cancelled ignored -> wakeIfChild(claimed);
            case Outcome.WaitingInput ignored -> {}
        }
        return name(outcome);
    }

    private void wakeIfChild(ClaimedExecution claimed) {
        if (claimed.parentId().isPresent()) {
            wakeUp();
        }
    }

    /** Fails an execution that cannot run (its script is gone or changed shape), without running it. */
    private Outcome failWithoutRunning(ExecutionState state, DurableJournal journal, String script, String message) {
        log.error("Execution {} fails: {}", state.executionId(), message);
        ExecutionError error = new ExecutionError(ExecutionError.Kind.INTERNAL, script, Optional.empty(), message);
        ExecutionEvent.ExecutionFailed failed =
                new ExecutionEvent.ExecutionFailed(state.sequence() + 1, error, io.basicflow.engine.event.Delta.NONE);
        journal.record(failed);
        StateFold.apply(state, failed);
        Outcome outcome = new Outcome.Failed(error);
        journal.activationEnded(state, outcome);
        return outcome;
    }

    private static String name(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Completed ignored -> "completed";
            case Outcome.Failed ignored -> "failed";
            case Outcome.Cancelled ignored -> "cancelled";
            case Outcome.WaitingInput ignored -> "waiting-input";
            case Outcome.WaitingTimer ignored -> "waiting-timer";
            case Outcome.WaitingChild ignored -> "waiting-child";
            case Outcome.Yielded ignored -> "yielded";
        };
    }

    /** Gives a lease back after a failed activation, retrying until it works or the lease is gone. */
    private void giveBack(String executionId, int attempt) {
        metrics.leaseReleasing(executionId, node.owner);
        givingBack.add(executionId);
        try {
            // An execution whose activations keep failing waits longer each time (a poison pill must
            // not keep a worker busy).
            int failures = failedActivations.getOrDefault(executionId, 0);
            Duration delay = failures <= 1 ? Duration.ZERO : backoff(failures + 2, Duration.ofSeconds(30));
            boolean released =
                    store.releaseLease(executionId, node.owner, clock.instant().plus(delay));
            givingBack.remove(executionId);
            if (released) {
                wakeUp();
            }
        } catch (RuntimeException e) {
            Duration wait = backoff(attempt + 1, Duration.ofSeconds(5));
            long limit = settings.leaseTimeout().toMillis() * 2;
            if (closed || attempt > 0 && wait.toMillis() * attempt > limit) {
                givingBack.remove(executionId);
                log.info("Could not give back execution {} ({}); its lease will expire", executionId, e.getMessage());
                return;
            }
            try {
                scheduler.schedule(() -> giveBack(executionId, attempt + 1), wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopped) {
                givingBack.remove(executionId);
            }
        }
    }

    // ---- leases ----

    private void heartbeat() {
        if (node.abandoned) {
            return;
        }
        try {
            List<String> runningNow = List.copyOf(running);
            if (!runningNow.isEmpty()) {
                store.renewLeases(node.owner, runningNow, settings.leaseTimeout());
            }
            // Never its own running executions: the renewal skips a row locked at that moment.
            int freed = store.freeExpiredLeases(1000, clock.instant(), node.owner, runningNow);
            if (settings.reclaimDeadLocalOwners()) {
                freed += freeDeadLocalOwners();
            }
            if (freed > 0) {
                log.info("Freed {} lease(s) of dead workers", freed);
                metrics.leasesFreed(freed);
                wakeUp();
            }
        } catch (RuntimeException e) {
            log.warn("Lease heartbeat of {} failed: {}", node.owner, e.getMessage());
        }
    }

    /** Frees the leases of owners on this host whose process is gone (a kill -9 and a restart). */
    private int freeDeadLocalOwners() {
        int freed = 0;
        for (String owner : store.leaseOwners()) {
            String[] parts = owner.split("/");
            if (parts.length != 4 || !parts[1].equals(host) || owner.equals(node.owner)) {
                continue;
            }
            long ownerPid;
            try {
                ownerPid = Long.parseLong(parts[2]);
            } catch (NumberFormatException e) {
                continue;
            }
            if (ownerPid != pid && ProcessHandle.of(ownerPid).isEmpty()) {
                int count = store.freeLeasesOf(owner, clock.instant());
                if (count > 0) {
                    log.info("Process {} of {} is gone: freed its {} execution(s)", ownerPid, owner, count);
                }
                freed += count;
            }
        }
        return freed;
    }

    private static Duration backoff(int failures, Duration max) {
        long millis = 50L << Math.min(failures, 12);
        return millis >= max.toMillis() ? max : Duration.ofMillis(millis);
    }

    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.isBlank() ? "localhost" : name.replace('/', '_');
        } catch (UnknownHostException e) {
            String fallback = System.getenv("HOSTNAME");
            return fallback == null || fallback.isBlank() ? "localhost" : fallback.replace('/', '_');
        }
    }

    // ---- stopping ----

    /**
     * Stops gracefully: claims no more work; running activations give their executions back at
     * their next checkpoint (an effect that runs finishes first), then the heartbeat and listener
     * stop. Activations still running after {@link DurableSettings#shutdownTimeout()} are
     * interrupted; their leases expire and another node takes them over.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
        }
        node.stopping = true;
        wakeUp();
        joinDispatcher();
        long deadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
        while (active.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
        if (active.get() > 0) {
            log.warn(
                    "{} activation(s) of {} did not stop within {}; interrupting them",
                    active.get(),
                    node.owner,
                    settings.shutdownTimeout());
            activations.shutdownNow();
            platformLane.shutdownNow();
        } else {
            activations.shutdown();
            platformLane.shutdown();
        }
        try {
            activations.awaitTermination(1, TimeUnit.SECONDS);
            platformLane.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (String executionId : List.copyOf(givingBack)) {
            try {
                store.releaseLease(executionId, node.owner, clock.instant());
            } catch (RuntimeException e) {
                log.info("Could not give back execution {} ({}); its lease will expire", executionId, e.getMessage());
            }
        }
        stopBackground();
        log.info("Worker pool {} stopped", node.owner);
    }

    /**
     * Stops at once as if the process had died (for tests of crashes and take-overs): nothing more
     * is written, running activations are interrupted, leases are neither renewed nor given back, so
     * they expire and another node takes the executions over.
     */
    public void abandon() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
        }
        node.abandoned = true;
        wakeUp();
        scheduler.shutdownNow();
        activations.shutdownNow();
        platformLane.shutdownNow();
        joinDispatcher();
        stopBackground();
    }

    private void joinDispatcher() {
        Thread thread = dispatcher;
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void stopBackground() {
        scheduler.shutdownNow();
        AutoCloseable current = listener;
        listener = null;
        if (current != null) {
            try {
                current.close();
            } catch (Exception e) {
                log.debug("Closing the listener failed: {}", e.getMessage());
            }
        }
    }
}
