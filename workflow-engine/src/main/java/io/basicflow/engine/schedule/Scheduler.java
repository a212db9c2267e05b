package io.basicflow.engine.schedule;

import static java.util.Objects.requireNonNull;

import io.basicflow.compiler.schedule.Cron;
import io.basicflow.engine.api.EngineException;
import io.basicflow.engine.api.ExecutionConflictException;
import io.basicflow.engine.api.StartRequest;
import io.basicflow.engine.api.WorkflowEngine;
import io.basicflow.engine.json.EngineJson;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.Value;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the deployed schedules' ticks. Every node runs one: a single thread that polls the store
 * (no thread per schedule) and starts each due tick as a durable execution whose id holds the tick's
 * time ({@link ScheduleIds}), so that nodes racing for one tick start one execution, and a node that
 * dies between starting a tick and recording it leaves the tick to another node, which finds the
 * execution already there.
 *
 * <p>Missed ticks: a tick late by at most the {@code misfireGrace} runs, each one (a slow poll, a node
 * killed and its schedules taken over by another, a short stop). Of the ticks older than that
 * (everything was down), only the latest runs, once.
 */
public final class Scheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

    /** Most schedules fired in one transaction. */
    private static final int BATCH = 50;

    /** Most ticks of one schedule started in one poll; the rest wait for the next poll. */
    private static final int MAX_TICKS_PER_POLL = 1000;

    /** Windows in which the latest of the ticks missed beyond the grace is looked for, shortest first. */
    /** Where a registered start that cannot start is parked, for an operator to see and remove. */
    private static final Duration PARKED = Duration.ofDays(3650);

    private static final List<Duration> LATE_WINDOWS =
            List.of(Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(32), Duration.ofDays(400));

    private final ScheduleStore store;
    private final WorkflowEngine engine;
    private final ZoneId zone;
    private final Duration misfireGrace;
    private final Clock clock;
    private ScheduledExecutorService thread;

    /**
     * A scheduler, not started.
     *
     * @param store the schedules
     * @param engine starts the ticks' executions
     * @param zone the zone cron fields are read in
     * @param misfireGrace how late a tick may be and still run (each one)
     * @param clock the time
     */
    public Scheduler(ScheduleStore store, WorkflowEngine engine, ZoneId zone, Duration misfireGrace, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.zone = requireNonNull(zone, "zone is null");
        this.misfireGrace = requireNonNull(misfireGrace, "misfireGrace is null");
        this.clock = requireNonNull(clock, "clock is null");
        if (misfireGrace.isNegative()) {
            throw new IllegalArgumentException("the misfire grace must not be negative, was " + misfireGrace);
        }
    }

    /**
     * Starts polling on a daemon thread of its own.
     *
     * @param pollInterval the time between two polls
     * @return this scheduler
     */
    public synchronized Scheduler start(Duration pollInterval) {
        if (thread != null) {
            throw new IllegalStateException("the scheduler runs already");
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("the schedule poll interval must be positive, was " + pollInterval);
        }
        thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "basicflow-scheduler");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::pollQuietly, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            log.warn("firing the schedules failed; trying again at the next poll: {}", e.toString());
        }
    }

    /**
     * Fires every due schedule once (what the polling thread does each time).
     *
     * @return how many schedules were fired
     */
    public int poll() {
        int total = 0;
        while (true) {
            Instant now = clock.instant();
            int fired = store.fireDue(now, BATCH, schedule -> fire(schedule, now));
            total += fired;
            if (fired < BATCH) {
                break;
            }
        }
        while (true) {
            Instant now = clock.instant();
            int fired = store.fireDueRegistered(now, BATCH, registered -> fireRegistered(registered, now));
            total += fired;
            if (fired < BATCH) {
                return total;
            }
        }
    }

    /**
     * A start registered at run time: a one-shot one starts its execution, whose id is the
     * registration's; a recurring one runs its due ticks like a deployed schedule (the first tick is
     * the first at or after the registration's second).
     */
    private ScheduleStore.Fired fireRegistered(RegisteredSchedule registered, Instant now) {
        ScheduleRegistration registration = registered.registration();
        Map<String, Value> variables = variables(registration);
        if (registration.once()) {
            Optional<String> error = start(registration.id(), registration, variables, registration.nextFireAt());
            return new ScheduleStore.Fired(
                    error.isPresent() ? now.plus(PARKED) : registration.nextFireAt(),
                    Optional.of(registration.nextFireAt()),
                    error.isPresent() ? Optional.empty() : Optional.of(registration.id()),
                    error);
        }
        Cron cron;
        try {
            cron = Cron.parse(registration.cron().orElseThrow());
        } catch (IllegalArgumentException e) {
            return new ScheduleStore.Fired(
                    now.plus(PARKED), Optional.empty(), Optional.empty(), Optional.of(e.getMessage()));
        }
        Optional<Instant> first = cron.next(registration.nextFireAt().minusSeconds(1), zone);
        if (first.isEmpty()) {
            return new ScheduleStore.Fired(
                    now.plus(PARKED), Optional.empty(), Optional.empty(), Optional.of("the schedule never fires"));
        }
        if (first.get().isAfter(now)) {
            return new ScheduleStore.Fired(first.get(), Optional.empty(), Optional.empty(), Optional.empty());
        }
        List<Instant> ticks = ticksToRun(cron, first.get(), now);
        Optional<String> error = Optional.empty();
        String lastId = null;
        for (Instant tick : ticks) {
            String id = ScheduleIds.of(registration.script(), registration.id(), tick);
            error = start(id, registration, variables, tick);
            if (error.isEmpty()) {
                lastId = id;
            }
        }
        Instant last = ticks.getLast();
        Instant next = cron.next(last, zone).orElse(last.plus(PARKED));
        return new ScheduleStore.Fired(next, Optional.of(last), Optional.ofNullable(lastId), error);
    }

    /** Starts one execution of a registered start; its error when it cannot start. */
    private Optional<String> start(
            String id, ScheduleRegistration registration, Map<String, Value> variables, Instant tick) {
        try {
            engine.start(
                    new StartRequest(Optional.of(id), registration.script(), registration.source(), variables, true));
        } catch (ExecutionConflictException e) {
            // started already (a node that died before recording it, or a racing node)
        } catch (EngineException | IllegalArgumentException e) {
            log.warn(
                    "registered start {} of {}: the start at {} cannot be made: {}",
                    registration.id(),
                    registration.script(),
                    tick,
                    e.getMessage());
            return Optional.of(String.valueOf(e.getMessage()));
        }
        return Optional.empty();
    }

    private static Map<String, Value> variables(ScheduleRegistration registration) {
        Map<String, Value> variables = new LinkedHashMap<>();
        if (EngineJson.readValue(registration.variablesJson()) instanceof MapValue map) {
            variables.putAll(map.entries());
        }
        return variables;
    }

    private ScheduleStore.Fired fire(Schedule schedule, Instant now) {
        Cron cron;
        try {
            cron = Cron.parse(schedule.cron());
        } catch (IllegalArgumentException e) {
            // Deployed by a version that read the expression differently: park it far away.
            return new ScheduleStore.Fired(
                    now.plus(Duration.ofDays(3650)), Optional.empty(), Optional.empty(), Optional.of(e.getMessage()));
        }
        List<Instant> ticks = ticksToRun(cron, schedule.nextFireAt(), now);
        Optional<String> error = Optional.empty();
        String lastId = null;
        for (Instant tick : ticks) {
            String id = ScheduleIds.of(schedule.script(), schedule.expression(), tick);
            try {
                engine.start(new StartRequest(Optional.of(id), schedule.script(), schedule.source(), Map.of(), true));
                error = Optional.empty();
                lastId = id;
            } catch (ExecutionConflictException e) {
                // The tick has its execution already, started on the script as deployed before.
                error = Optional.empty();
                lastId = id;
            } catch (EngineException e) {
                // The script does not compile (or is refused): this tick cannot run; the next one is tried.
                log.warn(
                        "schedule \"{}\" of {}: the tick {} cannot start: {}",
                        schedule.expression(),
                        schedule.script(),
                        tick,
                        e.getMessage());
                error = Optional.of(e.getMessage());
            }
        }
        Instant last = ticks.getLast();
        Instant next = cron.next(last, zone).orElse(last.plus(Duration.ofDays(3650)));
        return new ScheduleStore.Fired(next, Optional.of(last), Optional.ofNullable(lastId), error);
    }

    /**
     * The ticks a due schedule runs now: the latest of those missed beyond the grace (if any), then
     * every tick within the grace up to now, in order; at most {@value #MAX_TICKS_PER_POLL}.
     *
     * @param cron the schedule
     * @param nextFireAt its first tick not started, at or before {@code now}
     * @param now the current time
     * @return the ticks, never empty
     */
    List<Instant> ticksToRun(Cron cron, Instant nextFireAt, Instant now) {
        Instant cutoff = now.minus(misfireGrace);
        List<Instant> ticks = new ArrayList<>();
        Instant t = nextFireAt;
        if (t.isBefore(cutoff)) {
            Instant latestLate = latestBefore(cron, nextFireAt, cutoff);
            ticks.add(latestLate);
            t = cron.next(latestLate, zone).orElse(null);
        }
        while (t != null && !t.isAfter(now) && ticks.size() < MAX_TICKS_PER_POLL) {
            ticks.add(t);
            t = cron.next(t, zone).orElse(null);
        }
        return ticks;
    }

    /** The latest tick at or after {@code first} (a tick) and before {@code cutoff}. */
    private Instant latestBefore(Cron cron, Instant first, Instant cutoff) {
        for (Duration window : LATE_WINDOWS) {
            Instant from = cutoff.minus(window);
            if (!from.isAfter(first)) {
                break;
            }
            Optional<Instant> found = lastIn(cron, cron.next(from, zone), cutoff);
            if (found.isPresent()) {
                return found.get();
            }
        }
        return lastIn(cron, Optional.of(first), cutoff).orElse(first);
    }

    private Optional<Instant> lastIn(Cron cron, Optional<Instant> start, Instant cutoff) {
        Optional<Instant> last = Optional.empty();
        Optional<Instant> t = start;
        while (t.isPresent() && t.get().isBefore(cutoff)) {
            last = t;
            t = cron.next(t.get(), zone);
        }
        return last;
    }

    /** Stops polling; a poll under way finishes its transaction. */
    @Override
    public synchronized void close() {
        if (thread != null) {
            thread.shutdown();
            try {
                if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                    thread.shutdownNow();
                }
            } catch (InterruptedException e) {
                thread.shutdownNow();
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }
}
