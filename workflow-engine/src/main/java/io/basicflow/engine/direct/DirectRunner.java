package io.basicflow.engine.direct;

import static java.util.Objects.requireNonNull;

import io.basicflow.compiler.ExecutionPlan;
import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.interpreter.ExecutionState;
import io.basicflow.engine.interpreter.IncomingValues;
import io.basicflow.engine.interpreter.Interpreter;
import io.basicflow.engine.interpreter.Journal;
import io.basicflow.engine.interpreter.Limits;
import io.basicflow.engine.interpreter.Outcome;
import io.basicflow.engine.interpreter.RuntimeCatalogue;
import io.basicflow.engine.interpreter.Sleeper;
import io.basicflow.engine.json.EngineJson;
import io.basicflow.engine.orchestration.BotCalls;
import io.basicflow.engine.program.ProgramIndex;
import io.basicflow.engine.state.ChildRequest;
import io.basicflow.engine.state.ChildResult;
import io.basicflow.engine.state.ExecutionSnapshot;
import io.basicflow.spi.program.Program;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.value.Value;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * Runs a compiled program in memory, in one go, talking to a {@link Conversation}: direct mode.
 * {@code TALK} says, {@code HEAR} listens (validating and asking again), {@code WAIT} sleeps, effects
 * run at once, and children ({@code CALL "x.bas"}, {@code r = USE TOOL "x", …}) run synchronously
 * in the same conversation, compiled from the {@link ScriptResolver}'s sources. Any plan can run
 * this way, a {@code #workflow} one included (without durability).
 *
 * <p>Thread-safe when its collaborators are: each run has its own state and journal.
 */
public final class DirectRunner {

    private final Interpreter interpreter;
    private final ScriptCompiler compiler;
    private final ScriptResolver resolver;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Limits limits;
    private final boolean recording;
    private final boolean resumeFromJson;
    private final int maxChildDepth;
    private final Supplier<String> executionIds;
    private final UnaryOperator<Journal> journalDecorator;
    private final long maxSteps;

    private DirectRunner(Builder builder) {
        this.compiler = builder.compiler;
        this.resolver = builder.resolver;
        this.clock = builder.clock;
        this.sleeper = builder.sleeper;
        // An activation yields at least every maxSteps steps, so that the limit is checked in time.
        this.limits = builder.maxSteps < builder.limits.stepsPerActivation()
                ? builder.limits.withStepsPerActivation((int) builder.maxSteps)
                : builder.limits;
        this.recording = builder.recording;
        this.resumeFromJson = builder.resumeFromJson;
        this.maxChildDepth = builder.maxChildDepth;
        this.executionIds = builder.executionIds;
        this.journalDecorator = builder.journalDecorator;
        this.maxSteps = builder.maxSteps;
        this.interpreter = new Interpreter(builder.catalogue, builder.clock, builder.random, builder.sleeper);
    }

    /**
     * Starts configuring a runner.
     *
     * @param catalogue the installed plugins' keywords, functions and input types
     * @param compiler compiles child scripts
     * @return a builder with defaults: no child scripts, system clock and sleeper, {@link
     *     Limits#DEFAULT}, not recording
     */
    public static Builder builder(RuntimeCatalogue catalogue, ScriptCompiler compiler) {
        return new Builder(catalogue, compiler);
    }

    /**
     * Runs a compiled plan to its end in memory, whatever its kind: a {@code #workflow} plan runs
     * here without durability.
     *
     * @param plan the plan
     * @param conversation the user
     * @return the outcome, the final state and (when recording) every event
     */
    public DirectRun run(ExecutionPlan plan, Conversation conversation) {
        return run(requireNonNull(plan, "plan is null").program(), Map.of(), conversation);
    }

    /**
     * Runs a program to its end.
     *
     * @param program the program
     * @param conversation the user
     * @return the outcome, the final state and (when recording) every event
     */
    public DirectRun run(Program program, Conversation conversation) {
        return run(program, Map.of(), conversation);
    }

    /**
     * Runs a program to its end with initial variables.
     *
     * @param program the program
     * @param arguments initial variables by lower-case name
     * @param conversation the user
     * @return the outcome, the final state and (when recording) every event
     */
    public DirectRun run(Program program, Map<String, Value> arguments, Conversation conversation) {
        requireNonNull(program, "program is null");
        requireNonNull(arguments, "arguments is null");
        IncomingValues.requireWithin(arguments, limits);
        requireNonNull(conversation, "conversation is null");
        return run(ProgramIndex.of(program), executionIds.get(), arguments, conversation, 0);
    }

    private DirectRun run(
            ProgramIndex program,
            String executionId,
            Map<String, Value> arguments,
            Conversation conversation,
            int depth) {
        InMemoryJournal memory = recording
                ? InMemoryJournal.recording(conversation, sleeper, clock)
                : InMemoryJournal.nonRecording(conversation, sleeper, clock);
        Journal journal = requireNonNull(journalDecorator.apply(memory), "the journal decorator returned null");
        ExecutionState state = interpreter.start(program, executionId, arguments, journal);
        while (true) {
            Outcome outcome = interpreter.run(program, state, journal, limits);
            DirectOutcome end = switch (outcome) {
                case Outcome.Completed completed -> new DirectOutcome.Completed(completed.result());
                case Outcome.Failed failed -> new DirectOutcome.Failed(failed.error());
                case Outcome.Cancelled cancelled -> new DirectOutcome.Cancelled(cancelled.reason());
                case Outcome.WaitingInput waiting ->
                    new DirectOutcome.InputEnded(program.program().name(), waiting.request());
                case Outcome.WaitingTimer ignored -> {
                    // The journal sleeps until the time; coming back early means an interrupt.
                    interpreter.cancel(state, journal, "interrupted while waiting");
                    yield new DirectOutcome.Cancelled("interrupted while waiting");
                }
                case Outcome.WaitingChild waiting -> {
                    memory.deliver(
                            runChild(waiting.request(), executionId + "/" + state.sequence(), conversation, depth));
                    yield null;
                }
                case Outcome.Yielded ignored -> {
                    if (state.steps() < maxSteps) {
                        yield null;
                    }
                    String reason = "stopped after " + state.steps() + " steps (the limit is " + maxSteps + ")";
                    interpreter.cancel(state, journal, reason);
                    yield new DirectOutcome.Cancelled(reason);
                }
            };
            if (end != null) {
                return new DirectRun(end, state.snapshot(), memory.events());
            }
            if (resumeFromJson) {
                state = ExecutionState.restore(EngineJson.readSnapshot(EngineJson.write(state.snapshot())));
            }
        }
    }

    private ChildResult runChild(ChildRequest request, String childId, Conversation conversation, int depth) {
        if (depth + 1 > maxChildDepth) {
            return new ChildResult.Failed(
                    "scripts call each other deeper than " + maxChildDepth + " levels (a cycle of CALLs?)");
        }
        Optional<ScriptResolver.Script> script;
        try {
            script = resolver.resolve(request);
        } catch (RuntimeException e) {
            return new ChildResult.Failed(String.valueOf(e.getMessage()));
        }
        if (script.isEmpty()) {
            return new ChildResult.Failed(
                    request.kind() == ChildRequest.Kind.BOT
                            ? BotCalls.missing(request.script())
                            : "there is no script " + request.script() + " beside " + request.parentScript());
        }
        Program program;
        try {
            program = compiler.compile(script.get().name(), script.get().source());
        } catch (RuntimeException e) {
            return new ChildResult.Failed(String.valueOf(e.getMessage()));
        }
        Map<String, Value> arguments;
        try {
            arguments = request.kind() == ChildRequest.Kind.BOT ? BotCalls.variables(request) : bind(program, request);
        } catch (IllegalArgumentException e) {
            return new ChildResult.Failed(e.getMessage());
        }
        DirectRun run = run(ProgramIndex.of(program), childId, arguments, conversation, depth + 1);
        return switch (run.outcome()) {
            case DirectOutcome.Completed completed -> new ChildResult.Returned(completed.result());
            case DirectOutcome.Failed failed ->
                new ChildResult.Failed(failed.error().message());
            case DirectOutcome.InputEnded ended -> new ChildResult.Failed(ended.message());
            case DirectOutcome.Cancelled cancelled -> new ChildResult.Failed(cancelled.message());
        };
    }

    /** Binds a tool's arguments to its {@code PARAM}s, in the order they are declared. */
    private static Map<String, Value> bind(Program program, ChildRequest request) {
        List<String> parameters = new ArrayList<>();
        for (Step step : program.body()) {
            if (step instanceof Step.Param param) {
                parameters.add(param.name());
            }
        }
        if (request.arguments().size() > parameters.size()) {
            throw new IllegalArgumentException(program.name() + " takes " + parameters.size()
                    + " argument(s) (its PARAMs), but " + request.arguments().size() + " were given");
        }
        Map<String, Value> arguments = new LinkedHashMap<>();
        for (int i = 0; i < request.arguments().size(); i++) {
            arguments.put(parameters.get(i), request.arguments().get(i));
        }
        return arguments;
    }

    /**
     * A finished direct run.
     *
     * @param outcome how it ended
     * @param state the final state
     * @param events every event, when the runner records; else empty
     */
    public record DirectRun(DirectOutcome outcome, ExecutionSnapshot state, List<ExecutionEvent> events) {
        /**
         * Validates and copies the parts.
         *
         * @param outcome not null
         * @param state not null
         * @param events not null
         */
        public DirectRun {
            requireNonNull(outcome, "outcome is null");
            requireNonNull(state, "state is null");
            events = List.copyOf(events);
        }
    }

    /** Configures a {@link DirectRunner}. */
    public static final class Builder {
        private final RuntimeCatalogue catalogue;
        private final ScriptCompiler compiler;
        private ScriptResolver resolver = ScriptResolver.NONE;
        private Clock clock = Clock.systemDefaultZone();
        private RandomGenerator random = RandomGenerator.getDefault();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Limits limits = Limits.DEFAULT.withStepsPerActivation(1_000_000);
        private boolean recording;
        private boolean resumeFromJson;
        private int maxChildDepth = 16;
        private Supplier<String> executionIds = () -> UUID.randomUUID().toString();
        private UnaryOperator<Journal> journalDecorator = journal -> journal;
        private long maxSteps = Long.MAX_VALUE;

        private Builder(RuntimeCatalogue catalogue, ScriptCompiler compiler) {
            this.catalogue = requireNonNull(catalogue, "catalogue is null");
            this.compiler = requireNonNull(compiler, "compiler is null");
        }

        /**
         * Where child scripts come from.
         *
         * @param resolver the resolver
         * @return this builder
         */
        public Builder resolver(ScriptResolver resolver) {
            this.resolver = requireNonNull(resolver, "resolver is null");
            return this;
        }

        /**
         * The clock for {@code NOW()}, timers and handlers.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock is null");
            return this;
        }

        /**
         * The random generator for {@code RANDOM()} and {@code UUID()}.
         *
         * @param random the generator
         * @return this builder
         */
        public Builder random(RandomGenerator random) {
            this.random = requireNonNull(random, "random is null");
            return this;
        }

        /**
         * How {@code WAIT} and retry backoffs wait.
         *
         * @param sleeper the sleeper
         * @return this builder
         */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = requireNonNull(sleeper, "sleeper is null");
            return this;
        }

        /**
         * The limits; the step budget only decides how often the run yields to itself (a direct run
         * continues after a yield).
         *
         * @param limits the limits
         * @return this builder
         */
        public Builder limits(Limits limits) {
            this.limits = requireNonNull(limits, "limits is null");
            return this;
        }

        /**
         * Whether to keep every event (slower; for tests and history).
         *
         * @param recording true to record
         * @return this builder
         */
        public Builder recording(boolean recording) {
            this.recording = recording;
            return this;
        }

        /**
         * Whether to write the state to JSON and read it back after every activation, as a durable
         * run resumes (slow; checks that a script's state survives being saved at any point).
         *
         * @param resumeFromJson true to round-trip the state
         * @return this builder
         */
        public Builder resumeFromJson(boolean resumeFromJson) {
            this.resumeFromJson = resumeFromJson;
            return this;
        }

        /**
         * How deeply scripts may call each other.
         *
         * @param depth at least 1
         * @return this builder
         */
        public Builder maxChildDepth(int depth) {
            if (depth < 1) {
                throw new IllegalArgumentException("maxChildDepth must be at least 1, was " + depth);
            }
            this.maxChildDepth = depth;
            return this;
        }

        /**
         * Where execution ids come from (random UUIDs by default). A child's id is its parent's id,
         * a slash and the sequence number of the parent's {@code ChildStarted} event.
         *
         * @param executionIds the id supplier
         * @return this builder
         */
        public Builder executionIds(Supplier<String> executionIds) {
            this.executionIds = requireNonNull(executionIds, "executionIds is null");
            return this;
        }

        /**
         * Wraps the journal of every run (top level and children), e.g. to trace or check its events.
         * The wrapper must pass every call on to the journal it wraps.
         *
         * @param decorator makes the wrapper
         * @return this builder
         */
        public Builder journalDecorator(UnaryOperator<Journal> decorator) {
            this.journalDecorator = requireNonNull(decorator, "decorator is null");
            return this;
        }

        /**
         * Stops a run (cancels it) once it has run this many steps, checked whenever an activation
         * yields (activations are shortened to at most this many steps): a guard against a script
         * that never ends. Unlimited by default.
         *
         * @param steps at least 1
         * @return this builder
         */
        public Builder maxSteps(long steps) {
            if (steps < 1) {
                throw new IllegalArgumentException("maxSteps must be at least 1, was " + steps);
            }
            this.maxSteps = steps;
            return this;
        }

        /**
         * Builds the runner.
         *
         * @return the runner
         */
        public DirectRunner build() {
            return new DirectRunner(this);
        }
    }
}
