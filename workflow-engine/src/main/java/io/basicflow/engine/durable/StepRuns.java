package io.basicflow.engine.durable;

import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.store.EventRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of one commit: all its events packed into one {@link ExecutionEvent.EventsPacked}, keyed
 * by the commit's first event (a commit of one event stays that event's row). A commit holds whole
 * steps, so a pack never crosses a commit: the commits, their boundaries and the sequence numbers of
 * every step and effect are exactly those of the unpacked events; only the number of rows changes
 * (docs/design/interpreter.md, "Packed commits").
 *
 * <p>The row of a commit is at its first event's sequence number, the one that follows the state the
 * activation started from. Two activations that write from the same state (a stale one among them)
 * therefore both insert a row at that number, and the primary key of the events table refuses the
 * second commit, as it did when every event was a row. (A pack keyed by its last event would slip
 * past a row written by the other: the proof suite's kill -9 tests of delegation and orchestration
 * found exactly that with the earlier runs of steps keyed by their last step.)
 *
 * <p>An {@link ExecutionEvent.ExecutionStarted} keeps a row of its own (the fold starts from it).
 * Histories written before hold {@link ExecutionEvent.StepsCompleted} runs; they read and fold as
 * before.
 */
final class StepRuns {

    private StepRuns() {}

    /** The records to append for a commit's events. */
    static List<EventRecord> records(List<ExecutionEvent> events) {
        int size = events.size();
        List<EventRecord> records = new ArrayList<>(2);
        int i = 0;
        if (size > 0 && events.getFirst() instanceof ExecutionEvent.ExecutionStarted) {
            records.add(Executions.record(events.getFirst()));
            i = 1;
        }
        if (size - i >= 2) {
            List<ExecutionEvent> packed = events.subList(i, size);
            records.add(Executions.record(
                    new ExecutionEvent.EventsPacked(packed.getFirst().sequence(), packed)));
        } else if (size - i == 1) {
            records.add(Executions.record(events.get(i)));
        }
        return records;
    }
}
