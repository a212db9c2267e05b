package io.basicflow.ai;

import io.basicflow.spi.EffectKind;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.InvocationContext;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code REFRESH "name"}: reads again what the model is told about a source. {@code "llm"} and {@code
 * "data-analysis"} (the names of General Bots' scripts) and the name of one of the bot's tables make the
 * next {@code ANSWER} in sql mode read the bot's tables again; the name of a knowledge base folder
 * re-indexes it (new, changed and removed documents), as {@code USE KB} does, without adding it to the
 * knowledge bases in use. Anything else is an error.
 */
final class Refresh implements KeywordHandler {

    /** {@code REFRESH "name"}. */
    static final String REFRESH = "REFRESH";

    /** The names that mean "what the model is told about the bot's data". */
    static final Set<String> DATA_NAMES = Set.of("llm", "data-analysis");

    static final KeywordDefinition DEFINITION = KeywordDefinition.builder(REFRESH)
            .parameter(ParameterDefinition.required(
                    "name", "\"llm\" or \"data-analysis\" (the bot's tables), a table's name, or a knowledge base's"))
            .effect(EffectKind.IDEMPOTENT_EFFECT)
            .retry(AiPlugin.RETRY)
            .description("Reads again what the model is told about a source: \"llm\", \"data-analysis\" or a table"
                    + " name re-reads the bot's tables for ANSWER in sql mode; a knowledge base's name re-indexes"
                    + " its new, changed and removed documents.")
            .build();

    private final KnowledgeBases knowledge;
    private final SqlAnswers sql;

    Refresh(KnowledgeBases knowledge, SqlAnswers sql) {
        this.knowledge = knowledge;
        this.sql = sql;
    }

    @Override
    public Value invoke(Invocation invocation) throws KeywordException {
        InvocationContext context = invocation.context();
        String written = invocation.argument("name").display().strip();
        String bot = context.scope().map(scope -> scope.bot()).orElse(null);
        if (DATA_NAMES.contains(written.toLowerCase(Locale.ROOT))) {
            if (bot != null) {
                sql.forget(bot);
            }
            return NullValue.NULL;
        }
        AiSettings settings = new AiSettings(context.configuration());
        Optional<Path> folder = knowledgeBase(settings, written);
        if (folder.isPresent()) {
            if (!KnowledgeBases.modelAvailable()) {
                throw KeywordException.permanent(KnowledgeBases.MODEL_MISSING);
            }
            knowledge.configure(context.configuration());
            KnowledgeBases.Indexing indexing = knowledge.index(folder.get());
            context.logger()
                    .log(
                            System.Logger.Level.INFO,
                            "REFRESH {0}: {1} documents indexed ({2} passages), {3} removed, {4} unchanged",
                            written,
                            indexing.indexed(),
                            indexing.chunks(),
                            indexing.removed(),
                            indexing.unchanged());
            return NullValue.NULL;
        }
        if (bot != null && sql.reachable(context) && sql.hasTable(context, written)) {
            sql.forget(bot);
            return NullValue.NULL;
        }
        throw KeywordException.permanent("REFRESH \"" + written + "\": there is no knowledge base folder of that name"
                + settings.value("kb-folder").map(root -> " in " + root).orElse(" (basicflow.ai.kb-folder is not set)")
                + (bot == null ? "" : " and bot " + bot + " has no table of that name")
                + "; REFRESH \"llm\" re-reads the bot's tables");
    }

    /** The folder of a knowledge base of that name, when there is one. */
    private static Optional<Path> knowledgeBase(AiSettings settings, String written) {
        if (settings.value("kb-folder").isEmpty()) {
            return Optional.empty();
        }
        try {
            String name = KnowledgeBases.name(new io.basicflow.spi.value.TextValue(written));
            Path folder = KnowledgeBases.folder(settings, name);
            return Files.isDirectory(folder) ? Optional.of(folder) : Optional.empty();
        } catch (KeywordException notAKnowledgeBase) {
            return Optional.empty();
        }
    }
}
