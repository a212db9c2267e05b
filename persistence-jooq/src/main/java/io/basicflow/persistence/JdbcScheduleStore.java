package io.basicflow.persistence;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.schedule.DeployedSchedule;
import io.basicflow.engine.schedule.EventHandler;
import io.basicflow.engine.schedule.RegisteredSchedule;
import io.basicflow.engine.schedule.RowHandler;
import io.basicflow.engine.schedule.Schedule;
import io.basicflow.engine.schedule.ScheduleRegistration;
import io.basicflow.engine.schedule.ScheduleStore;
import io.basicflow.engine.store.StoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The schedules of {@code SET SCHEDULE} in the table {@code workflow_schedules} (migration V50),
 * with plain JDBC on the engine's database.
 */
public final class JdbcScheduleStore implements ScheduleStore {

    private static final String COLUMNS =
            "script, expression, cron, line, source, next_fire_at, last_fired_at," + " last_execution_id, last_error";

    private final DataSource dataSource;

    /**
     * A store on a started database.
     *
     * @param database the engine's database
     */
    public JdbcScheduleStore(Database database) {
        this(requireNonNull(database, "database is null").dataSource());
    }

    /**
     * A store on a data source of a database migrated to V50 or later.
     *
     * @param dataSource the connections
     */
    public JdbcScheduleStore(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
    }

    @Override
    public void deploy(List<DeployedSchedule> schedules) {
        List<DeployedSchedule> sorted = new ArrayList<>(schedules);
        // One order for every node, so that two deployments at once cannot deadlock.
        sorted.sort(Comparator.comparing(DeployedSchedule::script).thenComparing(DeployedSchedule::expression));
        inTransaction(connection -> {
            Set<List<String>> wanted = new HashSet<>();
            for (DeployedSchedule s : sorted) {
                wanted.add(List.of(s.script(), s.expression()));
            }
            List<List<String>> gone = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                            "select script, expression from workflow_schedules order by script, expression");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    List<String> key = List.of(rows.getString(1), rows.getString(2));
                    if (!wanted.contains(key)) {
                        gone.add(key);
                    }
                }
            }
            try (PreparedStatement delete =
                    connection.prepareStatement("delete from workflow_schedules where script = ? and expression = ?")) {
                for (List<String> key : gone) {
                    delete.setString(1, key.get(0));
                    delete.setString(2, key.get(1));
                    delete.addBatch();
                }
                delete.executeBatch();
            }
            try (PreparedStatement upsert = connection.prepareStatement("""
                    insert into workflow_schedules (script, expression, cron, line, source, next_fire_at)
                    values (?, ?, ?, ?, ?, ?)
                    on conflict (script, expression) do update set
                        line = excluded.line, source = excluded.source, deployed_at = current_timestamp,
                        next_fire_at = case when workflow_schedules.cron = excluded.cron
                            then workflow_schedules.next_fire_at else excluded.next_fire_at end,
                        cron = excluded.cron
                    where (workflow_schedules.cron, workflow_schedules.line, workflow_schedules.source)
                        is distinct from (excluded.cron, excluded.line, excluded.source)
                    """)) {
                for (DeployedSchedule s : sorted) {
                    upsert.setString(1, s.script());
                    upsert.setString(2, s.expression());
                    upsert.setString(3, s.cron());
                    upsert.setLong(4, s.line());
                    upsert.setString(5, s.source());
                    upsert.setTimestamp(6, Timestamp.from(s.firstFireAt()));
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<Schedule> list() {
        return inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                            "select " + COLUMNS + " from workflow_schedules order by script, expression");
                    ResultSet rows = select.executeQuery()) {
                List<Schedule> schedules = new ArrayList<>();
                while (rows.next()) {
                    schedules.add(schedule(rows));
                }
                return schedules;
            }
        });
    }

    @Override
    public int fireDue(Instant now, int limit, Function<Schedule, Fired> fire) {
        requireNonNull(now, "now is null");
        requireNonNull(fire, "fire is null");
        return inTransaction(connection -> {
            List<Schedule> due = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("select " + COLUMNS
                    + " from workflow_schedules where next_fire_at <= ? order by next_fire_at limit ?"
                    + " for update skip locked")) {
                select.setTimestamp(1, Timestamp.from(now));
                select.setInt(2, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        due.add(schedule(rows));
                    }
                }
            }
            try (PreparedStatement update = connection.prepareStatement("""
                    update workflow_schedules set next_fire_at = ?,
                        last_fired_at = coalesce(?, last_fired_at),
                        last_execution_id = coalesce(?, last_execution_id), last_error = ?
                    where script = ? and expression = ?
                    """)) {
                for (Schedule schedule : due) {
                    Fired fired = fire.apply(schedule);
                    update.setTimestamp(1, Timestamp.from(fired.nextFireAt()));
                    update.setTimestamp(
                            2, fired.lastFiredAt().map(Timestamp::from).orElse(null));
                    update.setString(3, fired.lastExecutionId().orElse(null));
                    update.setString(4, fired.lastError().orElse(null));
                    update.setString(5, schedule.script());
                    update.setString(6, schedule.expression());
                    update.executeUpdate();
                }
            }
            return due.size();
        });
    }

    @Override
    public void deployHandlers(List<EventHandler> handlers) {
        requireNonNull(handlers, "handlers is null");
        inTransaction(connection -> {
            new EventHandlersRepository(connection).deploy(handlers);
            return null;
        });
    }

    @Override
    public List<RowHandler> deployRowHandlers(List<RowHandler> handlers) {
        requireNonNull(handlers, "handlers is null");
        return inTransaction(connection -> new RowHandlersRepository(connection).deploy(handlers));
    }

    @Override
    public List<EventHandler> handlers() {
        return inTransaction(connection -> new EventHandlersRepository(connection).list());
    }

    @Override
    public boolean register(ScheduleRegistration registration) {
        requireNonNull(registration, "registration is null");
        return inTransaction(connection -> new RegisteredSchedulesRepository(connection).register(registration));
    }

    @Override
    public List<RegisteredSchedule> registered() {
        return inTransaction(connection -> new RegisteredSchedulesRepository(connection).list());
    }

    @Override
    public boolean unregister(String id) {
        requireNonNull(id, "id is null");
        return inTransaction(connection -> new RegisteredSchedulesRepository(connection).remove(id));
    }

    @Override
    public int fireDueRegistered(Instant now, int limit, Function<RegisteredSchedule, Fired> fire) {
        requireNonNull(now, "now is null");
        requireNonNull(fire, "fire is null");
        return inTransaction(connection -> new RegisteredSchedulesRepository(connection).fireDue(now, limit, fire));
    }

    private static Schedule schedule(ResultSet row) throws SQLException {
        return new Schedule(
                row.getString("script"),
                row.getString("expression"),
                row.getString("cron"),
                row.getInt("line"),
                row.getString("source"),
                row.getTimestamp("next_fire_at").toInstant(),
                Optional.ofNullable(row.getTimestamp("last_fired_at")).map(Timestamp::toInstant),
                Optional.ofNullable(row.getString("last_execution_id")),
                Optional.ofNullable(row.getString("last_error")));
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                try {
                    connection.setAutoCommit(autoCommit);
                } catch (SQLException ignored) {
                    // the pool discards a broken connection
                }
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("the schedules table cannot be read or written: " + e.getMessage(), e);
        }
    }
}
