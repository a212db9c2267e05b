package io.basicflow.app.http;

import io.basicflow.engine.api.DeliveryIds;
import io.basicflow.engine.api.EventView;
import io.basicflow.engine.api.ExecutionConflictException;
import io.basicflow.engine.api.ExecutionError;
import io.basicflow.engine.api.ExecutionNotFoundException;
import io.basicflow.engine.api.ExecutionPage;
import io.basicflow.engine.api.ExecutionQuery;
import io.basicflow.engine.api.ExecutionStateException;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionSummary;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.engine.api.InputTooLargeException;
import io.basicflow.engine.api.MessageView;
import io.basicflow.engine.api.ScriptCompilationException;
import io.basicflow.engine.api.StartRequest;
import io.basicflow.engine.api.StartResult;
import io.basicflow.engine.api.WorkflowEngine;
import io.basicflow.spi.value.Json;
import io.basicflow.spi.value.Value;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An in-memory {@link WorkflowEngine} that behaves like the durable one as far as a front end can
 * see: statuses and their transitions, gap-free sequence numbers shared by events and messages,
 * idempotent starts, long-poll waits that end on a new message or on the execution's end, and the
 * documented exceptions. Tests play the worker through {@link #talk}, {@link #waitForInput}, {@link
 * #complete}, {@link #fail}.
 */
final class FakeWorkflowEngine implements WorkflowEngine {

    static final Instant EPOCH = Instant.parse("2026-11-25T10:00:00Z");

    private long nextPosition = 100;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, Execution> executions = new LinkedHashMap<>();
    private final List<Boolean> messageCallsOnVirtualThreads = new ArrayList<>();
    private final List<Duration> requestedWaits = new ArrayList<>();
    private int maxInputCharacters = 1000;
    private long clockSeconds;
    private int generatedIds;
    private int waiters;
    private RuntimeException nextFailure;

    private static final class Execution {
        final String id;
        final String scriptName;
        final String scriptHash;
        final Instant createdAt;
        final Map<String, Value> variables;
        final List<EventView> events = new ArrayList<>();
        final List<MessageView> messages = new ArrayList<>();
        final List<String> inbox = new ArrayList<>();
        final Set<String> deliveryIds = new HashSet<>();
        final List<String> activeTools = new ArrayList<>();
        ExecutionStatus status = ExecutionStatus.RUNNABLE;
        Instant updatedAt;
        Optional<Value> result = Optional.empty();
        Optional<ExecutionError> error = Optional.empty();
        Optional<String> waitingFor = Optional.empty();

        Execution(String id, String scriptName, String scriptHash, Instant createdAt, Map<String, Value> variables) {
            this.id = id;
            this.scriptName = scriptName;
            this.scriptHash = scriptHash;
            this.createdAt = createdAt;
            this.updatedAt = createdAt;
            this.variables = new LinkedHashMap<>(variables);
        }

        long lastSeq() {
            return events.size();
        }
    }

    // --- the WorkflowEngine ---

    @Override
    public StartResult start(StartRequest request) {
        lock.lock();
        try {
            failIfAsked();
            if (request.executionId().isPresent()) {
                Execution existing = executions.get(request.executionId().get());
                if (existing != null) {
                    if (!existing.scriptName.equals(request.scriptName())) {
                        throw new ExecutionConflictException(
                                existing.id,
                                "execution '" + existing.id + "' exists for script " + existing.scriptName + ", not "
                                        + request.scriptName());
                    }
                    return new StartResult(existing.id, false);
                }
            }
            if (!isWorkflow(request.source()) && !request.durableWithoutPragma()) {
                throw new ScriptCompilationException(
                        request.scriptName(),
                        List.of(request.scriptName() + ":1:1: error: not a #workflow script\n"
                                + request.source().lines().findFirst().orElse("") + "\n^"));
            }
            // The real engine's check of values from outside, before anything is created.
            io.basicflow.engine.interpreter.IncomingValues.requireWithin(
                    request.variables(), io.basicflow.engine.interpreter.Limits.DEFAULT);
            String id = request.executionId().orElseGet(() -> "generated-" + ++generatedIds);
            Execution execution =
                    new Execution(id, request.scriptName(), sha256(request.source()), tick(), request.variables());
            executions.put(id, execution);
            append(
                    execution,
                    "ExecutionStarted",
                    0,
                    "started " + request.scriptName(),
                    "{\"script\":\"" + request.scriptName() + "\"}");
            return new StartResult(id, true);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void deliverInput(String executionId, String input) {
        deliver(executionId, input, null);
    }

    @Override
    public boolean deliverInput(String executionId, String input, String deliveryId) {
        DeliveryIds.requireValid(deliveryId);
        return deliver(executionId, input, deliveryId);
    }

    private boolean deliver(String executionId, String input, String deliveryId) {
        lock.lock();
        try {
            failIfAsked();
            Execution execution = existing(executionId);
            if (deliveryId != null && execution.deliveryIds.contains(deliveryId)) {
                return false;
            }
            if (execution.status.isEnded()) {
                throw new ExecutionStateException(
                        executionId,
                        execution.status,
                        "execution '" + executionId + "' is " + execution.status + "; it takes no more input");
            }
            if (input.length() > maxInputCharacters) {
                throw new InputTooLargeException(input.length(), maxInputCharacters);
            }
            execution.inbox.add(input);
            if (deliveryId != null) {
                execution.deliveryIds.add(deliveryId);
            }
            if (execution.status == ExecutionStatus.WAITING_INPUT) {
                execution.status = ExecutionStatus.RUNNABLE;
                execution.waitingFor = Optional.empty();
            }
            execution.updatedAt = tick();
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void cancel(String executionId, String reason) {
        lock.lock();
        try {
            failIfAsked();
            Execution execution = existing(executionId);
            if (execution.status.isEnded()) {
                throw new ExecutionStateException(
                        executionId,
                        execution.status,
                        "execution '" + executionId + "' is already " + execution.status + "; it cannot be cancelled");
            }
            execution.status = ExecutionStatus.CANCELLED;
            execution.waitingFor = Optional.empty();
            append(execution, "ExecutionCancelled", 0, "cancelled: " + reason, "{\"reason\":" + quote(reason) + "}");
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void retry(String executionId) {
        lock.lock();
        try {
            failIfAsked();
            Execution execution = existing(executionId);
            if (execution.status != ExecutionStatus.FAILED) {
                throw new ExecutionStateException(
                        executionId,
                        execution.status,
                        "execution '" + executionId + "' is " + execution.status
                                + "; only a FAILED one can be retried");
            }
            execution.status = ExecutionStatus.RUNNABLE;
            execution.error = Optional.empty();
            append(execution, "ExecutionRetried", 0, "retried", "{}");
        } finally {
            lock.unlock();
        }
    }

    /** What {@link #publishEvent} was given, in order: conversation (or "*"), name, value, key. */
    final List<List<Object>> published = new ArrayList<>();

    private final Map<String, String> eventWaits = new LinkedHashMap<>();
    private final Set<String> publishKeys = new HashSet<>();

    /** Makes an execution wait for an event of this name, as WAIT FOR EVENT would. */
    void waitForEvent(String executionId, String name) {
        lock.lock();
        try {
            existing(executionId).status = ExecutionStatus.WAITING_TIMER;
            eventWaits.put(executionId, name);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int publishEvent(Optional<String> conversation, String name, Value data, String key) {
        lock.lock();
        try {
            failIfAsked();
            conversation.ifPresent(this::existing);
            if (!publishKeys.add(key)) {
                return 0;
            }
            published.add(List.of(conversation.orElse("*"), name, data, key));
            List<String> woken = eventWaits.entrySet().stream()
                    .filter(wait -> wait.getValue().equals(name))
                    .map(Map.Entry::getKey)
                    .filter(id -> conversation.isEmpty() || conversation.get().equals(id))
                    .toList();
            woken.forEach(id -> {
                eventWaits.remove(id);
                executions.get(id).status = ExecutionStatus.RUNNABLE;
            });
            return woken.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<ExecutionView> find(String executionId) {
        lock.lock();
        try {
            failIfAsked();
            return Optional.ofNullable(executions.get(executionId)).map(FakeWorkflowEngine::view);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public ExecutionPage list(ExecutionQuery query) {
        lock.lock();
        try {
            failIfAsked();
            List<Execution> matching = executions.values().stream()
                    .filter(e -> query.statuses().isEmpty() || query.statuses().contains(e.status))
                    .filter(e -> query.scriptName().map(e.scriptName::equals).orElse(true))
                    .filter(e -> query.createdFrom()
                            .map(from -> !e.createdAt.isBefore(from))
                            .orElse(true))
                    .filter(e -> query.createdTo().map(e.createdAt::isBefore).orElse(true))
                    .sorted(Comparator.comparing((Execution e) -> e.createdAt)
                            .thenComparing(e -> e.id)
                            .reversed())
                    .toList();
            int start = 0;
            if (query.after().isPresent()) {
                if (!query.after().get().startsWith("after:")) {
                    // Like the real engine: a cursor it did not hand out is refused.
                    throw new io.basicflow.engine.api.InvalidCursorException(
                            query.after().get());
                }
                String afterId = query.after().get().substring("after:".length());
                for (int i = 0; i < matching.size(); i++) {
                    if (matching.get(i).id.equals(afterId)) {
                        start = i + 1;
                    }
                }
            }
            int end = Math.min(matching.size(), start + query.limit());
            List<ExecutionSummary> page = matching.subList(start, end).stream()
                    .map(e -> new ExecutionSummary(
                            e.id, e.scriptName, e.status, e.createdAt, e.updatedAt, Optional.empty()))
                    .toList();
            Optional<String> next =
                    end < matching.size() ? Optional.of("after:" + matching.get(end - 1).id) : Optional.empty();
            return new ExecutionPage(page, next);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<EventView> history(String executionId, long afterSeq, int limit) {
        lock.lock();
        try {
            failIfAsked();
            return existing(executionId).events.stream()
                    .filter(event -> event.seq() > afterSeq)
                    .limit(limit)
                    .toList();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<MessageView> messages(String executionId, long afterSeq, int limit, Duration wait) {
        return awaitMessages(executionId, message -> message.seq() > afterSeq, limit, wait);
    }

    /** The fake has no children: a conversation is the execution's own messages, by position. */
    @Override
    public List<MessageView> conversation(String executionId, long afterPosition, int limit, Duration wait) {
        return awaitMessages(executionId, message -> message.position() > afterPosition, limit, wait);
    }

    private List<MessageView> awaitMessages(
            String executionId, java.util.function.Predicate<MessageView> after, int limit, Duration wait) {
        lock.lock();
        try {
            failIfAsked();
            messageCallsOnVirtualThreads.add(Thread.currentThread().isVirtual());
            requestedWaits.add(wait);
            long remaining = wait.toNanos();
            while (true) {
                Execution execution = existing(executionId);
                List<MessageView> found =
                        execution.messages.stream().filter(after).limit(limit).toList();
                if (!found.isEmpty() || execution.status.isEnded() || remaining <= 0) {
                    return found;
                }
                waiters++;
                changed.signalAll();
                try {
                    remaining = changed.awaitNanos(remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for messages of " + executionId, e);
                } finally {
                    waiters--;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void acknowledge(String executionId, long uptoSeq) {
        lock.lock();
        try {
            failIfAsked();
            Execution execution = existing(executionId);
            execution.messages.replaceAll(
                    message -> message.seq() <= uptoSeq && !message.acknowledged() ? acknowledged(message) : message);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void acknowledgeConversation(String executionId, long uptoPosition) {
        lock.lock();
        try {
            failIfAsked();
            Execution execution = existing(executionId);
            execution.messages.replaceAll(message ->
                    message.position() <= uptoPosition && !message.acknowledged() ? acknowledged(message) : message);
        } finally {
            lock.unlock();
        }
    }

    private static MessageView acknowledged(MessageView message) {
        return new MessageView(
                message.executionId(),
                message.seq(),
                message.position(),
                message.recipient(),
                message.text(),
                message.createdAt(),
                true,
                message.extras());
    }

    // --- the worker, played by tests ---

    /**
     * The execution says something: a StepCompleted event and its message, same sequence number.
     * Returns the message's position in the conversation: like the real outbox ids, positions are
     * counted across all executions, so they differ from sequence numbers.
     */
    long talk(String executionId, String text) {
        return talk(executionId, text, io.basicflow.engine.api.MessageExtras.NONE);
    }

    /** The execution says something that carries suggestions or a file. */
    long talk(String executionId, String text, io.basicflow.engine.api.MessageExtras extras) {
        lock.lock();
        try {
            Execution execution = existing(executionId);
            execution.status = ExecutionStatus.RUNNING;
            EventView event =
                    append(execution, "StepCompleted", 2, "TALK " + quote(text), "{\"talk\":" + quote(text) + "}");
            long position = nextPosition++;
            execution.messages.add(new MessageView(
                    executionId, event.seq(), position, Optional.empty(), text, event.at(), false, extras));
            return position;
        } finally {
            lock.unlock();
        }
    }

    /** The execution reaches a HEAR with no input waiting and parks. */
    void waitForInput(String executionId, String variable) {
        lock.lock();
        try {
            Execution execution = existing(executionId);
            execution.status = ExecutionStatus.WAITING_INPUT;
            execution.waitingFor = Optional.of("HEAR " + variable);
            append(execution, "InputRequested", 3, "HEAR " + variable, "{\"variable\":" + quote(variable) + "}");
        } finally {
            lock.unlock();
        }
    }

    /** The execution takes its next input into a variable. */
    void consumeInput(String executionId, String variable) {
        lock.lock();
        try {
            Execution execution = existing(executionId);
            String input = execution.inbox.removeFirst();
            execution.variables.put(variable, Value.text(input));
            execution.status = ExecutionStatus.RUNNING;
            execution.waitingFor = Optional.empty();
            append(execution, "InputReceived", 3, variable + " = " + quote(input), "{\"value\":" + quote(input) + "}");
        } finally {
            lock.unlock();
        }
    }

    void activateTool(String executionId, String tool) {
        lock.lock();
        try {
            existing(executionId).activeTools.add(tool);
        } finally {
            lock.unlock();
        }
    }

    void complete(String executionId, Value result) {
        lock.lock();
        try {
            Execution execution = existing(executionId);
            execution.status = ExecutionStatus.COMPLETED;
            execution.result = Optional.of(result);
            execution.waitingFor = Optional.empty();
            append(execution, "ExecutionCompleted", 9, "completed", "{\"result\":" + Json.write(result) + "}");
        } finally {
            lock.unlock();
        }
    }

    void fail(String executionId, String message) {
        lock.lock();
        try {
            Execution execution = existing(executionId);
            execution.status = ExecutionStatus.FAILED;
            execution.error = Optional.of(new ExecutionError(message, 4, 5, Optional.of("SEND MAIL")));
            append(execution, "ExecutionFailed", 4, "failed: " + message, "{\"error\":" + quote(message) + "}");
        } finally {
            lock.unlock();
        }
    }

    // --- inspection ---

    /** The whole state as text; equal snapshots mean nothing changed. */
    String snapshot() {
        lock.lock();
        try {
            StringBuilder out = new StringBuilder();
            for (Execution e : executions.values()) {
                out.append(view(e))
                        .append(" inbox=")
                        .append(e.inbox)
                        .append(" events=")
                        .append(e.events)
                        .append(" messages=")
                        .append(e.messages)
                        .append('\n');
            }
            return out.toString();
        } finally {
            lock.unlock();
        }
    }

    Map<String, Value> variables(String executionId) {
        lock.lock();
        try {
            return Map.copyOf(existing(executionId).variables);
        } finally {
            lock.unlock();
        }
    }

    List<String> inbox(String executionId) {
        lock.lock();
        try {
            return List.copyOf(existing(executionId).inbox);
        } finally {
            lock.unlock();
        }
    }

    int executionCount() {
        lock.lock();
        try {
            return executions.size();
        } finally {
            lock.unlock();
        }
    }

    List<Boolean> messageCallsOnVirtualThreads() {
        lock.lock();
        try {
            return List.copyOf(messageCallsOnVirtualThreads);
        } finally {
            lock.unlock();
        }
    }

    List<Duration> requestedWaits() {
        lock.lock();
        try {
            return List.copyOf(requestedWaits);
        } finally {
            lock.unlock();
        }
    }

    /** Blocks until at least {@code count} callers wait in {@link #messages}. */
    void awaitWaiters(int count) throws InterruptedException {
        lock.lock();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (waiters < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("nobody waited for messages within 20 s (waiters: " + waiters + ")");
                }
                changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    void maxInputCharacters(int limit) {
        lock.lock();
        try {
            maxInputCharacters = limit;
        } finally {
            lock.unlock();
        }
    }

    /** The next engine call throws this (a bug in the engine, as the API sees it). */
    void failNextCall(RuntimeException failure) {
        lock.lock();
        try {
            nextFailure = failure;
        } finally {
            lock.unlock();
        }
    }

    // --- internals ---

    private void failIfAsked() {
        if (nextFailure != null) {
            RuntimeException failure = nextFailure;
            nextFailure = null;
            throw failure;
        }
    }

    private Execution existing(String executionId) {
        Execution execution = executions.get(executionId);
        if (execution == null) {
            throw new ExecutionNotFoundException(executionId);
        }
        return execution;
    }

    private EventView append(Execution execution, String type, int line, String summary, String payload) {
        Instant at = tick();
        EventView event = new EventView(execution.lastSeq() + 1, type, at, line, summary, payload);
        execution.events.add(event);
        execution.updatedAt = at;
        changed.signalAll();
        return event;
    }

    private Instant tick() {
        return EPOCH.plusSeconds(clockSeconds++);
    }

    private static ExecutionView view(Execution e) {
        return new ExecutionView(
                e.id,
                e.scriptName,
                e.scriptHash,
                e.status,
                e.createdAt,
                e.updatedAt,
                e.variables,
                e.result,
                e.error,
                e.waitingFor,
                e.lastSeq(),
                e.activeTools,
                Optional.empty());
    }

    private static boolean isWorkflow(String source) {
        return source.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("'"))
                .findFirst()
                .map(line -> line.equalsIgnoreCase("#workflow"))
                .orElse(false);
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder();
        Json.quote(text, out);
        return out.toString();
    }

    private static String sha256(String source) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
