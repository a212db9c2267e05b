package io.basicflow.engine.event;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.basicflow.engine.api.MessageExtras;
import io.basicflow.engine.state.ChildRequest;
import io.basicflow.engine.state.ChildResult;
import io.basicflow.engine.state.ExecutionError;
import io.basicflow.spi.program.SourceSpan;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of an execution's history. Every event has a gap-free sequence number (1 for {@link
 * ExecutionStarted}) and the {@link Delta} of what changed since the previous event; its kind says
 * the rest (status, pending wait, result). {@link io.basicflow.engine.interpreter.StateFold} folds
 * events into exactly the state the live run had. Events round-trip through JSON ({@link
 * io.basicflow.engine.json.EngineJson}); the type name is the record's simple name.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(ExecutionEvent.ExecutionStarted.class),
    @JsonSubTypes.Type(ExecutionEvent.StepCompleted.class),
    @JsonSubTypes.Type(ExecutionEvent.MessageSent.class),
    @JsonSubTypes.Type(ExecutionEvent.InputRequested.class),
    @JsonSubTypes.Type(ExecutionEvent.InputReceived.class),
    @JsonSubTypes.Type(ExecutionEvent.InputRejected.class),
    @JsonSubTypes.Type(ExecutionEvent.InputAbandoned.class),
    @JsonSubTypes.Type(ExecutionEvent.TimerStarted.class),
    @JsonSubTypes.Type(ExecutionEvent.TimerFired.class),
    @JsonSubTypes.Type(ExecutionEvent.EffectStarted.class),
    @JsonSubTypes.Type(ExecutionEvent.EffectCompleted.class),
    @JsonSubTypes.Type(ExecutionEvent.EffectFailed.class),
    @JsonSubTypes.Type(ExecutionEvent.ChildStarted.class),
    @JsonSubTypes.Type(ExecutionEvent.ChildCompleted.class),
    @JsonSubTypes.Type(ExecutionEvent.ExecutionCompleted.class),
    @JsonSubTypes.Type(ExecutionEvent.ExecutionFailed.class),
    @JsonSubTypes.Type(ExecutionEvent.ExecutionCancelled.class),
    @JsonSubTypes.Type(ExecutionEvent.ExecutionRetried.class),
    @JsonSubTypes.Type(ExecutionEvent.StepsCompleted.class),
    @JsonSubTypes.Type(ExecutionEvent.EventsPacked.class)
})
public sealed interface ExecutionEvent {

    /**
     * The event's position in the execution's history.
     *
     * @return the sequence number, from 1
     */
    long sequence();

    /**
     * What changed since the previous event.
     *
     * @return the delta
     */
    Delta delta();

    private static void checkSequence(long sequence) {
        if (sequence < 1) {
            throw new IllegalArgumentException("event sequence numbers start at 1, was " + sequence);
        }
    }

    /** Why a {@link MessageSent} was sent. */
    enum MessageKind {
        /** {@code TALK}, {@code TALK TO}, {@code BEGIN TALK}: completes its step. */
        TALK,
        /** A {@code HEAR … WITH "prompt"} prompt, before waiting (again). */
        PROMPT,
        /** The message of an input type or menu that asks to try again. */
        RETRY
    }

    /**
     * The execution began. Its delta holds the initial cursor (the program body), the initial variables (a child's arguments) and tools; folding starts from this event.
     *
     * @param sequence the sequence number, from 1
     * @param executionId the execution's id
     * @param script the script's name
     * @param programFingerprint the program's shape, see {@link io.basicflow.engine.program.ProgramIndex#fingerprint()}
     * @param delta what changed since the previous event
     */
    record ExecutionStarted(long sequence, String executionId, String script, String programFingerprint, Delta delta)
            implements ExecutionEvent {
        /**
         * Validates the parts.
         *
         * @param sequence from 1
         * @param executionId not null
         * @param script not null
         * @param programFingerprint not null
         * @param delta not null
         */
        public ExecutionStarted {
            checkSequence(sequence);
            requireNonNull(executionId, "executionId is null");
            requireNonNull(script, "script is null");
            requireNonNull(programFingerprint, "programFingerprint is null");
            requireNonNull(delta, "delta is null");
        }
    }

    /**
     * A step without external effect ran: an assignment, a branch, a loop iteration, a procedure call or return…
     *
     * @param sequence the sequence number, from 1
     * @param span the step's position
     * @param delta what changed since the previous event
     */
    record StepCompleted(long sequence, SourceSpan span, Delta delta) implements ExecutionEvent {
        /**
         * Validates the parts.
         *
         * @param sequence from 1
         * @param span not null
         * @param delta not null
         */
        public StepCompleted {
            checkSequence(sequence);
            requireNonNull(span, "span is null");
            requireNonNull(delta, "delta is null");
        }
    }

    /**
     * A message went to the user or another recipient: a {@code TALK} (which completes its step), a {@code HEAR} prompt, or an input type's request to try again. A durable run writes it to the outbox in the same transaction.
     *
     * @param sequence the sequence number, from 1
     * @param span the step's position
     * @param kind why it was sent
     * @param recipient the recipient of a {@code TALK TO}; empty for the conversation's user
     * @param text the message text
     * @param delta what changed since the previous event
     * @param extras the suggestions and file the message carries; absent for a plain message (and in
     *     events written before messages had them)
     */
    record MessageSent(
            long sequence,
            SourceSpan span,
            MessageKind kind,
            Optional<String> recipient,
            String text,
            Delta delta,
            @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<MessageExtras> extras)
            implements ExecutionEvent {

        /**
         * A message with nothing but its text.
         *
         * @param sequence from 1
         * @param span not null
         * @param kind not null
         * @param recipient not null
         * @param text not null
         * @param delta not null
         */
        public MessageSent(
                long sequence,
                SourceSpan span,
                MessageKind kind,
                Optional<String> recipient,
                String text,
                Delta delta) {
            this(sequence, span, kind, recipient, text, delta, Optional.empty());
        }

        /**
         * Validates the parts.
         *
         * @param sequence from 1
         * @param span not null
         * @param kind not null
         * @param recipient not null
         * @param text not null
         * @param delta not null
         * @param extras not null; none when empty
         */
        public MessageSent {
            checkSequence(sequence);
            requireNonNull(span, "span is null");
            requireNonNull(kind, "kind is null");
            requireNonNull(recipient, "recipient is null");
            requireNonNull(text, "text is null");
            requireNonNull(delta, "delta is null");
            extras = extras == null ? Optional.empty() : extras.filter(present -> !present.isEmpty());
        }
    }

    /**
     * A {@code HEAR} waits for input (attempt 1, or a later attempt after a rejection).
     *
     * @param sequence the sequence number, from 1
     * @param span the step's position
     * @param attempt the attempt awaited, from 1
     * @param delta what changed since the previous event
     */
    record InputRequested(long sequence, SourceSpan span, int attempt, Delta delta) implements ExecutionEvent {
        /**
         * Validates the parts.
         *
         * @param sequence from 1
         * @param span not null
         * @param attempt the value
         * @param delta not null
         */
        public InputRequested {
            checkSequence(sequence);
            requireNonNull(span, "span is null");
            requireNonNull(delta, "delta is null");
        }
    }

    /**
     * A {@code HEAR} accepted input; its delta assigns the (normalised) value and moves past the step.
     *
     * @param sequence the sequence number, from 1
     * @param span the step's position
     * @param input what the user sent
     * @param value the value assigned
     * @param delta what changed since the previous event
     */
    record InputReceived(long sequence, SourceSpan span, String input, Value value, Delta delta)
            implements ExecutionEvent {
        /**
         * Validates the parts.
         *
         * @param sequence from 1
         * @param span not null
         * @param input not null
         * @param value not null
         * @param delta not null
         */
        public InputReceived {
            checkSequence(sequence);
            requireNonNull(span, "span is null");
            requireNonNull(input, "input is null");
            requireNonNull(value, "value is null");
            requireNonNull(delta, "delta is null");
        }
    }

    /**
     * A {@code HEAR} rejected input (invalid for its type, not a menu option, or too long).
     *
     * @param sequence the sequence number, from 1
     * @param span the step's position
     * @param input what the user sent, cut to 1,000 characters
     * @param reason the message that asks to try again
     * @param attempt the attempt it was
     * @param delta what changed since the previous event
     */
    record InputRejected(long sequence, SourceSpan span, String input, String reason, int attempt, Delta delta)
            implements ExecutionEvent {
        /**
         * Validates the parts.
         *
         * @param sequence from 1
         * @param span not null
         * @param input not null
         * @param reason not null
         * @param attempt the value
         * @param delta not null
         */
        public InputRejected {
            checkSequence(sequence);
            requireNonNull(span, "span is null");
            requireNonNull(input, "input is null");
            requireNonNull(reason, "reason is null");
            requireNonNull(delta, "delta is null");
        }
    }

    /**
     * A {@code HEAR} gave up after its last rejected attempt: its delta sets the variable to {@code NULL} and moves past the step.
     *
     * @param sequence the sequence number, from 1
     * @param span the step's position
     * @param attempts the number of inputs rejected
     * @param delta what changed since the previous event
     */
    record InputAbandoned(long sequence, SourceSpan span, int attempts, Delta delta) implements ExecutionEvent {
        /**
         * Validates the parts.
         *
         * @param sequence from 1
         * @param span not null
         * @param attempts the value
         * @param delta not null
         */
        public InputAbandoned {
            checkSequence(sequence);
            requireNonNull(span, "span is null");
            requireNonNull(delta, "delta is null");
        }
    }

    /**
     * A {@code WAIT} started its timer.
     *
     * @param sequence the sequence number, from 1
     * @param span the step's position
     * @param wakeAt when it ends
     * @param delta what changed since the previous event
     */
    record TimerStarted(long sequence, SourceSpan span, Instant wakeAt, Delta delta) implements ExecutionEvent {
        /**
         * Validates the parts.
         *
         * @param sequence from 1
         * @param span not null
         * @param wakeAt not null
         * @param delta not null
         */
        public TimerStarted {
            checkSequence(sequence);
            requireNonNull(span, "span is null");
            requireNonNull(wakeAt, "wakeAt is null");
            requireNonNull(delta, "delta is null");
        }
    }

    /**
     * A {@code WAIT}'s timer ended; its delta moves past the step.
     *
     * @param sequence the sequence number, from 1
     * @param span the step's position
     * @param delta what changed since the previous event
     */
    record TimerFired(long sequence, SourceSpan span, Delta delta) implements ExecutionEvent {
        /**
         * Validates the parts.
         *
         * @param sequence from 1
         * @param span not null
         * @param delta not null
         */
        public TimerFired {
            checkSequence(sequence);
            requireNonNull(span, "span is null");
            requireNonNull(delta, "delta is null");
        }
    }

    /**
     * A keyword with an external effect is about to run its handler. A durable run commits this event before the handler starts.
     *
     * @param sequence the sequence number, from 1
     * @param span the step's position
     * @param keyword the keyword
     * @param arguments the evaluated arguments by parameter
     * @param idempotencyKey the same for every attempt: {@code executionId + "/" + sequence} of the first attempt's event
     * @param attempt the attempt, from 1
     * @param delta what changed since the previous event
     */
    record EffectStarted(
            long sequence,
            SourceSpan span,
            String keyword,
            Map<String, Value> arguments,
            String idempotencyKey,
            int attempt,
            Delta delta)
            implements ExecutionEvent {
        /**
         * Validates the parts.
         *
         * @param sequence from 1
         * @param span not null
         * @param keyword not null
         * @param arguments not null
         * @param idempotencyKey not null
         * @param attempt the value
         * @param delta not null
         */
        public EffectStarted {
            checkSequence(sequence);
            requireNonNull(span, "span is null");
            requireNonNull(keyword, "keyword is null");
            arguments =
                    Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(arguments, "arguments is null")));
            requireNonNull(idempotencyKey, "idempotencyKey is null");
            requireNonNull(delta, "delta is null");
        }
    }

    /**
     * A keyword's handler returned; its delta assigns the result (if the step has a target) and moves past the step.
     *
     * <p>A transactional keyword whose write commits with its step in the engine's database records its
     * start and its end in this one event: {@code started} then holds what an {@link EffectStarted}
     * would have held (the arguments and the idempotency key), and the event takes the sequence number
     * that start would have taken, so the key is still {@code executionId/sequence}. No commit can hold
     * a transactional step's start without its end, so the separate start event said nothing more.
     * Every other effect, and every failed transactional attempt, still writes its {@code EffectStarted}.
     *
     * @param sequence the sequence number, from 1
     * @param span the step's position
     * @param keyword the keyword
     * @param result what the handler returned
     * @param attempt the attempt that succeeded
     * @param delta what changed since the previous event
     * @param started the start recorded with the completion (a transactional step committed with its
     *     write); absent when an {@link EffectStarted} of its own precedes this event (and in every
     *     event written before this form existed), and then left out of the JSON
     */
    record EffectCompleted(
            long sequence,
            SourceSpan span,
            String keyword,
            Value result,
            int attempt,
            Delta delta,
            @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<EffectStart> started)
            implements ExecutionEvent {

        /**
         * A completion whose start is an event of its own.
         *
         * @param sequence from 1
         * @param span not null
         * @param keyword not null
         * @param result not null
         * @param attempt the value
         * @param delta not null
         */
        public EffectCompleted(long sequence, SourceSpan span, String keyword, Value result, int attempt, Delta delta) {
            this(sequence, span, keyword, result, attempt, delta, Optional.empty());
        }

        /**
         * Validates the parts.
         *
         * @param sequence from 1
         * @param span not null
         * @param keyword not null
         * @param result not null
         * @param attempt the value
         * @param delta not null
         * @param started not null (a missing property in stored JSON reads as absent)
         */
        public EffectCompleted {
            checkSequence(sequence);
            requireNonNull(span, "span is null");
            requireNonNull(keyword, "keyword is null");
            requireNonNull(result, "result is null");
            requireNonNull(delta, "delta is null");
            started = started == null ? Optional.empty() : started;
        }
    }

    /**
     * The start of an effect recorded inside its {@link EffectCompleted}: what an {@link EffectStarted}
     * holds besides its position, keyword and attempt.
     *
     * @param arguments the evaluated arguments by parameter
     * @param idempotencyKey the step's key, {@code executionId + "/" + sequence} of its first attempt's event
     */
    record EffectStart(Map<String, Value> arguments, String idempotencyKey) {
        /**
         * Validates the parts.
         *
         * @param arguments not null; copied, in order
         * @param idempotencyKey not null
         */
        public EffectStart {
            arguments =
                    Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(arguments, "arguments is null")));
            requireNonNull(idempotencyKey, "idempotencyKey is null");
        }
    }

    /**
     * A keyword's handler failed. With {@code retryAt} the keyword is retried after that time; without, the execution fails next.
     *
     * @param sequence the sequence number, from 1
     * @param span the step's position
     * @param keyword the keyword
     * @param error the failure message
     * @param attempt the attempt that failed
     * @param retryable whether the failure was retryable
     * @param retryAt when the next attempt is due, if one follows
     * @param delta what changed since the previous event
     */
    record EffectFailed(
            long sequence,
            SourceSpan span,
            String keyword,
            String error,
            int attempt,
            boolean retryable,
            Optional<Instant> retryAt,
            Delta delta)
            implements ExecutionEvent {
        /**
         * Validates the parts.
         *
         * @param sequence from 1
         * @param span not null
         * @param keyword not null
         * @param error not null
         * @param attempt the value
         * @param retryable the value
         * @param retryAt not null
         * @param delta not null
         */
        public EffectFailed {
            checkSequence(sequence);
            requireNonNull(span, "span is null");
            requireNonNull(keyword, "keyword is null");
            requireNonNull(error, "error is null");
            requireNonNull(retryAt, "retryAt is null");
            requireNonNull(delta, "delta is null");
        }
    }

    /**
     * The execution waits for a child execution.
     *
     * @param sequence the sequence number, from 1
     * @param span the step's position
     * @param request the child asked for
     * @param delta what changed since the previous event
     */
    record ChildStarted(long sequence, SourceSpan span, ChildRequest request, Delta delta) implements ExecutionEvent {
        /**
         * Validates the parts.
         *
         * @param sequence from 1
         * @param span not null
         * @param request not null
         * @param delta not null
         */
        public ChildStarted {
            checkSequence(sequence);
            requireNonNull(span, "span is null");
            requireNonNull(request, "request is null");
            requireNonNull(delta, "delta is null");
        }
    }

    /**
     * A child execution ended. When it returned, the delta assigns its result (if the step has a target) and moves past the step; when it failed, the execution fails next.
     *
     * @param sequence the sequence number, from 1
     * @param span the step's position
     * @param result how the child ended
     * @param delta what changed since the previous event
     */
    record ChildCompleted(long sequence, SourceSpan span, ChildResult result, Delta delta) implements ExecutionEvent {
        /**
         * Validates the parts.
         *
         * @param sequence from 1
         * @param span not null
         * @param result not null
         * @param delta not null
         */
        public ChildCompleted {
            checkSequence(sequence);
            requireNonNull(span, "span is null");
            requireNonNull(result, "result is null");
            requireNonNull(delta, "delta is null");
        }
    }

    /**
     * The execution ended normally; its delta empties the cursor.
     *
     * @param sequence the sequence number, from 1
     * @param result the {@code RETURN} value, if any (never {@code NULL})
     * @param delta what changed since the previous event
     */
    record ExecutionCompleted(long sequence, Optional<Value> result, Delta delta) implements ExecutionEvent {
        /**
         * Validates the parts.
         *
         * @param sequence from 1
         * @param result not null
         * @param delta not null
         */
        public ExecutionCompleted {
            checkSequence(sequence);
            result = requireNonNull(result, "result is null").filter(value -> value != NullValue.NULL);
            requireNonNull(delta, "delta is null");
        }
    }

    /**
     * The execution failed; the cursor stays on the failing step.
     *
     * @param sequence the sequence number, from 1
     * @param error what failed, where
     * @param delta what changed since the previous event
     */
    record ExecutionFailed(long sequence, ExecutionError error, Delta delta) implements ExecutionEvent {
        /**
         * Validates the parts.
         *
         * @param sequence from 1
         * @param error not null
         * @param delta not null
         */
        public ExecutionFailed {
            checkSequence(sequence);
            requireNonNull(error, "error is null");
            requireNonNull(delta, "delta is null");
        }
    }

    /**
     * The execution was cancelled; the cursor stays where it was.
     *
     * @param sequence the sequence number, from 1
     * @param reason why, as given by whoever cancelled it
     * @param delta what changed since the previous event
     */
    record ExecutionCancelled(long sequence, String reason, Delta delta) implements ExecutionEvent {
        /**
         * Validates the parts.
         *
         * @param sequence from 1
         * @param reason not null
         * @param delta not null
         */
        public ExecutionCancelled {
            checkSequence(sequence);
            requireNonNull(reason, "reason is null");
            requireNonNull(delta, "delta is null");
        }
    }

    /**
     * An operator retried a failed execution: it runs again from the step that failed (the cursor
     * stayed there), with a new idempotency key if that step is an effect.
     *
     * @param sequence its sequence number
     * @param reason why, as the operator said
     * @param delta empty
     */
    record ExecutionRetried(long sequence, String reason, Delta delta) implements ExecutionEvent {
        /**
         * Validates the parts.
         *
         * @param sequence from 1
         * @param reason not null
         * @param delta not null
         */
        public ExecutionRetried {
            checkSequence(sequence);
            requireNonNull(reason, "reason is null");
            requireNonNull(delta, "delta is null");
        }
    }

    /**
     * A run of consecutive {@link StepCompleted}s written as one stored event: a durable journal packs
     * the plain steps that one commit holds between two other events into one row (docs/design/interpreter.md,
     * "Runs of plain steps"). It records nothing the steps would not record on their own: each step
     * keeps its sequence number, span and delta, and folding this event folds its steps one after the
     * other. The event's own sequence number is its last step's, so the next event follows it and a
     * step's idempotency key ({@code executionId/sequence}) keeps its meaning; a reader that wants one
     * entry per step uses {@link #steps()}.
     *
     * @param sequence the sequence number of the last step
     * @param steps the steps, at least two, with consecutive sequence numbers ending at {@code sequence}
     */
    record StepsCompleted(long sequence, List<StepCompleted> steps) implements ExecutionEvent {
        /**
         * Validates and copies the parts.
         *
         * @param sequence the last step's
         * @param steps at least two, consecutive, ending at {@code sequence}
         */
        public StepsCompleted {
            checkSequence(sequence);
            steps = List.copyOf(requireNonNull(steps, "steps is null"));
            if (steps.size() < 2) {
                throw new IllegalArgumentException("a run of steps has at least two steps, had " + steps.size());
            }
            long first = steps.getFirst().sequence();
            for (int i = 0; i < steps.size(); i++) {
                if (steps.get(i).sequence() != first + i) {
                    throw new IllegalArgumentException("the steps of a run have consecutive sequence numbers, but "
                            + steps.get(i).sequence() + " follows " + (first + i - 1));
                }
            }
            if (steps.getLast().sequence() != sequence) {
                throw new IllegalArgumentException("a run of steps has the sequence number of its last step ("
                        + steps.getLast().sequence() + "), not " + sequence);
            }
        }

        /**
         * The sequence number of the first step.
         *
         * @return the first step's sequence number
         */
        @JsonIgnore
        public long firstSequence() {
            return steps.getFirst().sequence();
        }

        /**
         * Nothing: every step carries its own delta ({@link #steps()}), and the fold applies them in turn.
         *
         * @return {@link Delta#NONE}
         */
        @Override
        @JsonIgnore
        public Delta delta() {
            return Delta.NONE;
        }
    }

    /**
     * The events of one commit written as one stored event: a durable journal packs all the events
     * that one commit holds (an effect's completion with the next effect's start, a dialog's steps
     * and messages) into one row keyed by the commit's first event (docs/design/interpreter.md,
     * "Packed commits"). It records nothing the events would not record on their own: each keeps its
     * sequence number, span, delta and idempotency key, and folding this event folds its events one
     * after the other. The event's own sequence number is its <em>first</em> event's, the one that
     * follows the state the committing activation started from, so that two activations writing from
     * the same state both insert a row at that number and the second is refused; a reader that wants
     * one entry per event uses {@link #events()}.
     *
     * @param sequence the sequence number of the first event
     * @param events the events, at least two, with consecutive sequence numbers starting at {@code
     *     sequence}; none of them an {@link ExecutionStarted}, a {@link StepsCompleted} or a pack
     */
    record EventsPacked(long sequence, List<ExecutionEvent> events) implements ExecutionEvent {
        /**
         * Validates and copies the parts.
         *
         * @param sequence the first event's
         * @param events at least two, consecutive, starting at {@code sequence}, none a pack
         */
        public EventsPacked {
            checkSequence(sequence);
            events = List.copyOf(requireNonNull(events, "events is null"));
            if (events.size() < 2) {
                throw new IllegalArgumentException("a pack of events has at least two events, had " + events.size());
            }
            for (int i = 0; i < events.size(); i++) {
                ExecutionEvent event = events.get(i);
                if (event instanceof EventsPacked
                        || event instanceof StepsCompleted
                        || event instanceof ExecutionStarted) {
                    throw new IllegalArgumentException(
                            "a pack of events cannot hold a " + event.getClass().getSimpleName());
                }
                if (event.sequence() != sequence + i) {
                    throw new IllegalArgumentException("the events of a pack have consecutive sequence numbers from "
                            + sequence + ", but " + event.sequence() + " is at position " + (i + 1));
                }
            }
        }

        /**
         * The sequence number of the last event.
         *
         * @return the last event's sequence number
         */
        @JsonIgnore
        public long lastSequence() {
            return events.getLast().sequence();
        }

        /**
         * Nothing: every event carries its own delta ({@link #events()}), and the fold applies them in turn.
         *
         * @return {@link Delta#NONE}
         */
        @Override
        @JsonIgnore
        public Delta delta() {
            return Delta.NONE;
        }
    }

    /**
     * The events a stored event stands for: the steps of a {@link StepsCompleted}, the events of an
     * {@link EventsPacked}, otherwise the event itself.
     *
     * @param event a stored event
     * @return its events, in order
     */
    static List<ExecutionEvent> unpacked(ExecutionEvent event) {
        return switch (event) {
            case StepsCompleted run -> List.copyOf(run.steps());
            case EventsPacked pack -> pack.events();
            default -> List.of(event);
        };
    }
}
