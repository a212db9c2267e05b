package io.basicflow.persistence;

import io.basicflow.engine.schedule.RegisteredSchedule;
import io.basicflow.engine.schedule.ScheduleRegistration;
import io.basicflow.engine.schedule.ScheduleStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The starts registered at run time by {@code SET SCHEDULE when, "script.bas"}, in the table {@code
 * workflow_registered_schedules} (migration V55), on a connection inside the caller's transaction.
 */
final class RegisteredSchedulesRepository {

    private static final String COLUMNS = "id, script, source, variables, expression, cron, next_fire_at,"
            + " last_fired_at, last_execution_id, last_error, registered_by, registered_at";

    private final Connection connection;

    RegisteredSchedulesRepository(Connection connection) {
        this.connection = connection;
    }

    boolean register(ScheduleRegistration registration) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into workflow_registered_schedules
                    (id, script, source, variables, expression, cron, next_fire_at, registered_by)
                values (?, ?, ?, cast(? as json), ?, ?, ?, ?)
                on conflict (id) do nothing
                """)) {
            insert.setString(1, registration.id());
            insert.setString(2, registration.script());
            insert.setString(3, registration.source());
            insert.setString(4, registration.variablesJson());
            insert.setString(5, registration.expression().orElse(null));
            insert.setString(6, registration.cron().orElse(null));
            insert.setTimestamp(7, Timestamp.from(registration.nextFireAt()));
            insert.setString(8, registration.registeredBy());
            return insert.executeUpdate() == 1;
        }
    }

    List<RegisteredSchedule> list() throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                        "select " + COLUMNS + " from workflow_registered_schedules order by script, id");
                ResultSet rows = select.executeQuery()) {
            List<RegisteredSchedule> found = new ArrayList<>();
            while (rows.next()) {
                found.add(registered(rows));
            }
            return found;
        }
    }

    boolean remove(String id) throws SQLException {
        try (PreparedStatement delete =
                connection.prepareStatement("delete from workflow_registered_schedules where id = ?")) {
            delete.setString(1, id);
            return delete.executeUpdate() == 1;
        }
    }

    int fireDue(Instant now, int limit, Function<RegisteredSchedule, ScheduleStore.Fired> fire) throws SQLException {
        List<RegisteredSchedule> due = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("select " + COLUMNS
                + " from workflow_registered_schedules where next_fire_at <= ? order by next_fire_at limit ?"
                + " for update skip locked")) {
            select.setTimestamp(1, Timestamp.from(now));
            select.setInt(2, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    due.add(registered(rows));
                }
            }
        }
        try (PreparedStatement update = connection.prepareStatement("""
                        update workflow_registered_schedules set next_fire_at = ?,
                            last_fired_at = coalesce(?, last_fired_at),
                            last_execution_id = coalesce(?, last_execution_id), last_error = ?
                        where id = ?
                        """);
                PreparedStatement delete =
                        connection.prepareStatement("delete from workflow_registered_schedules where id = ?")) {
            for (RegisteredSchedule registered : due) {
                ScheduleStore.Fired fired = fire.apply(registered);
                String id = registered.registration().id();
                if (registered.registration().once() && fired.lastError().isEmpty()) {
                    delete.setString(1, id); // a one-shot start that started has ended
                    delete.executeUpdate();
                    continue;
                }
                update.setTimestamp(1, Timestamp.from(fired.nextFireAt()));
                update.setTimestamp(2, fired.lastFiredAt().map(Timestamp::from).orElse(null));
                update.setString(3, fired.lastExecutionId().orElse(null));
                update.setString(4, fired.lastError().orElse(null));
                update.setString(5, id);
                update.executeUpdate();
            }
        }
        return due.size();
    }

    private static RegisteredSchedule registered(ResultSet row) throws SQLException {
        ScheduleRegistration registration = new ScheduleRegistration(
                row.getString("id"),
                row.getString("script"),
                row.getString("source"),
                row.getString("variables"),
                Optional.ofNullable(row.getString("expression")),
                Optional.ofNullable(row.getString("cron")),
                row.getTimestamp("next_fire_at").toInstant(),
                row.getString("registered_by"));
        return new RegisteredSchedule(
                registration,
                Optional.ofNullable(row.getTimestamp("last_fired_at")).map(Timestamp::toInstant),
                Optional.ofNullable(row.getString("last_execution_id")),
                Optional.ofNullable(row.getString("last_error")),
                row.getTimestamp("registered_at").toInstant());
    }
}
