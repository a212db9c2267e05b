package io.basicflow.ai;

import io.basicflow.spi.EffectKind;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.RetryPolicy;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AI plugin: {@code LLM} on any OpenAI-compatible endpoint (through LangChain4j), {@code BEGIN
 * SYSTEM PROMPT … END SYSTEM PROMPT} (the keyword {@code SYSTEM PROMPT}), {@code USE MODEL}, {@code USE
 * KB} (also {@code ADD_KB}), {@code SET ANSWER MODE}, {@code ANSWER} and {@code REFRESH} ({@link
 * AnswerHandler}), {@code CARD} (social media cards: the chat model's words on an image endpoint's picture,
 * {@link SocialCard}). Configured by the keys {@code basicflow.ai.*} ({@link AiSettings}).
 *
 * <p>{@code LLM} is an idempotent effect: a durable run records the answer in the step's completion
 * event, so a resumed run never asks again; only a crash between the model's answer and that commit
 * asks a second time (at least once). 429s, 5xx and timeouts are retried with backoff by the engine.
 */
public final class AiPlugin implements KeywordPlugin {

    /** {@code x = LLM prompt …}. */
    public static final String LLM = "LLM";
    /** What {@code BEGIN SYSTEM PROMPT} compiles to. */
    public static final String SYSTEM_PROMPT = "SYSTEM PROMPT";
    /** {@code USE MODEL "name"}. */
    public static final String USE_MODEL = "USE MODEL";
    /** {@code USE KB "name"}. */
    public static final String USE_KB = "USE KB";
    /** {@code ADD_KB name}: General Bots' older spelling of {@code USE KB}, the same keyword. */
    public static final String ADD_KB = "ADD_KB";
    /** {@code CLEAR KB ["name"]}. */
    public static final String CLEAR_KB = "CLEAR KB";

    static final String SYSTEM_PROMPT_VALUE = "system-prompt";
    static final String MODEL_VALUE = "model";
    /** The plugin and execution value of {@code SET CONTEXT "text"} (keywords-data), sent by LLM. */
    static final String CONTEXT_PLUGIN = "data";

    static final String CONTEXT_VALUE = "context";

    /**
     * Five attempts, waiting 1, 2, 4 and 8 seconds: a rate limit (429), a restarting server (5xx) or a
     * slow answer does not fail the step at once.
     */
    public static final RetryPolicy RETRY = new RetryPolicy(5, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30));

    /** {@code x = ASK prompt}: keyword-model-route.md's name for {@code LLM}, the same keyword. */
    public static final String ASK = "ASK";

    private static final KeywordDefinition LLM_DEFINITION = llmDefinition(LLM);

    private static KeywordDefinition llmDefinition(String name) {
        return KeywordDefinition.builder(name)
                .form(KeywordForm.FUNCTION)
                .parameter(ParameterDefinition.required("prompt", "what to ask the model"))
                .parameter(ParameterDefinition.introducedBy(
                        "OPTIMIZE", "optimize", true, "\"cost\" or \"speed\" (the fast model), \"quality\""))
                .parameter(ParameterDefinition.introducedBy(
                        "MAX_LATENCY", "max_latency", true, "how long the call may take, in milliseconds"))
                .parameter(ParameterDefinition.introducedBy(
                        "MAX_COST", "max_cost", true, "the most the answer may cost, in US dollars"))
                .effect(EffectKind.IDEMPOTENT_EFFECT)
                .retry(RETRY)
                .description("Asks the configured language model and returns its answer, with the system prompt and"
                        + " the knowledge bases in use. The answer is recorded: a resumed run does not ask again.")
                .build();
    }

    private static final KeywordDefinition SYSTEM_PROMPT_DEFINITION = KeywordDefinition.builder(SYSTEM_PROMPT)
            .parameter(ParameterDefinition.required("text", "the instructions every later LLM call starts with"))
            .effect(EffectKind.PURE)
            .retry(RetryPolicy.NONE)
            .description("Sets the system prompt of this execution's LLM calls; BEGIN SYSTEM PROMPT … END SYSTEM"
                    + " PROMPT compiles to it.")
            .build();

    private static final KeywordDefinition USE_MODEL_DEFINITION = KeywordDefinition.builder(USE_MODEL)
            .parameter(ParameterDefinition.required(
                    "model",
                    "a model name, or an alias: fast, quality, code, local, auto (basicflow.ai.model-<alias>)"))
            .effect(EffectKind.PURE)
            .retry(RetryPolicy.NONE)
            .description("Chooses the model of this execution's later LLM calls.")
            .build();

    private static final KeywordDefinition USE_KB_DEFINITION = KeywordDefinition.builder(USE_KB)
            .parameter(ParameterDefinition.required(
                    "name",
                    "the knowledge base: a folder of basicflow.ai.kb-folder (\"policies\" or \"policies.gbkb\")"))
            .effect(EffectKind.PURE)
            .retry(RetryPolicy.NONE)
            .description("Indexes the knowledge base's new and changed documents and adds its best passages to"
                    + " this execution's later LLM prompts.")
            .build();

    private static final KeywordDefinition ADD_KB_DEFINITION = KeywordDefinition.builder(ADD_KB)
            .parameter(ParameterDefinition.required(
                    "name",
                    "the knowledge base: a folder of basicflow.ai.kb-folder (\"policies\" or \"policies.gbkb\")"))
            .effect(EffectKind.PURE)
            .retry(RetryPolicy.NONE)
            .description("USE KB under General Bots' older name: indexes the knowledge base's new and changed"
                    + " documents and adds its best passages to this execution's later LLM prompts.")
            .build();

    private static final KeywordDefinition CLEAR_KB_DEFINITION = KeywordDefinition.builder(CLEAR_KB)
            .parameter(ParameterDefinition.optional("name", "the knowledge base to stop using; all when left out"))
            .effect(EffectKind.PURE)
            .retry(RetryPolicy.NONE)
            .description("Stops using one knowledge base, or all of them (CLEAR KB, CLEAR KB ALL).")
            .build();

    /** {@code row = ROW FROM UNSTRUCTURED table, text[, columns]}: the model's row, not saved. */
    public static final String ROW_FROM_UNSTRUCTURED = "ROW FROM UNSTRUCTURED";
    /** {@code [row =] SAVE FROM UNSTRUCTURED table, text}: lowered to three steps. */
    public static final String SAVE_FROM_UNSTRUCTURED = "SAVE FROM UNSTRUCTURED";
    /** General Bots' spelling with underscores ({@code keyword-reference-complete.md}'s alias table). */
    public static final String SAVE_FROM_UNSTRUCTURED_UNDERSCORED = "SAVE_FROM_UNSTRUCTURED";

    private static final KeywordDefinition ROW_FROM_UNSTRUCTURED_DEFINITION = KeywordDefinition.builder(
                    ROW_FROM_UNSTRUCTURED)
            .form(KeywordForm.FUNCTION)
            .parameter(ParameterDefinition.required("table", "the table the row is for (named in the prompt)"))
            .parameter(ParameterDefinition.required("text", "the free text to take the row from"))
            .parameter(ParameterDefinition.optional(
                    "columns", "the columns to ask for: a map column -> type (DESCRIBE TABLE) or a list of names"))
            .effect(EffectKind.IDEMPOTENT_EFFECT)
            .retry(RETRY)
            .description("Asks the model for one row of a table taken from free text, as a map; the answer is"
                    + " recorded: a resumed run does not ask again.")
            .build();

    /**
     * {@code SAVE FROM UNSTRUCTURED table, text}: the table's columns ({@code DESCRIBE TABLE}, keywords-data),
     * the model's row ({@code ROW FROM UNSTRUCTURED}, recorded once), then {@code INSERT} (keywords-data,
     * exactly once): three steps, the last one's value (the row as stored) the keyword's.
     */
    static final io.basicflow.spi.KeywordLowering SAVE_FROM_UNSTRUCTURED_LOWERING = io.basicflow.spi.KeywordLowering.of(
            io.basicflow.spi.KeywordLowering.Call.of(
                    "DESCRIBE TABLE", io.basicflow.spi.KeywordLowering.Argument.written("table", "table")),
            io.basicflow.spi.KeywordLowering.Call.of(
                    ROW_FROM_UNSTRUCTURED,
                    io.basicflow.spi.KeywordLowering.Argument.written("table", "table"),
                    io.basicflow.spi.KeywordLowering.Argument.written("text", "text"),
                    io.basicflow.spi.KeywordLowering.Argument.resultOf("columns", 0)),
            io.basicflow.spi.KeywordLowering.Call.of(
                    "INSERT",
                    io.basicflow.spi.KeywordLowering.Argument.written("table", "table"),
                    io.basicflow.spi.KeywordLowering.Argument.resultOf("data", 1)));

    private static KeywordDefinition saveFromUnstructured(String name) {
        return KeywordDefinition.builder(name)
                .form(KeywordForm.FUNCTION)
                .parameter(ParameterDefinition.required("table", "the table to add the row to"))
                .parameter(ParameterDefinition.required("text", "the free text the model takes the row from"))
                .effect(EffectKind.IDEMPOTENT_EFFECT)
                .retry(RETRY)
                .description("Has the model take a row of the table's columns from free text and inserts it (runs"
                        + " as DESCRIBE TABLE, ROW FROM UNSTRUCTURED, INSERT); the value is the row as stored.")
                .build();
    }

    /** {@code USE WEBSITE "url" [REFRESH "1d"]}. */
    public static final String USE_WEBSITE = "USE WEBSITE";
    /** {@code CLEAR WEBSITES}. */
    public static final String CLEAR_WEBSITES = "CLEAR WEBSITES";

    private static final KeywordDefinition USE_WEBSITE_DEFINITION = KeywordDefinition.builder(USE_WEBSITE)
            .parameter(ParameterDefinition.required("url", "the site's start page, http or https"))
            .parameter(ParameterDefinition.optional(
                    "interval", "the refresh interval written as a second argument, USE_WEBSITE(url, \"30d\")"))
            .parameter(ParameterDefinition.introducedBy(
                    "REFRESH", "refresh", true, "how often to crawl again: \"1d\", \"1w\", \"1m\" (default), \"1y\""))
            .effect(EffectKind.IDEMPOTENT_EFFECT)
            .retry(RETRY)
            .description("Crawls the website (same host, robots.txt honoured, depth and page limits) when it was"
                    + " never crawled or its refresh interval passed, and adds its best passages to this execution's"
                    + " later LLM prompts, like USE KB.")
            .build();

    private static final KeywordDefinition CLEAR_WEBSITES_DEFINITION = KeywordDefinition.builder(CLEAR_WEBSITES)
            .effect(EffectKind.PURE)
            .retry(RetryPolicy.NONE)
            .description("Stops using the websites of USE WEBSITE; the knowledge bases of USE KB stay.")
            .build();

    /** {@code CREATE SITE "alias", "template-dir", "prompt"}. */
    public static final String CREATE_SITE = "CREATE SITE";

    private static final KeywordDefinition CREATE_SITE_DEFINITION = KeywordDefinition.builder(CREATE_SITE)
            .form(KeywordForm.FUNCTION)
            .parameter(ParameterDefinition.required(
                    "alias", "the site's name: lower case letters, digits, dashes (its folder and /sites/<alias>/)"))
            .parameter(ParameterDefinition.required(
                    "template_dir", "the folder of .html templates, inside basicflow.ai.site-templates-folder"))
            .parameter(ParameterDefinition.required("prompt", "what to build"))
            .effect(EffectKind.IDEMPOTENT_EFFECT)
            .retry(RETRY)
            .description("Has the model write a one-page HTMX application from the templates and the prompt into"
                    + " <basicflow.ai.sites-folder>/<alias>/index.html, served under /sites/<alias>/; returns that"
                    + " path. The answer is recorded: a resumed run does not ask again.")
            .build();

    private final Map<String, KeywordHandler> handlers;
    private final KnowledgeBases knowledge;

    /**
     * Where {@code ANSWER} in sql mode and {@code REFRESH} of a table read the bots' tables: the database
     * of the data keywords.
     */
    @FunctionalInterface
    public interface BotDatabase {
        /**
         * Opens a connection to the bots' database (the caller closes it).
         *
         * @return a connection, or null when there is no database for data in this process
         * @throws java.sql.SQLException when the database cannot be reached
         */
        java.sql.Connection open() throws java.sql.SQLException;
    }

    /**
     * Creates the plugin; {@link java.util.ServiceLoader} calls this. {@code ANSWER} in sql mode then reads
     * the bots' tables at {@code basicflow.data.url}, when it is set.
     */
    public AiPlugin() {
        this(configuration -> new MemoryKbStore(), null);
    }

    /**
     * Creates the plugin with the knowledge bases kept in PostgreSQL (tables of migration V40), as the
     * application assembles it.
     *
     * @param dataSource the database, asked for on first use of a knowledge base; when it gives
     *     null (no database in this process), the knowledge bases are kept in memory
     */
    public AiPlugin(java.util.function.Supplier<javax.sql.DataSource> dataSource) {
        this(dataSource, null);
    }

    /**
     * Creates the plugin with the knowledge bases kept in PostgreSQL and the bots' tables in the database
     * of the data keywords, as the application assembles it.
     *
     * @param dataSource the database of the knowledge bases (see {@link #AiPlugin(java.util.function.Supplier)})
     * @param botDatabase the bots' tables, for {@code ANSWER} in sql mode; null for none
     */
    public AiPlugin(java.util.function.Supplier<javax.sql.DataSource> dataSource, BotDatabase botDatabase) {
        this(
                configuration -> {
                    javax.sql.DataSource database = dataSource.get();
                    return database == null ? new MemoryKbStore() : new PostgresKbStore(database);
                },
                botDatabase);
    }

    private AiPlugin(
            java.util.function.Function<io.basicflow.spi.PluginConfiguration, KbStore> stores,
            BotDatabase botDatabase) {
        ChatClient client = new ChatClient();
        this.knowledge = new KnowledgeBases(stores);
        KeywordHandlers kb = new KeywordHandlers(knowledge);
        Map<String, KeywordHandler> all = new java.util.HashMap<>(new KbStatistics(knowledge).handlers());
        all.put(USE_WEBSITE, new Websites(knowledge)::useWebsite);
        all.put(CLEAR_WEBSITES, Websites::clearWebsites);
        all.put(CREATE_SITE, new SiteGeneration(client));
        all.putAll(new McpKeywords().handlers());
        all.putAll(ModelRouting.handlers());
        all.put(ThinkKb.THINK_KB, new ThinkKb(knowledge));
        all.put(Accounts.USE_ACCOUNT, new Accounts(knowledge)::useAccount);
        all.putAll(Map.of(
                USE_KB,
                kb::useKb,
                CLEAR_KB,
                kb::clearKb,
                LLM,
                new LlmHandler(client, knowledge),
                ROW_FROM_UNSTRUCTURED,
                new RowExtraction(client),
                SYSTEM_PROMPT,
                invocation -> {
                    String text = invocation.argument("text").display().strip();
                    invocation
                            .context()
                            .setExecutionValue(
                                    SYSTEM_PROMPT_VALUE, text.isEmpty() ? NullValue.NULL : new TextValue(text));
                    return NullValue.NULL;
                },
                USE_MODEL,
                invocation -> {
                    String model = invocation.argument("model").display().strip();
                    invocation
                            .context()
                            .setExecutionValue(MODEL_VALUE, model.isEmpty() ? NullValue.NULL : new TextValue(model));
                    return NullValue.NULL;
                }));
        all.put(ASK, all.get(LLM));
        all.put(ADD_KB, all.get(USE_KB));
        SqlAnswers sql = new SqlAnswers(client, botDatabase);
        all.put(AnswerHandler.ANSWER, new AnswerHandler((LlmHandler) all.get(LLM), client, sql));
        all.put(AnswerMode.SET_ANSWER_MODE, AnswerMode::set);
        all.put(Refresh.REFRESH, new Refresh(knowledge, sql));
        all.putAll(new Reflection(client).handlers());
        all.put(AiLeadScore.AI_SCORE_LEAD, new AiLeadScore(client));
        all.put(SocialCard.CARD, new SocialCard(client, new ImageClient()));
        this.handlers = Map.copyOf(all);
    }

    @Override
    public String name() {
        return "ai";
    }

    @Override
    public List<KeywordDefinition> keywords() {
        return java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(
                                LLM_DEFINITION,
                                llmDefinition(ASK),
                                SYSTEM_PROMPT_DEFINITION,
                                USE_MODEL_DEFINITION,
                                USE_KB_DEFINITION,
                                ADD_KB_DEFINITION,
                                CLEAR_KB_DEFINITION,
                                AnswerMode.DEFINITION,
                                AnswerHandler.DEFINITION,
                                Refresh.DEFINITION,
                                USE_WEBSITE_DEFINITION,
                                CLEAR_WEBSITES_DEFINITION,
                                CREATE_SITE_DEFINITION,
                                ROW_FROM_UNSTRUCTURED_DEFINITION,
                                saveFromUnstructured(SAVE_FROM_UNSTRUCTURED),
                                saveFromUnstructured(SAVE_FROM_UNSTRUCTURED_UNDERSCORED),
                                ThinkKb.DEFINITION,
                                Accounts.DEFINITION,
                                Reflection.REFLECTION_DEFINITION,
                                Reflection.REFLECTION_ON_DEFINITION,
                                Reflection.INSIGHTS_DEFINITION,
                                AiLeadScore.DEFINITION,
                                SocialCard.DEFINITION),
                        java.util.stream.Stream.concat(
                                KbStatistics.definitions().stream(),
                                java.util.stream.Stream.concat(
                                        McpKeywords.definitions().stream(), ModelRouting.definitions().stream())))
                .toList();
    }

    /** {@code SAVE FROM UNSTRUCTURED} runs as three keyword calls, each its own step. */
    @Override
    public Optional<io.basicflow.spi.KeywordLowering> lowering(String keyword) {
        return SAVE_FROM_UNSTRUCTURED.equals(keyword) || SAVE_FROM_UNSTRUCTURED_UNDERSCORED.equals(keyword)
                ? Optional.of(SAVE_FROM_UNSTRUCTURED_LOWERING)
                : Optional.empty();
    }

    /** {@code CARD a, b TO post}: the variable that receives the cards written last, after TO. */
    @Override
    public io.basicflow.spi.KeywordSyntax syntax(String keyword) {
        return SocialCard.CARD.equals(keyword)
                ? io.basicflow.spi.KeywordSyntax.RESULT_TO
                : io.basicflow.spi.KeywordSyntax.PLAIN;
    }

    /** {@code LLM} needs an endpoint: {@code basicflow check} and {@code run} name the first call. */
    @Override
    public Optional<String> missingConfiguration(String keyword, io.basicflow.spi.PluginConfiguration configuration) {
        if ((LLM.equals(keyword)
                        || ASK.equals(keyword)
                        || AnswerHandler.ANSWER.equals(keyword)
                        || ROW_FROM_UNSTRUCTURED.equals(keyword)
                        || CREATE_SITE.equals(keyword)
                        || AiLeadScore.AI_SCORE_LEAD.equals(keyword)
                        || SocialCard.CARD.equals(keyword))
                && configuration.get("base-url", "").isBlank()) {
            String what = LLM.equals(keyword)
                            || ASK.equals(keyword)
                            || AnswerHandler.ANSWER.equals(keyword)
                            || CREATE_SITE.equals(keyword)
                            || AiLeadScore.AI_SCORE_LEAD.equals(keyword)
                            || SocialCard.CARD.equals(keyword)
                    ? keyword
                    : SAVE_FROM_UNSTRUCTURED + " (and " + ROW_FROM_UNSTRUCTURED + ")";
            return Optional.of(what + " needs basicflow.ai.base-url (an OpenAI-compatible endpoint such as"
                    + " http://127.0.0.1:11434/v1 for Ollama) and basicflow.ai.model; see docs/ai.md");
        }
        if ((USE_KB.equals(keyword)
                        || ADD_KB.equals(keyword)
                        || USE_WEBSITE.equals(keyword)
                        || ThinkKb.THINK_KB.equals(keyword)
                        || Accounts.USE_ACCOUNT.equals(keyword))
                && !KnowledgeBases.modelAvailable()) {
            return Optional.of(KnowledgeBases.MODEL_MISSING);
        }
        return Optional.empty();
    }

    @Override
    public Optional<KeywordHandler> handler(String keyword) {
        return Optional.ofNullable(handlers.get(keyword));
    }
}
