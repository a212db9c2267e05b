package io.basicflow.persistence;

import io.basicflow.engine.schedule.EventHandler;
import io.basicflow.engine.schedule.ScheduleRegistrations;
import io.basicflow.spi.ExecutionScope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The deployed event handlers ({@code workflow_event_handlers}, migration V56), and the starts a
 * publication makes of them, on a connection inside the caller's transaction.
 */
final class EventHandlersRepository {

    private final Connection connection;

    EventHandlersRepository(Connection connection) {
        this.connection = connection;
    }

    void deploy(List<EventHandler> handlers) throws SQLException {
        List<EventHandler> sorted = new ArrayList<>(handlers);
        sorted.sort(Comparator.comparing(EventHandler::script).thenComparingInt(EventHandler::line));
        try (PreparedStatement delete = connection.prepareStatement("delete from workflow_event_handlers")) {
            delete.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into workflow_event_handlers (script, line, event, bot, source) values (?, ?, ?, ?, ?)")) {
            for (EventHandler handler : sorted) {
                insert.setString(1, handler.script());
                insert.setLong(2, handler.line());
                insert.setString(3, handler.event());
                insert.setString(4, handler.bot());
                insert.setString(5, handler.source());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    List<EventHandler> list() throws SQLException {
        return select("select script, line, event, bot, source from workflow_event_handlers order by script, line");
    }

    /**
     * Makes one start per handler of a published event, due at {@code now}: the handlers of the
     * conversation's bot, or of every bot for an event published to every conversation. Idempotent per
     * publication key (the starts' ids are made of it).
     *
     * @return how many starts were added
     */
    int startHandlers(Optional<String> conversationId, String name, String valueJson, String key, Instant now)
            throws SQLException {
        List<EventHandler> handlers;
        try (PreparedStatement select = connection.prepareStatement(
                "select script, line, event, bot, source from workflow_event_handlers where event = ?")) {
            select.setString(1, name);
            handlers = read(select);
        }
        if (handlers.isEmpty()) {
            return 0;
        }
        Optional<String> bot = Optional.empty();
        if (conversationId.isPresent()) {
            try (PreparedStatement script =
                    connection.prepareStatement("select script_name from workflow_executions where id = ?")) {
                script.setString(1, conversationId.get());
                try (ResultSet row = script.executeQuery()) {
                    bot = Optional.of(row.next() ? ExecutionScope.botOf(row.getString(1)) : ExecutionScope.DEFAULT_BOT);
                }
            }
        }
        String prefix = ScheduleRegistrations.handlerStartPrefix(key);
        int added = 0;
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into workflow_registered_schedules
                    (id, script, source, variables, next_fire_at, registered_by)
                values (?, ?, ?, json_build_object('params', cast(? as json)), ?, ?)
                on conflict (id) do nothing
                """)) {
            for (EventHandler handler : handlers) {
                if (bot.isPresent() && !bot.get().equals(handler.bot())) {
                    continue;
                }
                insert.setString(1, prefix + ScheduleRegistrations.handlerKey(handler));
                insert.setString(2, handler.script());
                insert.setString(3, handler.source());
                insert.setString(4, valueJson);
                insert.setTimestamp(5, Timestamp.from(now));
                insert.setString(6, "event " + name + " (" + key + ")");
                added += insert.executeUpdate();
            }
        }
        return added;
    }

    private List<EventHandler> select(String sql) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            return read(select);
        }
    }

    private static List<EventHandler> read(PreparedStatement select) throws SQLException {
        List<EventHandler> found = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                found.add(new EventHandler(
                        rows.getString("script"),
                        rows.getInt("line"),
                        rows.getString("event"),
                        rows.getString("bot"),
                        rows.getString("source")));
            }
        }
        return found;
    }
}
