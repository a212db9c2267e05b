package io.basicflow.persistence;

import static io.basicflow.persistence.internal.jooq.Tables.WORKFLOW_EXECUTIONS;

import io.basicflow.engine.event.Delta;
import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.json.EngineJson;
import io.basicflow.engine.store.ClaimedExecution;
import io.basicflow.engine.store.EventRecord;
import io.basicflow.engine.store.ExecutionCommit;
import io.basicflow.engine.store.OutboxMessage;
import io.basicflow.engine.store.Transition;
import io.basicflow.spi.program.SourceSpan;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/** Test rows and commits: a stored script and a runnable execution of it; commits of one message event. */
final class Executions {

    private Executions() {}

    /** Inserts a RUNNABLE execution (and its script) with the given id. */
    static void insertRunnable(Database database, String id) {
        StoredScript script = new ScriptStore(database).store("test.bas", "TALK \"hello\"\n");
        DSLContext dsl = database.dsl();
        dsl.insertInto(WORKFLOW_EXECUTIONS)
                .set(WORKFLOW_EXECUTIONS.ID, id)
                .set(WORKFLOW_EXECUTIONS.SCRIPT_HASH, script.hash())
                .set(WORKFLOW_EXECUTIONS.SCRIPT_NAME, script.name())
                .set(WORKFLOW_EXECUTIONS.STATUS, "RUNNABLE")
                .set(WORKFLOW_EXECUTIONS.WAKE_AT, OffsetDateTime.now())
                .execute();
    }

    /**
     * A commit that says something at event 2, with its outbox message: a full commit (not a real
     * script step; the store does not care).
     */
    static ExecutionCommit talk(ClaimedExecution execution, String text) {
        return commit(execution, List.of(message(2, text)), List.of(new OutboxMessage(2, Optional.empty(), text)));
    }

    /** A commit with one event and nothing else: a light one, which leaves the row as it is. */
    static ExecutionCommit light(ClaimedExecution execution, long seq, String text) {
        return commit(execution, List.of(message(seq, text)), List.of());
    }

    /** A commit that goes on running, of the given events and messages: light when there are no messages. */
    static ExecutionCommit commit(ClaimedExecution execution, List<EventRecord> events, List<OutboxMessage> messages) {
        return new ExecutionCommit(
                execution.id(),
                execution.version(),
                events.getLast().seq(),
                events,
                messages,
                List.of(),
                Optional.empty(),
                new Transition.Continue(),
                List.of(),
                Optional.empty());
    }

    /** A TALK message event. */
    static EventRecord message(long seq, String text) {
        ExecutionEvent.MessageSent message = new ExecutionEvent.MessageSent(
                seq, SourceSpan.of(2, 1, 4), ExecutionEvent.MessageKind.TALK, Optional.empty(), text, Delta.NONE);
        return new EventRecord(seq, "MessageSent", EngineJson.write(message));
    }
}
