package io.basicflow.engine.durable;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.engine.api.MessageView;
import io.basicflow.engine.direct.Conversation;
import io.basicflow.engine.interpreter.InputRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Talks with a durable execution through a {@link Conversation}, the way {@code basicflow run} does
 * in a terminal: shows the messages of the execution and of the children it starts, in the order
 * they were committed, acknowledging each; asks the conversation for input whenever the execution
 * (or the child it waits for) waits at a {@code HEAR}; returns when the execution ends or the
 * conversation's input ends (the execution then stays parked, and a later call with the same id goes
 * on where it was: messages already acknowledged are not shown again — except the question a waiting
 * {@code HEAR} asked, the last message before it, which a resumed conversation shows once more so the
 * user knows what to answer).
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
        // A conversation shown (and acknowledged) before is being resumed.
        boolean resumed =
                engine.conversation(executionId, 0, 1, Duration.ZERO).stream().anyMatch(MessageView::acknowledged);
        java.util.concurrent.atomic.AtomicInteger said = new java.util.concurrent.atomic.AtomicInteger();
        boolean listened = false;
        long shown = 0;
        while (true) {
            shown = show(executionId, shown, conversation, Duration.ZERO, said);
            ExecutionView root = engine.find(executionId).orElseThrow();
            if (root.status().isEnded() || root.status() == ExecutionStatus.FAILED) {
                show(executionId, shown, conversation, Duration.ZERO, said);
                return engine.find(executionId).orElseThrow();
            }
            String waiting = innermost(root);
            Optional<InputRequest> request = engine.inputRequest(waiting);
            if (request.isPresent()) {
                // The commit that parked it also wrote its prompt: show everything up to here first.
                shown = show(executionId, shown, conversation, Duration.ZERO, said);
                if (resumed && !listened && said.get() == 0) {
                    // Resumed while it waits, with nothing new to show: ask the question again.
                    repeatLastMessage(executionId, conversation);
                }
                listened = true;
                Optional<String> input = conversation.listen(request.get());
                if (input.isEmpty()) {
                    return engine.find(executionId).orElseThrow();
                }
                long before = engine.find(waiting).map(ExecutionView::lastSeq).orElse(0L);
                engine.deliverInput(waiting, input.get());
                awaitTaken(waiting, before);
            } else {
                shown = show(executionId, shown, conversation, poll, said);
            }
        }
    }

    /** Shows the conversation's last message again (it was shown and acknowledged before). */
    private void repeatLastMessage(String executionId, Conversation conversation) {
        MessageView last = null;
        long after = 0;
        while (true) {
            List<MessageView> page = engine.conversation(executionId, after, PAGE, Duration.ZERO);
            if (page.isEmpty()) {
                break;
            }
            last = page.getLast();
            after = last.position();
        }
        if (last != null) {
            say(conversation, last);
        }
    }

    private static void say(Conversation conversation, MessageView message) {
        if (message.recipient().isPresent()) {
            conversation.say(message.recipient().get(), message.text());
        } else if (!message.extras().isEmpty()) {
            conversation.say(message.text(), message.extras());
        } else {
            conversation.say(message.text());
        }
    }

    /** Waits until the input just delivered is taken: the execution records an event about it. */
    private void awaitTaken(String executionId, long lastSeqBefore) {
        long deadline = System.nanoTime() + poll.multipliedBy(20).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ExecutionView> view = engine.find(executionId);
            if (view.isEmpty()
                    || view.get().lastSeq() > lastSeqBefore
                    || view.get().status().isEnded()) {
                return;
            }
            try {
                Thread.sleep(Math.max(1, poll.toMillis() / 20));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
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

    /**
     * Shows the conversation's messages after a position that are not acknowledged yet (in commit
     * order, children's included), acknowledging them as it goes; returns the last position seen.
     */
    private long show(
            String executionId,
            long after,
            Conversation conversation,
            Duration wait,
            java.util.concurrent.atomic.AtomicInteger said) {
        long last = after;
        while (true) {
            List<MessageView> messages = engine.conversation(executionId, last, PAGE, wait);
            if (messages.isEmpty()) {
                return last;
            }
            for (MessageView message : messages) {
                if (!message.acknowledged()) {
                    say(conversation, message);
                    said.incrementAndGet();
                    engine.acknowledgeConversation(executionId, message.position());
                }
                last = message.position();
            }
            wait = Duration.ZERO;
        }
    }
}
