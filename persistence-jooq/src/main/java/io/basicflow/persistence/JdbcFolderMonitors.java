package io.basicflow.persistence;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.store.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The deployed folder monitors ({@code ON CHANGE "path" … END ON}, tables {@code workflow_folder_monitors} and
 * {@code workflow_folder_files}, migration V117) and the state of their last scan, with plain JDBC on the
 * engine's database. A poller scans the folder and calls {@link #apply}: the diff against the stored state,
 * the starts of the changes and the new state commit together, with the monitor's row locked, so each change
 * starts its handler exactly once whoever scans and whenever a scanner stops.
 */
public final class JdbcFolderMonitors {

    private final DataSource dataSource;

    /**
     * Monitors on a data source of a database migrated to V117 or later.
     *
     * @param dataSource the connections
     */
    public JdbcFolderMonitors(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
    }

    /**
     * Monitors on a started database.
     *
     * @param database the engine's database
     */
    public JdbcFolderMonitors(Database database) {
        this(requireNonNull(database, "database is null").dataSource());
    }

    /**
     * A monitor as a script declares it.
     *
     * @param script the declaring script's name
     * @param line the line of its {@code ON CHANGE}
     * @param folder the watched folder, relative to the bot's storage folder
     * @param events the events it starts for: {@code create}, {@code modify}, {@code delete}
     * @param source the handler's script text
     */
    public record Declared(String script, int line, String folder, Set<String> events, String source) {

        /**
         * Validates the parts.
         *
         * @param script not null
         * @param line the line
         * @param folder not null
         * @param events not empty
         * @param source not null
         */
        public Declared {
            requireNonNull(script, "script is null");
            requireNonNull(folder, "folder is null");
            requireNonNull(source, "source is null");
            events = Set.copyOf(requireNonNull(events, "events is null"));
            if (events.isEmpty()) {
                throw new IllegalArgumentException("events is empty");
            }
        }

        /**
         * The monitor's id: a UUID made of the script, the folder and the events, so that a deployment that
         * keeps them keeps the monitor (and its scan state) wherever the block moves.
         *
         * @return the id
         */
        public String id() {
            return UUID.nameUUIDFromBytes(("folder-monitor\n" + script + "\n" + folder + "\n" + eventsText(events))
                            .getBytes(StandardCharsets.UTF_8))
                    .toString();
        }
    }

    /**
     * A deployed monitor.
     *
     * @param id its id
     * @param script the declaring script
     * @param line the line of its {@code ON CHANGE}
     * @param folder the watched folder, relative to the bot's storage folder
     * @param events the events it starts for
     * @param source the handler's script text
     * @param scanned whether its first scan (the baseline) was taken
     */
    public record Monitor(
            String id, String script, int line, String folder, Set<String> events, String source, boolean scanned) {}

    /**
     * A file's state.
     *
     * @param size its size in bytes
     * @param modifiedAt its modification time (microseconds, as PostgreSQL keeps it)
     * @param hash its content's SHA-256, hex
     */
    public record FileState(long size, Instant modifiedAt, String hash) {

        /**
         * Normalises the time to microseconds.
         *
         * @param size the size
         * @param modifiedAt the time
         * @param hash the hash
         */
        public FileState {
            modifiedAt = modifiedAt.truncatedTo(ChronoUnit.MICROS);
        }
    }

    /**
     * A file as a scan found it, before its content is hashed.
     *
     * @param size its size
     * @param modifiedAt its modification time
     */
    public record Scanned(long size, Instant modifiedAt) {

        /**
         * Normalises the time to microseconds.
         *
         * @param size the size
         * @param modifiedAt the time
         */
        public Scanned {
            modifiedAt = modifiedAt.truncatedTo(ChronoUnit.MICROS);
        }
    }

    /**
     * One change of a folder.
     *
     * @param event {@code create}, {@code modify} or {@code delete}
     * @param path the file's path, relative to the watched folder
     * @param state the file's new state (its last known one for a delete)
     */
    public record Change(String event, String path, FileState state) {}

    /**
     * Replaces the deployed monitors: a kept one keeps its scan state and gets its new line and text.
     *
     * @param declared the monitors the scripts declare now
     */
    public void deploy(List<Declared> declared) {
        List<Declared> sorted = new ArrayList<>(declared);
        sorted.sort(Comparator.comparing(Declared::id));
        inTransaction(connection -> {
            List<String> ids = sorted.stream().map(Declared::id).distinct().toList();
            java.sql.Array wanted = connection.createArrayOf("varchar", ids.toArray());
            try (PreparedStatement delete = connection.prepareStatement(
                            "delete from workflow_folder_monitors where not (id = any (?))");
                    PreparedStatement files = connection.prepareStatement(
                            "delete from workflow_folder_files where not (monitor_id = any (?))")) {
                delete.setArray(1, wanted);
                delete.executeUpdate();
                files.setArray(1, wanted);
                files.executeUpdate();
            }
            try (PreparedStatement upsert = connection.prepareStatement("""
                    insert into workflow_folder_monitors (id, script, line, folder, events, source)
                    values (?, ?, ?, ?, ?, ?)
                    on conflict (id) do update set line = excluded.line, source = excluded.source,
                        deployed_at = current_timestamp
                    where (workflow_folder_monitors.line, workflow_folder_monitors.source)
                        is distinct from (excluded.line, excluded.source)
                    """)) {
                Set<String> seen = new java.util.HashSet<>();
                for (Declared d : sorted) {
                    if (!seen.add(d.id())) {
                        continue;
                    }
                    upsert.setString(1, d.id());
                    upsert.setString(2, d.script());
                    upsert.setLong(3, d.line());
                    upsert.setString(4, d.folder());
                    upsert.setString(5, eventsText(d.events()));
                    upsert.setString(6, d.source());
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
            return null;
        });
    }

    /**
     * The deployed monitors, by script and line.
     *
     * @return the monitors
     */
    public List<Monitor> list() {
        return inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                            select id, script, line, folder, events, source, scanned_at is not null
                            from workflow_folder_monitors order by script, line
                            """);
                    ResultSet rows = select.executeQuery()) {
                List<Monitor> monitors = new ArrayList<>();
                while (rows.next()) {
                    monitors.add(new Monitor(
                            rows.getString(1),
                            rows.getString(2),
                            (int) rows.getLong(3),
                            rows.getString(4),
                            Set.of(rows.getString(5).split(",")),
                            rows.getString(6),
                            rows.getBoolean(7)));
                }
                return monitors;
            }
        });
    }

    /**
     * The state of a monitor's last scan.
     *
     * @param monitorId the monitor
     * @return each file's state, by path
     */
    public Map<String, FileState> state(String monitorId) {
        return inTransaction(connection -> read(connection, monitorId));
    }

    /**
     * Diffs a scan against the stored state and records it, in one transaction with the monitor's row locked:
     * adds one start per change the monitor starts for ({@code paramsJson} gives its {@code params}) and
     * stores the new state. The first scan of a monitor only stores the state.
     *
     * @param monitorId the monitor
     * @param scan the files found, by path relative to the watched folder
     * @param hashOf the content hash of a found file; null when it can no longer be read (left for the next scan)
     * @param paramsJson the handler's {@code params} of a change, as JSON
     * @param now the starts' time
     * @return the changes started, empty when the monitor is no longer deployed
     */
    public Optional<List<Change>> apply(
            String monitorId,
            Map<String, Scanned> scan,
            Function<String, String> hashOf,
            Function<Change, String> paramsJson,
            Instant now) {
        return inTransaction(connection -> {
            String script;
            String source;
            String folder;
            Set<String> events;
            boolean scanned;
            try (PreparedStatement lock = connection.prepareStatement("""
                    select script, source, folder, events, scanned_at is not null from workflow_folder_monitors
                    where id = ? for update
                    """)) {
                lock.setString(1, monitorId);
                try (ResultSet row = lock.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    script = row.getString(1);
                    source = row.getString(2);
                    folder = row.getString(3);
                    events = Set.of(row.getString(4).split(","));
                    scanned = row.getBoolean(5);
                }
            }
            Map<String, FileState> stored = read(connection, monitorId);
            List<Change> changes = new ArrayList<>();
            Map<String, FileState> upserts = new TreeMap<>();
            for (Map.Entry<String, Scanned> found : new TreeMap<>(scan).entrySet()) {
                String path = found.getKey();
                Scanned now1 = found.getValue();
                FileState before = stored.get(path);
                if (before != null
                        && before.size() == now1.size()
                        && before.modifiedAt().equals(now1.modifiedAt())) {
                    continue;
                }
                String hash = hashOf.apply(path);
                if (hash == null) {
                    continue;
                }
                FileState after = new FileState(now1.size(), now1.modifiedAt(), hash);
                upserts.put(path, after);
                if (before == null) {
                    changes.add(new Change("create", path, after));
                } else if (!before.hash().equals(hash)) {
                    changes.add(new Change("modify", path, after));
                }
            }
            List<String> gone = new ArrayList<>();
            for (Map.Entry<String, FileState> known : new TreeMap<>(stored).entrySet()) {
                if (!scan.containsKey(known.getKey())) {
                    gone.add(known.getKey());
                    changes.add(new Change("delete", known.getKey(), known.getValue()));
                }
            }
            List<Change> started = new ArrayList<>();
            if (scanned) {
                try (PreparedStatement insert = connection.prepareStatement("""
                        insert into workflow_registered_schedules
                            (id, script, source, variables, next_fire_at, registered_by)
                        values (?, ?, ?, json_build_object('params', cast(? as json)), ?, ?)
                        on conflict (id) do nothing
                        """)) {
                    for (Change change : changes) {
                        if (!events.contains(change.event())) {
                            continue;
                        }
                        insert.setString(1, startId(monitorId, change));
                        insert.setString(2, script);
                        insert.setString(3, source);
                        insert.setString(4, paramsJson.apply(change));
                        insert.setTimestamp(5, Timestamp.from(now));
                        String by = "ON CHANGE \"" + folder + "\" (" + change.event() + " " + change.path() + ")";
                        insert.setString(6, by.length() > 200 ? by.substring(0, 200) : by);
                        insert.addBatch();
                        started.add(change);
                    }
                    insert.executeBatch();
                }
            }
            try (PreparedStatement upsert = connection.prepareStatement("""
                            insert into workflow_folder_files (monitor_id, path, size, modified_at, content_hash)
                            values (?, ?, ?, ?, ?)
                            on conflict (monitor_id, path) do update set size = excluded.size,
                                modified_at = excluded.modified_at, content_hash = excluded.content_hash
                            """);
                    PreparedStatement delete = connection.prepareStatement(
                            "delete from workflow_folder_files where monitor_id = ? and path = ?")) {
                for (Map.Entry<String, FileState> e : upserts.entrySet()) {
                    upsert.setString(1, monitorId);
                    upsert.setString(2, e.getKey());
                    upsert.setLong(3, e.getValue().size());
                    upsert.setTimestamp(4, Timestamp.from(e.getValue().modifiedAt()));
                    upsert.setString(5, e.getValue().hash());
                    upsert.addBatch();
                }
                upsert.executeBatch();
                for (String path : gone) {
                    delete.setString(1, monitorId);
                    delete.setString(2, path);
                    delete.addBatch();
                }
                delete.executeBatch();
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "update workflow_folder_monitors set scanned_at = ?, last_error = null where id = ?")) {
                update.setTimestamp(1, Timestamp.from(now));
                update.setString(2, monitorId);
                update.executeUpdate();
            }
            return Optional.of(List.copyOf(started));
        });
    }

    /**
     * Notes a scan that could not read the folder (the state stays).
     *
     * @param monitorId the monitor
     * @param error what went wrong
     */
    public void failed(String monitorId, String error) {
        inTransaction(connection -> {
            try (PreparedStatement update =
                    connection.prepareStatement("update workflow_folder_monitors set last_error = ? where id = ?")) {
                update.setString(1, error);
                update.setString(2, monitorId);
                update.executeUpdate();
            }
            return null;
        });
    }

    /**
     * The id of the start (and of the execution) of one change: the monitor, the event, the path and the
     * file's state.
     *
     * @param monitorId the monitor
     * @param change the change
     * @return the id
     */
    public static String startId(String monitorId, Change change) {
        String key = change.path() + "\n" + change.state().size() + "\n"
                + change.state().modifiedAt() + "\n" + change.state().hash();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "change:" + monitorId + ":" + change.event() + ":"
                    + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, FileState> read(Connection connection, String monitorId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select path, size, modified_at, content_hash from workflow_folder_files where monitor_id = ?")) {
            select.setString(1, monitorId);
            try (ResultSet rows = select.executeQuery()) {
                Map<String, FileState> state = new HashMap<>();
                while (rows.next()) {
                    state.put(
                            rows.getString(1),
                            new FileState(rows.getLong(2), rows.getTimestamp(3).toInstant(), rows.getString(4)));
                }
                return state;
            }
        }
    }

    private static String eventsText(Set<String> events) {
        Set<String> ordered = new LinkedHashSet<>();
        for (String e : List.of("create", "modify", "delete")) {
            if (events.contains(e)) {
                ordered.add(e);
            }
        }
        for (String e : events) {
            ordered.add(e.toLowerCase(Locale.ROOT));
        }
        return String.join(",", ordered);
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException(
                    "the folder monitors could not be read or written: " + e.getMessage(), e);
        }
    }
}
