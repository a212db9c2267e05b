package io.basicflow.data;

import io.basicflow.spi.EffectKind;
import io.basicflow.spi.ExecutionScope;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.KeywordSyntax;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.RetryPolicy;
import io.basicflow.spi.TransactionalKeywordHandler;
import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The data keywords: {@code FIND}, {@code SAVE}, {@code INSERT}, {@code UPDATE}, {@code DELETE table,
 * filter}, {@code MERGE}, {@code SET/GET BOT MEMORY}, {@code BOT SHARE MEMORY}, {@code BOT SYNC MEMORY
 * FROM}, {@code SET/GET USER MEMORY}, {@code REMEMBER} /
 * {@code RECALL}, {@code SET CONTEXT … AS …}, {@code SET/GET SESSION}, {@code PRODUCT id} and {@code
 * SEARCH PRODUCTS query} ({@link Products}). Every one is a {@link
 * TransactionalKeywordHandler}: in a durable run it writes (or reads) inside the commit of its own
 * step, so each write happens exactly once and each read is recorded with the step.
 *
 * <p>General Bots' clause forms are accepted too ({@code FIND … WHERE col = expr ORDER BY … LIMIT n},
 * {@code SAVE table, row}, {@code UPDATE … SET … WHERE …}, {@code INSERT INTO … VALUES …}, {@code DELETE
 * FROM … WHERE …}, {@code MERGE … WITH … BY …}, {@code SET CONTEXT "text"}): docs/data-forms.md. A
 * {@code WHERE} over columns arrives as a condition map (see {@link ConditionValue}).
 *
 * <p>Configuration: {@code basicflow.data.find-limit} (default 1000), the most rows one {@code FIND}
 * returns.
 */
public final class DataPlugin implements KeywordPlugin {

    /** The name under which the one-argument {@code SET CONTEXT "text"} keeps its text. */
    public static final String DEFAULT_CONTEXT = "context";

    /** The default of {@code basicflow.data.find-limit}. */
    public static final int DEFAULT_FIND_LIMIT = 1000;

    /** Three quick attempts: a retry only helps when a table changed under the step or a deadlock broke it. */
    static final RetryPolicy RETRY = new RetryPolicy(3, Duration.ofMillis(50), 4.0, Duration.ofSeconds(1));

    private final Tables tables = new Tables();
    private final Map<String, Operation> operations = new LinkedHashMap<>();
    private final List<KeywordDefinition> definitions;

    /** Creates the plugin; {@link java.util.ServiceLoader} calls this. */
    public DataPlugin() {
        define(
                "FIND",
                "Reads the rows of a bot's table that match a filter: a list of maps (row.column).",
                (c, s, i, ops, mem) -> find(c, s, i, ops),
                required("table", "the table"),
                optional("filter", "which rows, e.g. \"status=pending\""),
                optional("limit", "the most rows to return"),
                ParameterDefinition.introducedBy("WHERE", "where", true, "which rows: column = value [AND …]"),
                ParameterDefinition.introducedBy("WITH", "with", true, "which rows, as a filter text"),
                ParameterDefinition.introducedBy("ORDER", "order", true, "BY column [ASC|DESC]"),
                ParameterDefinition.introducedBy("LIMIT", "limit_rows", true, "the most rows to return"),
                ParameterDefinition.introducedBy("OFFSET", "offset", true, "how many rows to skip first"),
                ParameterDefinition.introducedBy("JOIN", "join", true, "a second table of the bot, joined ON …"),
                ParameterDefinition.introducedBy(
                        "ON", "on", true, "with JOIN: a.column = b.column; without: a named database connection"));
        define(
                "AGGREGATE",
                "Sums, counts, averages or finds the least or greatest value of a table's column (AGGREGATE \"t\""
                        + " SUM amount WHERE …) or of a list (AGGREGATE orders SUM amount); with GROUP BY column,"
                        + " one row per value of the column.",
                (c, s, i, ops, mem) -> Aggregates.of(
                        c,
                        s,
                        ops,
                        i.argument("collection"),
                        i.argument("operation"),
                        i.argument("field"),
                        i.argument("where"),
                        i.argument("group")),
                required("collection", "the table name or the list"),
                required("operation", "SUM, COUNT, AVERAGE, MIN or MAX"),
                optional("field", "the column (or the list elements' field)"),
                ParameterDefinition.introducedBy("WHERE", "where", true, "which rows: column = value [AND …]"),
                // written GROUP BY column (the compiler's AGGREGATE form reads both words)
                ParameterDefinition.introducedBy(
                        "GROUP", "group", true, "GROUP BY column: one result per value of it, as a list of rows"));
        define(
                "SAVE",
                "Saves a row by id: updates the row with that id, or inserts it; new columns are added.",
                (c, s, i, ops, mem) -> {
                    Value columns = either(i, "SAVE", "columns");
                    if (!(columns instanceof NullValue)) {
                        if (!(i.argument("id") instanceof NullValue)) {
                            throw KeywordException.permanent("SAVE: write either SAVE table, id, data or SAVE table"
                                    + " WITH column AS value, …, not both");
                        }
                        return saveRow(ops, c, s, i.argument("table"), columns);
                    }
                    Optional<MapValue> row = SaveByName.columns(i);
                    if (row.isEmpty()) {
                        if (i.argument("id") instanceof MapValue map) {
                            return saveRow(ops, c, s, i.argument("table"), map);
                        }
                        throw KeywordException.permanent("SAVE needs the row: SAVE table, id, data, SAVE table, id,"
                                + " var1, var2, … (the variables' names are the columns), SAVE table, row (a map) or"
                                + " SAVE table WITH column AS value, …");
                    }
                    return ops.save(c, s, i.argument("table"), i.argument("id"), row.get());
                },
                required("table", "the table"),
                optional("id", "the row's id (or the row, as a map, with SAVE table, row)"),
                ParameterDefinition.byName("data", "the columns, as a map, or the first column's variable", false),
                ParameterDefinition.introducedBy("ON", "on", true, "a named database connection to write in"),
                ParameterDefinition.introducedBy("WITH", "columns", true, "column AS value, …"),
                ParameterDefinition.byName("more", "the next columns' variables: their names are the columns", true));
        define(
                "INSERT",
                "Inserts a row; returns it as stored, with its generated id.",
                (c, s, i, ops, mem) -> {
                    List<Value> more = i.argument("more") instanceof ListValue list ? list.elements() : List.of();
                    if (more.isEmpty()) {
                        return ops.insert(c, s, i.argument("table"), i.argument("data"));
                    }
                    // INSERT "t", a, b, c: the values of the table's columns in order, as INSERT INTO "t", a, b, c
                    List<Value> values = new java.util.ArrayList<>();
                    values.add(i.argument("data"));
                    values.addAll(more);
                    return ops.insertInOrder(c, s, i.argument("table"), values);
                },
                required("table", "the table"),
                required("data", "the columns, as a map (or, with more values after it, the first column's value)"),
                ParameterDefinition.repeated("more", "the values of the next columns, in column order"));
        define(
                "INSERT INTO",
                "Inserts a row: INSERT INTO table VALUES map, or WITH column = value, …; returns it as stored.",
                (c, s, i, ops, mem) -> {
                    List<Value> positional =
                            i.argument("columns") instanceof ListValue list ? list.elements() : List.of();
                    if (!positional.isEmpty()) {
                        if (!(either(i, "INSERT INTO", "values", "with") instanceof NullValue)) {
                            throw KeywordException.permanent("INSERT INTO: write either INSERT INTO table, value, …"
                                    + " or INSERT INTO table VALUES/WITH …, not both");
                        }
                        return ops.insertInOrder(c, s, i.argument("table"), positional);
                    }
                    return ops.insert(
                            c,
                            s,
                            i.argument("table"),
                            required(i, "INSERT INTO", "VALUES, WITH or values", "values", "with"));
                },
                required("table", "the table"),
                ParameterDefinition.introducedBy("ON", "on", true, "a named database connection to write in"),
                ParameterDefinition.introducedBy("VALUES", "values", true, "the row, as a map"),
                ParameterDefinition.introducedBy("WITH", "with", true, "column = value, …"),
                ParameterDefinition.repeated("columns", "the values of the table's columns, in column order"));
        define(
                "UPDATE",
                "Changes the rows that match a filter; returns how many.",
                (c, s, i, ops, mem) -> {
                    if (!(i.argument("value") instanceof NullValue)
                            || (i.argument("more") instanceof ListValue more
                                    && !more.elements().isEmpty())) {
                        return updateOneColumn(ops, c, s, i);
                    }
                    return ops.update(
                            c,
                            s,
                            i.argument("table"),
                            required(i, "UPDATE", "the filter (or WHERE)", "filter", "where"),
                            required(i, "UPDATE", "the new values (or SET or WITH)", "data", "set", "with"));
                },
                required("table", "the table"),
                optional("filter", "which rows (or, with four arguments, the row's id)"),
                optional(
                        "data",
                        "the new values, as a map or \"column=value, …\" (or, with four arguments, the column)"),
                optional("value", "with four arguments, the column's new value: UPDATE table, id, \"column\", value"),
                ParameterDefinition.introducedBy("ON", "on", true, "a named database connection to write in"),
                ParameterDefinition.introducedBy("SET", "set", true, "column = value, …"),
                ParameterDefinition.introducedBy("WITH", "with", true, "column AS value, …"),
                ParameterDefinition.introducedBy("WHERE", "where", true, "which rows: column = value [AND …]"),
                ParameterDefinition.repeated("more", "not supported"));
        define(
                "MERGE INTO",
                "Upserts one row on its key columns: MERGE INTO table ON key = value WITH column = value, ….",
                (c, s, i, ops, mem) -> mergeInto(ops, c, s, i),
                required("table", "the table"),
                ParameterDefinition.introducedBy("ON", "on", false, "the key columns: key = value [AND …]"),
                ParameterDefinition.introducedBy("WITH", "with", false, "column = value, …"));
        define(
                "SET",
                "Changes the rows that match a filter: SET table, filter, \"column=value, …\" (or a map); returns how many.",
                (c, s, i, ops, mem) ->
                        ops.update(c, s, i.argument("table"), i.argument("filter"), i.argument("values")),
                required("table", "the table"),
                required("filter", "which rows, e.g. \"id=\" + row.id"),
                required("values", "the new values: \"column=value, …\" or a map"));
        define(
                "DELETE",
                "Deletes the rows of a table that match a filter; returns how many.",
                (c, s, i, ops, mem) -> ops.delete(c, s, i.argument("table"), i.argument("filter")),
                required("table", "the table"),
                required("filter", "which rows"));
        define(
                "DELETE FROM",
                "Deletes the rows of a table that match WHERE; returns how many.",
                (c, s, i, ops, mem) -> ops.delete(c, s, i.argument("table"), i.argument("where")),
                required("table", "the table"),
                ParameterDefinition.introducedBy("ON", "on", true, "a named database connection to write in"),
                ParameterDefinition.introducedBy("WHERE", "where", false, "which rows: column = value [AND …]"));
        define(
                "MERGE",
                "Upserts rows on key columns: each row updates the row with the same keys or is inserted.",
                (c, s, i, ops, mem) -> ops.merge(
                        c,
                        s,
                        i.argument("table"),
                        required(i, "MERGE", "the rows (or WITH)", "data", "with"),
                        required(i, "MERGE", "the key columns (or BY)", "keys", "by"),
                        i.argument("update")),
                required("table", "the table"),
                optional("data", "a row (map) or a list of rows"),
                optional("keys", "the key column(s): \"email\" or \"employee_id,date\""),
                optional("update", "the columns to update on a match (all others by default)"),
                ParameterDefinition.introducedBy("WITH", "with", true, "a row (map) or a list of rows"),
                ParameterDefinition.introducedBy("BY", "by", true, "the key column(s)"));
        define(
                "GROUP BY",
                "Groups a bot's table's rows (or a list's) by a column: GROUP BY \"sales\" ON category; one map per"
                        + " value with key, the column, items and count.",
                (c, s, i, ops, mem) -> TableShapes.groupBy(c, s, ops, i),
                required("table", "the table (or a list of rows)"),
                ParameterDefinition.sourceText("ON", "on", false, "the column to group by"));
        define(
                "PIVOT",
                "Cross-tabulates a bot's table (or a list): PIVOT \"sales\" ROWS month COLUMNS product VALUES"
                        + " SUM(amount).",
                (c, s, i, ops, mem) -> TableShapes.pivot(c, s, ops, i),
                required("table", "the table (or a list of rows)"),
                ParameterDefinition.sourceText("ROWS", "rows", false, "the column whose values are the rows"),
                ParameterDefinition.sourceText("COLUMNS", "columns", false, "the column whose values are the columns"),
                ParameterDefinition.sourceText("VALUES", "values", false, "FUNCTION(column), or a column to sum"));
        define(
                "JOIN",
                "Joins two of a bot's tables (or lists) on a column each: JOIN \"orders\" WITH \"customers\" ON"
                        + " customer_id = id.",
                (c, s, i, ops, mem) -> TableShapes.join(c, s, ops, i),
                required("table", "the first table (or a list of rows)"),
                ParameterDefinition.introducedBy("WITH", "with", true, "the second table (or a list of rows)"),
                ParameterDefinition.sourceText("ON", "on", false, "first_column = second_column"));
        define(
                "PRODUCT",
                "Reads the product with that id from the bot's products table: a map of its columns, NULL when"
                        + " there is none.",
                (c, s, i, ops, mem) -> Products.product(c, s, ops.tables(), i.argument("id")),
                required("id", "the product's id"));
        define(
                "SEARCH PRODUCTS",
                "Searches the bot's products table: the rows whose name, category or description contain the"
                        + " query's words (ignoring case), best matches first; at most limit rows (10).",
                (c, s, i, ops, mem) -> Products.search(
                        c,
                        s,
                        ops.tables(),
                        i.argument("query"),
                        i.argument("limit"),
                        i.context().configuration().getInt("find-limit", DEFAULT_FIND_LIMIT)),
                required("query", "what to look for, e.g. \"red running shoes\""),
                optional("limit", "the most rows to return; 10 when left out"));
        writer("SET BOT MEMORY", "Stores a value under a key for the whole bot.", Memory.Store.BOT);
        reader("GET BOT MEMORY", "Reads a bot memory value (NULL when unset).", Memory.Store.BOT);
        define(
                "BOT SHARE MEMORY",
                "Copies this bot's memory value of a key to another bot's memory (FALSE when unset here).",
                (c, s, i, ops, mem) -> SharedMemory.share(c, s, mem, i.argument("key"), i.argument("bot")),
                required("key", "the key"),
                ParameterDefinition.introducedBy("WITH", "bot", true, "the bot to share it with"));
        define(
                "BOT SYNC MEMORY FROM",
                "Copies every key of another bot's memory into this bot's memory; gives how many.",
                (c, s, i, ops, mem) -> SharedMemory.sync(c, s, mem, i.argument("bot")),
                required("bot", "the bot to copy from"));
        writer("SET USER MEMORY", "Stores a value under a key for the user of the conversation.", Memory.Store.USER);
        reader("GET USER MEMORY", "Reads a user memory value (NULL when unset).", Memory.Store.USER);
        define(
                "REMEMBER",
                "Stores a value for the user, for a time (\"30 days\") or forever.",
                (c, s, i, ops, mem) -> {
                    Optional<java.time.Instant> expiry = mem.expiry(i.argument("duration"));
                    put(mem, c, s, Memory.Store.USER, i, expiry);
                    String length = i.argument("duration") instanceof NullValue
                            ? "forever"
                            : i.argument("duration").display();
                    return new TextValue("Remembered '" + i.argument("key").display() + "' for " + length);
                },
                required("key", "the key"),
                required("value", "the value"),
                optional("duration", "how long: \"5 minutes\", \"30 days\", \"1 year\", \"forever\""));
        reader("RECALL", "Reads what REMEMBER stored for the user (NULL when unset or expired).", Memory.Store.USER);
        define(
                "SET CONTEXT",
                "Stores a context value for the conversation: SET CONTEXT \"name\" AS value, or SET CONTEXT \"text\""
                        + " (the conversation's context, read by GET CONTEXT \"" + DEFAULT_CONTEXT + "\").",
                (c, s, i, ops, mem) -> {
                    if (i.argument("value") instanceof NullValue) {
                        mem.put(
                                c,
                                s,
                                Memory.Store.CONTEXT,
                                new TextValue(DEFAULT_CONTEXT),
                                i.argument("key"),
                                Optional.empty());
                        keepContext(i);
                        return BooleanValue.TRUE;
                    }
                    return put(mem, c, s, Memory.Store.CONTEXT, i, Optional.empty());
                },
                required("key", "the context's name, or the context text when there is no AS"),
                ParameterDefinition.introducedBy("AS", "value", true, "the context text"));
        reader("GET CONTEXT", "Reads a context value of the conversation (NULL when unset).", Memory.Store.CONTEXT);
        writer("SET SESSION", "Stores a value for the conversation.", Memory.Store.SESSION);
        reader("GET SESSION", "Reads a value of the conversation (NULL when unset).", Memory.Store.SESSION);
        define(
                "DESCRIBE TABLE",
                "The columns of a bot's table and their types, as a map column -> type (empty when the table does"
                        + " not exist yet); SAVE FROM UNSTRUCTURED (keywords-ai) reads it to ask the model for them.",
                (c, s, i, ops, mem) -> describe(c, s, i),
                required("table", "the table"));
        define(
                "TABLE",
                "Declares a bot's table (TABLE name … END TABLE): creates it, adds new columns.",
                (c, s, i, ops, mem) -> declare(c, s, i),
                required("name", "the table name"),
                required("fields", "the field lines"));
        define(
                "CREATE INDEX",
                "Indexes a bot's table on columns (CREATE INDEX idx_orders_status ON orders(status)), unless an"
                        + " index of that name exists; applied when the bot is deployed, like TABLE.",
                (c, s, i, ops, mem) -> index(c, s, i),
                ParameterDefinition.byName("name", "the index's name, bare or in quotes", false),
                ParameterDefinition.sourceText("ON", "on", false, "table(column, …)"));
        this.definitions = java.util.stream.Stream.concat(
                        operations.values().stream().map(Operation::definition),
                        java.util.stream.Stream.of(ActingUser.DEFINITION))
                .toList();
    }

    @Override
    public String name() {
        return "data";
    }

    @Override
    public List<KeywordDefinition> keywords() {
        return definitions;
    }

    /**
     * {@code SET BOT MEMORY "k" = v}, {@code REMEMBER "k" AS v} read as name and value; the table
     * keywords' clauses take General Bots' data shapes (column lists, conditions over columns, {@code
     * ORDER BY}).
     */
    @Override
    public KeywordSyntax syntax(String keyword) {
        if (NAME_VALUE_KEYWORDS.contains(keyword)) {
            return KeywordSyntax.NAME_VALUE;
        }
        return DATA_CLAUSE_KEYWORDS.contains(keyword) ? KeywordSyntax.DATA_CLAUSES : KeywordSyntax.PLAIN;
    }

    private static final java.util.Set<String> NAME_VALUE_KEYWORDS =
            java.util.Set.of("SET BOT MEMORY", "SET USER MEMORY", "SET SESSION", "REMEMBER");
    private static final java.util.Set<String> DATA_CLAUSE_KEYWORDS =
            java.util.Set.of("FIND", "SAVE", "INSERT INTO", "UPDATE", "DELETE FROM", "MERGE", "MERGE INTO");

    @Override
    public java.util.Set<String> blockKeywords() {
        return java.util.Set.of("TABLE");
    }

    /** {@code DESCRIBE TABLE "t"}: column -> PostgreSQL type name, in column order; empty for no table. */
    private Value describe(Connection connection, ExecutionScope scope, Invocation invocation)
            throws SQLException, KeywordException {
        String table = Names.table(TableOperations.text(invocation.argument("table"), "DESCRIBE TABLE", "table"));
        Map<String, Value> columns = new LinkedHashMap<>();
        tables.columns(connection, Names.schema(scope.bot()), table)
                .forEach((column, type) -> columns.put(column, new TextValue(type)));
        return new MapValue(columns);
    }

    /** {@code TABLE name … END TABLE}: the block's header and field lines, applied as DDL. */
    private Value declare(Connection connection, ExecutionScope scope, Invocation invocation)
            throws SQLException, KeywordException {
        tables.declare(
                connection,
                Names.schema(scope.bot()),
                TableDeclaration.ofBlock(invocation.argument("name"), invocation.argument("fields")));
        return BooleanValue.TRUE;
    }

    /** {@code CREATE INDEX name ON table(columns)}: the index, unless one of that name exists. */
    private Value index(Connection connection, ExecutionScope scope, Invocation invocation)
            throws SQLException, KeywordException {
        tables.index(
                connection,
                Names.schema(scope.bot()),
                IndexDeclaration.of(
                        invocation.argument("name"),
                        invocation.argument(ParameterDefinition.namesKey("name")),
                        invocation.argument("on")));
        return BooleanValue.TRUE;
    }

    /** At deployment, the bots' {@code TABLE} declarations become their tables ({@link TableDeployment}). */
    @Override
    public Optional<io.basicflow.spi.DeploymentHandler> deploymentHandler() {
        return Optional.of((deployment, connection) -> TableDeployment.deploy(tables, deployment, connection));
    }

    @Override
    public Optional<TransactionalKeywordHandler> transactionalHandler(String keyword) {
        Operation operation = operations.get(keyword);
        if (operation == null) {
            return Optional.empty();
        }
        if (keyword.equals("SAVE")) {
            // many executions' SAVEs to one table in one group commit: one statement (SaveBatch)
            return Optional.of(new io.basicflow.spi.BatchingTransactionalHandler() {
                @Override
                public Value invoke(Invocation invocation, ExecutionScope scope, Connection connection)
                        throws KeywordException, SQLException {
                    return operation.run(invocation, scope, connection);
                }

                @Override
                public Optional<Object> batchKey(Invocation invocation, ExecutionScope scope) {
                    return SaveBatch.key(invocation, scope);
                }

                @Override
                public List<Value> invokeAll(List<Call> calls, Connection connection)
                        throws KeywordException, SQLException {
                    return SaveBatch.saveAll(connection, tables, calls);
                }

                @Override
                public Optional<Value> valueWithoutDatabase(Invocation invocation, ExecutionScope scope) {
                    return SaveBatch.value(invocation, scope);
                }
            });
        }
        return Optional.of(operation::run);
    }

    /** {@code SET USER "key", value} runs as {@code SET USER MEMORY "key", value}; {@code SET USER id} as itself. */
    @Override
    public Optional<io.basicflow.spi.KeywordLowering> lowering(String keyword, java.util.Set<String> written) {
        return keyword.equals(ActingUser.KEYWORD) && written.contains("value")
                ? Optional.of(ActingUser.PROPERTY)
                : lowering(keyword);
    }

    /** Engines without a database for data cannot run these keywords; they say so. */
    @Override
    public Optional<KeywordHandler> handler(String keyword) {
        if (keyword.equals(ActingUser.KEYWORD)) {
            return Optional.of(ActingUser.HANDLER);
        }
        if (!operations.containsKey(keyword)) {
            return Optional.empty();
        }
        return Optional.of(invocation -> {
            throw KeywordException.permanent(keyword + " keeps its data in PostgreSQL and runs inside a transaction"
                    + " of the engine; this engine has no database for data (run it with basicflow, or give the"
                    + " engine its data connections)");
        });
    }

    private static Value put(
            Memory memory,
            Connection c,
            ExecutionScope s,
            Memory.Store store,
            Invocation i,
            Optional<java.time.Instant> expiry)
            throws SQLException, KeywordException {
        memory.put(c, s, store, i.argument("key"), i.argument("value"), expiry);
        return BooleanValue.TRUE;
    }

    /** The first of the named arguments that was given, or NULL. */
    /**
     * {@code FIND}: on the bot's table; with {@code JOIN … ON a.x = b.y}, on two of its tables
     * ({@link Joins}); with {@code ON "name"} alone, on a table of a named database connection, read only
     * ({@link NamedConnections}).
     */
    private static Value find(Connection connection, ExecutionScope scope, Invocation i, TableOperations ops)
            throws SQLException, KeywordException {
        Value filter = either(i, "FIND", "filter", "where", "with");
        Value limit = either(i, "FIND", "limit", "limit_rows");
        Value join = i.argument("join");
        Value on = i.argument("on");
        if (!(join instanceof NullValue)) {
            return Joins.find(
                    connection,
                    scope,
                    ops,
                    i.argument("table"),
                    join,
                    on,
                    filter,
                    limit,
                    i.argument("order"),
                    i.argument("offset"));
        }
        if (on instanceof NullValue) {
            return ops.find(
                    connection, scope, i.argument("table"), filter, limit, i.argument("order"), i.argument("offset"));
        }
        if (!(on instanceof TextValue name)) {
            throw KeywordException.permanent("FIND … ON needs a connection's name as text (ON \"legacy_db\"), or"
                    + " JOIN \"table\" before ON to match the columns of two tables; not " + on.display());
        }
        NamedConnections.Named named = NamedConnections.named(i.context().configuration(), name.value());
        try (Connection other = named.open()) {
            return ops.uncached()
                    .find(
                            other,
                            named.schema(),
                            "connection " + named.name(),
                            i.argument("table"),
                            filter,
                            limit,
                            i.argument("order"),
                            i.argument("offset"));
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("42")) {
                throw KeywordException.permanent(
                        "FIND … ON \"" + named.name() + "\": the database refused it: " + e.getMessage(), e);
            }
            throw KeywordException.retryable("FIND … ON \"" + named.name() + "\": " + e.getMessage(), e);
        }
    }

    private static Value either(Invocation invocation, String keyword, String... names) throws KeywordException {
        Value found = NullValue.NULL;
        String foundName = null;
        for (String name : names) {
            Value value = invocation.argument(name);
            if (!(value instanceof NullValue)) {
                if (foundName != null) {
                    throw KeywordException.permanent(
                            keyword + ": " + foundName + " and " + name + " say the same thing; write one of them");
                }
                found = value;
                foundName = name;
            }
        }
        return found;
    }

    /** Like {@link #either}, but one of them must be given. */
    private static Value required(Invocation invocation, String keyword, String what, String... names)
            throws KeywordException {
        Value value = either(invocation, keyword, names);
        if (value instanceof NullValue) {
            throw KeywordException.permanent(keyword + " needs " + what);
        }
        return value;
    }

    /** {@code SAVE table, row}: the row by its id when it has one, else a new row. */
    /**
     * {@code UPDATE table, id, "column", value} (keyword-sms.md's form): the row with that id gets the
     * value in that column; returns how many rows changed. A filter text as the second argument ({@code
     * "id=" + x}) or more than four arguments is General Bots' list of variables as columns, refused.
     */
    private static Value updateOneColumn(TableOperations ops, Connection c, ExecutionScope s, Invocation i)
            throws SQLException, KeywordException {
        Value id = i.argument("filter");
        if (i.argument("more") instanceof ListValue more && !more.elements().isEmpty()
                || (id instanceof TextValue text && text.value().contains("="))
                || !(i.argument("data") instanceof TextValue)) {
            throw KeywordException.permanent("UPDATE with four or more arguments is read as UPDATE table, id,"
                    + " \"column\", value; for other changes pass the values as a map: UPDATE table, filter,"
                    + " #{column: value, …}");
        }
        if (id instanceof NullValue) {
            throw KeywordException.permanent("UPDATE table, id, \"column\", value: the id is NULL; give the row's id");
        }
        Map<String, Value> condition = new LinkedHashMap<>();
        condition.put("column", new TextValue("id"));
        condition.put("operator", new TextValue("="));
        condition.put("value", id);
        Map<String, Value> values = new LinkedHashMap<>();
        values.put(TableOperations.text(i.argument("data"), "UPDATE", "column"), i.argument("value"));
        return ops.update(c, s, i.argument("table"), new MapValue(condition), new MapValue(values));
    }

    /**
     * {@code MERGE INTO table ON key = value [AND …] WITH column = value, …}: the row (the WITH columns and
     * the ON keys) updates the row with the same keys, or is inserted.
     */
    private static Value mergeInto(TableOperations ops, Connection c, ExecutionScope s, Invocation i)
            throws SQLException, KeywordException {
        Map<String, Value> row = new LinkedHashMap<>(TableOperations.columnsOf(i.argument("with"), "MERGE INTO"));
        List<Value> keys = new java.util.ArrayList<>();
        keyColumns(i.argument("on"), row, keys);
        return ops.merge(c, s, i.argument("table"), new MapValue(row), new ListValue(keys), NullValue.NULL);
    }

    private static void keyColumns(Value on, Map<String, Value> row, List<Value> keys) throws KeywordException {
        if (on instanceof MapValue map
                && map.entries().get("conditions") instanceof ListValue both
                && map.entries().get("operator") instanceof TextValue and
                && and.value().equalsIgnoreCase("AND")) {
            for (Value condition : both.elements()) {
                keyColumns(condition, row, keys);
            }
            return;
        }
        if (on instanceof MapValue map
                && map.entries().get("column") instanceof TextValue column
                && !map.entries().containsKey("function") // ON LOWER(email) = x is no key column
                && map.entries().get("operator") instanceof TextValue operator
                && operator.value().equals("=")) {
            String name = Names.column(column.value());
            Value value = map.entries().getOrDefault("value", NullValue.NULL);
            Value given = row.putIfAbsent(name, value);
            if (given != null && !given.display().equals(value.display())) {
                throw KeywordException.permanent("MERGE INTO: ON " + name + " = " + value.display() + " but WITH sets "
                        + name + " = " + given.display() + "; give the key once, or the same value");
            }
            keys.add(new TextValue(name));
            return;
        }
        throw KeywordException.permanent(
                "MERGE INTO: ON must be key columns compared with =, joined by AND, e.g." + " ON email = \"a@b.c\"");
    }

    private static Value saveRow(TableOperations ops, Connection c, ExecutionScope s, Value table, Value row)
            throws SQLException, KeywordException {
        if (row instanceof MapValue map
                && map.entries().entrySet().stream()
                        .anyMatch(e -> e.getKey().equalsIgnoreCase("id") && !(e.getValue() instanceof NullValue))) {
            Value id = map.entries().entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase("id"))
                    .findFirst()
                    .orElseThrow()
                    .getValue();
            return ops.save(c, s, table, id, row);
        }
        return ops.insert(c, s, table, row);
    }

    private void define(String name, String description, Body body, ParameterDefinition... parameters) {
        KeywordDefinition.Builder builder = KeywordDefinition.builder(name)
                .form(KeywordForm.FUNCTION)
                .effect(EffectKind.IDEMPOTENT_EFFECT)
                .retry(RETRY)
                .description(description);
        for (ParameterDefinition parameter : parameters) {
            builder.parameter(parameter);
        }
        operations.put(name, new Operation(builder.build(), body));
    }

    /** {@code NAME key, value}: stores the value in the store. */
    private void writer(String name, String description, Memory.Store store) {
        define(
                name,
                description,
                (c, s, i, ops, mem) -> put(mem, c, s, store, i, Optional.empty()),
                required("key", "the key"),
                required("value", "the value"));
    }

    /** {@code NAME key}: the value of the store under the key. */
    private void reader(String name, String description, Memory.Store store) {
        define(
                name,
                description,
                (c, s, i, ops, mem) -> mem.get(c, s, store, i.argument("key")),
                required("key", store == Memory.Store.CONTEXT ? "the context's name" : "the key"));
    }

    private static ParameterDefinition required(String name, String description) {
        return ParameterDefinition.required(name, description);
    }

    private static ParameterDefinition optional(String name, String description) {
        return ParameterDefinition.optional(name, description);
    }

    /** What one keyword does on the connection. */
    @FunctionalInterface
    private interface Body {
        Value run(
                Connection connection,
                ExecutionScope scope,
                Invocation invocation,
                TableOperations tables,
                Memory memory)
                throws SQLException, KeywordException;
    }

    private final class Operation {
        private final KeywordDefinition definition;
        private final Body body;

        Operation(KeywordDefinition definition, Body body) {
            this.definition = definition;
            this.body = body;
        }

        KeywordDefinition definition() {
            return definition;
        }

        Value run(Invocation invocation, ExecutionScope engineScope, Connection connection)
                throws SQLException, KeywordException {
            ExecutionScope scope = ActingUser.of(engineScope, invocation);
            int limit = invocation.context().configuration().getInt("find-limit", DEFAULT_FIND_LIMIT);
            TableOperations ops =
                    new TableOperations(tables, invocation.context().clock(), limit);
            Memory memory = memories.computeIfAbsent(invocation.context().clock(), Memory::new);
            Optional<String> named = NamedWrites.target(definition.name(), invocation);
            if (named.isPresent()) {
                return NamedWrites.write(
                        definition.name(),
                        named.get(),
                        invocation,
                        ops,
                        (other, onSchema) -> body.run(other, scope, invocation, onSchema, memory));
            }
            try {
                return body.run(connection, scope, invocation, ops, memory);
            } catch (SQLException e) {
                String state = e.getSQLState() == null ? "" : e.getSQLState();
                Object table = invocation.argument("table") instanceof TextValue text ? text.value() : "";
                if (tables.forgetOn(
                        e, Names.schema(scope.bot()), String.valueOf(table).toLowerCase(java.util.Locale.ROOT))) {
                    memory.forget(Names.schema(scope.bot()));
                    throw KeywordException.retryable(
                            definition.name() + ": a table it expected is missing (created by a transaction that did"
                                    + " not commit); trying again: " + e.getMessage(),
                            e);
                }
                if (state.startsWith("22") || state.startsWith("23") || state.startsWith("42")) {
                    throw KeywordException.permanent(
                            definition.name() + ": the database refused it: " + e.getMessage(), e);
                }
                throw e;
            }
        }
    }

    private final Map<java.time.Clock, Memory> memories = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Keeps the text of {@code SET CONTEXT "text"} as this execution's value {@code context} as well, so
     * that other plugins read it ({@code InvocationContext.executionValueOf("data", "context")}): the AI
     * plugin sends it to the model with every later {@code LLM} call. Set after the write, so a failed
     * write leaves it as it was; an engine that keeps no values per execution just has none.
     */
    private static void keepContext(Invocation invocation) {
        try {
            invocation.context().setExecutionValue(DEFAULT_CONTEXT, invocation.argument("key"));
        } catch (UnsupportedOperationException noExecution) {
            // a context of no execution (a hand-written test context): the database row is the context
        }
    }
}
