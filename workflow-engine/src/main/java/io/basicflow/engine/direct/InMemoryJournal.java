package io.basicflow.engine.direct;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.interpreter.InputRequest;
import io.basicflow.engine.interpreter.Journal;
import io.basicflow.engine.interpreter.Sleeper;
import io.basicflow.engine.state.ChildRequest;
import io.basicflow.engine.state.ChildResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The journal of a direct run: nothing is stored outside the process. Messages go to the {@link
 * Conversation}, a {@code HEAR} blocks on {@link Conversation#listen}, a timer sleeps through the
 * {@link Sleeper}, effects simply run, and a child's result is whatever {@link #deliver} handed in.
 *
 * <p>{@linkplain #recording(Conversation, Sleeper, Clock) Recording} keeps every event with its
 * delta (for tests and for replay checks); {@linkplain #nonRecording(Conversation, Sleeper, Clock)
 * non-recording} keeps only counts, so a step costs next to nothing.
 */
public final class InMemoryJournal implements Journal {

    private final Conversation conversation;
    private final Sleeper sleeper;
    private final Clock clock;
    private final boolean recording;
    private final List<ExecutionEvent> events = new ArrayList<>();
    private long lastSequence;
    private long eventCount;
    private ChildResult delivered;
    // The children of a step that starts several (STEP n: PARALLEL), by the sequence number of their
    // ChildStarted: they run one after the other here, each result kept until the step ends.
    private final Map<Long, ChildRequest> started = new HashMap<>();
    private final Map<Long, ChildResult> results = new HashMap<>();

    private InMemoryJournal(Conversation conversation, Sleeper sleeper, Clock clock, boolean recording) {
        this.conversation = requireNonNull(conversation, "conversation is null");
        this.sleeper = requireNonNull(sleeper, "sleeper is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.recording = recording;
    }

    /**
     * A journal that keeps every event, each with its delta.
     *
     * @param conversation the user
     * @param sleeper how timers wait
     * @param clock the clock timers are measured with
     * @return the journal
     */
    public static InMemoryJournal recording(Conversation conversation, Sleeper sleeper, Clock clock) {
        return new InMemoryJournal(conversation, sleeper, clock, true);
    }

    /**
     * A journal that keeps no events: the fast mode of direct runs.
     *
     * @param conversation the user
     * @param sleeper how timers wait
     * @param clock the clock timers are measured with
     * @return the journal
     */
    public static InMemoryJournal nonRecording(Conversation conversation, Sleeper sleeper, Clock clock) {
        return new InMemoryJournal(conversation, sleeper, clock, false);
    }

    @Override
    public boolean recording() {
        return recording;
    }

    @Override
    public void record(ExecutionEvent event) {
        if (event.sequence() != lastSequence + 1 && eventCount > 0) {
            throw new IllegalStateException(
                    "event " + event.sequence() + " does not follow event " + lastSequence + " in the journal");
        }
        lastSequence = event.sequence();
        eventCount++;
        if (recording) {
            events.add(event);
        }
        if (event instanceof ExecutionEvent.ChildStarted child) {
            started.put(event.sequence(), child.request());
        } else if (event instanceof ExecutionEvent.ChildCompleted) {
            started.clear();
            results.clear();
        }
        if (event instanceof ExecutionEvent.MessageSent message) {
            if (message.recipient().isPresent() && message.extras().isPresent()) {
                conversation.say(
                        message.recipient().get(),
                        message.text(),
                        message.extras().get());
            } else if (message.recipient().isPresent()) {
                conversation.say(message.recipient().get(), message.text());
            } else if (message.extras().isPresent()) {
                conversation.say(message.text(), message.extras().get());
            } else {
                conversation.say(message.text());
            }
        }
    }

    @Override
    public Optional<String> nextInput(InputRequest request) {
        return conversation.listen(request);
    }

    @Override
    public boolean awaitTimer(Instant wakeAt) {
        Duration remaining = Duration.between(clock.instant(), wakeAt);
        try {
            sleeper.sleep(remaining.isNegative() ? Duration.ZERO : remaining);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public Optional<ChildResult> childResult(ChildRequest request) {
        ChildResult result = delivered;
        delivered = null;
        return Optional.ofNullable(result);
    }

    @Override
    public Optional<ChildResult> childResult(ChildRequest request, long startedSeq) {
        ChildResult known = results.get(startedSeq);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<ChildResult> result = childResult(request);
        result.ifPresent(value -> results.put(startedSeq, value));
        return result;
    }

    @Override
    public Optional<ChildRequest> startedChild(long startedSeq) {
        return Optional.ofNullable(started.get(startedSeq));
    }

    /**
     * Hands in the result of the child the execution waits for; the next {@link
     * io.basicflow.engine.interpreter.Interpreter#run} takes it.
     *
     * @param result how the child ended
     */
    public void deliver(ChildResult result) {
        this.delivered = requireNonNull(result, "result is null");
    }

    /**
     * The recorded events (empty for a non-recording journal).
     *
     * @return the events in order, unmodifiable
     */
    public List<ExecutionEvent> events() {
        return Collections.unmodifiableList(events);
    }

    /**
     * How many events were recorded, kept or not.
     *
     * @return the count
     */
    public long eventCount() {
        return eventCount;
    }
}
