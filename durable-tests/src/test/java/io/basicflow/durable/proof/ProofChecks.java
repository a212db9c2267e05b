package io.basicflow.durable.proof;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.durable.proof.OrderDialog.Reference;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.engine.api.WorkflowEngine;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.engine.durable.ReplayVerifier;
import io.basicflow.engine.event.Delta;
import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.json.EngineJson;
import io.basicflow.engine.store.EventStore;
import io.basicflow.engine.store.StoredEvent;
import io.basicflow.spi.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The checks every execution of the crash and fault tests must pass, against its direct-mode
 * reference, the effect log written outside the engine's database, the outbox and the history:
 *
 * <ul>
 *   <li>it completed with the reference's result and final variables;
 *   <li>its messages are in the outbox exactly once: one row per seq, the texts in the reference's
 *       order, one per message event;
 *   <li>every effect step keeps one idempotency key ({@code executionId/seq} of its first start) over
 *       all its attempts, with the same arguments; every handler call in the log has its {@code
 *       EffectStarted} (same key and attempt) in the history, so a handler never ran before its start
 *       was durable; no attempt ran twice; the completed attempt ran to its end; an at-most-once
 *       keyword started once and ran at most once; the completed calls are the reference's calls;
 *   <li>the replay check holds (fold of all events = snapshot + tail, gap-free, exact payloads).
 * </ul>
 */
final class ProofChecks {

    static final Set<String> AT_MOST_ONCE = Set.of("PAY", "HOLDPAY");

    private final WorkflowEngine engine;
    private final EventStore store;
    private final DbProbe probe;

    ProofChecks(WorkflowEngine engine, EventStore store, DbProbe probe) {
        this.engine = requireNonNull(engine, "engine is null");
        this.store = requireNonNull(store, "store is null");
        this.probe = requireNonNull(probe, "probe is null");
    }

    /** An execution completed exactly as its direct run did, with every durability check. */
    void completedLikeDirect(String id, Reference reference, EffectLog log) {
        assertThat(reference.outcome())
                .as("the direct reference run of %s", id)
                .isInstanceOf(DirectOutcome.Completed.class);
        ExecutionView view = engine.find(id).orElseThrow();
        if (view.status() != ExecutionStatus.COMPLETED) {
            throw new AssertionError(id + " ended " + view.status() + ": "
                    + view.error().map(Object::toString).orElse("")
                    + "\nits history:\n  "
                    + engine.history(id, 0, 10_000).stream()
                            .map(Object::toString)
                            .collect(Collectors.joining("\n  ")));
        }
        assertThat(view.result())
                .as("%s: result", id)
                .isEqualTo(((DirectOutcome.Completed) reference.outcome()).result());
        assertThat(new LinkedHashMap<>(view.variables()))
                .as("%s: final variables (durable vs direct)", id)
                .isEqualTo(new HashMap<>(reference.variables()));
        List<ExecutionEvent> history = history(id);
        assertThat(messages(id, history)).as("%s: messages (outbox by seq)", id).isEqualTo(reference.messages());
        effects(id, history, log);
        assertThat(completedCalls(history)).as("%s: completed effect calls", id).isEqualTo(reference.calls());
        replay(id);
    }

    /**
     * An execution whose at-most-once handler may have run when its process died: it failed with
     * "outcome unknown" on that step, the handler ran at most once, and what it said so far is the
     * start of the reference's messages.
     */
    void failedWithOutcomeUnknown(String id, Reference reference, EffectLog log) {
        ExecutionView view = engine.find(id).orElseThrow();
        assertThat(view.status()).as("%s", id).isEqualTo(ExecutionStatus.FAILED);
        assertThat(view.error().orElseThrow().message()).as("%s: error", id).contains("outcome unknown");
        List<ExecutionEvent> history = history(id);
        ExecutionEvent.EffectStarted last = null;
        for (ExecutionEvent event : history) {
            if (event instanceof ExecutionEvent.EffectStarted started) {
                last = started;
            }
        }
        assertThat(last).as("%s: an effect started before the failure", id).isNotNull();
        assertThat(AT_MOST_ONCE)
                .as("%s: the keyword whose outcome is unknown", id)
                .contains(last.keyword());
        List<String> said = messages(id, history);
        assertThat(reference.messages())
                .as("%s: messages so far are the direct run's first ones", id)
                .startsWith(said.toArray(String[]::new));
        effects(id, history, log);
        replay(id);
    }

    /** The replay check on one execution. */
    void replay(String id) {
        ReplayVerifier.Report report = new ReplayVerifier(store).verify(id);
        assertThat(report.problems()).as("%s: replay verification", id).isEmpty();
    }

    /** Every event of an execution. */
    List<ExecutionEvent> history(String id) {
        List<ExecutionEvent> events = new ArrayList<>();
        for (StoredEvent event : store.events(id, 0, Integer.MAX_VALUE)) {
            // a packed commit (one row) is read as its events
            events.addAll(ExecutionEvent.unpacked(EngineJson.readEvent(event.json())));
        }
        return events;
    }

    /** The outbox texts, checked against the message events: one row per seq, one per event. */
    List<String> messages(String id, List<ExecutionEvent> history) {
        List<DbProbe.Message> outbox = probe.outbox(id);
        List<DbProbe.Message> sent = history.stream()
                .filter(ExecutionEvent.MessageSent.class::isInstance)
                .map(ExecutionEvent.MessageSent.class::cast)
                .map(message -> new DbProbe.Message(message.sequence(), message.text()))
                .toList();
        assertThat(outbox)
                .as("%s: outbox rows = message events (seq and text)", id)
                .isEqualTo(sent);
        assertThat(outbox.stream().map(DbProbe.Message::seq).distinct().count())
                .as("%s: one outbox row per seq", id)
                .isEqualTo(outbox.size());
        return outbox.stream().map(DbProbe.Message::text).toList();
    }

    /** The effect rules of one execution's history against the log. */
    void effects(String id, List<ExecutionEvent> history, EffectLog log) {
        Map<String, List<ExecutionEvent.EffectStarted>> steps = new LinkedHashMap<>();
        for (ExecutionEvent event : history) {
            startOf(event)
                    .ifPresent(started -> steps.computeIfAbsent(started.idempotencyKey(), key -> new ArrayList<>())
                            .add(started));
        }
        Map<String, String> argumentsByKey = new HashMap<>();
        for (Map.Entry<String, List<ExecutionEvent.EffectStarted>> step : steps.entrySet()) {
            List<ExecutionEvent.EffectStarted> attempts = step.getValue();
            ExecutionEvent.EffectStarted first = attempts.getFirst();
            assertThat(step.getKey())
                    .as("%s: the idempotency key is executionId/seq of the step's first start", id)
                    .isEqualTo(id + "/" + first.sequence());
            for (int i = 0; i < attempts.size(); i++) {
                ExecutionEvent.EffectStarted attempt = attempts.get(i);
                assertThat(attempt.attempt())
                        .as("%s: attempts of %s", id, step.getKey())
                        .isEqualTo(i + 1);
                assertThat(attempt.keyword())
                        .as("%s: keyword of %s", id, step.getKey())
                        .isEqualTo(first.keyword());
                assertThat(attempt.arguments())
                        .as("%s: arguments of %s", id, step.getKey())
                        .isEqualTo(first.arguments());
            }
            if (AT_MOST_ONCE.contains(first.keyword())) {
                assertThat(attempts)
                        .as("%s: at-most-once %s started once", id, step.getKey())
                        .hasSize(1);
            }
            argumentsByKey.put(step.getKey(), display(first.arguments()));
        }
        List<EffectLog.Call> starts = log.startsOf(id);
        List<EffectLog.Call> ends = log.endsOf(id);
        for (EffectLog.Call call : starts) {
            List<ExecutionEvent.EffectStarted> attempts = steps.get(call.key());
            assertThat(attempts)
                    .as("%s: handler call %s has its EffectStarted in the history", id, call)
                    .isNotNull();
            assertThat(attempts.stream().anyMatch(started -> started.attempt() == call.attempt()))
                    .as("%s: handler call %s ran an attempt whose start is durable", id, call)
                    .isTrue();
            assertThat(call.arguments()).as("%s: arguments of %s", id, call).isEqualTo(argumentsByKey.get(call.key()));
        }
        Map<String, Long> runsPerAttempt = starts.stream()
                .collect(Collectors.groupingBy(call -> call.key() + "#" + call.attempt(), Collectors.counting()));
        assertThat(runsPerAttempt)
                .as("%s: no attempt ran twice", id)
                .allSatisfy((attempt, runs) -> assertThat(runs).isOne());
        for (String key : steps.keySet()) {
            long runs = starts.stream().filter(call -> call.key().equals(key)).count();
            if (AT_MOST_ONCE.contains(steps.get(key).getFirst().keyword())) {
                assertThat(runs)
                        .as("%s: at-most-once %s ran at most once", id, key)
                        .isLessThanOrEqualTo(1);
            }
        }
        // The attempt that completed ran to its end (its result is the one recorded).
        String key = null;
        for (ExecutionEvent event : history) {
            Optional<ExecutionEvent.EffectStarted> start = startOf(event);
            if (start.isPresent()) {
                key = start.get().idempotencyKey();
            }
            if (event instanceof ExecutionEvent.EffectCompleted completed) {
                String step = key;
                assertThat(starts.stream()
                                .anyMatch(call -> call.key().equals(step) && call.attempt() == completed.attempt()))
                        .as("%s: the completed attempt %d of %s started", id, completed.attempt(), step)
                        .isTrue();
                assertThat(ends.stream()
                                .anyMatch(call -> call.key().equals(step) && call.attempt() == completed.attempt()))
                        .as("%s: the completed attempt %d of %s ended", id, completed.attempt(), step)
                        .isTrue();
            }
        }
    }

    /** The calls whose effect completed, as {@code KEYWORD args}, in order. */
    static List<String> completedCalls(List<ExecutionEvent> history) {
        List<String> calls = new ArrayList<>();
        ExecutionEvent.EffectStarted current = null;
        for (ExecutionEvent event : history) {
            current = startOf(event).orElse(current);
            if (event instanceof ExecutionEvent.EffectCompleted && current != null) {
                calls.add(current.keyword() + " " + display(current.arguments()));
            }
        }
        return calls;
    }

    /**
     * The effect start an event records: an {@code EffectStarted}, or the start a transactional step's
     * {@code EffectCompleted} carries (read as the start it stands for, at its own sequence number).
     */
    static Optional<ExecutionEvent.EffectStarted> startOf(ExecutionEvent event) {
        if (event instanceof ExecutionEvent.EffectStarted started) {
            return Optional.of(started);
        }
        if (event instanceof ExecutionEvent.EffectCompleted completed
                && completed.started().isPresent()) {
            ExecutionEvent.EffectStart start = completed.started().get();
            return Optional.of(new ExecutionEvent.EffectStarted(
                    completed.sequence(),
                    completed.span(),
                    completed.keyword(),
                    start.arguments(),
                    start.idempotencyKey(),
                    completed.attempt(),
                    Delta.NONE));
        }
        return Optional.empty();
    }

    private static String display(Map<String, Value> arguments) {
        return arguments.values().stream().map(Value::display).collect(Collectors.joining(","));
    }
}
