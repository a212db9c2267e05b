package io.basicflow.engine.durable;

import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.interpreter.InputRequest;
import io.basicflow.engine.interpreter.Journal;
import io.basicflow.engine.state.ChildRequest;
import io.basicflow.engine.state.ChildResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collects the events of an operation that runs no steps (start, cancel, retry), for the caller to
 * commit itself.
 */
final class CollectingJournal implements Journal {

    final List<ExecutionEvent> events = new ArrayList<>();

    @Override
    public boolean recording() {
        return true;
    }

    @Override
    public void record(ExecutionEvent event) {
        events.add(event);
    }

    @Override
    public Optional<String> nextInput(InputRequest request) {
        throw new IllegalStateException("no steps run here");
    }

    @Override
    public boolean awaitTimer(Instant wakeAt) {
        throw new IllegalStateException("no steps run here");
    }

    @Override
    public Optional<ChildResult> childResult(ChildRequest request) {
        throw new IllegalStateException("no steps run here");
    }
}
