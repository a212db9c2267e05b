package io.basicflow.app.cli;

import io.basicflow.engine.api.ExecutionPage;
import io.basicflow.engine.api.ExecutionQuery;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.engine.api.MessageView;
import io.basicflow.engine.api.StartRequest;
import io.basicflow.engine.api.WorkflowEngine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code #workflow} script talked to in the terminal, durably. The conversation is an execution in
 * the database: TALK lines come from its outbox (printed once, then acknowledged), lines typed are
 * delivered to its inbox. Killing the process loses nothing: running the same command again finds
 * the unfinished execution of that script and continues it, printing only what was not printed yet.
 */
final class DurableConversation {

    private static final Duration POLL = Duration.ofMillis(500);

    private final WorkflowEngine engine;
    private final BufferedReader input;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean interactive;

    DurableConversation(
            WorkflowEngine engine, BufferedReader input, PrintStream out, PrintStream err, boolean interactive) {
        this.engine = engine;
        this.input = input;
        this.out = out;
        this.err = err;
        this.interactive = interactive;
    }

    /** The unfinished execution of a script, newest first, if there is one. */
    Optional<ExecutionView> unfinished(String scriptName) {
        ExecutionPage page = engine.list(new ExecutionQuery(
                EnumSet.of(
                        ExecutionStatus.RUNNABLE,
                        ExecutionStatus.RUNNING,
                        ExecutionStatus.WAITING_INPUT,
                        ExecutionStatus.WAITING_TIMER,
                        ExecutionStatus.WAITING_CHILD),
                Optional.of(scriptName),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                1));
        return page.executions().stream().findFirst().flatMap(summary -> engine.find(summary.id()));
    }

    /** Starts a new execution of the script. */
    String start(String scriptName, String source) {
        return engine.start(new StartRequest(Optional.empty(), scriptName, source, Map.of()))
                .executionId();
    }

    /**
     * Talks until the execution ends or the input ends.
     *
     * @return the exit status: 0 completed, 1 failed, 3 input ended (the conversation is kept), 130
     *     cancelled
     */
    int talk(String executionId) throws IOException {
        long printed = 0;
        long answeredAt = -1;
        while (true) {
            printed = print(executionId, printed, POLL);
            ExecutionView view = engine.find(executionId).orElseThrow();
            switch (view.status()) {
                case COMPLETED -> {
                    print(executionId, printed, Duration.ZERO);
                    view.result().ifPresent(result -> out.println("=> " + result.display()));
                    return 0;
                }
                case FAILED -> {
                    print(executionId, printed, Duration.ZERO);
                    err.println(
                            "basicflow: " + view.error().map(e -> e.message()).orElse("the execution failed"));
                    err.println("basicflow: execution " + executionId + " failed; fix the cause and run `basicflow"
                            + " retry " + executionId + "`, or run the script again to start over");
                    return 1;
                }
                case CANCELLED -> {
                    err.println("basicflow: execution " + executionId + " was cancelled");
                    return 130;
                }
                case WAITING_INPUT -> {
                    if (view.lastSeq() <= answeredAt) {
                        continue; // our last answer is not taken yet
                    }
                    // The commit that parked the execution also wrote its prompt: print it first.
                    printed = print(executionId, printed, Duration.ZERO);
                    if (interactive) {
                        out.print("> ");
                        out.flush();
                    }
                    String line = input.readLine();
                    if (line == null) {
                        err.println("basicflow: the input ended while the script waits for an answer; the"
                                + " conversation is saved (execution " + executionId
                                + "): run the same command again to continue it");
                        return 3;
                    }
                    answeredAt = view.lastSeq();
                    engine.deliverInput(executionId, line);
                }
                default -> {
                    // running, runnable, waiting for a timer or a child: keep printing
                }
            }
        }
    }

    /** Prints the messages after {@code after} not acknowledged yet, acknowledges them, returns the last seq. */
    private long print(String executionId, long after, Duration wait) {
        long last = after;
        while (true) {
            List<MessageView> messages = engine.messages(executionId, last, 200, wait);
            if (messages.isEmpty()) {
                return last;
            }
            for (MessageView message : messages) {
                if (!message.acknowledged()) {
                    message.recipient()
                            .ifPresentOrElse(
                                    recipient -> out.println("[to " + recipient + "] " + message.text()),
                                    () -> out.println(message.text()));
                }
                last = message.seq();
            }
            out.flush();
            engine.acknowledge(executionId, last);
            wait = Duration.ZERO;
        }
    }
}
