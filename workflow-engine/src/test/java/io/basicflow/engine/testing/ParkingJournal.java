package io.basicflow.engine.testing;

import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.interpreter.ExecutionState;
import io.basicflow.engine.interpreter.InputRequest;
import io.basicflow.engine.interpreter.Journal;
import io.basicflow.engine.state.ChildRequest;
import io.basicflow.engine.state.ChildResult;
import io.basicflow.engine.state.ExecutionSnapshot;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A journal that behaves like a durable one: it never blocks. Input comes from an inbox (empty: the
 * execution parks), timers are never awaited (the execution parks until the clock passes), a child's
 * result is there only once delivered. It records every event and the snapshot taken at each effect
 * boundary, to simulate a crash there.
 */
public class ParkingJournal implements Journal {

    public final Deque<String> inbox = new ArrayDeque<>();
    public final List<ExecutionEvent> events = new ArrayList<>();
    public final List<ExecutionSnapshot> effectBoundaries = new ArrayList<>();
    public ChildResult childResult;

    @Override
    public boolean recording() {
        return true;
    }

    @Override
    public void record(ExecutionEvent event) {
        events.add(event);
    }

    @Override
    public void beforeEffect(ExecutionState state) {
        effectBoundaries.add(state.snapshot());
    }

    @Override
    public Optional<String> nextInput(InputRequest request) {
        return Optional.ofNullable(inbox.pollFirst());
    }

    @Override
    public boolean awaitTimer(Instant wakeAt) {
        return false;
    }

    @Override
    public Optional<ChildResult> childResult(ChildRequest request) {
        ChildResult result = childResult;
        childResult = null;
        return Optional.ofNullable(result);
    }

    public List<String> messages() {
        List<String> messages = new ArrayList<>();
        for (ExecutionEvent event : events) {
            if (event instanceof ExecutionEvent.MessageSent message) {
                messages.add(message.text());
            }
        }
        return messages;
    }
}
