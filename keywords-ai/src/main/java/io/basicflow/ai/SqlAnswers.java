package io.basicflow.ai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.basicflow.spi.BotDataQueries;
import io.basicflow.spi.ExecutionScope;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.InvocationContext;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.PluginConfiguration;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * {@code ANSWER} in {@code "sql"} mode: the model never writes SQL that runs. It is told the bot's tables
 * and columns and asked for a JSON query plan (table, columns, filter in the data keywords' filter
 * language, order, limit, an optional aggregate and group); the plan is read here, then checked and run
 * by the data plugin ({@link BotDataQueries}, the read path of {@code FIND}) in a read-only transaction.
 * A plan that is refused is sent back to the model once with the reason; a second refusal fails the step.
 *
 * <p>What the model is told about the tables is read once per bot and kept for {@link #SCHEMA_KEPT} on
 * this node; {@code REFRESH "llm"} reads it again ({@link #forget}).
 */
final class SqlAnswers {

    /** How long this node keeps what it read of a bot's tables, unless {@code REFRESH} reads them first. */
    static final Duration SCHEMA_KEPT = Duration.ofMinutes(10);

    /** The default of {@code basicflow.ai.answer-row-limit}. */
    static final int DEFAULT_ROW_LIMIT = 100;

    static final String INSTRUCTIONS = """
            You answer questions about a bot's data by writing a query plan, never SQL. Answer with one JSON \
            object and nothing else:
            {"table": "<one of the tables below>", "columns": ["<column>", ...], "filter": "<condition>", \
            "order_by": ["<column> desc", ...], "limit": <rows>, "aggregate": {"function": "count|sum|avg|min|max", \
            "column": "<column>"}, "group_by": "<column>", "reply": "rows|text"}
            - columns: the columns to return; [] for all of them.
            - filter: "" for all rows, else conditions joined by AND, OR, NOT and parentheses: column = value, \
            !=, <, <=, >, >=, column LIKE 'pattern%', column IN ('a', 'b'), column IS NULL, column IS NOT NULL. \
            Values: 'text', numbers, TRUE, FALSE, NOW(), TODAY(), DATEADD(NOW(), -7, 'day').
            - order_by: [] for the table's order; with an aggregate and group_by it may name the aggregate's \
            function to rank the groups ("sum desc").
            - limit: at most {limit}.
            - aggregate: null for rows; column null to count rows. group_by: null, or a column with an aggregate.
            - reply: "text" when the question asks for a sentence or a single figure, "rows" when it asks for \
            a list or a table.""";

    private final ChatClient client;
    private final AiPlugin.BotDatabase database;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private record Schema(Map<String, Map<String, String>> tables, Instant read) {}

    /**
     * @param database the bots' database, or null when the application gave none (then {@code
     *     basicflow.data.url} is used when set)
     */
    SqlAnswers(ChatClient client, AiPlugin.BotDatabase database) {
        this.client = client;
        this.database = database;
    }

    /** The answer to a question: the rows, or the rows written out when the plan says so. */
    Value answer(Invocation invocation) throws KeywordException {
        InvocationContext context = invocation.context();
        AiSettings settings = new AiSettings(context.configuration());
        String question = invocation.argument("prompt").display();
        ExecutionScope scope = scope(context);
        BotDataQueries reader = reader();
        int rowLimit = settings.answerRowLimit();
        try (Connection connection = open(context)) {
            begin(connection);
            try {
                Map<String, Map<String, String>> tables = schema(connection, scope, reader, context);
                if (tables.isEmpty()) {
                    throw KeywordException.permanent("ANSWER in sql mode: bot " + scope.bot()
                            + " has no tables to answer from (declare them with TABLE … END TABLE or SAVE rows)");
                }
                List<ChatMessage> messages = new ArrayList<>();
                messages.add(SystemMessage.from(instructions(context, tables, rowLimit)));
                messages.add(UserMessage.from(question));
                String model = settings.model(ModelRouting.requested(context, Optional.empty(), question));
                String reply = client.answer(settings, model, messages);
                for (int attempt = 1; ; attempt++) {
                    String refusal;
                    try {
                        Plan plan = plan(reply, rowLimit);
                        Value rows = reader.read(connection, scope, plan.query(), context.clock());
                        return plan.text() ? prose(rows) : rows;
                    } catch (KeywordException refused) {
                        if (refused.retryable()) {
                            throw refused;
                        }
                        refusal = refused.getMessage();
                    } catch (SQLException failed) {
                        String state = failed.getSQLState() == null ? "" : failed.getSQLState();
                        if (!state.startsWith("22") && !state.startsWith("42")) {
                            throw failed;
                        }
                        refusal = "the database refused it: " + failed.getMessage();
                        connection.rollback();
                        begin(connection);
                    }
                    if (attempt == 2) {
                        throw KeywordException.permanent("ANSWER: the model's query plan was refused twice; the"
                                + " second time: " + refusal + " (the plan: " + shorten(reply) + ")");
                    }
                    messages.add(AiMessage.from(reply));
                    messages.add(UserMessage.from("That plan was refused: " + refusal
                            + "\nAnswer with one corrected JSON plan and nothing else."));
                    reply = client.answer(settings, model, messages);
                }
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw KeywordException.retryable("ANSWER in sql mode cannot read the bot's tables: " + e.getMessage(), e);
        }
    }

    /** Reads a bot's tables again on the next {@code ANSWER}. */
    void forget(String bot) {
        schemas.remove(bot);
    }

    /** Whether the running bot has a table of this name (read now, not kept). */
    boolean hasTable(InvocationContext context, String table) throws KeywordException {
        ExecutionScope scope = scope(context);
        BotDataQueries reader = reader();
        try (Connection connection = open(context)) {
            begin(connection);
            try {
                return reader.tables(connection, scope)
                        .containsKey(table.strip().toLowerCase(Locale.ROOT));
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw KeywordException.retryable("cannot read the bot's tables: " + e.getMessage(), e);
        }
    }

    /** Whether this plugin can reach the bots' tables at all. */
    boolean reachable(InvocationContext context) {
        return database != null
                || context.configurationOf("data")
                        .get("url")
                        .filter(url -> !url.isBlank())
                        .isPresent();
    }

    private static ExecutionScope scope(InvocationContext context) throws KeywordException {
        return context.scope()
                .orElseThrow(() -> KeywordException.permanent(
                        "ANSWER in sql mode answers from a bot's tables, and this run belongs to no bot"));
    }

    private static BotDataQueries reader() throws KeywordException {
        return BotDataQueries.installed()
                .orElseThrow(() -> KeywordException.permanent("ANSWER in sql mode reads the bot's tables through"
                        + " the data plugin (keywords-data), which is not installed"));
    }

    private Connection open(InvocationContext context) throws KeywordException, SQLException {
        if (database != null) {
            Connection connection = database.open();
            if (connection != null) {
                return connection;
            }
        }
        PluginConfiguration data = context.configurationOf("data");
        Optional<String> url = data.get("url").filter(value -> !value.isBlank());
        if (url.isEmpty()) {
            throw KeywordException.permanent("ANSWER in sql mode and REFRESH of a table need the bots' database:"
                    + " this engine has none (run it with basicflow, or set basicflow.data.url)");
        }
        return DriverManager.getConnection(
                url.get(), data.get("user").orElse(null), data.get("password").orElse(null));
    }

    /** A read-only transaction: nothing a plan could name can write. */
    private static void begin(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("set transaction read only");
            statement.execute("set local statement_timeout = 30000");
        }
    }

    private Map<String, Map<String, String>> schema(
            Connection connection, ExecutionScope scope, BotDataQueries reader, InvocationContext context)
            throws SQLException {
        Instant now = context.clock().instant();
        Schema kept = schemas.get(scope.bot());
        if (kept != null && kept.read().plus(SCHEMA_KEPT).isAfter(now)) {
            return kept.tables();
        }
        Map<String, Map<String, String>> tables = reader.tables(connection, scope);
        schemas.put(scope.bot(), new Schema(tables, now));
        return tables;
    }

    /** The plan's format, the bot's tables, and what the script says about its data. */
    static String instructions(InvocationContext context, Map<String, Map<String, String>> tables, int rowLimit) {
        StringBuilder text = new StringBuilder(INSTRUCTIONS.replace("{limit}", Integer.toString(rowLimit)));
        text.append("\n\nTables (column type, ...):");
        tables.forEach((table, columns) -> text.append("\n- ")
                .append(table)
                .append(": ")
                .append(columns.entrySet().stream()
                        .map(column -> column.getKey() + " " + column.getValue())
                        .collect(Collectors.joining(", "))));
        StringBuilder notes = new StringBuilder();
        context.executionValue(AiPlugin.SYSTEM_PROMPT_VALUE)
                .map(Value::display)
                .filter(note -> !note.isBlank())
                .ifPresent(notes::append);
        context.executionValueOf(AiPlugin.CONTEXT_PLUGIN, AiPlugin.CONTEXT_VALUE)
                .map(Value::display)
                .filter(note -> !note.isBlank())
                .ifPresent(note -> notes.append(notes.isEmpty() ? "" : "\n\n").append(note));
        if (!notes.isEmpty()) {
            text.append("\n\nWhat the bot says about its data (use it to pick tables, columns and values;"
                            + " still answer with a JSON plan only):\n")
                    .append(notes);
        }
        return text.toString();
    }

    /** A plan the model wrote, read into a query; whether to write the rows out as text. */
    record Plan(BotDataQueries.Query query, boolean text) {}

    /**
     * Reads the model's plan: one JSON object (a code fence around it is tolerated) with the fields of
     * {@link #INSTRUCTIONS}; the limit is capped at the row limit.
     */
    static Plan plan(String reply, int rowLimit) throws KeywordException {
        String json = reply.strip();
        JsonNode node = ModelJson.objectIn(json).orElse(null);
        if (node == null || !node.isObject()) {
            throw KeywordException.permanent("the answer is not one JSON object with the plan's fields");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!List.of("table", "columns", "filter", "order_by", "limit", "aggregate", "group_by", "reply")
                    .contains(name)) {
                throw KeywordException.permanent("the plan has a field '" + name + "' that is not one of table,"
                        + " columns, filter, order_by, limit, aggregate, group_by, reply (write no SQL)");
            }
        }
        String table = text(node.get("table"), "table").orElse("");
        if (table.isBlank()) {
            throw KeywordException.permanent("the plan names no table");
        }
        List<String> columns = texts(node.get("columns"), "columns");
        String filter = text(node.get("filter"), "filter").orElse("");
        List<String> order = texts(node.get("order_by"), "order_by");
        int limit = rowLimit;
        JsonNode written = node.get("limit");
        if (written != null && !written.isNull()) {
            if (!written.canConvertToInt() || !written.isIntegralNumber() || written.asInt() < 1) {
                throw KeywordException.permanent(
                        "the plan's limit must be a whole number of rows, 1 or more, not " + written);
            }
            limit = Math.min(written.asInt(), rowLimit);
        }
        Optional<BotDataQueries.Aggregate> aggregate = Optional.empty();
        JsonNode function = node.get("aggregate");
        if (function != null && !function.isNull()) {
            if (function.isTextual()) {
                aggregate = Optional.of(new BotDataQueries.Aggregate(function.asText(), Optional.empty()));
            } else if (function.isObject()) {
                String name =
                        text(function.get("function"), "aggregate.function").orElse("");
                if (name.isBlank()) {
                    throw KeywordException.permanent("the plan's aggregate names no function");
                }
                aggregate = Optional.of(new BotDataQueries.Aggregate(
                        name, text(function.get("column"), "aggregate.column").filter(c -> !c.isBlank())));
            } else {
                throw KeywordException.permanent("the plan's aggregate must be an object or null, not " + function);
            }
        }
        Optional<String> group = text(node.get("group_by"), "group_by").filter(g -> !g.isBlank());
        String reply2 = text(node.get("reply"), "reply").orElse("rows").strip().toLowerCase(Locale.ROOT);
        if (!reply2.equals("rows") && !reply2.equals("text")) {
            throw KeywordException.permanent("the plan's reply must be \"rows\" or \"text\", not \"" + reply2 + "\"");
        }
        return new Plan(
                new BotDataQueries.Query(table, columns, filter, order, limit, aggregate, group),
                reply2.equals("text"));
    }

    private static Optional<String> text(JsonNode node, String field) throws KeywordException {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw KeywordException.permanent("the plan's " + field + " must be text, not " + node);
        }
        return Optional.of(node.asText());
    }

    private static List<String> texts(JsonNode node, String field) throws KeywordException {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isTextual()) {
            return node.asText().isBlank() ? List.of() : List.of(node.asText());
        }
        if (!node.isArray()) {
            throw KeywordException.permanent("the plan's " + field + " must be a list of texts, not " + node);
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode element : node) {
            texts.add(text(element, field)
                    .orElseThrow(() -> KeywordException.permanent("the plan's " + field + " has a null entry")));
        }
        return texts;
    }

    /**
     * Rows written out: nothing found says so, one value is itself, otherwise one line per row, {@code
     * column: value} joined by commas.
     */
    static Value prose(Value rows) {
        List<Value> list = rows instanceof ListValue l ? l.elements() : List.of(rows);
        if (list.isEmpty()) {
            return new TextValue("No data matches the question.");
        }
        if (list.size() == 1
                && list.getFirst() instanceof MapValue one
                && one.entries().size() == 1) {
            Value only = one.entries().values().iterator().next();
            return new TextValue(only instanceof NullValue ? "No data matches the question." : only.display());
        }
        List<String> lines = new ArrayList<>();
        for (Value row : list) {
            if (row instanceof MapValue map) {
                lines.add(map.entries().entrySet().stream()
                        .map(entry -> entry.getKey() + ": " + entry.getValue().display())
                        .collect(Collectors.joining(", ")));
            } else {
                lines.add(row.display());
            }
        }
        return new TextValue(String.join("\n", lines));
    }

    private static String shorten(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
    }
}
