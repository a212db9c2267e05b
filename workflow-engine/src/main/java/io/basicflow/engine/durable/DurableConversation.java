package io.basicflow.engine.durable;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.api.EventView;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.engine.api.MessageView;
import io.basicflow.engine.direct.Conversation;
import io.basicflow.engine.interpreter.InputRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Talks with a durable execution through a {@link Conversation}, the way {@code basicflow run} does
 * in a terminal: shows the messages of the execution and of the children it starts, in the order
 * they were committed, acknowledging each; asks the conversation for input whenever the execution
 * (or the child it waits for) waits at a {@code HEAR}; returns when the execution ends or the
 * conversation's input ends (the execution then stays parked, and a later call with the same id goes
 * on where it was: messages already acknowledged are not shown again).
 */
public final class DurableConversation {

    private static final int PAGE = 1000;

    private final DurableWorkflowEngine engine;
    private final Duration poll;

    /**
     * Creates a conversation driver.
     *
     * @param engine the engine
     * @param poll how long one wait for news lasts (a long poll of messages)
     */
    public DurableConversation(DurableWorkflowEngine engine, Duration poll) {
        this.engine = requireNonNull(engine, "engine is null");
        this.poll = requireNonNull(poll, "poll is null");
    }

    /**
     * Converses until the execution ends or the input ends.
     *
     * @param executionId the execution (started before)
     * @param conversation the user
     * @return the execution's view at the end (its status says which way it ended)
     */
    public ExecutionView converse(String executionId, Conversation conversation) {
        Map<String, Known> known = new LinkedHashMap<>();
        known.put(executionId, new Known());
        while (true) {
            discoverChildren(known);
            show(known, conversation);
            ExecutionView root = engine.find(executionId).orElseThrow();
            if (root.status().isEnded() || root.status() == ExecutionStatus.FAILED) {
                discoverChildren(known);
                show(known, conversation);
                return engine.find(executionId).orElseThrow();
            }
            String waiting = innermost(root);
            Optional<InputRequest> request = engine.inputRequest(waiting);
            if (request.isPresent()) {
                // The commit that parked it also wrote its prompt: show everything up to here first.
                discoverChildren(known);
                show(known, conversation);
                Optional<String> input = conversation.listen(request.get());
                if (input.isEmpty()) {
                    return engine.find(executionId).orElseThrow();
                }
                engine.deliverInput(waiting, input.get());
            } else {
                Known watched = known.computeIfAbsent(waiting, id -> new Known());
                engine.messages(waiting, watched.shownSeq, 1, poll);
            }
        }
    }

    /** The innermost execution a chain of WAITING_CHILD parents waits for. */
    private String innermost(ExecutionView root) {
        ExecutionView current = root;
        while (current.status() == ExecutionStatus.WAITING_CHILD) {
            Optional<ExecutionView> child = engine.find(ChildIds.of(current.id(), current.lastSeq()));
            if (child.isEmpty()) {
                break;
            }
            current = child.get();
        }
        return current.id();
    }

    /** Follows the {@code ChildStarted} events of every known execution to the children they start. */
    private void discoverChildren(Map<String, Known> known) {
        for (Map.Entry<String, Known> entry : List.copyOf(known.entrySet())) {
            Known state = entry.getValue();
            List<EventView> events;
            do {
                events = engine.history(entry.getKey(), state.historySeq, PAGE);
                for (EventView event : events) {
                    if (event.type().equals("ChildStarted")) {
                        String child = ChildIds.of(entry.getKey(), event.seq());
                        if (engine.find(child).isPresent()) {
                            known.putIfAbsent(child, new Known());
                        }
                    }
                    state.historySeq = event.seq();
                }
            } while (events.size() == PAGE);
        }
    }

    /** Shows every message not shown yet, in commit order across the executions, and acknowledges it. */
    private void show(Map<String, Known> known, Conversation conversation) {
        List<MessageView> pending = new ArrayList<>();
        for (Map.Entry<String, Known> entry : known.entrySet()) {
            for (MessageView message :
                    engine.messages(entry.getKey(), entry.getValue().shownSeq, PAGE, Duration.ZERO)) {
                if (!message.acknowledged()) {
                    pending.add(message);
                }
                entry.getValue().shownSeq = Math.max(entry.getValue().shownSeq, message.seq());
            }
        }
        pending.sort(Comparator.comparing(MessageView::createdAt).thenComparingLong(MessageView::seq));
        for (MessageView message : pending) {
            if (message.recipient().isPresent()) {
                conversation.say(message.recipient().get(), message.text());
            } else {
                conversation.say(message.text());
            }
            engine.acknowledge(message.executionId(), message.seq());
        }
    }

    /** What was seen of one execution. */
    private static final class Known {
        long historySeq;
        long shownSeq;
    }
}
