package io.basicflow.testkit.internal;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.json.EngineJson;
import io.basicflow.engine.store.EventRecord;
import io.basicflow.engine.store.ExecutionCommit;
import io.basicflow.testkit.StepEvent;
import io.basicflow.testkit.StepMatcher;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The crashes a kit will simulate, each once: after the commit that holds an event a matcher
 * matches, or after the n-th commit. Shared by every engine the kit starts, so a crash point that
 * fired is not fired again by the engine that resumes. Thread-safe.
 */
public final class CrashPlan {

    private sealed interface CrashPoint {}

    private record AfterMatch(StepMatcher matcher) implements CrashPoint {}

    private record AfterCommit(long commit) implements CrashPoint {}

    private final List<CrashPoint> pending = new ArrayList<>();
    private long commits;

    /** An empty plan. */
    public CrashPlan() {}

    /**
     * Adds a crash after the commit that holds the first event the matcher matches.
     *
     * @param matcher the matcher
     */
    public synchronized void afterMatch(StepMatcher matcher) {
        pending.add(new AfterMatch(requireNonNull(matcher, "matcher is null")));
    }

    /**
     * Adds a crash after a numbered commit.
     *
     * @param commit the commit's number, from 1, counted across the kit's engines
     */
    public synchronized void afterCommit(long commit) {
        if (commit < 1) {
            throw new IllegalArgumentException("commits are counted from 1, was " + commit);
        }
        pending.add(new AfterCommit(commit));
    }

    /**
     * Counts a written commit and says whether a crash point fires on it (and removes that point).
     *
     * @param commit one execution's commit that was written
     * @return true when the engine must die after it
     */
    synchronized boolean written(ExecutionCommit commit) {
        commits++;
        if (pending.isEmpty()) {
            return false;
        }
        List<StepEvent> events = null;
        for (Iterator<CrashPoint> iterator = pending.iterator(); iterator.hasNext(); ) {
            boolean fires = switch (iterator.next()) {
                case AfterCommit after -> after.commit() == commits;
                case AfterMatch after -> {
                    if (events == null) {
                        events = events(commit);
                    }
                    yield events.stream().anyMatch(after.matcher()::matches);
                }
            };
            if (fires) {
                iterator.remove();
                return true;
            }
        }
        return false;
    }

    /**
     * How many commits were written so far.
     *
     * @return the count
     */
    public synchronized long commits() {
        return commits;
    }

    private static List<StepEvent> events(ExecutionCommit commit) {
        List<StepEvent> events = new ArrayList<>(commit.events().size());
        for (EventRecord record : commit.events()) {
            ExecutionEvent event = EngineJson.readEvent(record.json());
            if (event instanceof ExecutionEvent.StepsCompleted || event instanceof ExecutionEvent.EventsPacked) {
                // A run of plain steps or a packed commit is one row but several events: each is shown
                // on its own, so a matcher of one step's line or of one event's type fires after the
                // commit that holds it, as it did when every event was a row.
                for (ExecutionEvent inner : ExecutionEvent.unpacked(event)) {
                    events.add(new StepEvent(
                            commit.executionId(),
                            inner.sequence(),
                            inner.getClass().getSimpleName(),
                            inner));
                }
            } else {
                events.add(new StepEvent(commit.executionId(), record.seq(), record.type(), event));
            }
        }
        return events;
    }
}
