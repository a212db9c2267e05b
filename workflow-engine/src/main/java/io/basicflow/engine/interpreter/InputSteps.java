package io.basicflow.engine.interpreter;

import static java.util.Objects.requireNonNull;

import io.basicflow.compiler.evaluation.MenuMatcher;
import io.basicflow.engine.api.MessageExtras;
import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.state.ExecutionError;
import io.basicflow.engine.state.PendingWait;
import io.basicflow.spi.InputTypeDefinition;
import io.basicflow.spi.InputValidator;
import io.basicflow.spi.SecretInputValidator;
import io.basicflow.spi.program.Expression;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the waiting statements {@code HEAR} and {@code WAIT} of one activation for the {@link
 * Interpreter} (semantics: its class comment, "HEAR" and "WAIT"); this class only holds their code.
 */
final class InputSteps extends ActivationSteps {

    InputSteps(Interpreter.Activation run, RuntimeCatalogue catalogue, Clock clock) {
        super(run, catalogue, clock);
    }

    Outcome hear(Step.Hear hear, Frame top, int index) {
        top.index = index; // stays on the HEAR until it completes
        List<String> options = menuOptions(hear.kind());
        int attempt;
        // The prompt's text as sent, evaluated once per attempt: the request carries the same
        // text (with NOW() or RANDOM() in it, a second evaluation could differ). After a resume
        // it was sent by an earlier activation, and the request has none.
        Optional<String> prompted;
        if (state.pending instanceof PendingWait.Input waiting) {
            attempt = waiting.attempt();
            prompted = Optional.empty();
        } else {
            prompted = prompt(hear);
            attempt = 1;
            emit(new ExecutionEvent.InputRequested(next(), hear.span(), attempt, delta()));
        }
        while (true) {
            InputRequest request = new InputRequest(
                    hear.target().variable(),
                    typeName(hear.kind()),
                    options,
                    prompted,
                    attempt,
                    limits.inputAttempts());
            Optional<String> input;
            try {
                input = journal.nextInput(request);
            } catch (RuntimeException e) {
                throw new Interpreter.JournalFailure(e);
            }
            if (input.isEmpty()) {
                return new Outcome.WaitingInput(request);
            }
            String text = input.get();
            InputValidator.Result result = validate(hear.kind(), options, text);
            String recorded = secret(hear.kind()) ? SecretInputValidator.MASK : text; // AS PASSWORD: never kept
            switch (result) {
                case InputValidator.Accepted accepted -> {
                    Value value = Canonical.of(accepted.value());
                    assign(hear.target(), value);
                    top.index = index + 1;
                    emit(new ExecutionEvent.InputReceived(next(), hear.span(), recorded, value, delta()));
                    return null;
                }
                case InputValidator.Rejected rejected -> {
                    emit(new ExecutionEvent.InputRejected(
                            next(), hear.span(), Interpreter.shorten(recorded), rejected.message(), attempt, delta()));
                    if (attempt >= limits.inputAttempts()) {
                        assign(hear.target(), NullValue.NULL);
                        top.index = index + 1;
                        emit(new ExecutionEvent.InputAbandoned(next(), hear.span(), attempt, delta()));
                        return null;
                    }
                    Optional<MessageExtras> extras = Suggestions.carried(state, Optional.empty());
                    emit(new ExecutionEvent.MessageSent(
                            next(),
                            hear.span(),
                            ExecutionEvent.MessageKind.RETRY,
                            Optional.empty(),
                            rejected.message(),
                            delta(),
                            extras));
                    prompted = prompt(hear);
                    attempt++;
                    emit(new ExecutionEvent.InputRequested(next(), hear.span(), attempt, delta()));
                }
            }
        }
    }

    /** Sends the HEAR's prompt, if it has one, and returns the text sent. */
    private Optional<String> prompt(Step.Hear hear) {
        if (hear.prompt().isEmpty()) {
            if (Suggestions.unsent(state)) { // added after the question: they travel on their own
                Optional<MessageExtras> extras = Suggestions.carried(state, Optional.empty());
                emit(new ExecutionEvent.MessageSent(
                        next(), hear.span(), ExecutionEvent.MessageKind.PROMPT, Optional.empty(), "", delta(), extras));
            }
            return Optional.empty();
        }
        String text = eval(hear.prompt().get()).display();
        Optional<MessageExtras> extras = Suggestions.carried(state, Optional.empty());
        emit(new ExecutionEvent.MessageSent(
                next(), hear.span(), ExecutionEvent.MessageKind.PROMPT, Optional.empty(), text, delta(), extras));
        return Optional.of(text);
    }

    private List<String> menuOptions(Step.HearKind kind) {
        if (!(kind instanceof Step.HearKind.Menu menu)) {
            return List.of();
        }
        List<String> options = new ArrayList<>(menu.options().size());
        for (Expression option : menu.options()) {
            options.add(eval(option).display());
        }
        return options;
    }

    private String typeName(Step.HearKind kind) {
        return switch (kind) {
            case Step.HearKind.Any ignored -> "TEXT";
            case Step.HearKind.Typed typed -> typed.type();
            case Step.HearKind.Menu ignored -> "MENU";
        };
    }

    private boolean secret(Step.HearKind kind) {
        return kind instanceof Step.HearKind.Typed typed
                && catalogue
                        .inputType(typed.type())
                        .filter(type -> type.validator() instanceof SecretInputValidator)
                        .isPresent();
    }

    private InputValidator.Result validate(Step.HearKind kind, List<String> options, String text) {
        if (text.length() > limits.maxInputLength()) {
            return new InputValidator.Rejected(
                    "That message is too long: please send at most " + limits.maxInputLength() + " characters.");
        }
        try {
            return switch (kind) {
                case Step.HearKind.Any ignored -> new InputValidator.Accepted(new TextValue(text));
                case Step.HearKind.Typed typed -> {
                    InputTypeDefinition type = catalogue
                            .inputType(typed.type())
                            .orElseThrow(() -> new StepFailure(
                                    ExecutionError.Kind.STATEMENT,
                                    "HEAR AS " + typed.type() + ": no installed plugin provides this input type"));
                    yield requireNonNull(type.validator().validate(text, clock), "the validator returned null");
                }
                case Step.HearKind.Menu ignored -> new MenuMatcher(options).match(text);
            };
        } catch (StepFailure e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StepFailure(
                    ExecutionError.Kind.STATEMENT,
                    "checking the input as " + typeName(kind) + " failed: " + Interpreter.describe(e));
        }
    }

    Outcome waitStep(Step.Wait wait, Frame top, int index) {
        top.index = index;
        Instant wakeAt;
        if (state.pending instanceof PendingWait.Timer timer) {
            wakeAt = timer.wakeAt();
        } else {
            Value seconds = eval(wait.seconds());
            BigDecimal amount = number(seconds, "WAIT").toBigDecimal();
            if (amount.signum() < 0) {
                throw new StepFailure(
                        ExecutionError.Kind.STATEMENT,
                        "WAIT needs zero or more seconds, not " + amount.toPlainString(),
                        wait.seconds().span());
            }
            if (amount.signum() == 0) {
                top.index = index + 1;
                completed(wait.span());
                return null;
            }
            Duration duration = duration(amount, wait);
            wakeAt = clock.instant().plus(duration);
            emit(new ExecutionEvent.TimerStarted(next(), wait.span(), wakeAt, delta()));
        }
        if (!due(wakeAt)) {
            return new Outcome.WaitingTimer(wakeAt);
        }
        top.index = index + 1;
        emit(new ExecutionEvent.TimerFired(next(), wait.span(), delta()));
        return null;
    }

    private Duration duration(BigDecimal seconds, Step.Wait wait) {
        try {
            BigDecimal nanos = seconds.movePointRight(9).setScale(0, RoundingMode.CEILING);
            return Duration.ofSeconds(0, nanos.longValueExact());
        } catch (ArithmeticException e) {
            throw new StepFailure(
                    ExecutionError.Kind.STATEMENT,
                    "WAIT " + seconds.toPlainString() + " seconds is longer than this engine can wait",
                    wait.seconds().span());
        }
    }

    private NumberValue number(Value value, String what) {
        return run.number(value, what);
    }
}
