package io.basicflow.engine.interpreter;

import io.basicflow.engine.api.MessageExtras;
import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.state.ChildRequest;
import io.basicflow.engine.state.ChildResult;
import io.basicflow.engine.state.ExecutionError;
import io.basicflow.engine.state.PendingWait;
import io.basicflow.spi.EffectKind;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.RetryPolicy;
import io.basicflow.spi.ToolCall;
import io.basicflow.spi.ToolCallingHandler;
import io.basicflow.spi.ToolTurn;
import io.basicflow.spi.program.Expression;
import io.basicflow.spi.program.SourceSpan;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.program.Target;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs the keyword statements of one activation for the {@link Interpreter}: plugin keywords
 * ({@code Invoke}, {@code SEND MAIL}) — pure ones inline, effects with their start, retries and
 * outcome, transactional ones inside the commit that records them — the tool-call rounds of a {@link
 * ToolCallingHandler}, and the children of {@code CALL} and {@code USE TOOL}. The semantics are the
 * interpreter's (its class comment, "Keywords" and "Children"); this class only holds their code.
 */
final class KeywordSteps extends ActivationSteps {

    private final Sleeper sleeper;
    private final boolean recording;
    private final String script;
    /** The files the running PURE keyword sent ({@code SEND FILE}), sent as its step's messages. */
    private final List<AddressedFile> sentFiles = new ArrayList<>(0);

    /** A file a PURE keyword sent, to the conversation's user or ({@code SEND FILE TO}) to a recipient. */
    private record AddressedFile(Optional<String> recipient, MessageExtras.SentFile file) {}

    KeywordSteps(Interpreter.Activation run, RuntimeCatalogue catalogue, Clock clock, Sleeper sleeper) {
        super(run, catalogue, clock);
        this.sleeper = sleeper;
        this.recording = run.recording;
        this.script = run.script;
    }

    /** A plugin keyword's statement. */
    Outcome invoke(Step.Invoke invoke, Frame top, int index) {
        return keyword(
                invoke.span(),
                invoke.keyword(),
                catalogue.keyword(invoke),
                definition -> invokeArguments(definition, invoke),
                invoke.result(),
                top,
                index);
    }

    /** {@code SEND MAIL to, subject, body}: the keyword of the installed mail plugin. */
    Outcome sendMail(Step.SendMail mail, Frame top, int index) {
        return keyword(
                mail.span(), "SEND MAIL", definition -> mailArguments(definition, mail), Optional.empty(), top, index);
    }

    private Outcome keyword(
            SourceSpan span,
            String name,
            Function<KeywordDefinition, Map<String, Value>> arguments,
            Optional<Target> result,
            Frame top,
            int index) {
        return keyword(span, name, catalogue.keyword(name), arguments, result, top, index);
    }

    private Outcome keyword(
            SourceSpan span,
            String name,
            Optional<RuntimeCatalogue.Keyword> declared,
            Function<KeywordDefinition, Map<String, Value>> arguments,
            Optional<Target> result,
            Frame top,
            int index) {
        RuntimeCatalogue.Keyword keyword = declared.orElseThrow(() ->
                new StepFailure(ExecutionError.Kind.STATEMENT, name + ": no installed plugin provides this keyword"));
        KeywordDefinition definition = keyword.definition();
        if (keyword.transactional().isPresent()) {
            top.index = index; // stays on the step until its write is committed
            return transactionalKeyword(keyword, span, arguments, result, top, index);
        }
        if (definition.effect() == EffectKind.PURE) {
            Value value = pureKeyword(keyword, arguments.apply(definition));
            if (result.isPresent()) {
                assign(result.get(), value);
            }
            if (sentFiles.isEmpty()) {
                completed(span);
            } else {
                sendFiles(span);
            }
            return null;
        }
        top.index = index; // stays on the step until the effect completes
        ToolCallingHandler tooling =
                keyword.handler() instanceof ToolCallingHandler handler && !state.tools.isEmpty() ? handler : null;
        if (tooling != null
                && (state.pending instanceof PendingWait.Child
                        || (state.pending == null && ToolRounds.nextCall(state).isPresent()))) {
            return toolCalls(span, name, arguments, result, top, index);
        }
        Map<String, Value> values;
        String key;
        int attempt;
        switch (state.pending) {
            case PendingWait.EffectRetry retry -> {
                if (!due(retry.retryAt())) {
                    return new Outcome.WaitingTimer(retry.retryAt());
                }
                values = retry.arguments();
                key = retry.idempotencyKey();
                attempt = retry.nextAttempt();
            }
            case PendingWait.EffectInFlight inFlight -> {
                // The process stopped while the handler ran: its outcome is unknown.
                if (definition.effect() == EffectKind.AT_MOST_ONCE_EFFECT) {
                    String problem = name + ": outcome unknown: the engine stopped while attempt "
                            + inFlight.attempt() + " was running, and this keyword must not run twice;"
                            + " check whether it took effect, then retry or cancel the execution";
                    emit(new ExecutionEvent.EffectFailed(
                            next(), span, name, problem, inFlight.attempt(), false, Optional.empty(), delta()));
                    throw new StepFailure(ExecutionError.Kind.KEYWORD, problem);
                }
                values = inFlight.arguments();
                key = inFlight.idempotencyKey();
                attempt = inFlight.attempt() + 1;
            }
            case null -> {
                values = arguments.apply(definition);
                key = state.executionId + "/" + next();
                attempt = 1;
            }
            default ->
                throw new StepFailure(
                        ExecutionError.Kind.INTERNAL,
                        name + " found the execution waiting for " + state.pending + "; its state is damaged");
        }
        while (true) {
            emit(new ExecutionEvent.EffectStarted(next(), span, name, values, key, attempt, delta()));
            try {
                journal.beforeEffect(state);
            } catch (RuntimeException e) {
                throw new Interpreter.JournalFailure(e);
            }
            Value value;
            ToolTurn.CallTools asked = null;
            String failure = null;
            boolean retryable = false;
            Duration retryAfter = null;
            try {
                if (tooling == null) {
                    value = Canonical.of(invokeHandler(keyword, values, key, attempt));
                } else {
                    ToolTurn turn = tooling.turn(invocation(keyword, values, key, attempt), ToolRounds.rounds(state));
                    asked = turn instanceof ToolTurn.CallTools calls ? calls : null;
                    value = asked == null ? Canonical.of(((ToolTurn.Answer) turn).value()) : null;
                }
                if (asked == null) {
                    Quotas.checkResult(name, value, limits);
                    ToolRounds.clear(state);
                    if (result.isPresent()) {
                        assign(result.get(), value);
                    }
                    top.index = index + 1;
                    emit(new ExecutionEvent.EffectCompleted(next(), span, name, value, attempt, delta()));
                    return null;
                }
            } catch (KeywordException e) {
                failure = String.valueOf(e.getMessage());
                retryable = e.retryable();
                retryAfter = e.retryAfter().orElse(null);
            } catch (StepFailure e) {
                failure = e.getMessage();
                retryable = false;
            } catch (RuntimeException e) {
                failure = Interpreter.describe(e);
                retryable = true;
            }
            if (asked != null) {
                return toolTurn(span, name, asked, attempt, arguments, result, top, index);
            }
            RetryPolicy policy = definition.retry();
            if (retryable && attempt < policy.maxAttempts()) {
                Instant retryAt = clock.instant().plus(policy.backoffBefore(attempt + 1));
                if (retryAfter != null && retryAt.isBefore(clock.instant().plus(retryAfter))) {
                    retryAt = clock.instant().plus(retryAfter); // the server asked for a longer wait
                }
                emit(new ExecutionEvent.EffectFailed(
                        next(), span, name, failure, attempt, true, Optional.of(retryAt), delta()));
                if (!due(retryAt)) {
                    return new Outcome.WaitingTimer(retryAt);
                }
                attempt++;
                continue;
            }
            emit(new ExecutionEvent.EffectFailed(
                    next(), span, name, failure, attempt, retryable, Optional.empty(), delta()));
            throw new StepFailure(
                    ExecutionError.Kind.KEYWORD,
                    name + " failed" + (attempt > 1 ? " after " + attempt + " attempts" : "") + ": " + failure);
        }
    }

    /**
     * A keyword whose effect is a database write ({@link io.basicflow.spi.TransactionalKeywordHandler}).
     * Durable, data in the engine's database: the handler runs inside the commit that records it, as
     * one {@code EffectCompleted} carrying its start (a failed attempt: {@code EffectStarted} and
     * {@code EffectFailed}). Direct: in a transaction of its own.
     * Durable, data elsewhere: after a committed {@code EffectStarted}, in a transaction there that
     * keeps a ledger row for the idempotency key.
     */
    private Outcome transactionalKeyword(
            RuntimeCatalogue.Keyword keyword,
            SourceSpan span,
            Function<KeywordDefinition, Map<String, Value>> arguments,
            Optional<Target> result,
            Frame top,
            int index) {
        String name = keyword.definition().name();
        Map<String, Value> values;
        String key;
        int attempt;
        if (state.pending instanceof PendingWait.EffectRetry retry) {
            if (!due(retry.retryAt())) {
                return new Outcome.WaitingTimer(retry.retryAt());
            }
            values = retry.arguments();
            key = retry.idempotencyKey();
            attempt = retry.nextAttempt();
        } else if (state.pending instanceof PendingWait.EffectInFlight inFlight) {
            // Only the ledger path commits a start before the write; the ledger answers a repeat.
            values = inFlight.arguments();
            key = inFlight.idempotencyKey();
            attempt = inFlight.attempt() + 1;
        } else {
            values = arguments.apply(keyword.definition());
            key = state.executionId + "/" + next();
            attempt = 1;
        }
        io.basicflow.spi.ExecutionScope scope = io.basicflow.engine.data.DataScopes.of(state);
        Optional<io.basicflow.engine.data.DataConnections> data = catalogue.data();
        while (true) {
            // the per-execution context: a data keyword may keep an execution value (SET CONTEXT "text")
            Invocation invocation = new Invocation(
                    name,
                    values,
                    key,
                    state.executionId,
                    attempt,
                    new ExecutionContext(keyword.context(), keyword.plugin(), state, this::toolSchema));
            io.basicflow.engine.data.TransactionalCalls.Attempt[] outcome = {null};
            int tried = attempt;
            TransactionalWork work = new TransactionalWork() {
                @Override
                public boolean write(java.sql.Connection connection, boolean guarded) throws java.sql.SQLException {
                    outcome[0] = io.basicflow.engine.data.TransactionalCalls.call(
                            keyword.transactional().get(), invocation, scope, connection, guarded);
                    return outcome[0] != null;
                }

                @Override
                public void record() {
                    if (outcome[0].value().isPresent()) { // start and end in one event: one commit holds both
                        finishTransactional(
                                outcome[0],
                                span,
                                name,
                                result,
                                top,
                                index,
                                keyword,
                                tried,
                                Optional.of(new ExecutionEvent.EffectStart(values, key)));
                        return;
                    }
                    emit(new ExecutionEvent.EffectStarted(next(), span, name, values, key, tried, delta()));
                    finishTransactional(outcome[0], span, name, result, top, index, keyword, tried, Optional.empty());
                }

                @Override
                public Optional<Batched> batched() {
                    return io.basicflow.engine.data.TransactionalCalls.batched(
                            keyword.transactional().get(), invocation, scope, value -> outcome[0] = value);
                }
            };
            boolean sameDatabase = data.isEmpty() || data.get().sharesEngineDatabase();
            if (recording
                    && sameDatabase
                    && attempt == 1
                    && deferred(keyword, invocation, scope, values, key, span, result, top, index)) {
                return null; // recorded now, written by a later commit of this activation (Journal#defer)
            }
            boolean done;
            try {
                done = recording && sameDatabase && journal.commitWithin(state, work);
            } catch (Interpreter.JournalFailure e) {
                throw e;
            } catch (RuntimeException e) {
                throw new Interpreter.JournalFailure(e);
            }
            if (!done) {
                if (data.isEmpty()) {
                    throw new StepFailure(
                            ExecutionError.Kind.KEYWORD,
                            name + " needs a database for its data, and this engine has none configured"
                                    + " (give the runner the data connections, or run the script with #workflow)");
                }
                emit(new ExecutionEvent.EffectStarted(next(), span, name, values, key, attempt, delta()));
                if (recording) {
                    try {
                        journal.beforeEffect(state);
                    } catch (RuntimeException e) {
                        throw new Interpreter.JournalFailure(e);
                    }
                }
                // The ledger makes a durable step's write in another database exactly once; a direct
                // run (even a recording one) has no resume, so its own transaction is enough.
                outcome[0] = io.basicflow.engine.data.TransactionalCalls.ownTransaction(
                        data.get(), keyword.transactional().get(), invocation, scope, recording && !sameDatabase);
                finishTransactional(outcome[0], span, name, result, top, index, keyword, attempt, Optional.empty());
            }
            io.basicflow.engine.data.TransactionalCalls.Attempt answer = outcome[0];
            if (answer.value().isPresent()) {
                return null;
            }
            RetryPolicy policy = keyword.definition().retry();
            if (answer.retryable() && attempt < policy.maxAttempts()) {
                Instant retryAt = ((PendingWait.EffectRetry) state.pending).retryAt();
                if (!due(retryAt)) {
                    return new Outcome.WaitingTimer(retryAt);
                }
                attempt++;
                continue;
            }
            throw new StepFailure(
                    ExecutionError.Kind.KEYWORD,
                    name + " failed" + (attempt > 1 ? " after " + attempt + " attempts" : "") + ": "
                            + answer.failure());
        }
    }

    /** Records a deferrable call's step with its value when the journal takes its write for later. */
    private boolean deferred(
            RuntimeCatalogue.Keyword keyword,
            Invocation invocation,
            io.basicflow.spi.ExecutionScope scope,
            Map<String, Value> values,
            String key,
            SourceSpan span,
            Optional<Target> result,
            Frame top,
            int index) {
        Optional<io.basicflow.engine.data.DeferredCalls.Deferrable> call = io.basicflow.engine.data.DeferredCalls.of(
                keyword.transactional().get(), invocation, scope);
        if (call.isEmpty()) {
            return false;
        }
        try {
            if (!journal.defer(state, call.get().write(), next())) {
                return false;
            }
        } catch (RuntimeException e) {
            throw new Interpreter.JournalFailure(e);
        }
        String name = keyword.definition().name();
        finishTransactional(
                call.get().outcome(),
                span,
                name,
                result,
                top,
                index,
                keyword,
                1,
                Optional.of(new ExecutionEvent.EffectStart(values, key)));
        return true;
    }

    /** Records a transactional call's outcome: the value assigned and completed, or the failure. */
    private void finishTransactional(
            io.basicflow.engine.data.TransactionalCalls.Attempt outcome,
            SourceSpan span,
            String name,
            Optional<Target> result,
            Frame top,
            int index,
            RuntimeCatalogue.Keyword keyword,
            int attempt,
            Optional<ExecutionEvent.EffectStart> started) {
        if (outcome.value().isPresent()) {
            Value value = Canonical.of(outcome.value().get());
            if (result.isPresent()) {
                assign(result.get(), value);
            }
            top.index = index + 1;
            emit(new ExecutionEvent.EffectCompleted(next(), span, name, value, attempt, delta(), started));
            return;
        }
        RetryPolicy policy = keyword.definition().retry();
        boolean again = outcome.retryable() && attempt < policy.maxAttempts();
        Optional<Instant> retryAt =
                again ? Optional.of(clock.instant().plus(policy.backoffBefore(attempt + 1))) : Optional.empty();
        emit(new ExecutionEvent.EffectFailed(
                next(), span, name, outcome.failure(), attempt, outcome.retryable(), retryAt, delta()));
    }

    private Value pureKeyword(RuntimeCatalogue.Keyword keyword, Map<String, Value> values) {
        String name = keyword.definition().name();
        RetryPolicy policy = keyword.definition().retry();
        String key = state.executionId + "/" + next();
        for (int attempt = 1; ; attempt++) {
            String failure;
            boolean retryable;
            try {
                return Canonical.of(invokeHandler(keyword, values, key, attempt));
            } catch (KeywordException e) {
                failure = String.valueOf(e.getMessage());
                retryable = e.retryable();
            } catch (RuntimeException e) {
                failure = Interpreter.describe(e);
                retryable = true;
            }
            if (!retryable || attempt >= policy.maxAttempts()) {
                throw new StepFailure(
                        ExecutionError.Kind.KEYWORD,
                        name + " failed" + (attempt > 1 ? " after " + attempt + " attempts" : "") + ": " + failure);
            }
            try {
                sleeper.sleep(policy.backoffBefore(attempt + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StepFailure(
                        ExecutionError.Kind.KEYWORD, name + " was interrupted while waiting to retry: " + failure);
            }
        }
    }

    private Value invokeHandler(RuntimeCatalogue.Keyword keyword, Map<String, Value> values, String key, int attempt)
            throws KeywordException {
        sentFiles.clear(); // a retried attempt sends only what it asks for itself
        Value value = keyword.handler().invoke(invocation(keyword, values, key, attempt));
        return value == null ? NullValue.NULL : value;
    }

    private Invocation invocation(
            RuntimeCatalogue.Keyword keyword, Map<String, Value> values, String key, int attempt) {
        return new Invocation(
                keyword.definition().name(),
                values,
                key,
                state.executionId,
                attempt,
                new ExecutionContext(
                        keyword.context(),
                        keyword.plugin(),
                        state,
                        this::toolSchema,
                        keyword.definition().effect() == EffectKind.PURE
                                ? (recipient, file) -> sentFiles.add(new AddressedFile(recipient, file))
                                : null));
    }

    // ---- tool calls in the middle of a step (ToolCallingHandler) ----

    /** A turn asked for tools: records it with the turn's EffectCompleted, then runs the calls. */
    private Outcome toolTurn(
            SourceSpan span,
            String name,
            ToolTurn.CallTools calls,
            int attempt,
            Function<KeywordDefinition, Map<String, Value>> arguments,
            Optional<Target> result,
            Frame top,
            int index) {
        String problem = null;
        for (ToolCall call : calls.calls()) {
            if (problem == null && !state.tools.contains(call.tool())) {
                problem = "asked to run the tool \"" + call.tool() + "\", which is not active here (active: "
                        + String.join(", ", state.tools) + ")";
            }
        }
        if (problem == null && !ToolRounds.add(state, calls)) {
            problem = "asked for tools " + ToolRounds.MAX_ROUNDS + " times in one step; stopped";
        }
        if (problem != null) {
            emit(new ExecutionEvent.EffectFailed(
                    next(), span, name, problem, attempt, false, Optional.empty(), delta()));
            throw new StepFailure(ExecutionError.Kind.KEYWORD, name + " failed: " + problem);
        }
        emit(new ExecutionEvent.EffectCompleted(next(), span, name, Canonical.of(calls.message()), attempt, delta()));
        return toolCalls(span, name, arguments, result, top, index);
    }

    /**
     * Runs the last round's calls that have no result yet, each a child execution of the tool, one
     * after the other; a failed tool's result is its error as text ({@code ERROR: …}), for the
     * handler to see. When every call has its result, the handler takes its next turn.
     */
    private Outcome toolCalls(
            SourceSpan span,
            String name,
            Function<KeywordDefinition, Map<String, Value>> arguments,
            Optional<Target> result,
            Frame top,
            int index) {
        while (true) {
            ChildRequest request;
            if (state.pending instanceof PendingWait.Child waiting) {
                request = waiting.request();
            } else {
                Optional<ToolCall> call = ToolRounds.nextCall(state);
                if (call.isEmpty()) {
                    return keyword(span, name, arguments, result, top, index);
                }
                request = new ChildRequest(
                        ChildRequest.Kind.TOOL,
                        call.get().tool(),
                        script,
                        call.get().arguments());
                emit(new ExecutionEvent.ChildStarted(next(), span, request, delta()));
            }
            Optional<ChildResult> childResult = childResult(request);
            if (childResult.isEmpty()) {
                return new Outcome.WaitingChild(request);
            }
            ToolRounds.addResult(
                    state,
                    switch (childResult.get()) {
                        case ChildResult.Returned returned -> returned.value().orElse(NullValue.NULL);
                        case ChildResult.Failed failed -> new TextValue("ERROR: " + failed.message());
                    });
            emit(new ExecutionEvent.ChildCompleted(next(), span, childResult.get(), delta()));
        }
    }

    /** The child's result if it has ended, read through the journal. */
    private Optional<ChildResult> childResult(ChildRequest request) {
        try {
            return journal.childResult(request);
        } catch (RuntimeException e) {
            throw new Interpreter.JournalFailure(e);
        }
    }

    /** The messages a PURE keyword sent ({@code SEND FILE}): like a {@code TALK}, they complete its step. */
    private void sendFiles(SourceSpan span) {
        List<AddressedFile> files = List.copyOf(sentFiles);
        sentFiles.clear();
        for (AddressedFile addressed : files) {
            MessageExtras.SentFile file = addressed.file();
            String text = file.caption().orElse("");
            Quotas.checkMessage(text, state, limits, program.program().quotas());
            // the conversation's suggestions go with its own messages only, as TALK TO's do
            Optional<MessageExtras> extras = addressed.recipient().isEmpty()
                    ? Suggestions.carried(state, Optional.of(file))
                    : Optional.of(new MessageExtras(List.of(), Optional.of(file)));
            emit(new ExecutionEvent.MessageSent(
                    next(), span, ExecutionEvent.MessageKind.TALK, addressed.recipient(), text, delta(), extras));
        }
    }

    private Map<String, Value> invokeArguments(KeywordDefinition definition, Step.Invoke invoke) {
        Map<String, List<Value>> given = new LinkedHashMap<>();
        for (Step.Argument argument : invoke.arguments()) {
            given.computeIfAbsent(argument.parameter(), ignored -> new ArrayList<>())
                    .add(eval(argument.value()));
        }
        Map<String, Value> values = new LinkedHashMap<>();
        for (ParameterDefinition parameter : definition.parameters()) {
            List<Value> arguments = given.remove(parameter.name());
            if (parameter.repeated()) {
                values.put(parameter.name(), arguments == null ? ListValue.EMPTY : new ListValue(arguments));
            } else if (arguments == null || arguments.isEmpty()) {
                values.put(parameter.name(), NullValue.NULL);
            } else {
                values.put(parameter.name(), arguments.getLast());
            }
        }
        given.forEach((parameter, arguments) ->
                values.put(parameter, arguments.size() == 1 ? arguments.getFirst() : new ListValue(arguments)));
        return values;
    }

    private Map<String, Value> mailArguments(KeywordDefinition definition, Step.SendMail mail) {
        List<ParameterDefinition> parameters = definition.parameters();
        if (parameters.size() < 3) {
            throw new StepFailure(
                    ExecutionError.Kind.STATEMENT,
                    "SEND MAIL of the installed plugin takes " + parameters.size()
                            + " parameters; it needs recipient, subject and body");
        }
        Map<String, Value> values = new LinkedHashMap<>();
        values.put(parameters.get(0).name(), eval(mail.to()));
        values.put(parameters.get(1).name(), eval(mail.subject()));
        values.put(parameters.get(2).name(), eval(mail.body()));
        for (int i = 3; i < parameters.size(); i++) {
            values.put(parameters.get(i).name(), parameters.get(i).repeated() ? ListValue.EMPTY : NullValue.NULL);
        }
        return values;
    }

    // ---- children and tools ----

    Outcome child(
            SourceSpan span,
            ChildRequest.Kind kind,
            Expression script,
            List<Expression> arguments,
            Optional<Target> result,
            Frame top,
            int index) {
        top.index = index;
        ChildRequest request;
        if (state.pending instanceof PendingWait.Child waiting) {
            request = waiting.request();
        } else {
            String name = eval(script).display();
            List<Value> values = new ArrayList<>(arguments.size());
            for (Expression argument : arguments) {
                values.add(eval(argument));
            }
            request = new ChildRequest(kind, name, this.script, values);
            emit(new ExecutionEvent.ChildStarted(next(), span, request, delta()));
        }
        Optional<ChildResult> childResult = childResult(request);
        if (childResult.isEmpty()) {
            return new Outcome.WaitingChild(request);
        }
        switch (childResult.get()) {
            case ChildResult.Returned returned -> {
                if (result.isPresent()) {
                    assign(result.get(), Canonical.of(returned.value().orElse(NullValue.NULL)));
                }
                top.index = index + 1;
                emit(new ExecutionEvent.ChildCompleted(next(), span, returned, delta()));
                return null;
            }
            case ChildResult.Failed failed -> {
                emit(new ExecutionEvent.ChildCompleted(next(), span, failed, delta()));
                throw new StepFailure(
                        ExecutionError.Kind.CHILD,
                        (kind == ChildRequest.Kind.SCRIPT ? "CALL \"" : "USE TOOL \"") + request.script()
                                + "\" failed: " + failed.message());
            }
        }
    }

    void addTool(String keyword, Expression tool) {
        String name = checkedTool(keyword, eval(tool).display());
        if (!state.tools.contains(name)) {
            List<String> tools = new ArrayList<>(state.tools);
            tools.add(name);
            state.setTools(tools);
        }
    }

    /**
     * Lets the plugin that declares the keyword check a tool being activated: its handler returns
     * the tool's schema, whose {@code name} is the name as the tools folder spells it, or fails
     * (no such tool, outside the folder, does not compile), which fails the step. Without such a
     * plugin, or when the handler returns no schema, the name stays as written.
     */
    private String checkedTool(String keyword, String name) {
        Value schema = schemaOf(keyword, name);
        if (schema instanceof MapValue map
                && map.find("name").orElse(NullValue.NULL) instanceof TextValue canonical
                && !canonical.value().isBlank()) {
            return canonical.value();
        }
        return name;
    }

    /** A tool's schema for a {@link ToolCallingHandler}, from the plugin that declares USE TOOL. */
    private Optional<Value> toolSchema(String name) throws KeywordException {
        try {
            Value schema = schemaOf("USE TOOL", name);
            return schema instanceof MapValue ? Optional.of(schema) : Optional.empty();
        } catch (StepFailure e) {
            throw KeywordException.permanent(e.getMessage());
        }
    }

    /** The USE TOOL / ADD TOOL handler's answer for a tool: its schema, or NULL without such a plugin. */
    private Value schemaOf(String keyword, String name) {
        Optional<RuntimeCatalogue.Keyword> declared = catalogue.keyword(keyword);
        if (declared.isEmpty() || declared.get().definition().effect() != EffectKind.PURE) {
            return NullValue.NULL;
        }
        Map<String, Value> arguments = new LinkedHashMap<>();
        List<ParameterDefinition> parameters = declared.get().definition().parameters();
        for (int i = 0; i < parameters.size(); i++) {
            ParameterDefinition parameter = parameters.get(i);
            arguments.put(
                    parameter.name(),
                    i == 0 ? new TextValue(name) : parameter.repeated() ? ListValue.EMPTY : NullValue.NULL);
        }
        Value schema;
        try {
            schema = invokeHandler(declared.get(), arguments, state.executionId + "/" + next(), 1);
        } catch (KeywordException e) {
            throw new StepFailure(ExecutionError.Kind.KEYWORD, String.valueOf(e.getMessage()));
        } catch (RuntimeException e) {
            throw new StepFailure(
                    ExecutionError.Kind.KEYWORD, keyword + " \"" + name + "\": " + Interpreter.describe(e));
        }
        return schema;
    }
}
