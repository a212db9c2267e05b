package io.basicflow.testkit;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.api.EventView;
import io.basicflow.engine.api.ExecutionError;
import io.basicflow.engine.api.ExecutionNotFoundException;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.engine.api.MessageView;
import io.basicflow.engine.api.WorkflowEngine;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One execution started by a {@link BasicflowTestKit}: feed it input, wait for it, read what it
 * said, its variables, its result and its history. Everything is read from the database, so it is
 * what a user of the app would see, before and after a simulated crash.
 */
public final class ScriptRun {

    private static final int ALL = 100_000;
    private static final Set<ExecutionStatus> STOPPED =
            EnumSet.of(ExecutionStatus.COMPLETED, ExecutionStatus.FAILED, ExecutionStatus.CANCELLED);

    private final BasicflowTestKit kit;
    private final String id;

    ScriptRun(BasicflowTestKit kit, String id) {
        this.kit = requireNonNull(kit, "kit is null");
        this.id = requireNonNull(id, "id is null");
    }

    /**
     * The execution's id.
     *
     * @return the id
     */
    public String id() {
        return id;
    }

    /**
     * Sends one user input. It waits in the execution's inbox until a {@code HEAR} takes it, so
     * several inputs may be sent at once, before the script asks.
     *
     * @param text what the user types
     * @return this run
     * @throws io.basicflow.engine.api.ExecutionStateException when the execution has ended
     */
    public ScriptRun input(String text) {
        engine().deliverInput(id, requireNonNull(text, "text is null"));
        return this;
    }

    /**
     * The texts of the messages said so far ({@code TALK}, prompts, "please try again"), in order,
     * each once.
     *
     * @return the texts
     */
    public List<String> messages() {
        return messageViews().stream().map(MessageView::text).toList();
    }

    /**
     * The messages said so far, with their recipients and sequence numbers.
     *
     * @return the messages
     */
    public List<MessageView> messageViews() {
        return engine().messages(id, 0, ALL, Duration.ZERO);
    }

    /**
     * Waits until the execution has said at least some messages.
     *
     * @param count how many messages to wait for
     * @return the texts of all its messages so far
     * @throws AssertionError when fewer came within the kit's timeout
     */
    public List<String> awaitMessages(int count) {
        await(view -> messages().size() >= count, "said " + count + " message(s)", Set.of());
        return messages();
    }

    /**
     * The execution's history, in order.
     *
     * @return its events: type, script line, a readable summary and the full JSON
     */
    public List<EventView> events() {
        return engine().history(id, 0, ALL);
    }

    /**
     * The events of one kind, in order.
     *
     * @param type e.g. {@code "EffectStarted"}, {@code "EffectFailed"}, {@code "InputReceived"}
     * @return those events
     */
    public List<EventView> events(String type) {
        requireNonNull(type, "type is null");
        return events().stream().filter(event -> event.type().equals(type)).toList();
    }

    /**
     * The execution's variables as of its last commit.
     *
     * @return the variables by lower-case name
     */
    public Map<String, Value> variables() {
        return view().variables();
    }

    /**
     * One variable as of the last commit.
     *
     * @param name its name, any case
     * @return its value, {@code NULL} when it is not set
     */
    public Value variable(String name) {
        return variables().getOrDefault(name.toLowerCase(Locale.ROOT), NullValue.NULL);
    }

    /**
     * Where the execution stands now.
     *
     * @return its status
     */
    public ExecutionStatus status() {
        return view().status();
    }

    /**
     * The value of the script's final {@code RETURN}.
     *
     * @return the result, when the execution completed with one
     */
    public Optional<Value> result() {
        return view().result();
    }

    /**
     * Why the execution failed.
     *
     * @return the error, when it is {@code FAILED}
     */
    public Optional<ExecutionError> error() {
        return view().error();
    }

    /**
     * The execution's active tools ({@code USE TOOL}, {@code ADD TOOL}), in order.
     *
     * @return the tool names
     */
    public List<String> activeTools() {
        return view().activeTools();
    }

    /**
     * Everything the engine says about the execution now.
     *
     * @return its view
     */
    public ExecutionView view() {
        return engine().find(id).orElseThrow(() -> new ExecutionNotFoundException(id));
    }

    /**
     * Waits until the execution has one of some statuses. It fails at once when the execution
     * stops ({@code COMPLETED}, {@code FAILED}, {@code CANCELLED}) with a status that was not asked
     * for, showing its error.
     *
     * @param statuses the statuses to wait for, e.g. {@code WAITING_INPUT}
     * @return this run
     * @throws AssertionError when it does not get there within the kit's timeout
     */
    public ScriptRun awaitStatus(ExecutionStatus... statuses) {
        Set<ExecutionStatus> wanted = Set.copyOf(Arrays.asList(statuses));
        if (wanted.isEmpty()) {
            throw new IllegalArgumentException("give at least one status to wait for");
        }
        await(view -> wanted.contains(view.status()), "in status " + wanted, wanted);
        return this;
    }

    /**
     * Waits until the execution completes and returns its result.
     *
     * @return the {@code RETURN} value, {@code NULL} when there was none
     * @throws AssertionError when it fails, is cancelled or does not complete within the kit's timeout
     */
    public Value awaitResult() {
        awaitStatus(ExecutionStatus.COMPLETED);
        return result().orElse(NullValue.NULL);
    }

    /**
     * Cancels the execution.
     *
     * @param reason recorded in its history
     * @return this run
     */
    public ScriptRun cancel(String reason) {
        engine().cancel(id, reason);
        return this;
    }

    /**
     * Retries a failed execution from the step that failed.
     *
     * @return this run
     */
    public ScriptRun retry() {
        engine().retry(id);
        return this;
    }

    private WorkflowEngine engine() {
        return kit.engine();
    }

    private void await(Predicate<ExecutionView> condition, String what, Set<ExecutionStatus> wanted) {
        long deadline = System.nanoTime() + kit.timeout().toNanos();
        ExecutionView view;
        while (true) {
            view = view();
            if (condition.test(view)) {
                return;
            }
            if (STOPPED.contains(view.status()) && !wanted.contains(view.status())) {
                throw new AssertionError(describe(view, "is not " + what + " and never will be"));
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(describe(view, "is not " + what + " after " + kit.timeout()));
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for execution " + id, e);
            }
        }
    }

    private String describe(ExecutionView view, String problem) {
        StringBuilder text = new StringBuilder("execution ")
                .append(id)
                .append(" (")
                .append(view.scriptName())
                .append(") ")
                .append(problem)
                .append(": it is ")
                .append(view.status());
        view.waitingFor().ifPresent(waiting -> text.append(", waiting for ").append(waiting));
        view.error().ifPresent(error -> text.append("\n  error: ").append(error.message()));
        List<String> messages = messages();
        text.append("\n  messages: ").append(messages);
        List<EventView> events = events();
        text.append("\n  last events:");
        for (EventView event : events.subList(Math.max(0, events.size() - 12), events.size())) {
            text.append("\n    ")
                    .append(event.seq())
                    .append(' ')
                    .append(event.type())
                    .append(": ")
                    .append(event.summary());
        }
        if (kit.crashes() > 0) {
            text.append("\n  simulated crashes so far: ").append(kit.crashes());
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return "ScriptRun[" + id + "]";
    }
}
