package io.basicflow.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.interpreter.ExecutionState;
import io.basicflow.engine.interpreter.InputRequest;
import io.basicflow.engine.interpreter.Journal;
import io.basicflow.engine.interpreter.Outcome;
import io.basicflow.engine.interpreter.StateFold;
import io.basicflow.engine.json.EngineJson;
import io.basicflow.engine.state.ChildRequest;
import io.basicflow.engine.state.ChildResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A recording journal that checks, wherever a durable run would commit (after every step, before
 * every effect, at the end of every activation), that folding the events so far gives exactly the
 * live state, and that every event survives JSON unchanged.
 */
public final class CheckingJournal implements Journal {

    private final Journal delegate;
    private final List<ExecutionEvent> events = new ArrayList<>();
    private ExecutionState folded;
    private int checks;

    public CheckingJournal(Journal delegate) {
        this.delegate = delegate;
        assertThat(delegate.recording()).as("the checked journal records").isTrue();
    }

    @Override
    public boolean recording() {
        return true;
    }

    @Override
    public void record(ExecutionEvent event) {
        assertThat(EngineJson.readEvent(EngineJson.write(event))).isEqualTo(event);
        events.add(event);
        if (event instanceof ExecutionEvent.ExecutionStarted started) {
            folded = StateFold.start(started);
        } else {
            StateFold.apply(folded, event);
        }
        delegate.record(event);
    }

    private void check(ExecutionState state) {
        checks++;
        assertThat(folded.snapshot()).as("fold of %s events", events.size()).isEqualTo(state.snapshot());
    }

    @Override
    public void checkpoint(ExecutionState state) {
        check(state);
        delegate.checkpoint(state);
    }

    @Override
    public void beforeEffect(ExecutionState state) {
        check(state);
        delegate.beforeEffect(state);
    }

    @Override
    public void activationEnded(ExecutionState state, Outcome outcome) {
        check(state);
        if (!(outcome instanceof Outcome.Yielded)) {
            // The incremental fold above is the fold of all events; refolding from scratch also
            // checks the public entry point, where a run suspends or ends.
            assertThat(StateFold.fold(events)).isEqualTo(state.snapshot());
        }
        delegate.activationEnded(state, outcome);
    }

    @Override
    public Optional<String> nextInput(InputRequest request) {
        return delegate.nextInput(request);
    }

    @Override
    public boolean awaitTimer(java.time.Instant wakeAt) {
        return delegate.awaitTimer(wakeAt);
    }

    @Override
    public Optional<ChildResult> childResult(ChildRequest request) {
        return delegate.childResult(request);
    }

    @Override
    public Optional<ChildResult> childResult(ChildRequest request, long startedSeq) {
        return delegate.childResult(request, startedSeq);
    }

    @Override
    public Optional<ChildRequest> startedChild(long startedSeq) {
        return delegate.startedChild(startedSeq);
    }

    public List<ExecutionEvent> events() {
        return events;
    }

    public int checks() {
        return checks;
    }
}
