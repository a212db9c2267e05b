package io.basicflow.persistence;

import static io.basicflow.persistence.internal.jooq.Tables.WORKFLOW_SCRIPTS;
import static java.util.Objects.requireNonNull;

import io.basicflow.engine.store.ScriptSource;
import io.basicflow.persistence.internal.jooq.tables.records.WorkflowScriptsRecord;
import java.util.Optional;
import org.jooq.DSLContext;

/** Script sources by hash: one explicit query per method. */
final class ScriptRepository {

    private final DSLContext dsl;

    ScriptRepository(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl is null");
    }

    /** Stores the source under its hash unless that hash is stored; true if this call stored it. */
    boolean insertIfAbsent(String hash, String name, String source) {
        return dsl.insertInto(WORKFLOW_SCRIPTS)
                        .columns(WORKFLOW_SCRIPTS.HASH, WORKFLOW_SCRIPTS.NAME, WORKFLOW_SCRIPTS.SOURCE)
                        .values(hash, name, source)
                        .onConflict(WORKFLOW_SCRIPTS.HASH)
                        .doNothing()
                        .execute()
                == 1;
    }

    /** The script stored under a hash. */
    Optional<StoredScript> findByHash(String hash) {
        return dsl.selectFrom(WORKFLOW_SCRIPTS)
                .where(WORKFLOW_SCRIPTS.HASH.eq(hash))
                .fetchOptional()
                .map(ScriptRepository::toScript);
    }

    /** The script stored under a hash, as the engine reads a pinned script. */
    Optional<ScriptSource> sourceByHash(String hash) {
        return findByHash(hash).map(script -> new ScriptSource(script.hash(), script.name(), script.source()));
    }

    private static StoredScript toScript(WorkflowScriptsRecord row) {
        return new StoredScript(
                row.getHash(),
                row.getName(),
                row.getSource(),
                row.getCreatedAt().toInstant());
    }
}
