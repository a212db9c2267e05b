package io.basicflow.engine.interpreter;

import static java.util.Objects.requireNonNull;

import io.basicflow.compiler.evaluation.Variables;
import io.basicflow.engine.event.CursorChange;
import io.basicflow.engine.event.Delta;
import io.basicflow.engine.event.VariableChange;
import io.basicflow.engine.program.ProgramIndex;
import io.basicflow.engine.state.ExecutionError;
import io.basicflow.engine.state.ExecutionSnapshot;
import io.basicflow.engine.state.ExecutionStatus;
import io.basicflow.engine.state.FrameSnapshot;
import io.basicflow.engine.state.PendingWait;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The live, mutable state of one execution: variables, cursor (a stack of frames), status, pending
 * wait, result, tools and counters. The interpreter changes it in place (nothing is copied per step);
 * {@link #snapshot()} turns it into the immutable {@link ExecutionSnapshot} that is persisted and
 * {@link #restore(ExecutionSnapshot)} turns a snapshot back into a live state. It is not thread-safe:
 * one activation at a time.
 *
 * <p>It also tracks what changed since the last event (assigned variables, how far the cursor was
 * popped), so that a recording journal's events carry exact deltas without a cursor copy per step.
 */
public final class ExecutionState implements Variables {

    final String executionId;
    final String script;
    final String fingerprint;
    ExecutionStatus status = ExecutionStatus.RUNNING;
    final HashMap<String, Value> globals = new HashMap<>();
    final ArrayList<Frame> frames = new ArrayList<>();
    PendingWait pending;
    Value result;
    ExecutionError error;
    final ArrayList<String> tools = new ArrayList<>();
    long sequence;
    long steps;
    /** Messages sent so far, for the messages quota. */
    long messages;
    /** Estimated bytes of history so far, for the history quota. */
    long historyBytes;

    /** The innermost call frame's parameters, or null at top level. */
    HashMap<String, Value> locals;
    /** The innermost call frame, or null at top level. */
    Frame.CallFrame call;

    int callDepth;

    // Delta tracking for recording journals.
    private int lowWater;
    private int emittedSize;
    private int emittedIndex;
    private int emittedPosition;
    boolean recording;
    private final ArrayList<VariableChange> changes = new ArrayList<>();
    private boolean toolsChanged;

    // Size accounting for the variables limit: sizes of text, list and map globals; transient.
    private final HashMap<String, Long> globalSizes = new HashMap<>();
    long variableBytes;
    /** Measuring stops past this many bytes: enough to know the limit is broken. */
    private long sizeBudget = Long.MAX_VALUE / 4;

    private long maxVariableBytes = Long.MAX_VALUE / 4;
    private int maxTextLength = Integer.MAX_VALUE;
    private int maxValueDepth = Integer.MAX_VALUE;

    ProgramIndex program;

    ExecutionState(String executionId, String script, String fingerprint) {
        this.executionId = requireNonNull(executionId, "executionId is null");
        this.script = requireNonNull(script, "script is null");
        this.fingerprint = requireNonNull(fingerprint, "fingerprint is null");
    }

    /**
     * A live state from a snapshot, ready for {@link Interpreter#run} or for folding more events.
     *
     * @param snapshot the saved state
     * @return a new live state equal to it
     */
    public static ExecutionState restore(ExecutionSnapshot snapshot) {
        ExecutionState state =
                new ExecutionState(snapshot.executionId(), snapshot.script(), snapshot.programFingerprint());
        state.status = snapshot.status();
        state.globals.putAll(snapshot.variables());
        for (FrameSnapshot frame : snapshot.frames()) {
            state.frames.add(Frame.of(frame));
        }
        state.pending = snapshot.pending().orElse(null);
        state.result = snapshot.result().orElse(null);
        state.error = snapshot.error().orElse(null);
        state.tools.addAll(snapshot.tools());
        state.sequence = snapshot.sequence();
        state.steps = snapshot.steps();
        state.messages = snapshot.messages();
        state.historyBytes = snapshot.historyBytes();
        state.refreshCall();
        return state;
    }

    /**
     * The state as immutable data.
     *
     * @return a snapshot
     */
    public ExecutionSnapshot snapshot() {
        List<FrameSnapshot> cursor = new ArrayList<>(frames.size());
        for (Frame frame : frames) {
            cursor.add(frame.snapshot());
        }
        return new ExecutionSnapshot(
                executionId,
                script,
                fingerprint,
                status,
                globals, // copied by the snapshot, in this map's order
                cursor,
                Optional.ofNullable(pending),
                Optional.ofNullable(result),
                Optional.ofNullable(error),
                tools,
                sequence,
                steps,
                messages,
                historyBytes);
    }

    /**
     * The execution's id.
     *
     * @return the id
     */
    public String executionId() {
        return executionId;
    }

    /**
     * The script's name.
     *
     * @return the name
     */
    public String script() {
        return script;
    }

    /**
     * Where the execution stands.
     *
     * @return the status
     */
    public ExecutionStatus status() {
        return status;
    }

    /**
     * What the step at the cursor waits for.
     *
     * @return the pending wait, if any
     */
    public Optional<PendingWait> pending() {
        return Optional.ofNullable(pending);
    }

    /**
     * The result of a completed execution.
     *
     * @return the {@code RETURN} value, if any
     */
    public Optional<Value> result() {
        return Optional.ofNullable(result);
    }

    /**
     * The error of a failed execution.
     *
     * @return the error, if failed
     */
    public Optional<ExecutionError> error() {
        return Optional.ofNullable(error);
    }

    /**
     * The sequence number of the last event.
     *
     * @return the sequence, 0 before the first event
     */
    public long sequence() {
        return sequence;
    }

    /**
     * The steps completed so far.
     *
     * @return the count
     */
    public long steps() {
        return steps;
    }

    /**
     * Reads a variable as the running step sees it: a parameter of the innermost procedure call, else
     * a script variable.
     *
     * @param name the lower-case name
     * @return the value, {@code NULL} when unset
     */
    @Override
    public Value get(String name) {
        HashMap<String, Value> scope = locals;
        if (scope != null) {
            Value local = scope.get(name);
            if (local != null) {
                return local;
            }
        }
        Value global = globals.get(name);
        return global != null ? global : NullValue.NULL;
    }

    // ---- mutation, for the interpreter and the fold ----

    /**
     * Assigns a variable in the scope the running step sees. Checks the limits first: a value that
     * breaks one is not assigned.
     *
     * @throws StepFailure when the text is too long or the variables would grow too large
     */
    void put(String name, Value value) {
        Frame.CallFrame frame = call;
        boolean local = frame != null && frame.locals.containsKey(name);
        HashMap<String, Value> scope = local ? frame.locals : globals;
        Value previous = recording ? scope.get(name) : null;
        if (measured(value)) {
            HashMap<String, Long> sizes = local ? frame.sizes : globalSizes;
            long size = measure(name, value);
            Long old = sizes.get(name);
            long total = variableBytes + size - (old == null ? 0 : old);
            if (total > maxVariableBytes) {
                throw new StepFailure(
                        ExecutionError.Kind.LIMIT,
                        "assigning " + name + " would make the variables larger than " + maxVariableBytes
                                + " bytes; keep less data in variables");
            }
            sizes.put(name, size);
            variableBytes = total;
            scope.put(name, value);
        } else if (measured(scope.put(name, value))) {
            Long old = (local ? frame.sizes : globalSizes).remove(name);
            variableBytes -= old == null ? 0 : old;
        }
        if (recording) {
            changes.add(VariableChange.between(name, previous, value, local));
        }
    }

    private long measure(String name, Value value) {
        if (value instanceof TextValue text && text.value().length() > maxTextLength) {
            throw new StepFailure(
                    ExecutionError.Kind.LIMIT,
                    "the text assigned to " + name + " has " + text.value().length()
                            + " characters, more than the limit of " + maxTextLength);
        }
        long size = ValueSize.of(value, sizeBudget, maxValueDepth);
        if (size == ValueSize.TOO_DEEP) {
            throw new StepFailure(
                    ExecutionError.Kind.LIMIT,
                    "the value assigned to " + name + " nests lists and maps deeper than " + maxValueDepth + " levels");
        }
        return size + name.length() + 4;
    }

    private static boolean measured(Value value) {
        return value instanceof TextValue || value instanceof ListValue || value instanceof MapValue;
    }

    private void account(HashMap<String, Long> sizes, String name, Value value) {
        long size = measured(value)
                ? Math.max(0, ValueSize.of(value, sizeBudget, Integer.MAX_VALUE)) + name.length() + 4
                : 0;
        Long old = size > 0 ? sizes.put(name, size) : sizes.remove(name);
        variableBytes += size - (old == null ? 0 : old);
    }

    /** Recomputes the size of every variable (after a restore or fold). */
    void recomputeSizes() {
        globalSizes.clear();
        variableBytes = 0;
        globals.forEach((name, value) -> {
            if (measured(value)) {
                account(globalSizes, name, value);
            }
        });
        for (Frame frame : frames) {
            if (frame instanceof Frame.CallFrame callFrame) {
                callFrame.sizes.clear();
                callFrame.locals.forEach((name, value) -> {
                    if (measured(value)) {
                        account(callFrame.sizes, name, value);
                    }
                });
            }
        }
    }

    /**
     * Pushes a frame; a call frame's parameters count towards the variables limit.
     *
     * @throws StepFailure when the parameters break a limit (nothing is pushed)
     */
    void push(Frame frame) {
        if (frame instanceof Frame.CallFrame callFrame) {
            long total = variableBytes;
            for (Map.Entry<String, Value> parameter : callFrame.locals.entrySet()) {
                if (measured(parameter.getValue())) {
                    long size = measure(parameter.getKey(), parameter.getValue());
                    callFrame.sizes.put(parameter.getKey(), size);
                    total += size;
                }
            }
            if (total > maxVariableBytes) {
                callFrame.sizes.clear();
                throw new StepFailure(
                        ExecutionError.Kind.LIMIT,
                        "the arguments of " + callFrame.procedure + " would make the variables larger than "
                                + maxVariableBytes + " bytes; keep less data in variables");
            }
            variableBytes = total;
            frames.add(frame);
            call = callFrame;
            locals = callFrame.locals;
            callDepth++;
        } else {
            frames.add(frame);
        }
    }

    Frame pop() {
        Frame frame = frames.removeLast();
        if (frames.size() < lowWater) {
            lowWater = frames.size();
        }
        if (frame instanceof Frame.CallFrame callFrame) {
            for (long size : callFrame.sizes.values()) {
                variableBytes -= size;
            }
            callFrame.sizes.clear();
            refreshCall();
        }
        return frame;
    }

    Frame top() {
        return frames.getLast();
    }

    private void refreshCall() {
        call = null;
        locals = null;
        callDepth = 0;
        for (Frame frame : frames) {
            if (frame instanceof Frame.CallFrame callFrame) {
                call = callFrame;
                locals = callFrame.locals;
                callDepth++;
            }
        }
    }

    void setTools(List<String> names) {
        tools.clear();
        tools.addAll(names);
        toolsChanged = true;
    }

    /** Binds the frames to a program and starts delta tracking from the current state. */
    void bind(ProgramIndex index, boolean recordingJournal, Limits limits) {
        if (!fingerprint.equals(index.fingerprint())) {
            throw new IllegalStateException("execution " + executionId + " ran a program of shape " + fingerprint
                    + " but is resumed with " + index.program().name() + " of shape " + index.fingerprint()
                    + "; resume it with the exact script version it started with");
        }
        long budget = limits.maxVariableBytes() + 1;
        maxVariableBytes = limits.maxVariableBytes();
        maxTextLength = limits.maxTextLength();
        maxValueDepth = limits.maxValueDepth();
        boolean remeasure = budget != sizeBudget;
        sizeBudget = budget;
        if (program != index) {
            remeasure = true;
            for (Frame frame : frames) {
                frame.bind(index);
            }
            program = index;
        }
        if (remeasure) {
            recomputeSizes();
        }
        recording = recordingJournal;
        changes.clear();
        toolsChanged = false;
        markEmitted();
    }

    /** Starts delta tracking from the current state, without binding to a program. */
    void track(boolean recordingJournal) {
        recording = recordingJournal;
        changes.clear();
        toolsChanged = false;
        markEmitted();
    }

    private void markEmitted() {
        lowWater = frames.size();
        emittedSize = frames.size();
        if (frames.isEmpty()) {
            emittedIndex = 0;
            emittedPosition = 0;
        } else {
            Frame top = frames.getLast();
            emittedIndex = top.index;
            emittedPosition = top.position();
        }
    }

    /** What changed since the last event, for a recording journal; resets the tracking. */
    Delta takeDelta() {
        Optional<CursorChange> cursor = takeCursorChange();
        if (changes.isEmpty() && cursor.isEmpty() && !toolsChanged) {
            return Delta.NONE;
        }
        Delta delta = new Delta(
                changes.isEmpty() ? List.of() : List.copyOf(changes),
                cursor,
                toolsChanged ? Optional.of(List.copyOf(tools)) : Optional.empty());
        changes.clear();
        toolsChanged = false;
        return delta;
    }

    private Optional<CursorChange> takeCursorChange() {
        int size = frames.size();
        int keep = Math.min(lowWater, size);
        Frame last = keep > 0 ? frames.get(keep - 1) : null;
        if (keep == size && size == emittedSize) {
            boolean moved = last != null && (last.index != emittedIndex || last.position() != emittedPosition);
            if (!moved) {
                return Optional.empty();
            }
        }
        List<FrameSnapshot> pushed = size == keep ? List.of() : new ArrayList<>(size - keep);
        for (int i = keep; i < size; i++) {
            pushed.add(frames.get(i).snapshot());
        }
        CursorChange change =
                new CursorChange(keep, last == null ? 0 : last.index, last == null ? 0 : last.position(), pushed);
        markEmitted();
        return Optional.of(change);
    }

    /** Applies a recorded delta (the fold). */
    void apply(Delta delta) {
        delta.cursor().ifPresent(this::apply);
        for (VariableChange change : delta.variables()) {
            if (change.local()) {
                if (call == null) {
                    throw new IllegalStateException(
                            "event assigns parameter " + change.name() + " but no procedure call is running");
                }
                call.locals.put(change.name(), change.applyTo(call.locals.get(change.name())));
            } else {
                globals.put(change.name(), change.applyTo(globals.get(change.name())));
            }
        }
        delta.tools().ifPresent(names -> {
            tools.clear();
            tools.addAll(names);
        });
    }

    private void apply(CursorChange change) {
        if (change.keep() > frames.size()) {
            throw new IllegalStateException("event keeps " + change.keep() + " frames of a cursor of " + frames.size());
        }
        while (frames.size() > change.keep()) {
            frames.removeLast();
        }
        if (change.keep() > 0) {
            Frame last = frames.getLast();
            last.index = change.index();
            if (last instanceof Frame.ForEachFrame each) {
                each.position = change.position();
            }
        }
        for (FrameSnapshot pushed : change.pushed()) {
            Frame frame = Frame.of(pushed);
            if (program != null) {
                frame.bind(program);
            }
            frames.add(frame);
        }
        refreshCall();
    }
}
