package io.basicflow.engine.durable;

import static java.util.Objects.requireNonNull;

import io.basicflow.compiler.ScriptService;
import io.basicflow.engine.api.EventView;
import io.basicflow.engine.api.ExecutionNotFoundException;
import io.basicflow.engine.api.ExecutionPage;
import io.basicflow.engine.api.ExecutionQuery;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.engine.api.MessageView;
import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.json.EngineJson;
import io.basicflow.engine.program.Block;
import io.basicflow.engine.program.ProgramIndex;
import io.basicflow.engine.state.ExecutionSnapshot;
import io.basicflow.engine.state.FrameSnapshot;
import io.basicflow.engine.state.PendingWait;
import io.basicflow.engine.store.ExecutionReads;
import io.basicflow.engine.store.ExecutionRecord;
import io.basicflow.engine.store.StoredEvent;
import io.basicflow.spi.program.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The engine's reads of executions — one execution's view (state, what it waits for), its history
 * as readable lines, its messages, a page of executions — on any {@link ExecutionReads}. The
 * {@link DurableWorkflowEngine} reads through it; so do the operator's query commands beside a
 * running server, which open only a connection: no workers, no pool, and the plugins' compiler only
 * when an execution waits at a {@code HEAR} (to name the variable and type it waits for).
 *
 * <p>Thread-safe when its reads and scripts are.
 */
public final class ExecutionReader {

    private static final int FOLD_LIMIT = 1_000_000;

    private final ExecutionReads reads;
    private final PinnedScripts scripts;
    private final int inputAttempts;

    /** The pinned scripts as the reads need them: source lines for the history, programs for a HEAR. */
    public interface PinnedScripts {

        /**
         * A pinned script's source lines (the history quotes the line of each step).
         *
         * @param hash the script's hash
         * @param name the name the execution runs it under
         * @return its lines, without line breaks
         * @throws PinnedScriptException when no script has this hash (or, for a compiling
         *     implementation, it no longer compiles)
         */
        List<String> lines(String hash, String name);

        /**
         * A pinned script's compiled program (describing a waiting {@code HEAR} needs its step).
         *
         * @param hash the script's hash
         * @param name the name the execution runs it under
         * @return the program
         * @throws PinnedScriptException when no script has this hash or it no longer compiles
         */
        ProgramIndex program(String hash, String name);

        /**
         * The engine's compiled scripts: every read compiles (once per process, cached).
         *
         * @param scripts the engine's cache
         * @return the pinned scripts
         */
        static PinnedScripts compiled(CompiledScripts scripts) {
            requireNonNull(scripts, "scripts is null");
            return new PinnedScripts() {
                @Override
                public List<String> lines(String hash, String name) {
                    return scripts.get(hash, name).lines();
                }

                @Override
                public ProgramIndex program(String hash, String name) {
                    return scripts.get(hash, name).program();
                }
            };
        }

        /**
         * Sources read from the store as they are; the compiler is made (by {@code compiler}, e.g.
         * by loading the plugins) only when a program is asked for.
         *
         * @param reads where pinned sources are read
         * @param compiler makes the compiler, at most once
         * @return the pinned scripts
         */
        static PinnedScripts lazilyCompiled(ExecutionReads reads, Supplier<ScriptService> compiler) {
            requireNonNull(reads, "reads is null");
            requireNonNull(compiler, "compiler is null");
            Map<String, List<String>> lines = new ConcurrentHashMap<>();
            Supplier<CompiledScripts> compiled = new Supplier<>() {
                private CompiledScripts made;

                @Override
                public synchronized CompiledScripts get() {
                    if (made == null) {
                        made = new CompiledScripts(compiler.get(), reads, 16);
                    }
                    return made;
                }
            };
            return new PinnedScripts() {
                @Override
                public List<String> lines(String hash, String name) {
                    return lines.computeIfAbsent(
                            hash,
                            missing -> reads.script(missing)
                                    .orElseThrow(() ->
                                            new PinnedScriptException("no script is stored under hash " + missing))
                                    .source()
                                    .lines()
                                    .toList());
                }

                @Override
                public ProgramIndex program(String hash, String name) {
                    return compiled.get().get(hash, name).program();
                }
            };
        }
    }

    /**
     * Creates the reader.
     *
     * @param reads where executions are read
     * @param scripts the pinned scripts
     * @param inputAttempts the tries a typed {@code HEAR} gives (shown as "attempt 1 of 3")
     */
    public ExecutionReader(ExecutionReads reads, PinnedScripts scripts, int inputAttempts) {
        this.reads = requireNonNull(reads, "reads is null");
        this.scripts = requireNonNull(scripts, "scripts is null");
        this.inputAttempts = inputAttempts;
    }

    /**
     * One execution: its status, variables, result or error, and what it waits for.
     *
     * @param executionId the id
     * @return the view, or empty when there is no such execution
     */
    public Optional<ExecutionView> find(String executionId) {
        requireNonNull(executionId, "executionId is null");
        Optional<ExecutionRecord> found = reads.find(executionId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ExecutionRecord row = found.get();
        ExecutionSnapshot state = state(row);
        return Optional.of(new ExecutionView(
                row.id(),
                row.scriptName(),
                row.scriptHash(),
                row.status(),
                row.createdAt(),
                row.updatedAt(),
                state.variables(),
                state.result(),
                row.status() == ExecutionStatus.FAILED ? row.errorJson().map(StoredErrors::read) : Optional.empty(),
                waitingFor(row, state),
                state.sequence(),
                state.tools(),
                row.parentId()));
    }

    /**
     * A page of executions, newest first.
     *
     * @param query the filters and paging
     * @return the page
     */
    public ExecutionPage list(ExecutionQuery query) {
        return reads.list(requireNonNull(query, "query is null"));
    }

    /**
     * An execution's history, one readable line per event.
     *
     * @param executionId the execution
     * @param afterSeq only events after this sequence number
     * @param limit at most this many, at least 1
     * @return the events in order
     * @throws ExecutionNotFoundException when there is no such execution
     */
    public List<EventView> history(String executionId, long afterSeq, int limit) {
        requireNonNull(executionId, "executionId is null");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        ExecutionRecord row = reads.find(executionId).orElseThrow(() -> new ExecutionNotFoundException(executionId));
        long after = Math.max(0, afterSeq);
        List<StoredEvent> events = new ArrayList<>(reads.events(executionId, after, limit));
        if (after > 0 && (events.isEmpty() || events.getFirst().seq() != after + 1)) {
            // event after + 1 may be inside a packed commit, whose row is keyed by its first event
            rowBefore(executionId, after).ifPresent(pack -> events.addFirst(pack));
        }
        List<String> lines = scripts.lines(row.scriptHash(), row.scriptName());
        List<EventView> views = new ArrayList<>(events.size());
        for (StoredEvent stored : events) {
            ExecutionEvent event = EngineJson.readEvent(stored.json());
            // A packed commit is one row but several events: each is an entry of its own, with its
            // own number, type, summary and JSON, as it was when every event was a row.
            List<ExecutionEvent> entries =
                    event instanceof ExecutionEvent.EventsPacked pack ? pack.events() : List.of(event);
            for (ExecutionEvent entry : entries) {
                if (entry.sequence() <= after && entry != event) {
                    continue;
                }
                if (views.size() == limit) {
                    return views;
                }
                views.add(new EventView(
                        entry == event ? stored.seq() : entry.sequence(),
                        entry == event ? stored.type() : Executions.typeOf(entry),
                        stored.createdAt(),
                        EventSummaries.line(entry),
                        EventSummaries.summary(entry, lines),
                        entry == event ? stored.json() : EngineJson.write(entry)));
            }
        }
        return views;
    }

    /**
     * The packed commit at or before {@code seq} that holds events after it, if any: the last row
     * keyed at or before {@code seq}, read in growing windows back from it.
     */
    private Optional<StoredEvent> rowBefore(String executionId, long seq) {
        for (long window = 64; ; window *= 4) {
            long from = Math.max(0, seq - window);
            List<StoredEvent> rows = reads.events(executionId, from, (int) Math.min(window, seq - from));
            StoredEvent last = null;
            for (StoredEvent stored : rows) {
                if (stored.seq() <= seq) {
                    last = stored;
                }
            }
            if (last != null) {
                return last.type().equals("EventsPacked")
                                && ((ExecutionEvent.EventsPacked) EngineJson.readEvent(last.json())).lastSequence()
                                        > seq
                        ? Optional.of(last)
                        : Optional.empty();
            }
            if (from == 0) {
                return Optional.empty();
            }
        }
    }

    /**
     * An execution's messages after a sequence number, as they are now (no waiting).
     *
     * @param executionId the execution
     * @param afterSeq only messages of later events
     * @param limit at most this many, at least 1
     * @return the messages in order
     * @throws ExecutionNotFoundException when there is no such execution
     */
    public List<MessageView> messages(String executionId, long afterSeq, int limit) {
        requireNonNull(executionId, "executionId is null");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        List<MessageView> found = reads.messages(executionId, afterSeq, limit);
        if (found.isEmpty() && reads.find(executionId).isEmpty()) {
            throw new ExecutionNotFoundException(executionId);
        }
        return found;
    }

    /** The execution's state: its row's snapshot and the events committed after it. */
    ExecutionSnapshot state(ExecutionRecord row) {
        List<StoredEvent> tail = mayHaveTail(row) ? reads.events(row.id(), row.snapshotSeq(), FOLD_LIMIT) : List.of();
        return Executions.snapshot(row.snapshotJson(), tail);
    }

    /** Whether events may follow the row's snapshot: those up to {@code last_seq}, and light commits'. */
    private static boolean mayHaveTail(ExecutionRecord row) {
        return row.lastSeq() > row.snapshotSeq() || row.lastSeqMayLag();
    }

    /** The step at the top frame of a waiting execution, when that step is a {@code HEAR}. */
    Optional<Step.Hear> waitingHear(ExecutionRecord row, ExecutionSnapshot state) {
        if (state.frames().isEmpty()) {
            return Optional.empty();
        }
        FrameSnapshot top = state.frames().getLast();
        Block block = scripts.program(row.scriptHash(), row.scriptName()).block(top.block());
        return top.index() < block.size() && block.step(top.index()) instanceof Step.Hear hear
                ? Optional.of(hear)
                : Optional.empty();
    }

    private Optional<String> waitingFor(ExecutionRecord row, ExecutionSnapshot state) {
        return switch (row.status()) {
            case WAITING_INPUT, WAITING_TIMER, WAITING_CHILD ->
                state.pending().map(pending -> switch (pending) {
                    case PendingWait.Input input ->
                        describeHear(row, state) + " (attempt " + input.attempt() + " of " + inputAttempts + ")";
                    case PendingWait.Timer timer -> "WAIT until " + timer.wakeAt();
                    case PendingWait.EffectRetry retry ->
                        retry.keyword() + " retry (attempt " + retry.nextAttempt() + ") at " + retry.retryAt();
                    case PendingWait.EffectInFlight effect ->
                        effect.keyword() + " running (attempt " + effect.attempt() + ")";
                    case PendingWait.Child child ->
                        EventSummaries.describe(child.request()) + " (execution "
                                + ChildIds.of(row.id(), state.sequence()) + ")";
                });
            case RUNNABLE, RUNNING, COMPLETED, FAILED, CANCELLED -> Optional.empty();
        };
    }

    private String describeHear(ExecutionRecord row, ExecutionSnapshot state) {
        try {
            Optional<Step.Hear> hear = waitingHear(row, state);
            if (hear.isPresent()) {
                String type = switch (hear.get().kind()) {
                    case Step.HearKind.Any ignored -> "";
                    case Step.HearKind.Typed typed -> " AS " + typed.type();
                    case Step.HearKind.Menu ignored -> " AS a menu";
                };
                return "HEAR " + hear.get().target().variable() + type;
            }
        } catch (RuntimeException e) {
            // fall through: a description without the step
        }
        return "HEAR";
    }
}
