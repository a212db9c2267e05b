package io.basicflow.data;

import io.basicflow.spi.ExecutionScope;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.Json;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bot memory, user memory and conversation values, kept as JSON in three tables of the bot's schema:
 * {@code basicflow_bot_memory (key)}, {@code basicflow_user_memory (user_id, key, expires_at)} and
 * {@code basicflow_conversation (conversation, kind, key)}, where kind is {@code context} ({@code SET
 * CONTEXT}) or {@code session} ({@code SET SESSION}).
 */
final class Memory {

    /** Which store a key lives in. */
    enum Store {
        BOT,
        USER,
        CONTEXT,
        SESSION
    }

    private static final Pattern DURATION = Pattern.compile("\\s*(\\d+)\\s*([a-z]+)\\s*");

    private final Clock clock;
    private final Set<String> ready = ConcurrentHashMap.newKeySet();

    Memory(Clock clock) {
        this.clock = clock;
    }

    /** Stores a value; {@code expiresAt} only for user memory. */
    void put(
            Connection connection,
            ExecutionScope scope,
            Store store,
            Value keyArg,
            Value value,
            Optional<Instant> expiresAt)
            throws SQLException, KeywordException {
        String schema = Names.schema(scope.bot());
        String key = key(keyArg, store);
        prepareTables(connection, schema);
        String sql = switch (store) {
            case BOT ->
                "insert into " + Names.qualified(schema, "basicflow_bot_memory")
                        + " (key, value) values (?, ?) on conflict (key) do update set value = excluded.value, updated_at = now()";
            case USER ->
                "insert into " + Names.qualified(schema, "basicflow_user_memory")
                        + " (user_id, key, value, expires_at) values (?, ?, ?, ?) on conflict (user_id, key)"
                        + " do update set value = excluded.value, expires_at = excluded.expires_at, updated_at = now()";
            case CONTEXT, SESSION ->
                "insert into " + Names.qualified(schema, "basicflow_conversation")
                        + " (conversation, kind, key, value) values (?, ?, ?, ?) on conflict (conversation, kind, key)"
                        + " do update set value = excluded.value, updated_at = now()";
        };
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            String json = Json.write(value);
            switch (store) {
                case BOT -> {
                    insert.setString(1, key);
                    insert.setString(2, json);
                }
                case USER -> {
                    insert.setString(1, scope.user());
                    insert.setString(2, key);
                    insert.setString(3, json);
                    insert.setTimestamp(4, expiresAt.map(Timestamp::from).orElse(null));
                }
                case CONTEXT, SESSION -> {
                    insert.setString(1, scope.conversation());
                    insert.setString(2, store.name().toLowerCase(Locale.ROOT));
                    insert.setString(3, key);
                    insert.setString(4, json);
                }
            }
            insert.executeUpdate();
        }
    }

    /** Reads a value: {@code NULL} when unset or expired. */
    Value get(Connection connection, ExecutionScope scope, Store store, Value keyArg)
            throws SQLException, KeywordException {
        String schema = Names.schema(scope.bot());
        String key = key(keyArg, store);
        prepareTables(connection, schema);
        String sql = switch (store) {
            case BOT -> "select value from " + Names.qualified(schema, "basicflow_bot_memory") + " where key = ?";
            case USER ->
                "select value from " + Names.qualified(schema, "basicflow_user_memory")
                        + " where user_id = ? and key = ? and (expires_at is null or expires_at > ?)";
            case CONTEXT, SESSION ->
                "select value from " + Names.qualified(schema, "basicflow_conversation")
                        + " where conversation = ? and kind = ? and key = ?";
        };
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            switch (store) {
                case BOT -> select.setString(1, key);
                case USER -> {
                    select.setString(1, scope.user());
                    select.setString(2, key);
                    select.setTimestamp(3, Timestamp.from(clock.instant()));
                }
                case CONTEXT, SESSION -> {
                    select.setString(1, scope.conversation());
                    select.setString(2, store.name().toLowerCase(Locale.ROOT));
                    select.setString(3, key);
                }
            }
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? JsonReader.read(rows.getString(1)) : NullValue.NULL;
            }
        }
    }

    /** Every key of a bot's memory with its value, in key order. */
    java.util.Map<String, Value> botMemory(Connection connection, ExecutionScope scope) throws SQLException {
        String schema = Names.schema(scope.bot());
        prepareTables(connection, schema);
        java.util.Map<String, Value> values = new java.util.LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                        "select key, value from " + Names.qualified(schema, "basicflow_bot_memory") + " order by key");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                values.put(rows.getString(1), JsonReader.read(rows.getString(2)));
            }
        }
        return values;
    }

    /**
     * When a {@code REMEMBER} duration ends: {@code "30 days"}, {@code "5 minutes"}, {@code "1 year"};
     * empty for {@code "forever"}, {@code "permanent"} or no duration.
     */
    Optional<Instant> expiry(Value duration) throws KeywordException {
        if (duration instanceof NullValue) {
            return Optional.empty();
        }
        String text = duration.display().toLowerCase(Locale.ROOT).strip();
        if (text.isEmpty() || text.equals("forever") || text.equals("permanent") || text.equals("permanently")) {
            return Optional.empty();
        }
        Matcher matcher = DURATION.matcher(text);
        if (!matcher.matches()) {
            throw KeywordException.permanent("REMEMBER: '" + duration.display()
                    + "' is not a duration (write e.g. \"30 days\", \"5 minutes\", \"1 year\" or \"forever\")");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2).endsWith("s")
                ? matcher.group(2).substring(0, matcher.group(2).length() - 1)
                : matcher.group(2);
        Duration length = switch (unit) {
            case "second", "sec" -> Duration.ofSeconds(amount);
            case "minute", "min" -> Duration.ofMinutes(amount);
            case "hour" -> Duration.ofHours(amount);
            case "day" -> Duration.ofDays(amount);
            case "week" -> Duration.ofDays(7 * amount);
            case "month" -> Duration.ofDays(30 * amount);
            case "year" -> Duration.ofDays(365 * amount);
            default ->
                throw KeywordException.permanent("REMEMBER: unknown unit '" + matcher.group(2)
                        + "' (seconds, minutes, hours, days, weeks, months, years)");
        };
        return Optional.of(clock.instant().truncatedTo(ChronoUnit.MICROS).plus(length));
    }

    private static String key(Value keyArg, Store store) throws KeywordException {
        String key = keyArg instanceof NullValue ? "" : keyArg.display();
        if (key.isBlank()) {
            throw KeywordException.permanent("the " + store.name().toLowerCase(Locale.ROOT) + " memory key is empty");
        }
        if (key.length() > 500) {
            throw KeywordException.permanent("the memory key is longer than 500 characters");
        }
        return key;
    }

    private void prepareTables(Connection connection, String schema) throws SQLException {
        if (ready.contains(schema)) {
            return;
        }
        try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "basicflow-data:" + schema);
            lock.execute();
        }
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("create schema if not exists " + Names.quote(schema));
            ddl.execute("create table if not exists " + Names.qualified(schema, "basicflow_bot_memory")
                    + " (key text primary key, value text not null, updated_at timestamptz not null default now())");
            ddl.execute("create table if not exists " + Names.qualified(schema, "basicflow_user_memory")
                    + " (user_id text not null, key text not null, value text not null, expires_at timestamptz,"
                    + " updated_at timestamptz not null default now(), primary key (user_id, key))");
            ddl.execute("create table if not exists " + Names.qualified(schema, "basicflow_conversation")
                    + " (conversation text not null, kind text not null, key text not null, value text not null,"
                    + " updated_at timestamptz not null default now(), primary key (conversation, kind, key))");
        }
        ready.add(schema);
    }

    /** Forgets that a schema's tables exist (after a miss: the transaction that made them rolled back). */
    void forget(String schema) {
        ready.remove(schema);
    }
}
