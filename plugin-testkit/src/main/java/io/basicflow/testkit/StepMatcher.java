package io.basicflow.testkit;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.spi.program.SourceSpan;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses the point of a simulated crash ({@link BasicflowTestKit#crashAt(StepMatcher)}): it is
 * shown every event the engine commits, and the engine dies after the commit that holds the first
 * event it matches.
 *
 * <pre>{@code
 * kit.crashAt(StepMatcher.effectStarted("CREATE"));       // after CREATE's start is recorded
 * kit.crashAt(StepMatcher.message("created"));            // after a TALK containing "created"
 * kit.crashAt(StepMatcher.line(7).and(StepMatcher.type("StepCompleted")));
 * }</pre>
 */
@FunctionalInterface
public interface StepMatcher {

    /**
     * Whether an event is the chosen point.
     *
     * @param event a committed event
     * @return true to crash after the commit that holds it
     */
    boolean matches(StepEvent event);

    /**
     * Both matchers match.
     *
     * @param other the other matcher
     * @return the combined matcher
     */
    default StepMatcher and(StepMatcher other) {
        requireNonNull(other, "other is null");
        return event -> matches(event) && other.matches(event);
    }

    /**
     * Either matcher matches.
     *
     * @param other the other matcher
     * @return the combined matcher
     */
    default StepMatcher or(StepMatcher other) {
        requireNonNull(other, "other is null");
        return event -> matches(event) || other.matches(event);
    }

    /**
     * An effect keyword's start ({@code EffectStarted}, committed before its handler runs): a crash
     * there lets the handler run once in the dying engine, and the new engine calls it again with the
     * same idempotency key. A transactional keyword's step that committed with its write records its
     * start inside its {@code EffectCompleted}; that event matches too (the commit that holds the start).
     *
     * @param keyword the keyword, any case ({@code "CREATE"}, {@code "send mail"})
     * @return the matcher
     */
    static StepMatcher effectStarted(String keyword) {
        String name = normalise(keyword);
        return event -> (event.event() instanceof ExecutionEvent.EffectStarted started
                        && started.keyword().equals(name))
                || (event.event() instanceof ExecutionEvent.EffectCompleted completed
                        && completed.started().isPresent()
                        && completed.keyword().equals(name));
    }

    /**
     * An effect keyword's successful completion ({@code EffectCompleted}).
     *
     * @param keyword the keyword, any case
     * @return the matcher
     */
    static StepMatcher effectCompleted(String keyword) {
        String name = normalise(keyword);
        return event -> event.event() instanceof ExecutionEvent.EffectCompleted completed
                && completed.keyword().equals(name);
    }

    /**
     * An outgoing message ({@code TALK}, a {@code HEAR} prompt or retry message) whose text contains
     * a fragment.
     *
     * @param fragment the text to look for, case-sensitive
     * @return the matcher
     */
    static StepMatcher message(String fragment) {
        requireNonNull(fragment, "fragment is null");
        return event -> event.event() instanceof ExecutionEvent.MessageSent sent
                && sent.text().contains(fragment);
    }

    /**
     * A {@code HEAR} that took an input ({@code InputReceived}).
     *
     * @return the matcher
     */
    static StepMatcher inputReceived() {
        return type("InputReceived");
    }

    /**
     * Any event of a kind.
     *
     * @param type the event type, e.g. {@code "InputRequested"}, {@code "ChildStarted"}
     * @return the matcher
     */
    static StepMatcher type(String type) {
        requireNonNull(type, "type is null");
        return event -> event.type().equals(type);
    }

    /**
     * Any event of the step on a script line. The plain steps a commit stores as one row (a {@code
     * StepsCompleted}) are shown to matchers one by one, each as the {@code StepCompleted} it is, so
     * {@code line(7).and(type("StepCompleted"))} fires after the commit that holds line 7's step, as
     * it did when each step was a row.
     *
     * @param line the line, from 1
     * @return the matcher
     */
    static StepMatcher line(int line) {
        return event -> span(event.event()).map(SourceSpan::line).orElse(0) == line;
    }

    /**
     * Only events of one execution (e.g. a parent, not its tool child).
     *
     * @param executionId the execution's id
     * @return the matcher
     */
    static StepMatcher inExecution(String executionId) {
        requireNonNull(executionId, "executionId is null");
        return event -> event.executionId().equals(executionId);
    }

    /**
     * Only events of child executions (tool runs, {@code CALL "x.bas"}).
     *
     * @return the matcher
     */
    static StepMatcher inChild() {
        return event -> event.executionId().contains("~");
    }

    private static String normalise(String keyword) {
        return requireNonNull(keyword, "keyword is null")
                .trim()
                .replaceAll("\\s+", " ")
                .toUpperCase(Locale.ROOT);
    }

    private static Optional<SourceSpan> span(ExecutionEvent event) {
        return switch (event) {
            case ExecutionEvent.StepCompleted step -> Optional.of(step.span());
            case ExecutionEvent.MessageSent step -> Optional.of(step.span());
            case ExecutionEvent.InputRequested step -> Optional.of(step.span());
            case ExecutionEvent.InputReceived step -> Optional.of(step.span());
            case ExecutionEvent.InputRejected step -> Optional.of(step.span());
            case ExecutionEvent.InputAbandoned step -> Optional.of(step.span());
            case ExecutionEvent.TimerStarted step -> Optional.of(step.span());
            case ExecutionEvent.TimerFired step -> Optional.of(step.span());
            case ExecutionEvent.EffectStarted step -> Optional.of(step.span());
            case ExecutionEvent.EffectCompleted step -> Optional.of(step.span());
            case ExecutionEvent.EffectFailed step -> Optional.of(step.span());
            case ExecutionEvent.ChildStarted step -> Optional.of(step.span());
            case ExecutionEvent.ChildCompleted step -> Optional.of(step.span());
            case ExecutionEvent.ExecutionStarted ignored -> Optional.empty();
            case ExecutionEvent.ExecutionCompleted ignored -> Optional.empty();
            case ExecutionEvent.ExecutionFailed ignored -> Optional.empty();
            case ExecutionEvent.ExecutionCancelled ignored -> Optional.empty();
            case ExecutionEvent.ExecutionRetried ignored -> Optional.empty();
            case ExecutionEvent.StepsCompleted run ->
                Optional.of(run.steps().getFirst().span());
            case ExecutionEvent.EventsPacked pack -> span(pack.events().getFirst());
        };
    }
}
