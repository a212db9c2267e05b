package io.basicflow.app.console;

import static java.util.Objects.requireNonNull;

import io.basicflow.compiler.ScriptService;
import io.basicflow.engine.api.ExecutionNotFoundException;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.durable.DurableWorkflowEngine;
import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.interpreter.InputRequest;
import io.basicflow.engine.interpreter.StateFold;
import io.basicflow.engine.json.EngineJson;
import io.basicflow.engine.program.Block;
import io.basicflow.engine.program.ProgramIndex;
import io.basicflow.engine.state.ExecutionSnapshot;
import io.basicflow.engine.state.FrameSnapshot;
import io.basicflow.engine.store.EventStore;
import io.basicflow.engine.store.ExecutionRecord;
import io.basicflow.engine.store.StoredEvent;
import io.basicflow.spi.program.SourceSpan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the console shows of one execution beyond the API's view: the pinned source, the line the
 * cursor is on, what a waiting {@code HEAR} asks (a menu's options), the children, and the state as
 * it was after any event, rebuilt by folding the events from the start (the replay engine's fold).
 */
final class ExecutionInspector {

    /** Events read per query while folding. */
    private static final int PAGE = 1000;

    /** The most events folded for one answer; a longer history is shown up to here. */
    static final int MAX_FOLDED_EVENTS = 20_000;

    private static final int COMPILED_CACHE = 64;

    /** How deep the console looks for the waiting HEAR of a child of a child of … */
    private static final int MAX_CHILD_DEPTH = 8;

    private final EventStore store;
    private final DurableWorkflowEngine engine;
    private final ScriptService compiler;
    private final Map<String, Optional<ProgramIndex>> programs = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<ProgramIndex>> eldest) {
            return size() > COMPILED_CACHE;
        }
    };

    ExecutionInspector(EventStore store, DurableWorkflowEngine engine, ScriptService compiler) {
        this.store = requireNonNull(store, "store is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.compiler = requireNonNull(compiler, "compiler is null");
    }

    /** How many executions the database holds in each status (every status, zeros included). */
    Map<ExecutionStatus, Long> counts() {
        Map<ExecutionStatus, Long> stored = store.countByStatus();
        Map<ExecutionStatus, Long> counts = new LinkedHashMap<>();
        for (ExecutionStatus status : ExecutionStatus.values()) {
            counts.put(status, stored.getOrDefault(status, 0L));
        }
        return counts;
    }

    /** A child execution started by a step of its parent. */
    record Child(long parentSeq, int line, String id, String script, ExecutionStatus status) {}

    /** The console's view of one execution. */
    record Inspection(
            String id,
            String scriptName,
            String source,
            OptionalInt currentLine,
            Optional<InputRequest> input,
            List<Child> children,
            boolean truncated) {}

    /** The state after one event. */
    record StateAt(long seq, ExecutionSnapshot state, OptionalInt line) {}

    Inspection inspect(String executionId) {
        ExecutionRecord row = store.find(executionId).orElseThrow(() -> new ExecutionNotFoundException(executionId));
        String source = store.script(row.scriptHash())
                .map(io.basicflow.engine.store.ScriptSource::source)
                .orElse("");
        List<ExecutionEvent> events = new ArrayList<>();
        boolean truncated = read(executionId, Long.MAX_VALUE, events);
        List<Child> children = new ArrayList<>();
        for (ExecutionEvent event : events) {
            if (event instanceof ExecutionEvent.ChildStarted started) {
                Optional<ExecutionRecord> child = store.child(executionId, started.sequence());
                child.ifPresent(found -> children.add(new Child(
                        started.sequence(), started.span().line(), found.id(), found.scriptName(), found.status())));
            }
        }
        OptionalInt line = OptionalInt.empty();
        if (!events.isEmpty()) {
            line = cursorLine(row.scriptHash(), row.scriptName(), source, StateFold.fold(events));
        }
        Optional<InputRequest> input = switch (row.status()) {
            case WAITING_INPUT -> engine.inputRequest(executionId);
            // Input sent to a parent goes to the child it waits for: show what that child asks.
            case WAITING_CHILD ->
                children.isEmpty()
                        ? Optional.empty()
                        : waitingInput(children.getLast().id(), MAX_CHILD_DEPTH);
            default -> Optional.empty();
        };
        return new Inspection(row.id(), row.scriptName(), source, line, input, children, truncated);
    }

    /** What a waiting child (or the grandchild it waits for, and so on) asks, if anything. */
    private Optional<InputRequest> waitingInput(String executionId, int depth) {
        Optional<ExecutionRecord> row = store.find(executionId);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        if (row.get().status() == ExecutionStatus.WAITING_INPUT) {
            return engine.inputRequest(executionId);
        }
        if (row.get().status() != ExecutionStatus.WAITING_CHILD || depth == 0) {
            return Optional.empty();
        }
        List<ExecutionEvent> events = new ArrayList<>();
        read(executionId, Long.MAX_VALUE, events);
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i) instanceof ExecutionEvent.ChildStarted started) {
                return store.child(executionId, started.sequence())
                        .flatMap(child -> waitingInput(child.id(), depth - 1));
            }
        }
        return Optional.empty();
    }

    /** The state after event {@code seq} (1 is {@code ExecutionStarted}). */
    StateAt stateAfter(String executionId, long seq) {
        ExecutionRecord row = store.find(executionId).orElseThrow(() -> new ExecutionNotFoundException(executionId));
        List<ExecutionEvent> events = new ArrayList<>();
        read(executionId, seq, events);
        if (events.isEmpty()) {
            throw new IllegalStateException("execution " + executionId + " has no events");
        }
        ExecutionSnapshot state = StateFold.fold(events);
        String source = store.script(row.scriptHash())
                .map(io.basicflow.engine.store.ScriptSource::source)
                .orElse("");
        return new StateAt(state.sequence(), state, cursorLine(row.scriptHash(), row.scriptName(), source, state));
    }

    /** Reads events up to {@code uptoSeq}; true when it stopped at {@link #MAX_FOLDED_EVENTS}. */
    private boolean read(String executionId, long uptoSeq, List<ExecutionEvent> into) {
        long after = 0;
        while (after < uptoSeq) {
            int limit = (int) Math.min(PAGE, uptoSeq - after);
            List<StoredEvent> page = store.events(executionId, after, limit);
            for (StoredEvent stored : page) {
                // A packed commit (one row keyed by its first event) is read as its events, up to uptoSeq.
                for (ExecutionEvent event : ExecutionEvent.unpacked(EngineJson.readEvent(stored.json()))) {
                    if (event.sequence() <= uptoSeq) {
                        into.add(event);
                    }
                }
                after = stored.seq();
            }
            if (page.size() < limit) {
                return false;
            }
            if (into.size() >= MAX_FOLDED_EVENTS) {
                return true;
            }
        }
        return false;
    }

    /**
     * The line of the step the cursor points at: the next step to run, or the one that waits. An
     * ended execution has no cursor; a failed one shows the line it failed on.
     */
    private OptionalInt cursorLine(String hash, String name, String source, ExecutionSnapshot state) {
        if (state.frames().isEmpty()) {
            return state.error()
                    .flatMap(io.basicflow.engine.state.ExecutionError::span)
                    .map(span -> OptionalInt.of(span.line()))
                    .orElse(OptionalInt.empty());
        }
        Optional<ProgramIndex> program = program(hash, name, source);
        if (program.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            FrameSnapshot top = state.frames().getLast();
            Block block = program.get().block(top.block());
            if (top.index() < block.size()) {
                SourceSpan span = block.step(top.index()).span();
                return OptionalInt.of(span.line());
            }
            // At the end of a block: the cursor is on the statement that owns it (the loop, the IF).
            return block.owner()
                    .map(owner -> OptionalInt.of(owner.span().line()))
                    .orElse(OptionalInt.empty());
        } catch (RuntimeException e) {
            return OptionalInt.empty(); // a state that does not fit the program: no cursor to show
        }
    }

    private Optional<ProgramIndex> program(String hash, String name, String source) {
        synchronized (programs) {
            Optional<ProgramIndex> cached = programs.get(hash);
            if (cached != null) {
                return cached;
            }
        }
        Optional<ProgramIndex> compiled;
        try {
            compiled =
                    Optional.of(ProgramIndex.of(compiler.compile(name, source).program()));
        } catch (RuntimeException e) {
            compiled = Optional.empty(); // the pinned source no longer compiles with today's plugins
        }
        synchronized (programs) {
            programs.put(hash, compiled);
        }
        return compiled;
    }
}
