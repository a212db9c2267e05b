package io.basicflow.engine.durable;

import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.store.EventRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of one commit: its events in order, each run of two or more consecutive {@link
 * ExecutionEvent.StepCompleted}s packed into one {@link ExecutionEvent.StepsCompleted}. A commit
 * holds whole steps, so a run never crosses a commit: the commits, their boundaries and the
 * sequence numbers of every step and effect are exactly those of the unpacked events; only the
 * number of rows changes (docs/design/interpreter.md, "Runs of plain steps").
 *
 * <p>The first event of a commit is never packed: it keeps a row of its own at its own sequence
 * number, the one that follows the state the activation started from. Two activations that write
 * from the same state (a stale one among them) therefore both insert that row, and the primary key
 * of the events table refuses the second commit, as it did when every event was a row. (A run keyed
 * by its last step would slip past a row written by the other: the proof suite's kill -9 tests of
 * delegation and orchestration found exactly that.)
 */
final class StepRuns {

    private StepRuns() {}

    /** The records to append for a commit's events. */
    static List<EventRecord> records(List<ExecutionEvent> events) {
        List<EventRecord> records = new ArrayList<>(events.size());
        int size = events.size();
        int i = 0;
        if (size > 0) {
            records.add(Executions.record(events.getFirst()));
            i = 1;
        }
        while (i < size) {
            int end = i;
            while (end < size && events.get(end) instanceof ExecutionEvent.StepCompleted) {
                end++;
            }
            if (end - i >= 2) {
                List<ExecutionEvent.StepCompleted> steps = new ArrayList<>(end - i);
                for (int j = i; j < end; j++) {
                    steps.add((ExecutionEvent.StepCompleted) events.get(j));
                }
                records.add(Executions.record(
                        new ExecutionEvent.StepsCompleted(steps.getLast().sequence(), steps)));
                i = end;
            } else {
                records.add(Executions.record(events.get(i)));
                i++;
            }
        }
        return records;
    }
}
