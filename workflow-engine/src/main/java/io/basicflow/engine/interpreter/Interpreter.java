package io.basicflow.engine.interpreter;

import static java.util.Objects.requireNonNull;

import io.basicflow.compiler.evaluation.EvaluationException;
import io.basicflow.compiler.evaluation.Evaluator;
import io.basicflow.compiler.evaluation.MenuMatcher;
import io.basicflow.compiler.evaluation.Values;
import io.basicflow.engine.api.MessageExtras;
import io.basicflow.engine.event.CursorChange;
import io.basicflow.engine.event.Delta;
import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.event.VariableChange;
import io.basicflow.engine.program.Block;
import io.basicflow.engine.program.ProgramIndex;
import io.basicflow.engine.state.ChildRequest;
import io.basicflow.engine.state.ChildResult;
import io.basicflow.engine.state.ExecutionError;
import io.basicflow.engine.state.ExecutionStatus;
import io.basicflow.engine.state.FrameSnapshot;
import io.basicflow.spi.EffectKind;
import io.basicflow.spi.PureFunction;
import io.basicflow.spi.RetryPolicy;
import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Expression;
import io.basicflow.spi.program.Procedure;
import io.basicflow.spi.program.SourceSpan;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.program.Target;
import io.basicflow.spi.value.DecimalValue;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.random.RandomGenerator;

/**
 * Runs compiled programs, one activation at a time, for direct and durable runs alike: everything
 * mode-specific goes through the {@link Journal}. The interpreter walks the {@link ProgramIndex}
 * with the explicit cursor of an {@link ExecutionState} (no Java recursion over statements: a
 * procedure call pushes a frame, so a {@code HEAR} inside a {@code SUB} inside a loop suspends like
 * any other). It holds no per-run state: one instance serves many executions and threads.
 *
 * <h2>Semantics</h2>
 *
 * <ul>
 *   <li><b>Assignment</b> ({@code x = e}, {@code a.b = e}, {@code a[i] = e}): member and index
 *       targets build new immutable values ({@link MapValue#with}, {@link ListValue#with}). A field of
 *       {@code NULL} makes a new map; an index one past the end of a list appends; an index of a map
 *       or of {@code NULL} with a text key sets that key; {@code [0]} of {@code NULL} makes a list.
 *       Anything else (a field of a number, an index past the end) fails the execution.
 *   <li><b>{@code TALK}</b>, {@code TALK TO}, {@code BEGIN TALK} send the display text of the message
 *       (a {@code BEGIN TALK} block's lines joined by line breaks) as a {@link
 *       ExecutionEvent.MessageSent}.
 *   <li><b>{@code FOR i = a TO b STEP s}</b>: bounds and step are evaluated once, as numbers (numeric
 *       text counts as its number, {@code NULL} as 0); {@code STEP 0} fails; a negative step counts
 *       down. The counter is the variable itself: {@code NEXT} adds the step to its current value,
 *       so assigning it in the body moves the loop. After the loop it holds the first value past the
 *       bound; a loop that runs zero times leaves it at the start value.
 *   <li><b>{@code FOR EACH x IN e}</b>: {@code e} is evaluated once. A list iterates its elements; a
 *       map iterates its entries, each as a map {@code {"key": k, "value": v}}; {@code NULL} iterates
 *       nothing; a text, number or boolean fails ("not a list").
 *   <li><b>{@code DO}/{@code WHILE}</b> loops test their condition before or after each pass as
 *       written; {@code DO … LOOP} without a condition runs until {@code EXIT DO}.
 *   <li><b>{@code EXIT FOR}/{@code EXIT DO}</b> leave the innermost loop of that kind within the
 *       running procedure (or top level). With no such loop, they leave the innermost block (at top
 *       level that ends the script; in a procedure's body, the procedure). {@code EXIT SUB}/{@code
 *       EXIT FUNCTION} leave the running procedure ({@code NULL} result); at top level they end the
 *       script. A plain {@code EXIT} ends the script with no result.
 *   <li><b>{@code SELECT CASE}</b>: the subject is evaluated once; the first {@code CASE} with a
 *       matching test runs. {@code CASE v} matches by {@link Evaluator#equal}; {@code CASE a TO b}
 *       and {@code CASE IS > v} use {@link Evaluator#compare}, and values that cannot be ordered (a
 *       text beside a number) simply do not match.
 *   <li><b>Procedures</b>: {@code SUB} and {@code FUNCTION} parameters are local to each call
 *       (missing arguments are {@code NULL}, extra arguments fail); every other name a procedure
 *       reads or assigns is the script's variable. {@code RETURN v} in a procedure leaves it and
 *       assigns {@code v} to the call's target, if any; a procedure that ends without {@code RETURN}
 *       returns {@code NULL}. At top level {@code RETURN v} completes the execution with result {@code
 *       v}.
 *   <li><b>{@code WITH obj}</b> sets each field on the map in {@code obj} (a new map when it holds
 *       {@code NULL}; anything else fails), then assigns the map once; field values are evaluated in
 *       order in the normal scope.
 *   <li><b>{@code HEAR}</b>: see {@link Limits#inputAttempts()}; plain {@code HEAR} takes any text,
 *       typed {@code HEAR} validates with the input type (invalid: {@link
 *       ExecutionEvent.InputRejected}, the type's message as a message, the prompt again, wait
 *       again), a menu uses {@link MenuMatcher}. After the last attempt the variable is set to {@code
 *       NULL} ({@link ExecutionEvent.InputAbandoned}) and the script goes on (no message is sent
 *       after the last invalid input: the script says what fits, testing {@code IF x IS NULL}).
 *       Input longer than {@link Limits#maxInputLength()} is rejected like an invalid one. A {@code
 *       WITH "prompt"} is sent before the first wait and again after each rejection.
 *   <li><b>{@code WAIT s}</b>: {@code s} seconds (fractions allowed, negative fails, 0 does not wait)
 *       through {@link Journal#awaitTimer}.
 *   <li><b>Keywords</b> ({@code Invoke}, {@code SEND MAIL}): arguments are evaluated once and named
 *       after the declared parameters (a repeated parameter collects a list, a missing optional one is
 *       {@code NULL}). {@link EffectKind#PURE} keywords run inline. Effect keywords record {@link
 *       ExecutionEvent.EffectStarted} with the idempotency key {@code executionId/sequence}, pass
 *       {@link Journal#beforeEffect}, run, and record the outcome; retryable failures (and unexpected
 *       exceptions) are retried per the keyword's {@link RetryPolicy} after a backoff through {@link
 *       Journal#awaitTimer}; the last failure fails the execution naming the keyword. A handler never
 *       makes the interpreter throw.
 *   <li><b>Children</b>: {@code CALL "x.bas"} and {@code r = USE TOOL "x", args} record {@link
 *       ExecutionEvent.ChildStarted} and ask {@link Journal#childResult}; a failed child fails the
 *       parent. {@code USE TOOL "x"} without a result and {@code ADD TOOL "x"} add the tool to the
 *       active set (once), after the handler of the plugin that declares the keyword (the tools
 *       plugin) checked it and named it as the tools folder spells it; {@code CLEAR TOOLS} empties
 *       it.
 *   <li><b>{@code PARAM}</b> and {@code DESCRIPTION} do nothing at run time (the caller binds a tool's
 *       arguments as variables before it starts).
 * </ul>
 */
public final class Interpreter {

    private final RuntimeCatalogue catalogue;
    private final Evaluator evaluator;
    private final Clock clock;
    private final Sleeper sleeper;

    /**
     * Creates an interpreter.
     *
     * @param catalogue the keywords, functions and input types of the installed plugins
     * @param clock the clock for {@code NOW()}, timers and handlers
     * @param random the random generator for {@code RANDOM()} and {@code UUID()}
     * @param sleeper waits between the attempts of a failing pure keyword
     */
    public Interpreter(RuntimeCatalogue catalogue, Clock clock, RandomGenerator random, Sleeper sleeper) {
        this.catalogue = requireNonNull(catalogue, "catalogue is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.sleeper = requireNonNull(sleeper, "sleeper is null");
        requireNonNull(random, "random is null");
        this.evaluator = new Evaluator(catalogue.functions(), new PureFunction.Environment() {
            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public RandomGenerator random() {
                return random;
            }
        });
    }

    /**
     * Starts an execution: records {@link ExecutionEvent.ExecutionStarted} and returns the state,
     * runnable, with the cursor on the program's first step.
     *
     * @param program the program
     * @param executionId the execution's id
     * @param arguments initial variables (a tool's or child's arguments), by lower-case name
     * @param journal where the first event goes
     * @return the new state
     */
    public ExecutionState start(
            ProgramIndex program, String executionId, Map<String, Value> arguments, Journal journal) {
        requireNonNull(program, "program is null");
        requireNonNull(executionId, "executionId is null");
        requireNonNull(journal, "journal is null");
        List<VariableChange> variables = new ArrayList<>();
        arguments.forEach((name, value) -> variables.add(new VariableChange(name, value, false)));
        Delta delta = new Delta(
                variables,
                Optional.of(new CursorChange(0, 0, 0, List.of(new FrameSnapshot.Body(0, 0)))),
                Optional.empty());
        ExecutionEvent.ExecutionStarted started = new ExecutionEvent.ExecutionStarted(
                1, executionId, program.program().name(), program.fingerprint(), delta);
        journal.record(started);
        return StateFold.start(started);
    }

    /**
     * Runs one activation: from the cursor until the execution ends, waits, or has run {@link
     * Limits#stepsPerActivation()} steps. A waiting execution resumes by calling this again with the
     * same state once its input, time or child result is there (the journal supplies them). A final
     * state returns its outcome again without running anything.
     *
     * <p>Script errors, broken limits and failing handlers end the execution with {@link
     * Outcome.Failed}; nothing is thrown for them.
     *
     * @param program the program the execution runs (the same shape it started with)
     * @param state the state, changed in place
     * @param journal the mode: events, input, timers, effects, children
     * @param limits the limits
     * @return how the activation ended
     * @throws IllegalStateException when the state belongs to a program of another shape
     */
    public Outcome run(ProgramIndex program, ExecutionState state, Journal journal, Limits limits) {
        requireNonNull(program, "program is null");
        requireNonNull(state, "state is null");
        requireNonNull(journal, "journal is null");
        requireNonNull(limits, "limits is null");
        Outcome outcome = switch (state.status) {
            case COMPLETED -> new Outcome.Completed(state.result());
            case FAILED -> new Outcome.Failed(state.error);
            case CANCELLED -> new Outcome.Cancelled("cancelled");
            case RUNNING, WAITING_INPUT, WAITING_TIMER, WAITING_CHILD -> null;
        };
        if (outcome != null) {
            return outcome;
        }
        Limits effective = Quotas.forScript(limits, program.program().quotas());
        state.bind(program, journal.recording(), effective);
        try {
            outcome = new Activation(program, state, journal, effective).run();
        } catch (JournalFailure e) {
            throw e.cause;
        }
        journal.activationEnded(state, outcome);
        return outcome;
    }

    /**
     * Cancels an execution that has not ended, or that failed (an operator gives up on it instead of
     * retrying it): records {@link ExecutionEvent.ExecutionCancelled}.
     *
     * @param state the state, changed in place
     * @param journal where the event goes
     * @param reason why
     * @return the outcome: cancelled, or the final outcome it already had
     */
    public Outcome cancel(ExecutionState state, Journal journal, String reason) {
        requireNonNull(reason, "reason is null");
        switch (state.status) {
            case COMPLETED -> {
                return new Outcome.Completed(state.result());
            }
            case CANCELLED -> {
                return new Outcome.Cancelled(reason);
            }
            case RUNNING, WAITING_INPUT, WAITING_TIMER, WAITING_CHILD, FAILED -> {}
        }
        state.track(journal.recording());
        ExecutionEvent event = new ExecutionEvent.ExecutionCancelled(
                state.sequence + 1, reason, journal.recording() ? state.takeDelta() : Delta.NONE);
        journal.record(event);
        StateFold.transition(state, event);
        Outcome outcome = new Outcome.Cancelled(reason);
        journal.activationEnded(state, outcome);
        return outcome;
    }

    /**
     * Retries a failed execution: records {@link ExecutionEvent.ExecutionRetried}; the next {@link
     * #run} runs the step that failed again (an effect with a new idempotency key).
     *
     * @param state the failed state, changed in place
     * @param journal where the event goes
     * @param reason why, recorded in the history
     * @throws IllegalStateException when the execution is not failed
     */
    public void retry(ExecutionState state, Journal journal, String reason) {
        requireNonNull(reason, "reason is null");
        if (state.status != ExecutionStatus.FAILED) {
            throw new IllegalStateException(
                    "execution " + state.executionId + " is " + state.status + "; only a failed one can be retried");
        }
        state.track(journal.recording());
        ExecutionEvent event = new ExecutionEvent.ExecutionRetried(
                state.sequence + 1, reason, journal.recording() ? state.takeDelta() : Delta.NONE);
        journal.record(event);
        StateFold.transition(state, event);
    }

    /** One run of one execution: the state, the journal and what the running step is. */
    final class Activation {
        final ProgramIndex program;
        final ExecutionState state;
        final Journal journal;
        final Limits limits;
        final boolean recording;
        final String script;

        private KeywordSteps keywords;
        private InputSteps inputs;

        private Frame currentFrame;
        private int currentIndex;
        private SourceSpan currentSpan;

        Activation(ProgramIndex program, ExecutionState state, Journal journal, Limits limits) {
            this.program = program;
            this.state = state;
            this.journal = journal;
            this.limits = limits;
            this.recording = journal.recording();
            this.script = program.program().name();
        }

        Outcome run() {
            int budget = limits.stepsPerActivation();
            for (int done = 0; done < budget; done++) {
                Outcome outcome = advance();
                if (outcome != null) {
                    return outcome;
                }
                if (recording) {
                    journal.checkpoint(state); // a failure here is infrastructure: it propagates
                }
            }
            return new Outcome.Yielded();
        }

        /**
         * Runs the next step, after leaving the bodies that ended: the outcome when the activation
         * ends here, null when it goes on. One call per step, so that the JIT compiles the step's
         * path after a few hundred steps: {@link #run()} is one call per activation, and its loop
         * alone is compiled only after tens of thousands of iterations (a lone long execution ran its
         * steps interpreted until then).
         */
        private Outcome advance() {
            while (true) {
                if (state.frames.isEmpty()) {
                    return fail(new StepFailure(
                            ExecutionError.Kind.INTERNAL,
                            "the execution has no cursor but is " + state.status + "; its state is damaged"));
                }
                Frame top = state.top();
                try {
                    // A used-up quota fails the execution with the cursor where it is (no step re-runs).
                    currentFrame = null;
                    currentSpan = top.index < top.block.size()
                            ? top.block.step(top.index).span()
                            : null;
                    Quotas.check(state, limits, recording, program.program().quotas());
                    if (top.index >= top.block.size()) {
                        if (top instanceof Frame.BodyFrame && state.frames.size() > 1) {
                            state.pop();
                            continue;
                        }
                        currentFrame = top;
                        currentIndex = top.index;
                        currentSpan = null;
                        return endOfBlock(top);
                    }
                    int index = top.index++;
                    Step step = top.block.step(index);
                    currentFrame = top;
                    currentIndex = index;
                    currentSpan = step.span();
                    return execute(step, top, index);
                } catch (JournalFailure e) {
                    throw e.cause;
                } catch (EvaluationException e) {
                    if (!trapped(ExecutionError.Kind.EVALUATION, problem(e))) {
                        return fail(e);
                    }
                    return null;
                } catch (StepFailure e) {
                    if (!trapped(e.kind, e.getMessage())) {
                        return fail(e);
                    }
                    return null;
                } catch (RuntimeException | StackOverflowError e) {
                    return fail(new StepFailure(ExecutionError.Kind.INTERNAL, describe(e)));
                }
            }
        }

        // ---- statements ----

        private Outcome execute(Step step, Frame top, int index) {
            switch (step) {
                case Step.Assign assign -> {
                    assign(assign.target(), eval(assign.value()));
                    completed(assign.span());
                }
                case Step.Talk talk ->
                    talk(talk.span(), Optional.empty(), eval(talk.message()).display());
                case Step.TalkTo talk -> {
                    String recipient = eval(talk.recipient()).display();
                    talk(
                            talk.span(),
                            Optional.of(recipient),
                            eval(talk.message()).display());
                }
                case Step.TalkBlock talk -> {
                    StringBuilder text = new StringBuilder();
                    for (Expression line : talk.lines()) {
                        if (!text.isEmpty()) {
                            text.append('\n');
                        }
                        text.append(eval(line).display());
                    }
                    talk(talk.span(), Optional.empty(), text.toString());
                }
                case Step.Hear hear -> {
                    return inputs().hear(hear, top, index);
                }
                case Step.Wait wait -> {
                    return inputs().waitStep(wait, top, index);
                }
                case Step.If conditional -> {
                    List<Step.Branch> branches = conditional.branches();
                    int chosen = branches.size();
                    for (int i = 0; i < branches.size(); i++) {
                        if (eval(branches.get(i).condition()).isTruthy()) {
                            chosen = i;
                            break;
                        }
                    }
                    enter(top.block.child(index, chosen));
                    completed(conditional.span());
                }
                case Step.Select select -> {
                    Value subject = eval(select.subject());
                    List<Step.Case> cases = select.cases();
                    int chosen = cases.size();
                    for (int i = 0; i < cases.size() && chosen == cases.size(); i++) {
                        for (Step.CaseTest test : cases.get(i).tests()) {
                            if (matches(subject, test)) {
                                chosen = i;
                                break;
                            }
                        }
                    }
                    enter(top.block.child(index, chosen));
                    completed(select.span());
                }
                case Step.ForRange loop -> forRange(loop, top, index);
                case Step.ForEach loop -> forEach(loop, top, index);
                case Step.DoLoop loop -> {
                    boolean enter = switch (loop.test()) {
                        case WHILE_BEFORE -> condition(loop);
                        case UNTIL_BEFORE -> !condition(loop);
                        case WHILE_AFTER, UNTIL_AFTER, NONE -> true;
                    };
                    if (enter) {
                        Block body = top.block.child(index, 0);
                        state.push(new Frame.DoLoopFrame(body.id(), body, 0, loop));
                    }
                    completed(loop.span());
                }
                case Step.Exit exit -> {
                    return exit(exit);
                }
                case Step.CallProcedure call -> callProcedure(call, top, index);
                case Step.Return ret -> {
                    Value value = ret.value().isPresent() ? eval(ret.value().get()) : NullValue.NULL;
                    if (state.call == null) {
                        return complete(value);
                    }
                    returnFromProcedure(value);
                    completed(ret.span());
                }
                case Step.With with -> {
                    Value current = read(with.target());
                    MapValue map = switch (current) {
                        case MapValue existing -> existing;
                        case NullValue ignored -> MapValue.EMPTY;
                        default ->
                            throw new StepFailure(
                                    ExecutionError.Kind.STATEMENT,
                                    "WITH " + render(with.target()) + " needs a map, but it holds "
                                            + Values.describe(current));
                    };
                    for (Step.WithField field : with.fields()) {
                        map = map.with(field.name(), eval(field.value()));
                    }
                    assign(with.target(), map);
                    completed(with.span());
                }
                case Step.CallScript call -> {
                    return keywords()
                            .child(
                                    call.span(),
                                    ChildRequest.Kind.SCRIPT,
                                    call.script(),
                                    call.arguments(),
                                    call.result(),
                                    top,
                                    index);
                }
                case Step.UseTool tool -> {
                    if (tool.result().isPresent()) {
                        return keywords()
                                .child(
                                        tool.span(),
                                        ChildRequest.Kind.TOOL,
                                        tool.tool(),
                                        tool.arguments(),
                                        tool.result(),
                                        top,
                                        index);
                    }
                    keywords().addTool("USE TOOL", tool.tool());
                    completed(tool.span());
                }
                case Step.AddTool tool -> {
                    keywords().addTool("ADD TOOL", tool.tool());
                    completed(tool.span());
                }
                case Step.ClearTools clear -> {
                    if (!state.tools.isEmpty()) {
                        state.setTools(List.of());
                    }
                    completed(clear.span());
                }
                case Step.Param param -> {
                    if (param.defaultValue().isPresent() && state.get(param.name()) == NullValue.NULL) {
                        state.put(param.name(), eval(param.defaultValue().get()));
                    }
                    completed(param.span());
                }
                case Step.ErrorHandling handling -> {
                    switch (handling.action()) {
                        case RESUME_NEXT -> ErrorTrap.setActive(state, true);
                        case STOP_ON_ERROR -> ErrorTrap.setActive(state, false);
                        case CLEAR -> ErrorTrap.clear(state);
                        case THROW ->
                            throw new StepFailure(
                                    ExecutionError.Kind.STATEMENT,
                                    eval(handling.message().orElseThrow()).display());
                    }
                    completed(handling.span());
                }
                case Step.Description description -> completed(description.span());
                case Step.SendMail mail -> {
                    return keywords().sendMail(mail, top, index);
                }
                case Step.Orchestrate orchestrate -> {
                    return OrchestrationSteps.run(orchestrate, state, script, orchestrationHost(), top, index);
                }
                case Step.Invoke invoke -> {
                    return keywords().invoke(invoke, top, index);
                }
            }
            return null;
        }

        private KeywordSteps keywords() {
            if (keywords == null) {
                keywords = new KeywordSteps(this, catalogue, clock, sleeper);
            }
            return keywords;
        }

        private InputSteps inputs() {
            if (inputs == null) {
                inputs = new InputSteps(this, catalogue, clock);
            }
            return inputs;
        }

        private OrchestrationSteps.Host orchestrationHost() {
            return new OrchestrationSteps.Host() {
                @Override
                public Value eval(Expression expression) {
                    return Activation.this.eval(expression);
                }

                @Override
                public void assign(String variable, Value value) {
                    state.put(variable, value);
                }

                @Override
                public void emit(ExecutionEvent event) {
                    Activation.this.emit(event);
                }

                @Override
                public long next() {
                    return Activation.this.next();
                }

                @Override
                public Delta delta() {
                    return Activation.this.delta();
                }

                @Override
                public void completed(SourceSpan span) {
                    Activation.this.completed(span);
                }

                @Override
                public Optional<ChildResult> childResult(ChildRequest request, long startedSeq) {
                    try {
                        return journal.childResult(request, startedSeq);
                    } catch (RuntimeException e) {
                        throw new JournalFailure(e);
                    }
                }

                @Override
                public Optional<ChildRequest> startedChild(long startedSeq) {
                    return journal.startedChild(startedSeq);
                }

                @Override
                public void assign(Target target, Value value) {
                    Activation.this.assign(target, value);
                }

                @Override
                public Instant now() {
                    return clock.instant();
                }

                @Override
                public boolean due(Instant when) {
                    return Activation.this.due(when);
                }

                @Override
                public Journal journal() {
                    return journal;
                }

                @Override
                public String executionId() {
                    return state.executionId;
                }

                @Override
                public Outcome complete(Value result) {
                    return Activation.this.complete(result);
                }
            };
        }

        private void talk(SourceSpan span, Optional<String> recipient, String text) {
            Quotas.checkMessage(text, state, limits, program.program().quotas());
            Optional<MessageExtras> extras =
                    recipient.isEmpty() ? Suggestions.carried(state, Optional.empty()) : Optional.empty();
            emit(new ExecutionEvent.MessageSent(
                    next(), span, ExecutionEvent.MessageKind.TALK, recipient, text, delta(), extras));
        }

        private void enter(Block block) {
            if (block.size() > 0) {
                state.push(new Frame.BodyFrame(block.id(), block, 0));
            }
        }

        private boolean matches(Value subject, Step.CaseTest test) {
            return switch (test) {
                case Step.CaseTest.Equals equals -> Evaluator.equal(subject, eval(equals.value()));
                case Step.CaseTest.Between between -> {
                    Integer low = order(subject, eval(between.low()));
                    Integer high = order(subject, eval(between.high()));
                    yield low != null && high != null && low >= 0 && high <= 0;
                }
                case Step.CaseTest.Compare compare -> {
                    Value value = eval(compare.value());
                    yield switch (compare.operator()) {
                        case EQUAL -> Evaluator.equal(subject, value);
                        case NOT_EQUAL -> !Evaluator.equal(subject, value);
                        case LESS -> orderIs(subject, value, order -> order < 0);
                        case LESS_OR_EQUAL -> orderIs(subject, value, order -> order <= 0);
                        case GREATER -> orderIs(subject, value, order -> order > 0);
                        case GREATER_OR_EQUAL -> orderIs(subject, value, order -> order >= 0);
                        case OR, AND, ADD, SUBTRACT, CONCAT, MULTIPLY, DIVIDE, INTEGER_DIVIDE, MODULO, POWER ->
                            throw new StepFailure(
                                    ExecutionError.Kind.STATEMENT,
                                    "CASE IS needs a comparison, not " + compare.operator());
                    };
                }
            };
        }

        private boolean orderIs(Value left, Value right, IntPredicate test) {
            Integer order = order(left, right);
            return order != null && test.test(order);
        }

        private Integer order(Value left, Value right) {
            try {
                return Evaluator.compare(left, right);
            } catch (EvaluationException incomparable) {
                return null;
            }
        }

        // ---- loops ----

        private void forRange(Step.ForRange loop, Frame top, int index) {
            String what = "FOR " + loop.variable();
            NumberValue from = number(eval(loop.from()), what + ": the start value");
            NumberValue to = number(eval(loop.to()), what + ": the end value");
            NumberValue step =
                    loop.step().isPresent() ? number(eval(loop.step().get()), what + ": the STEP") : IntegerValue.of(1);
            int direction = signum(step);
            if (direction == 0) {
                throw new StepFailure(
                        ExecutionError.Kind.STATEMENT,
                        what + " has STEP 0, which would never reach the end value",
                        loop.step().get().span());
            }
            state.put(loop.variable(), from);
            if (continues(from, to, direction)) {
                Block body = top.block.child(index, 0);
                state.push(new Frame.ForRangeFrame(body.id(), body, 0, loop.variable(), to, step));
            }
            completed(loop.span());
        }

        private void forEach(Step.ForEach loop, Frame top, int index) {
            Value items = eval(loop.items());
            ListValue list = switch (items) {
                case ListValue elements -> elements;
                case MapValue map -> entries(map);
                case NullValue ignored -> ListValue.EMPTY;
                default ->
                    throw new StepFailure(
                            ExecutionError.Kind.STATEMENT,
                            "FOR EACH " + loop.variable() + " IN "
                                    + loop.items().text() + ": " + Values.describe(items) + " is not a list",
                            loop.items().span());
            };
            if (!list.elements().isEmpty()) {
                state.put(loop.variable(), list.elements().getFirst());
                Block body = top.block.child(index, 0);
                state.push(new Frame.ForEachFrame(body.id(), body, 0, loop.variable(), list, 0));
            }
            completed(loop.span());
        }

        private ListValue entries(MapValue map) {
            List<Value> entries = new ArrayList<>(map.entries().size());
            map.entries().forEach((key, value) -> {
                Map<String, Value> entry = new LinkedHashMap<>();
                entry.put("key", new TextValue(key));
                entry.put("value", value);
                entries.add(new MapValue(entry));
            });
            return new ListValue(entries);
        }

        private boolean condition(Step.DoLoop loop) {
            return eval(loop.condition().orElseThrow()).isTruthy();
        }

        /** A finished block that is not a plain one: a loop iterates or ends, a procedure returns. */
        private Outcome endOfBlock(Frame top) {
            switch (top) {
                case Frame.BodyFrame ignored -> {
                    return complete(NullValue.NULL);
                }
                case Frame.ForRangeFrame loop -> {
                    nextCounter(loop);
                    completed(loop);
                }
                case Frame.ForEachFrame loop -> {
                    int position = loop.position + 1;
                    if (position < loop.items.elements().size()) {
                        state.put(loop.variable, loop.items.elements().get(position));
                        loop.position = position;
                        loop.index = 0;
                    } else {
                        state.pop();
                    }
                    completed(loop);
                }
                case Frame.DoLoopFrame loop -> {
                    boolean again = switch (loop.loop.test()) {
                        case WHILE_BEFORE, WHILE_AFTER -> condition(loop.loop);
                        case UNTIL_BEFORE, UNTIL_AFTER -> !condition(loop.loop);
                        case NONE -> true;
                    };
                    if (again) {
                        loop.index = 0;
                    } else {
                        state.pop();
                    }
                    completed(loop);
                }
                case Frame.CallFrame call -> {
                    returnFromProcedure(NullValue.NULL);
                    completed(call);
                }
            }
            return null;
        }

        private void nextCounter(Frame.ForRangeFrame loop) {
            Value current = state.get(loop.variable);
            if (current instanceof IntegerValue counter
                    && loop.step instanceof IntegerValue step
                    && loop.to instanceof IntegerValue to) {
                long value = counter.value();
                long increment = step.value();
                long next = value + increment;
                if (((value ^ next) & (increment ^ next)) >= 0) {
                    state.put(loop.variable, IntegerValue.of(next));
                    if (increment > 0 ? next <= to.value() : next >= to.value()) {
                        loop.index = 0;
                    } else {
                        state.pop();
                    }
                    return;
                }
            }
            NumberValue counter = Values.asNumber(current)
                    .orElseThrow(() -> new StepFailure(
                            ExecutionError.Kind.STATEMENT,
                            "NEXT " + loop.variable + ": the counter holds " + Values.describe(current)
                                    + ", not a number"));
            NumberValue next = Values.add(counter, loop.step);
            state.put(loop.variable, next);
            if (continues(next, loop.to, signum(loop.step))) {
                loop.index = 0;
            } else {
                state.pop();
            }
        }

        private boolean continues(NumberValue counter, NumberValue to, int direction) {
            int order = Values.compareNumbers(counter, to);
            return direction > 0 ? order <= 0 : order >= 0;
        }

        private int signum(NumberValue number) {
            return switch (number) {
                case IntegerValue integer -> Long.signum(integer.value());
                case DecimalValue decimal -> decimal.value().signum();
            };
        }

        NumberValue number(Value value, String what) {
            return Values.asNumber(value)
                    .orElseThrow(() -> new StepFailure(
                            ExecutionError.Kind.STATEMENT,
                            what + " must be a number, but it is " + Values.describe(value)));
        }

        // ---- EXIT, RETURN, procedures ----

        private Outcome exit(Step.Exit exit) {
            switch (exit.target()) {
                case SCRIPT -> {
                    return complete(NullValue.NULL);
                }
                case PROCEDURE -> {
                    if (state.call == null) {
                        return complete(NullValue.NULL);
                    }
                    returnFromProcedure(NullValue.NULL);
                }
                case FOR, DO -> {
                    boolean forLoop = exit.target() == Step.ExitTarget.FOR;
                    Frame loop = null;
                    for (int i = state.frames.size() - 1; i >= 0; i--) {
                        Frame frame = state.frames.get(i);
                        boolean match = forLoop
                                ? frame instanceof Frame.ForRangeFrame || frame instanceof Frame.ForEachFrame
                                : frame instanceof Frame.DoLoopFrame;
                        if (match) {
                            loop = frame;
                            break;
                        }
                        if (frame instanceof Frame.CallFrame) {
                            break;
                        }
                    }
                    if (loop != null) {
                        while (state.pop() != loop) {
                            // leave every block inside the loop, then the loop
                        }
                    } else {
                        // No such loop: leave the innermost block.
                        Frame top = state.top();
                        if (top instanceof Frame.CallFrame) {
                            returnFromProcedure(NullValue.NULL);
                        } else if (state.frames.size() == 1) {
                            return complete(NullValue.NULL);
                        } else {
                            state.pop();
                        }
                    }
                }
            }
            completed(exit.span());
            return null;
        }

        private void callProcedure(Step.CallProcedure call, Frame top, int index) {
            Block body = program.procedureBody(call.procedure())
                    .orElseThrow(() -> new StepFailure(
                            ExecutionError.Kind.STATEMENT, "there is no SUB or FUNCTION named " + call.procedure()));
            Procedure procedure = body.procedure().orElseThrow();
            if (call.arguments().size() > procedure.parameters().size()) {
                throw new StepFailure(
                        ExecutionError.Kind.STATEMENT,
                        procedure.name() + " takes " + procedure.parameters().size() + " argument(s), but "
                                + call.arguments().size() + " were given");
            }
            HashMap<String, Value> parameters = new HashMap<>();
            for (int i = 0; i < procedure.parameters().size(); i++) {
                Value value =
                        i < call.arguments().size() ? eval(call.arguments().get(i)) : NullValue.NULL;
                parameters.put(procedure.parameters().get(i), value);
            }
            if (state.callDepth >= limits.maxCallDepth()) {
                throw new StepFailure(
                        ExecutionError.Kind.LIMIT,
                        "calling " + procedure.name() + " would nest more than " + limits.maxCallDepth()
                                + " procedure calls (a recursion that never ends?)");
            }
            state.push(new Frame.CallFrame(body.id(), body, 0, procedure.name(), parameters, top.block.id(), index));
            completed(call.span());
        }

        private void returnFromProcedure(Value value) {
            Frame.CallFrame call = state.call;
            while (state.pop() != call) {
                // leave every block of the procedure
            }
            Step caller = program.block(call.callerBlock).step(call.callerIndex);
            if (caller instanceof Step.CallProcedure procedureCall
                    && procedureCall.result().isPresent()) {
                assign(procedureCall.result().get(), value);
            }
        }

        private Outcome complete(Value value) {
            while (!state.frames.isEmpty()) {
                state.pop();
            }
            emit(new ExecutionEvent.ExecutionCompleted(next(), Optional.of(value), delta()));
            return new Outcome.Completed(state.result());
        }

        boolean due(Instant wakeAt) {
            if (!clock.instant().isBefore(wakeAt)) {
                return true;
            }
            try {
                return journal.awaitTimer(wakeAt);
            } catch (RuntimeException e) {
                throw new JournalFailure(e);
            }
        }

        // ---- assignment ----

        Value eval(Expression expression) {
            return evaluator.evaluate(expression, state);
        }

        void assign(Target target, Value value) {
            if (target.path().isEmpty()) {
                state.put(target.variable(), value);
            } else {
                state.put(target.variable(), assignInto(state.get(target.variable()), target, 0, value));
            }
        }

        private Value assignInto(Value container, Target target, int depth, Value value) {
            if (depth == target.path().size()) {
                return value;
            }
            switch (target.path().get(depth)) {
                case Target.Accessor.Field field -> {
                    MapValue map = switch (container) {
                        case MapValue existing -> existing;
                        case NullValue ignored -> MapValue.EMPTY;
                        default -> throw notAContainer(target, depth, container, "map");
                    };
                    Value child = map.find(field.name()).orElse(NullValue.NULL);
                    return map.with(field.name(), assignInto(child, target, depth + 1, value));
                }
                case Target.Accessor.Element element -> {
                    Value key = eval(element.index());
                    if (container instanceof ListValue || (container == NullValue.NULL && key instanceof NumberValue)) {
                        ListValue list = container instanceof ListValue existing ? existing : ListValue.EMPTY;
                        int position = listIndex(key, list, target, depth);
                        Value child = position < list.elements().size()
                                ? list.elements().get(position)
                                : NullValue.NULL;
                        return list.with(position, assignInto(child, target, depth + 1, value));
                    }
                    MapValue map = switch (container) {
                        case MapValue existing -> existing;
                        case NullValue ignored -> MapValue.EMPTY;
                        default -> throw notAContainer(target, depth, container, "list or map");
                    };
                    String name = key.display();
                    Value child = map.find(name).orElse(NullValue.NULL);
                    return map.with(name, assignInto(child, target, depth + 1, value));
                }
            }
        }

        private int listIndex(Value key, ListValue list, Target target, int depth) {
            Optional<Long> found = Values.asPosition(key);
            if (found.isEmpty()) {
                throw new StepFailure(
                        ExecutionError.Kind.STATEMENT,
                        "the index of " + render(target, depth + 1) + " must be a whole number, but it is "
                                + Values.describe(key));
            }
            long position = found.get();
            int size = list.elements().size();
            if (position < 0 || position > size) {
                throw new StepFailure(
                        ExecutionError.Kind.STATEMENT,
                        "cannot assign " + render(target, depth + 1) + ": index " + position
                                + " is outside the list of " + size + " element(s) (index " + size + " appends)");
            }
            return (int) position;
        }

        private StepFailure notAContainer(Target target, int depth, Value container, String needed) {
            return new StepFailure(
                    ExecutionError.Kind.STATEMENT,
                    "cannot assign " + render(target) + ": " + render(target, depth) + " holds "
                            + Values.describe(container) + ", not a " + needed);
        }

        private Value read(Target target) {
            Value value = state.get(target.variable());
            for (Target.Accessor accessor : target.path()) {
                value = switch (accessor) {
                    case Target.Accessor.Field field ->
                        value instanceof MapValue map ? map.find(field.name()).orElse(NullValue.NULL) : NullValue.NULL;
                    case Target.Accessor.Element element ->
                        evaluator.evaluate(
                                new Expr.Index(
                                        new Expr.Literal(value), element.index().tree()),
                                state);
                };
            }
            return value;
        }

        private String render(Target target) {
            return render(target, target.path().size());
        }

        private String render(Target target, int depth) {
            StringBuilder text = new StringBuilder(target.variable());
            for (int i = 0; i < depth; i++) {
                switch (target.path().get(i)) {
                    case Target.Accessor.Field field -> text.append('.').append(field.name());
                    case Target.Accessor.Element element ->
                        text.append('[').append(element.index().text()).append(']');
                }
            }
            return text.toString();
        }

        // ---- events ----

        long next() {
            return state.sequence + 1;
        }

        Delta delta() {
            return recording ? state.takeDelta() : Delta.NONE;
        }

        void emit(ExecutionEvent event) {
            try {
                journal.record(event);
            } catch (RuntimeException e) {
                throw new JournalFailure(e);
            }
            StateFold.transition(state, event);
        }

        void completed(SourceSpan span) {
            if (recording) {
                emit(new ExecutionEvent.StepCompleted(next(), span, delta()));
            } else {
                state.steps++;
            }
        }

        /** A loop iteration or procedure end: the span is the loop's or procedure's line. */
        private void completed(Frame frame) {
            if (recording) {
                SourceSpan span = frame.block
                        .owner()
                        .map(Step::span)
                        .or(() -> frame.block.procedure().map(Procedure::span))
                        .orElse(SourceSpan.of(1, 1, 0));
                emit(new ExecutionEvent.StepCompleted(next(), span, delta()));
            } else {
                state.steps++;
            }
        }

        private Outcome fail(EvaluationException e) {
            return fail(new ExecutionError(
                    ExecutionError.Kind.EVALUATION,
                    script,
                    e.span().or(() -> Optional.ofNullable(currentSpan)),
                    problem(e)));
        }

        private static String problem(EvaluationException e) {
            String problem = e.problem();
            String text = e.expressionText();
            if (!text.isEmpty() && !problem.contains("'" + text + "'")) {
                problem = problem + " (in '" + text + "')";
            }
            return problem;
        }

        /**
         * Under {@code ON ERROR RESUME NEXT}: records the failed step's error and moves the cursor past
         * the step, so that the script goes on; the error state is in the step's completion like any
         * variable. Failures outside a statement (a loop's end test) and limits are never trapped.
         */
        private boolean trapped(ExecutionError.Kind kind, String message) {
            if (currentSpan == null
                    || !ErrorTrap.trappable(kind)
                    || !ErrorTrap.active(state)
                    || state.frames.isEmpty()
                    || state.top() != currentFrame) {
                return false;
            }
            currentFrame.index = currentIndex + 1;
            ErrorTrap.record(state, kind, message);
            completed(currentSpan);
            return true;
        }

        private Outcome fail(StepFailure e) {
            SourceSpan span = e.span != null ? e.span : currentSpan;
            return fail(new ExecutionError(e.kind, script, Optional.ofNullable(span), e.getMessage()));
        }

        private Outcome fail(ExecutionError error) {
            // The cursor stays on the failing step, so that a retry of the execution runs it again.
            if (currentFrame != null && !state.frames.isEmpty() && state.top() == currentFrame) {
                currentFrame.index = currentIndex;
            }
            emit(new ExecutionEvent.ExecutionFailed(next(), error, delta()));
            return new Outcome.Failed(error);
        }
    }

    /**
     * A journal call failed: infrastructure, not the script. It is rethrown out of {@link #run}
     * unchanged instead of failing the execution, so that a durable host can retry the activation
     * from its last committed state.
     */
    static final class JournalFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final RuntimeException cause;

        JournalFailure(RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
            this.cause = cause;
        }
    }

    static String describe(Throwable e) {
        if (e instanceof StackOverflowError) {
            return "the statement nests too deeply to run";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    static String shorten(String text) {
        return text.length() <= 1000 ? text : text.substring(0, 1000);
    }
}
