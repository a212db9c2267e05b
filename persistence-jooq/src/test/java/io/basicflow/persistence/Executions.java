package io.basicflow.persistence;

import static io.basicflow.persistence.internal.jooq.Tables.WORKFLOW_EXECUTIONS;

import java.time.OffsetDateTime;
import org.jooq.DSLContext;

/** Test rows: a stored script and a runnable execution of it. */
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
}
