package io.basicflow.engine.store;

import io.basicflow.engine.api.ExecutionPage;
import io.basicflow.engine.api.ExecutionQuery;
import io.basicflow.engine.api.MessageView;
import java.util.List;
import java.util.Optional;

/**
 * The read side of an {@link EventStore}: what an operator's query needs (list, show, history), and
 * nothing that writes, claims or listens. A process that only reads (the {@code executions},
 * {@code show} and {@code history} commands beside a running server) implements this alone, over one
 * connection, without the engine's workers, pool or migrations.
 */
public interface ExecutionReads {

    /**
     * One execution.
     *
     * @param executionId the id
     * @return its row, or empty when there is none
     */
    Optional<ExecutionRecord> find(String executionId);

    /**
     * Executions matching a query, newest first, one page at a time.
     *
     * @param query the filters and paging
     * @return the page
     */
    ExecutionPage list(ExecutionQuery query);

    /**
     * An execution's events after a sequence number.
     *
     * @param executionId the execution
     * @param afterSeq only events with a greater sequence number
     * @param limit at most this many
     * @return the events in order
     */
    List<StoredEvent> events(String executionId, long afterSeq, int limit);

    /**
     * An execution's outgoing messages after a sequence number.
     *
     * @param executionId the execution
     * @param afterSeq only messages of later events
     * @param limit at most this many
     * @return the messages in order
     */
    List<MessageView> messages(String executionId, long afterSeq, int limit);

    /**
     * A pinned script.
     *
     * @param hash its hash
     * @return the script, or empty when no script has this hash
     */
    Optional<ScriptSource> script(String hash);
}
