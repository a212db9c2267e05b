package io.basicflow.engine.durable;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.interpreter.ExecutionState;
import io.basicflow.engine.interpreter.Interpreter;
import io.basicflow.engine.interpreter.StateFold;
import io.basicflow.engine.json.EngineJson;
import io.basicflow.engine.state.ExecutionSnapshot;
import io.basicflow.engine.store.EventRecord;
import io.basicflow.engine.store.NewExecution;
import io.basicflow.engine.store.StoredEvent;
import io.basicflow.spi.value.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Building new executions and rebuilding stored ones: shared by the workers and the API. */
final class Executions {

    private Executions() {}

    /** A new execution: its {@code ExecutionStarted} event and the state after it. */
    static NewExecution create(
            Interpreter interpreter,
            CompiledScripts.Compiled script,
            String executionId,
            Map<String, Value> variables,
            Optional<NewExecution.ParentLink> parent,
            Instant now) {
        CollectingJournal journal = new CollectingJournal();
        ExecutionState state = interpreter.start(script.program(), executionId, variables, journal);
        ExecutionEvent started = journal.events.getFirst();
        return new NewExecution(
                executionId,
                script.name(),
                script.source(),
                script.hash(),
                parent,
                record(started),
                EngineJson.write(state.snapshot()),
                now,
                Optional.empty());
    }

    /** An event ready to append. */
    static EventRecord record(ExecutionEvent event) {
        return new EventRecord(event.sequence(), typeOf(event), EngineJson.write(event));
    }

    /** The kind name of an event, as in its JSON. */
    static String typeOf(ExecutionEvent event) {
        return event.getClass().getSimpleName();
    }

    /** The live state of a stored execution: its snapshot with the events after it folded in. */
    static ExecutionState restore(String snapshotJson, List<StoredEvent> tail) {
        requireNonNull(snapshotJson, "snapshotJson is null");
        ExecutionState state = ExecutionState.restore(EngineJson.readSnapshot(snapshotJson));
        for (StoredEvent event : tail) {
            StateFold.apply(state, EngineJson.readEvent(event.json()));
        }
        return state;
    }

    /** The state of a stored execution as immutable data. */
    static ExecutionSnapshot snapshot(String snapshotJson, List<StoredEvent> tail) {
        if (tail.isEmpty()) {
            return EngineJson.readSnapshot(snapshotJson);
        }
        List<ExecutionEvent> events = new ArrayList<>(tail.size());
        for (StoredEvent event : tail) {
            events.add(EngineJson.readEvent(event.json()));
        }
        return StateFold.fold(EngineJson.readSnapshot(snapshotJson), events);
    }
}
