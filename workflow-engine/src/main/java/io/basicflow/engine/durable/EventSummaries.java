package io.basicflow.engine.durable;

import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.state.ChildRequest;
import io.basicflow.engine.state.ChildResult;
import io.basicflow.spi.program.SourceSpan;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.util.List;
import java.util.Optional;

/** One readable line per event, for a history view: the source line of a step, what went in and out. */
final class EventSummaries {

    private static final int MAX = 200;

    private EventSummaries() {}

    /** The script line an event is about, 0 when none. */
    static int line(ExecutionEvent event) {
        return span(event).map(SourceSpan::line).orElse(0);
    }

    /** One line of a source, trimmed; empty text when there is no such line (numbered from 1). */
    static String sourceLine(List<String> lines, int number) {
        return number >= 1 && number <= lines.size() ? lines.get(number - 1).strip() : "";
    }

    static String summary(ExecutionEvent event, List<String> lines) {
        String text = switch (event) {
            case ExecutionEvent.ExecutionStarted started -> "started " + started.script();
            case ExecutionEvent.StepCompleted step ->
                sourceLine(lines, step.span().line());
            case ExecutionEvent.MessageSent message ->
                switch (message.kind()) {
                    case TALK ->
                        "TALK "
                                + message.recipient()
                                        .map(to -> "TO " + to + " ")
                                        .orElse("") + quote(message.text());
                    case PROMPT -> "prompt " + quote(message.text());
                    case RETRY -> "asked again: " + quote(message.text());
                };
            case ExecutionEvent.InputRequested requested ->
                sourceLine(lines, requested.span().line()) + " (attempt " + requested.attempt() + ")";
            case ExecutionEvent.InputReceived received ->
                "input " + quote(received.input()) + " accepted as " + show(received.value());
            case ExecutionEvent.InputRejected rejected ->
                "input " + quote(rejected.input()) + " rejected: " + rejected.reason();
            case ExecutionEvent.InputAbandoned abandoned ->
                "gave up after " + abandoned.attempts() + " invalid input(s)";
            case ExecutionEvent.TimerStarted timer -> "waiting until " + timer.wakeAt();
            case ExecutionEvent.TimerFired ignored -> "timer fired";
            case ExecutionEvent.EffectStarted started ->
                started.keyword() + " " + show(new MapValue(started.arguments())) + " started (attempt "
                        + started.attempt() + ", key " + started.idempotencyKey() + ")";
            case ExecutionEvent.EffectCompleted completed ->
                completed
                                .started()
                                .map(start -> completed.keyword() + " " + show(new MapValue(start.arguments()))
                                        + " written with its step (attempt " + completed.attempt() + ", key "
                                        + start.idempotencyKey() + "): ")
                                .orElse(completed.keyword() + " completed: ")
                        + show(completed.result());
            case ExecutionEvent.EffectFailed failed ->
                failed.keyword() + " failed (attempt " + failed.attempt() + "): " + failed.error()
                        + failed.retryAt().map(at -> "; retry at " + at).orElse("");
            case ExecutionEvent.ChildStarted started -> describe(started.request());
            case ExecutionEvent.ChildCompleted completed ->
                switch (completed.result()) {
                    case ChildResult.Returned returned ->
                        "child returned"
                                + returned.value()
                                        .map(value -> " " + show(value))
                                        .orElse("");
                    case ChildResult.Failed failed -> "child failed: " + failed.message();
                };
            case ExecutionEvent.ExecutionCompleted completed ->
                "completed"
                        + completed
                                .result()
                                .map(value -> " with " + show(value))
                                .orElse("");
            case ExecutionEvent.ExecutionFailed failed ->
                "failed: " + failed.error().message();
            case ExecutionEvent.ExecutionCancelled cancelled -> "cancelled: " + cancelled.reason();
            case ExecutionEvent.ExecutionRetried retried -> "retried: " + retried.reason();
            case ExecutionEvent.StepsCompleted run -> describe(run, lines);
            case ExecutionEvent.EventsPacked pack ->
                pack.events().size() + " events " + pack.sequence() + "\u2013" + pack.lastSequence() + ", from: "
                        + summary(pack.events().getFirst(), lines);
        };
        return shorten(text);
    }

    /**
     * A run of plain steps on one line: "lines 4–9, 6 steps" (the lowest and highest line; a loop's
     * steps may go back up), then the first step's source line.
     */
    static String describe(ExecutionEvent.StepsCompleted run, List<String> lines) {
        int low = Integer.MAX_VALUE;
        int high = 0;
        for (ExecutionEvent.StepCompleted step : run.steps()) {
            low = Math.min(low, step.span().line());
            high = Math.max(high, step.span().line());
        }
        String where = low == high ? "line " + low : "lines " + low + "\u2013" + high;
        return where + ", " + run.steps().size() + " steps: "
                + sourceLine(lines, run.steps().getFirst().span().line());
    }

    static String describe(ChildRequest request) {
        if (request.kind() == ChildRequest.Kind.BOT) {
            return "BOT " + quote(request.script())
                    + (request.arguments().isEmpty()
                            ? ""
                            : " " + quote(request.arguments().getFirst().display()));
        }
        return (request.kind() == ChildRequest.Kind.SCRIPT ? "CALL " : "USE TOOL ")
                + quote(request.script())
                + (request.arguments().isEmpty()
                        ? ""
                        : " with " + request.arguments().size() + " argument(s)");
    }

    private static Optional<SourceSpan> span(ExecutionEvent event) {
        return switch (event) {
            case ExecutionEvent.ExecutionStarted ignored -> Optional.empty();
            case ExecutionEvent.StepCompleted step -> Optional.of(step.span());
            case ExecutionEvent.MessageSent message -> Optional.of(message.span());
            case ExecutionEvent.InputRequested requested -> Optional.of(requested.span());
            case ExecutionEvent.InputReceived received -> Optional.of(received.span());
            case ExecutionEvent.InputRejected rejected -> Optional.of(rejected.span());
            case ExecutionEvent.InputAbandoned abandoned -> Optional.of(abandoned.span());
            case ExecutionEvent.TimerStarted timer -> Optional.of(timer.span());
            case ExecutionEvent.TimerFired fired -> Optional.of(fired.span());
            case ExecutionEvent.EffectStarted started -> Optional.of(started.span());
            case ExecutionEvent.EffectCompleted completed -> Optional.of(completed.span());
            case ExecutionEvent.EffectFailed failed -> Optional.of(failed.span());
            case ExecutionEvent.ChildStarted started -> Optional.of(started.span());
            case ExecutionEvent.ChildCompleted completed -> Optional.of(completed.span());
            case ExecutionEvent.ExecutionCompleted ignored -> Optional.empty();
            case ExecutionEvent.ExecutionFailed failed -> failed.error().span();
            case ExecutionEvent.ExecutionCancelled ignored -> Optional.empty();
            case ExecutionEvent.ExecutionRetried ignored -> Optional.empty();
            case ExecutionEvent.StepsCompleted run ->
                Optional.of(run.steps().getFirst().span());
            case ExecutionEvent.EventsPacked pack -> span(pack.events().getFirst());
        };
    }

    private static String show(Value value) {
        return value instanceof TextValue text ? quote(text.value()) : value.display();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    private static String shorten(String text) {
        String line = text.replace('\n', ' ');
        return line.length() <= MAX ? line : line.substring(0, MAX - 1) + "…";
    }
}
