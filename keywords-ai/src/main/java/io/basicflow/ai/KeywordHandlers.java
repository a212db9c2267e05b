package io.basicflow.ai;

import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code USE KB} and {@code CLEAR KB}: the knowledge bases in use are an execution value. */
final class KeywordHandlers {

    private final KnowledgeBases knowledge;

    KeywordHandlers(KnowledgeBases knowledge) {
        this.knowledge = knowledge;
    }

    /** Indexes what changed, then adds the knowledge base to the execution's list (once). */
    Value useKb(Invocation invocation) throws KeywordException {
        if (!KnowledgeBases.modelAvailable()) {
            throw KeywordException.permanent(KnowledgeBases.MODEL_MISSING);
        }
        String name = KnowledgeBases.name(invocation.argument("name"));
        knowledge.configure(invocation.context().configuration());
        Path folder = KnowledgeBases.folder(new AiSettings(invocation.context().configuration()), name);
        KnowledgeBases.Indexing indexing = knowledge.index(folder);
        if (indexing.indexed() > 0 || indexing.removed() > 0) {
            invocation
                    .context()
                    .logger()
                    .log(
                            System.Logger.Level.INFO,
                            "knowledge base {0}: {1} documents indexed ({2} passages), {3} removed, {4} unchanged",
                            name,
                            indexing.indexed(),
                            indexing.chunks(),
                            indexing.removed(),
                            indexing.unchanged());
        }
        List<String> active = new ArrayList<>(KnowledgeBases.active(invocation.context()));
        if (!active.contains(name)) {
            active.add(name);
            invocation.context().setExecutionValue(KnowledgeBases.ACTIVE_VALUE, KnowledgeBases.activeValue(active));
        }
        return NullValue.NULL;
    }

    /** {@code CLEAR KB "name"} drops one; {@code CLEAR KB} and {@code CLEAR KB ALL} drop all. */
    Value clearKb(Invocation invocation) throws KeywordException {
        Value argument = invocation.argument("name");
        List<String> active = new ArrayList<>(KnowledgeBases.active(invocation.context()));
        String written = argument.display().strip();
        if (argument instanceof NullValue
                || written.isEmpty()
                || written.toUpperCase(Locale.ROOT).equals("ALL")) {
            active.clear();
        } else {
            active.remove(KnowledgeBases.name(argument));
        }
        invocation
                .context()
                .setExecutionValue(
                        KnowledgeBases.ACTIVE_VALUE,
                        active.isEmpty() ? NullValue.NULL : KnowledgeBases.activeValue(active));
        return NullValue.NULL;
    }
}
