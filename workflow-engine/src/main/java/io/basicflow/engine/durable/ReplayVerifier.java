package io.basicflow.engine.durable;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.api.ExecutionPage;
import io.basicflow.engine.api.ExecutionQuery;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionSummary;
import io.basicflow.engine.api.MessageView;
import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.interpreter.StateFold;
import io.basicflow.engine.json.EngineJson;
import io.basicflow.engine.state.ExecutionSnapshot;
import io.basicflow.engine.store.EventStore;
import io.basicflow.engine.store.ExecutionRecord;
import io.basicflow.engine.store.StoredEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Proves the replay property on stored executions: folding an execution's events from the first one
 * gives exactly the state of its stored snapshot (folded up to the snapshot's event) and of the
 * snapshot with the events after it; the history has no gap and ends at the execution's last event;
 * every stored payload reads back to the same JSON; final statuses agree; and every message event
 * has exactly one outbox row with its text.
 */
public final class ReplayVerifier {

    private static final int PAGE = 10_000;

    private final EventStore store;

    /**
     * Creates a verifier.
     *
     * @param store where the executions are
     */
    public ReplayVerifier(EventStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    /**
     * Verifies every execution in the store.
     *
     * @return what was checked and every problem found
     */
    public Report verifyAll() {
        List<String> problems = new ArrayList<>();
        int executions = 0;
        long events = 0;
        Optional<String> after = Optional.empty();
        do {
            ExecutionPage page = store.list(new ExecutionQuery(
                    java.util.Set.of(), Optional.empty(), Optional.empty(), Optional.empty(), after, 1000));
            for (ExecutionSummary summary : page.executions()) {
                Report one = verify(summary.id());
                executions++;
                events += one.events();
                problems.addAll(one.problems());
            }
            after = page.next();
        } while (after.isPresent());
        return new Report(executions, events, problems);
    }

    /**
     * Verifies one execution.
     *
     * @param executionId the execution
     * @return what was checked and every problem found
     */
    public Report verify(String executionId) {
        List<String> problems = new ArrayList<>();
        Optional<ExecutionRecord> found = store.find(executionId);
        if (found.isEmpty()) {
            return new Report(0, 0, List.of(executionId + ": not found"));
        }
        ExecutionRecord row = found.get();
        List<StoredEvent> stored = allEvents(executionId);
        // One entry per step: a stored run of steps (StepsCompleted) counts as its steps, a packed
        // commit (EventsPacked, keyed by its first event) as its events. The rows as
        // stored are folded too, as a restore folds them, and must end in the same state.
        List<ExecutionEvent> events = new ArrayList<>(stored.size());
        List<ExecutionEvent> rows = new ArrayList<>(stored.size());
        for (int i = 0; i < stored.size(); i++) {
            StoredEvent event = stored.get(i);
            long expected = events.size() + 1;
            ExecutionEvent parsed;
            try {
                parsed = EngineJson.readEvent(event.json());
            } catch (IllegalArgumentException e) {
                problems.add(executionId + ": event " + event.seq() + " does not read: " + e.getMessage());
                return new Report(1, stored.size(), problems);
            }
            if (!EngineJson.write(parsed).equals(event.json())) {
                problems.add(executionId + ": event " + event.seq() + " was not stored exactly as written");
            }
            if (!Executions.typeOf(parsed).equals(event.type())) {
                problems.add(executionId + ": event " + event.seq() + " is stored as " + event.type() + " but is a "
                        + Executions.typeOf(parsed));
            }
            List<ExecutionEvent> unpacked = ExecutionEvent.unpacked(parsed);
            long first = unpacked.getFirst().sequence();
            if (first != expected || parsed.sequence() != event.seq()) {
                problems.add(executionId + ": event " + expected + " is missing (found " + event.seq()
                        + (first != event.seq() ? ", a run of steps from " + first : "") + ")");
                return new Report(1, stored.size(), problems);
            }
            rows.add(parsed);
            events.addAll(unpacked);
        }
        if (row.lastSeqMayLag() ? events.size() < row.lastSeq() : events.size() != row.lastSeq()) {
            problems.add(executionId + ": the execution's last event is " + row.lastSeq() + " but its history has "
                    + events.size());
            return new Report(1, events.size(), problems);
        }
        ExecutionSnapshot snapshot;
        try {
            snapshot = EngineJson.readSnapshot(row.snapshotJson());
        } catch (IllegalArgumentException e) {
            problems.add(executionId + ": the snapshot does not read: " + e.getMessage());
            return new Report(1, events.size(), problems);
        }
        if (!EngineJson.write(snapshot).equals(row.snapshotJson())) {
            problems.add(executionId + ": the snapshot was not stored exactly as written");
        }
        try {
            ExecutionSnapshot full = StateFold.fold(events);
            if (!StateFold.fold(rows).equals(full)) {
                problems.add(executionId + ": folding the stored runs of steps differs from folding their steps");
            }
            ExecutionSnapshot upToSnapshot = StateFold.fold(events.subList(0, (int) row.snapshotSeq()));
            if (!upToSnapshot.equals(snapshot)) {
                problems.add(executionId + ": folding events 1.." + row.snapshotSeq()
                        + " does not give the stored snapshot:\n  folded:   " + EngineJson.write(upToSnapshot)
                        + "\n  snapshot: " + row.snapshotJson());
            }
            ExecutionSnapshot resumed =
                    StateFold.fold(snapshot, events.subList((int) row.snapshotSeq(), events.size()));
            if (!resumed.equals(full)) {
                problems.add(executionId + ": the snapshot with the events after it differs from the fold of all"
                        + " events");
            }
            checkStatus(row, full, problems);
        } catch (IllegalStateException e) {
            problems.add(executionId + ": the history does not fold: " + e.getMessage());
        }
        checkMessages(executionId, events, problems);
        return new Report(1, events.size(), problems);
    }

    private static void checkStatus(ExecutionRecord row, ExecutionSnapshot state, List<String> problems) {
        ExecutionStatus expected = switch (state.status()) {
            case COMPLETED -> ExecutionStatus.COMPLETED;
            case FAILED -> ExecutionStatus.FAILED;
            case CANCELLED -> ExecutionStatus.CANCELLED;
            case WAITING_INPUT, WAITING_TIMER, WAITING_CHILD, RUNNING -> null;
        };
        boolean rowFinal = row.status() == ExecutionStatus.COMPLETED
                || row.status() == ExecutionStatus.FAILED
                || row.status() == ExecutionStatus.CANCELLED;
        boolean mismatch = expected != null ? row.status() != expected : rowFinal;
        mismatch |= row.status() == ExecutionStatus.WAITING_INPUT
                && state.status() != io.basicflow.engine.state.ExecutionStatus.WAITING_INPUT;
        mismatch |= row.status() == ExecutionStatus.WAITING_CHILD
                && state.status() != io.basicflow.engine.state.ExecutionStatus.WAITING_CHILD;
        mismatch |= row.status() == ExecutionStatus.WAITING_TIMER
                && state.status() != io.basicflow.engine.state.ExecutionStatus.WAITING_TIMER;
        if (mismatch) {
            problems.add(row.id() + ": the execution is " + row.status() + " but its history says " + state.status());
        }
    }

    private void checkMessages(String executionId, List<ExecutionEvent> events, List<String> problems) {
        List<MessageView> outbox = new ArrayList<>();
        long after = 0;
        while (true) {
            List<MessageView> page = store.messages(executionId, after, PAGE);
            outbox.addAll(page);
            if (page.size() < PAGE) {
                break;
            }
            after = page.getLast().seq();
        }
        int next = 0;
        for (ExecutionEvent event : events) {
            if (event instanceof ExecutionEvent.MessageSent message) {
                if (next >= outbox.size()
                        || outbox.get(next).seq() != message.sequence()
                        || !outbox.get(next).text().equals(StorableText.of(message.text()))) {
                    problems.add(executionId + ": message event " + message.sequence()
                            + " has no outbox message with its text");
                    return;
                }
                next++;
            }
        }
        if (next != outbox.size()) {
            problems.add(
                    executionId + ": the outbox has " + outbox.size() + " messages for " + next + " message events");
        }
    }

    private List<StoredEvent> allEvents(String executionId) {
        List<StoredEvent> all = new ArrayList<>();
        long after = 0;
        while (true) {
            List<StoredEvent> page = store.events(executionId, after, PAGE);
            all.addAll(page);
            if (page.size() < PAGE) {
                return all;
            }
            after = page.getLast().seq();
        }
    }

    /**
     * What a verification checked and found.
     *
     * @param executions how many executions were checked
     * @param events how many events were folded
     * @param problems one line per problem; empty when every check held
     */
    public record Report(int executions, long events, List<String> problems) {
        /**
         * Copies the problems.
         *
         * @param executions the count
         * @param events the count
         * @param problems not null
         */
        public Report {
            problems = List.copyOf(problems);
        }

        /**
         * Whether every check held.
         *
         * @return true when there is no problem
         */
        public boolean ok() {
            return problems.isEmpty();
        }
    }
}
