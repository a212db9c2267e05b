package io.basicflow.data;

import io.basicflow.spi.EffectKind;
import io.basicflow.spi.ExecutionScope;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.TransactionalKeywordHandler;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code CREATE TASK title, description, assignee, due_date, priority} (keyword-create-task.md) and the
 * corpus's {@code CREATE_TASK title, priority, assignee}: a task row in the bot's table {@code tasks}
 * (schema {@code bot_<bot>}, made on first use), written in the step's own transaction like every data
 * keyword, so exactly once in a durable run. The value is the task as stored, with its {@code task_id}.
 * Scripts read tasks back with {@code FIND "tasks", "assignee=…"}. See docs/tasks.md.
 */
public final class TasksPlugin implements KeywordPlugin {

    /** The page's spelling. */
    public static final String CREATE_TASK = "CREATE TASK";
    /** The corpus's spelling. */
    public static final String CREATE_TASK_UNDERSCORED = "CREATE_TASK";
    /** The bot's table the tasks are in. */
    static final String TABLE = "tasks";

    /** The priorities of the page (low … urgent) and of the corpus ({@code critical}). */
    static final Set<String> PRIORITIES = Set.of("low", "medium", "high", "urgent", "critical");

    private static final String DEFAULT_PRIORITY = "medium";

    /** Creates the plugin; {@link java.util.ServiceLoader} calls this. */
    public TasksPlugin() {}

    @Override
    public String name() {
        return "tasks";
    }

    @Override
    public List<KeywordDefinition> keywords() {
        return List.of(define(CREATE_TASK), define(CREATE_TASK_UNDERSCORED));
    }

    private static KeywordDefinition define(String name) {
        return KeywordDefinition.builder(name)
                .form(KeywordForm.FUNCTION)
                .parameter(ParameterDefinition.required("title", "what is to be done"))
                .parameter(ParameterDefinition.optional(
                        "description",
                        "the details; with three arguments a priority word here is the priority (CREATE_TASK"
                                + " title, priority, assignee)"))
                .parameter(ParameterDefinition.optional("assignee", "who does it: an e-mail or a user id"))
                .parameter(ParameterDefinition.optional(
                        "due_date", "2024-01-15, 01/15/2024, today, tomorrow, next week, in 3 days, Monday …"))
                .parameter(
                        ParameterDefinition.optional("priority", "low, medium (the default), high, urgent, critical"))
                .effect(EffectKind.IDEMPOTENT_EFFECT)
                .retry(DataPlugin.RETRY)
                .description("Creates a task in the bot's table tasks, exactly once; the value is the task with its"
                        + " task_id.")
                .build();
    }

    @Override
    public Optional<TransactionalKeywordHandler> transactionalHandler(String keyword) {
        return CREATE_TASK.equals(keyword) || CREATE_TASK_UNDERSCORED.equals(keyword)
                ? Optional.of(TasksPlugin::create)
                : Optional.empty();
    }

    /** Only reached by an engine without data connections: the task needs the bot's database. */
    @Override
    public Optional<io.basicflow.spi.KeywordHandler> handler(String keyword) {
        if (!CREATE_TASK.equals(keyword) && !CREATE_TASK_UNDERSCORED.equals(keyword)) {
            return Optional.empty();
        }
        return Optional.of(invocation -> {
            throw KeywordException.permanent(keyword + " keeps tasks in the bot's table tasks in PostgreSQL and"
                    + " runs inside a transaction of the engine; this engine has no database for data (run it with"
                    + " basicflow, or give the engine its data connections)");
        });
    }

    /** The task the arguments describe, as the page and the corpus write them. */
    record Task(String title, String description, String assignee, LocalDate dueDate, String priority) {}

    static Task task(Invocation invocation, LocalDate today) throws KeywordException {
        String title = text(invocation.argument("title"));
        if (title.isEmpty()) {
            throw KeywordException.permanent("a task needs a title, the first argument");
        }
        String description = text(invocation.argument("description"));
        String priority = text(invocation.argument("priority"));
        boolean corpusForm = invocation.argument("due_date") instanceof NullValue
                && invocation.argument("priority") instanceof NullValue
                && PRIORITIES.contains(description.toLowerCase(Locale.ROOT));
        if (corpusForm) {
            priority = description;
            description = "";
        }
        priority = priority.isEmpty() ? DEFAULT_PRIORITY : priority.toLowerCase(Locale.ROOT);
        if (!PRIORITIES.contains(priority)) {
            throw KeywordException.permanent(
                    "the priority '" + priority + "' is not one of low, medium, high, urgent, critical");
        }
        LocalDate due =
                DueDates.parse(text(invocation.argument("due_date")), today).orElse(null);
        return new Task(title, description, text(invocation.argument("assignee")), due, priority);
    }

    private static String text(Value value) {
        return value instanceof NullValue ? "" : value.display().strip();
    }

    /**
     * Inserts the task, keyed by the step's idempotency key: the same step run again (a retried group,
     * a ledger-less repeat) finds its row and returns it instead of adding a second.
     */
    static Value create(Invocation invocation, ExecutionScope scope, Connection connection)
            throws KeywordException, SQLException {
        OffsetDateTime now = OffsetDateTime.now(invocation.context().clock()).withOffsetSameInstant(ZoneOffset.UTC);
        Task task = task(invocation, now.toLocalDate());
        String table = prepareTable(connection, Names.schema(scope.bot()));
        // a repeated step reads its row first: an insert that conflicts would still use up a task number
        Optional<Value> done = stored(connection, table, invocation.idempotencyKey());
        if (done.isPresent()) {
            return done.get();
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into " + table
                + " (title, description, assignee, due_date, priority, status, created_at, created_by, step_key)"
                + " values (?, ?, ?, ?, ?, 'created', ?, ?, ?) on conflict (step_key) do nothing")) {
            insert.setString(1, task.title());
            insert.setString(2, task.description().isEmpty() ? null : task.description());
            insert.setString(3, task.assignee().isEmpty() ? null : task.assignee());
            if (task.dueDate() == null) {
                insert.setNull(4, Types.DATE);
            } else {
                insert.setDate(4, Date.valueOf(task.dueDate()));
            }
            insert.setString(5, task.priority());
            insert.setTimestamp(6, Timestamp.from(now.toInstant()));
            insert.setString(7, scope.script());
            insert.setString(8, invocation.idempotencyKey());
            insert.executeUpdate();
        }
        return stored(connection, table, invocation.idempotencyKey())
                .orElseThrow(() -> new SQLException("the task of step " + invocation.idempotencyKey()
                        + " was inserted but cannot be read back from " + table));
    }

    /** The task a step created, as the keyword's value; empty when the step created none yet. */
    private static Optional<Value> stored(Connection connection, String table, String stepKey) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select id, title, description, assignee,"
                + " due_date, priority, status, created_at from " + table + " where step_key = ?")) {
            select.setString(1, stepKey);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                Map<String, Value> value = new LinkedHashMap<>();
                value.put("task_id", IntegerValue.of(row.getLong(1)));
                value.put("title", new TextValue(row.getString(2)));
                value.put("description", textOrNull(row.getString(3)));
                value.put("assignee", textOrNull(row.getString(4)));
                value.put("due_date", textOrNull(row.getString(5)));
                value.put("priority", new TextValue(row.getString(6)));
                value.put("status", new TextValue(row.getString(7)));
                value.put(
                        "created_at",
                        new TextValue(row.getTimestamp(8).toInstant().toString()));
                return Optional.of(new MapValue(value));
            }
        }
    }

    private static Value textOrNull(String text) {
        return text == null ? NullValue.NULL : new TextValue(text);
    }

    /**
     * The databases and schemas whose {@code tasks} table this process has made or checked, so that a
     * task costs its insert and its read-back, not a look at the catalogue each time. Keyed by the
     * connection's URL too: one process may serve bots on more than one database.
     */
    private static final Set<String> PREPARED = ConcurrentHashMap.newKeySet();

    /** Makes the bot's schema and its table {@code tasks} when missing; a table of another shape is refused. */
    private static String prepareTable(Connection connection, String schema) throws SQLException, KeywordException {
        String table = Names.qualified(schema, TABLE);
        String key = connection.getMetaData().getURL() + "|" + schema;
        if (PREPARED.contains(key)) {
            return table;
        }
        try (PreparedStatement exists = connection.prepareStatement(
                "select count(*) filter (where column_name = 'step_key'), count(*) from information_schema.columns"
                        + " where table_schema = ? and table_name = ?")) {
            exists.setString(1, schema);
            exists.setString(2, TABLE);
            try (ResultSet row = exists.executeQuery()) {
                row.next();
                if (row.getInt(1) == 1) {
                    PREPARED.add(key);
                    return table;
                }
                if (row.getInt(2) > 0) {
                    throw KeywordException.permanent("tasks are kept in the bot's table tasks, but "
                            + schema + ".tasks is a table of the bot's own with other columns; rename that table"
                            + " (CREATE TASK makes its own)");
                }
            }
        }
        Tables.lock(connection, schema);
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("create schema if not exists " + Names.quote(schema));
            ddl.execute("create table if not exists " + table
                    + " (id bigint generated by default as identity primary key, title text not null,"
                    + " description text, assignee text, due_date date, priority text not null,"
                    + " status text not null, created_at timestamptz not null, created_by text not null,"
                    + " step_key text not null unique)");
        }
        // not PREPARED yet: the transaction that made the table may still roll back; the next task looks again
        return table;
    }
}
