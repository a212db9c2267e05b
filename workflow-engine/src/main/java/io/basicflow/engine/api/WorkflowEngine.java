package io.basicflow.engine.api;

import io.basicflow.spi.value.Value;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a front end (the HTTP API, the command line, an integrator's code) does with durable
 * executions. Every method is safe to call from any thread and any process sharing the database:
 * the workers that run executions may live elsewhere.
 */
public interface WorkflowEngine {

    /**
     * Starts an execution of a {@code #workflow} script. Idempotent on a caller-given id: starting
     * the same id again returns the existing execution ({@link StartResult#created()} false) and
     * changes nothing, provided it names the same script.
     *
     * @param request the script, optional id and initial variables
     * @return the execution's id and whether this call created it
     * @throws ScriptCompilationException when the script does not compile (nothing is stored)
     * @throws ExecutionConflictException when the id exists with a different script
     */
    StartResult start(StartRequest request);

    /**
     * Delivers one user input. It waits in the execution's inbox until a {@code HEAR} takes it; an
     * execution waiting for input becomes runnable at once.
     *
     * @param executionId the execution
     * @param input what the user typed
     * @throws ExecutionNotFoundException when there is no such execution
     * @throws ExecutionStateException when the execution has ended
     * @throws InputTooLargeException when the input exceeds the configured limit
     */
    void deliverInput(String executionId, String input);

    /**
     * Delivers one user input at most once: a sender that did not get an answer (a lost connection,
     * a timeout) sends the same input again with the same {@code deliveryId}, and the repeat is not
     * stored. Delivery ids are kept per conversation (the execution and its children), for as long
     * as the execution is kept; a repeat is recognised even after the execution ended.
     *
     * @param executionId the execution
     * @param input what the user typed
     * @param deliveryId the sender's id for this input (e.g. a chat message id): 1 to 200 characters,
     *     no control characters, unique within the conversation
     * @return true when the input was stored now, false when this delivery id was delivered before
     *     (nothing was stored)
     * @throws ExecutionNotFoundException when there is no such execution
     * @throws ExecutionStateException when the execution has ended and the input is not a repeat
     * @throws InputTooLargeException when the input exceeds the configured limit
     * @throws IllegalArgumentException when the delivery id is empty, too long or has control
     *     characters
     */
    boolean deliverInput(String executionId, String input, String deliveryId);

    /**
     * Cancels an execution that has not ended. A waiting execution ends at once; a running one at
     * its next commit.
     *
     * @param executionId the execution
     * @param reason recorded in the history
     * @throws ExecutionNotFoundException when there is no such execution
     * @throws ExecutionStateException when the execution has already ended
     */
    void cancel(String executionId, String reason);

    /**
     * Retries a failed execution from the step that failed.
     *
     * @param executionId the execution
     * @throws ExecutionNotFoundException when there is no such execution
     * @throws ExecutionStateException when the execution is not FAILED
     */
    void retry(String executionId);

    /**
     * One execution's current view.
     *
     * @param executionId the execution
     * @return its view, or empty when there is no such execution
     */
    Optional<ExecutionView> find(String executionId);

    /**
     * One execution's status alone, cheaper than {@link #find} (which builds the whole view, variables
     * included): for callers that poll, like a long-poll of its messages.
     *
     * @param executionId the execution
     * @return its status, or empty when there is no such execution
     */
    default Optional<ExecutionStatus> status(String executionId) {
        return find(executionId).map(ExecutionView::status);
    }

    /**
     * Executions matching a query, newest first, one page at a time.
     *
     * @param query filters and paging
     * @return the page
     */
    ExecutionPage list(ExecutionQuery query);

    /**
     * An execution's events after a sequence number, in order.
     *
     * @param executionId the execution
     * @param afterSeq only events with a greater sequence number; 0 for all
     * @param limit at most this many
     * @return the events
     * @throws ExecutionNotFoundException when there is no such execution
     */
    List<EventView> history(String executionId, long afterSeq, int limit);

    /**
     * An execution's outgoing messages (TALK) after a sequence number, in order. Waits up to {@code
     * wait} for the first one when none is there yet (long-poll); returns early when the execution
     * ends.
     *
     * @param executionId the execution
     * @param afterSeq only messages produced by events after this sequence number
     * @param limit at most this many
     * @param wait how long to wait for a first message; zero to answer at once
     * @return the messages, possibly empty
     * @throws ExecutionNotFoundException when there is no such execution
     */
    List<MessageView> messages(String executionId, long afterSeq, int limit, Duration wait);

    /**
     * The messages of the conversation an execution leads: its own and those of the child executions
     * it started ({@code r = USE TOOL …}, {@code CALL "x.bas"}) and theirs, in the order they were
     * committed, after a position. This is what a chat front end shows. Waits up to {@code wait} for
     * a first message, like {@link #messages}.
     *
     * @param executionId the conversation's execution (usually the one the front end started)
     * @param afterPosition only messages with a greater {@link MessageView#position()}; 0 for all
     * @param limit at most this many
     * @param wait how long to wait for a first message; zero to answer at once
     * @return the messages in order, possibly empty
     * @throws ExecutionNotFoundException when there is no such execution
     */
    List<MessageView> conversation(String executionId, long afterPosition, int limit, Duration wait);

    /**
     * Follows a conversation from a position on (see {@link ConversationFollower}). This default
     * reads through {@link #conversation} at every {@link ConversationFollower#next}; an engine that
     * can keep its wake-up registration between batches overrides it.
     *
     * @param executionId the conversation's execution
     * @param afterPosition the first batch has the messages after this position; 0 for all
     * @return the follower, to close when done
     * @throws ExecutionNotFoundException when there is no such execution
     */
    default ConversationFollower followConversation(String executionId, long afterPosition) {
        java.util.Objects.requireNonNull(executionId, "executionId is null");
        if (status(executionId).isEmpty()) {
            throw new ExecutionNotFoundException(executionId);
        }
        return new ConversationFollower() {
            private long position = afterPosition;
            private Optional<ExecutionStatus> status = Optional.empty();

            @Override
            public List<MessageView> next(int limit, Duration wait) {
                List<MessageView> messages = conversation(executionId, position, limit, wait);
                if (!messages.isEmpty()) {
                    position = messages.getLast().position();
                }
                status = Optional.of(WorkflowEngine.this
                        .status(executionId)
                        .orElseThrow(() -> new ExecutionNotFoundException(executionId)));
                return messages;
            }

            @Override
            public Optional<ExecutionStatus> status() {
                return status;
            }

            @Override
            public long position() {
                return position;
            }

            @Override
            public void close() {}
        };
    }

    /**
     * Acknowledges the messages of a conversation (see {@link #conversation}) up to a position.
     *
     * @param executionId the conversation's execution
     * @param uptoPosition messages with a position up to this one
     * @throws ExecutionNotFoundException when there is no such execution
     */
    void acknowledgeConversation(String executionId, long uptoPosition);

    /**
     * Acknowledges the messages of an execution up to a sequence number: a channel that delivered
     * them says so, and they are no longer "unacknowledged".
     *
     * @param executionId the execution
     * @param uptoSeq messages with a sequence number up to this one
     * @throws ExecutionNotFoundException when there is no such execution
     */
    void acknowledge(String executionId, long uptoSeq);
    /**
     * Blocks until the execution ends or stops for an operator ({@code COMPLETED}, {@code CANCELLED}
     * or {@code FAILED}), or until the timeout is over, whichever comes first, and returns the
     * execution as it then is: test {@link ExecutionView#status()} to tell an end from a timeout. It
     * does not spin: it waits on the same signal as a long poll of {@link #messages} (woken by this
     * process's commits, re-reading on the engine's message poll interval for other processes).
     *
     * @param executionId the execution
     * @param timeout the longest to wait; zero reads once
     * @return the execution after the wait
     * @throws ExecutionNotFoundException when there is no such execution
     */
    default ExecutionView awaitEnd(String executionId, Duration timeout) {
        java.util.Objects.requireNonNull(executionId, "executionId is null");
        java.util.Objects.requireNonNull(timeout, "timeout is null");
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        while (true) {
            ExecutionView view = find(executionId).orElseThrow(() -> new ExecutionNotFoundException(executionId));
            long left = deadline - System.nanoTime();
            if (view.status().isEnded() || view.status() == ExecutionStatus.FAILED || left <= 0) {
                return view;
            }
            // No message has a sequence number past Long.MAX_VALUE: this waits for the end (or a
            // commit of it) without returning messages.
            messages(executionId, Long.MAX_VALUE, 1, Duration.ofNanos(left));
        }
    }

    /**
     * Publishes an event from outside the scripts ({@code WAIT FOR EVENT} waiters receive it; see
     * docs/orchestration.md): to one conversation (the root execution of an orchestration, or any of its
     * children's ids), or to every conversation.
     *
     * @param conversation the conversation's execution id; empty for every conversation
     * @param name the event's name, 1 to 200 characters
     * @param data the event's value
     * @param key the publisher's idempotency key: publishing the same key again does nothing
     * @return how many waiting executions were woken
     * @throws ExecutionNotFoundException when the conversation's execution does not exist
     * @throws UnsupportedOperationException when this engine keeps no events
     */
    default int publishEvent(Optional<String> conversation, String name, Value data, String key) {
        throw new UnsupportedOperationException("this engine keeps no events");
    }
}
