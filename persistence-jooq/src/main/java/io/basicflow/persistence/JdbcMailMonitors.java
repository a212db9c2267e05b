package io.basicflow.persistence;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.store.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
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
import java.util.OptionalLong;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The deployed e-mail monitors ({@code ON EMAIL "address" … END ON}, table {@code workflow_mail_monitors},
 * migration V116) and their mailbox positions, with plain JDBC on the engine's database. A poller reads
 * the mailbox and calls {@link #record} once per new message: the start and the new position commit
 * together, so each message starts its handler exactly once whoever polls and whenever a poller stops.
 */
public final class JdbcMailMonitors {

    private final DataSource dataSource;

    /**
     * Monitors on a data source of a database migrated to V116 or later.
     *
     * @param dataSource the connections
     */
    public JdbcMailMonitors(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
    }

    /**
     * Monitors on a started database.
     *
     * @param database the engine's database
     */
    public JdbcMailMonitors(Database database) {
        this(requireNonNull(database, "database is null").dataSource());
    }

    /**
     * A monitor as a script declares it.
     *
     * @param script the declaring script's name
     * @param line the line of its {@code ON EMAIL}
     * @param address the monitored address
     * @param from the {@code FROM} filter
     * @param subject the {@code SUBJECT} filter
     * @param source the handler's script text
     */
    public record Declared(
            String script, int line, String address, Optional<String> from, Optional<String> subject, String source) {

        /**
         * Validates the parts.
         *
         * @param script not null
         * @param line the line
         * @param address not blank
         * @param from not null
         * @param subject not null
         * @param source not null
         */
        public Declared {
            requireNonNull(script, "script is null");
            requireNonNull(address, "address is null");
            requireNonNull(from, "from is null");
            requireNonNull(subject, "subject is null");
            requireNonNull(source, "source is null");
            if (address.isBlank()) {
                throw new IllegalArgumentException("address is blank");
            }
        }

        /**
         * The monitor's id: a UUID made of the script, the address and the filters, so that a deployment that
         * keeps them keeps the monitor (and its position in the mailbox) wherever the block moves.
         *
         * @return the id
         */
        public String id() {
            String key = script + "\n" + address.strip().toLowerCase(java.util.Locale.ROOT) + "\n"
                    + from.orElse("\u0000") + "\n" + subject.orElse("\u0000");
            return UUID.nameUUIDFromBytes(("mail-monitor\n" + key).getBytes(StandardCharsets.UTF_8))
                    .toString();
        }
    }

    /**
     * A deployed monitor and its position.
     *
     * @param id its id ({@link Declared#id})
     * @param script the declaring script
     * @param line the line of its {@code ON EMAIL}
     * @param address the monitored address
     * @param from the {@code FROM} filter
     * @param subject the {@code SUBJECT} filter
     * @param source the handler's script text
     * @param uidValidity the mailbox's UIDVALIDITY at the last poll; empty before the first
     * @param lastUid the UID of the last message handled (started or filtered out)
     */
    public record Monitor(
            String id,
            String script,
            int line,
            String address,
            Optional<String> from,
            Optional<String> subject,
            String source,
            OptionalLong uidValidity,
            long lastUid) {}

    /** What {@link #record} did with one message. */
    public enum Outcome {
        /** The start was added and the position moved past the message. */
        STARTED,
        /** The message was filtered out: the position moved past it and nothing started. */
        SKIPPED,
        /** Another poller handled the message (or the mailbox was renumbered) first: nothing changed. */
        ALREADY_HANDLED,
        /** The monitor is no longer deployed. */
        GONE
    }

    /**
     * Replaces the deployed monitors: a kept one keeps its position and gets its new line and text.
     *
     * @param declared the monitors the scripts declare now
     */
    public void deploy(List<Declared> declared) {
        List<Declared> sorted = new ArrayList<>(declared);
        sorted.sort(Comparator.comparing(Declared::id));
        inTransaction(connection -> {
            List<String> ids = sorted.stream().map(Declared::id).distinct().toList();
            try (PreparedStatement delete =
                    connection.prepareStatement("delete from workflow_mail_monitors where not (id = any (?))")) {
                delete.setArray(1, connection.createArrayOf("varchar", ids.toArray()));
                delete.executeUpdate();
            }
            try (PreparedStatement upsert = connection.prepareStatement("""
                    insert into workflow_mail_monitors (id, script, line, address, filter_from, filter_subject, source)
                    values (?, ?, ?, ?, ?, ?, ?)
                    on conflict (id) do update set line = excluded.line, source = excluded.source,
                        deployed_at = current_timestamp
                    where (workflow_mail_monitors.line, workflow_mail_monitors.source)
                        is distinct from (excluded.line, excluded.source)
                    """)) {
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (Declared d : sorted) {
                    if (!seen.add(d.id())) {
                        continue; // the same monitor twice in one script: one monitor, the first block
                    }
                    upsert.setString(1, d.id());
                    upsert.setString(2, d.script());
                    upsert.setLong(3, d.line());
                    upsert.setString(4, d.address().strip());
                    upsert.setString(5, d.from().orElse(null));
                    upsert.setString(6, d.subject().orElse(null));
                    upsert.setString(7, d.source());
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
                            select id, script, line, address, filter_from, filter_subject, source, uid_validity, last_uid
                            from workflow_mail_monitors order by script, line
                            """);
                    ResultSet rows = select.executeQuery()) {
                List<Monitor> monitors = new ArrayList<>();
                while (rows.next()) {
                    long validity = rows.getLong(8);
                    OptionalLong uidValidity = rows.wasNull() ? OptionalLong.empty() : OptionalLong.of(validity);
                    monitors.add(new Monitor(
                            rows.getString(1),
                            rows.getString(2),
                            (int) rows.getLong(3),
                            rows.getString(4),
                            Optional.ofNullable(rows.getString(5)),
                            Optional.ofNullable(rows.getString(6)),
                            rows.getString(7),
                            uidValidity,
                            rows.getLong(9)));
                }
                return monitors;
            }
        });
    }

    /**
     * Sets a monitor's position to a mailbox's current end (its first poll, or a mailbox renumbered with a new
     * UIDVALIDITY), if no other poller moved it since {@code seen} was read.
     *
     * @param seen the monitor as read
     * @param uidValidity the mailbox's UIDVALIDITY
     * @param lastUid the highest UID in the mailbox now (UIDNEXT - 1)
     * @return whether the position was set
     */
    public boolean baseline(Monitor seen, long uidValidity, long lastUid) {
        return inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    update workflow_mail_monitors set uid_validity = ?, last_uid = ?, last_polled_at = now(),
                        last_error = null
                    where id = ? and uid_validity is not distinct from ? and last_uid = ?
                    """)) {
                update.setLong(1, uidValidity);
                update.setLong(2, lastUid);
                update.setString(3, seen.id());
                if (seen.uidValidity().isPresent()) {
                    update.setLong(4, seen.uidValidity().getAsLong());
                } else {
                    update.setNull(4, java.sql.Types.BIGINT);
                }
                update.setLong(5, seen.lastUid());
                return update.executeUpdate() == 1;
            }
        });
    }

    /**
     * Handles one message of a monitor's mailbox, in one transaction: when the monitor's position is still
     * before the message, adds the start (when {@code paramsJson} is present: the message passed the filters)
     * and moves the position to the message.
     *
     * @param monitorId the monitor
     * @param uidValidity the mailbox's UIDVALIDITY
     * @param uid the message's UID
     * @param paramsJson the handler's {@code params}, as JSON; empty for a message the filters leave out
     * @param now the start's time
     * @return what was done
     */
    public Outcome record(String monitorId, long uidValidity, long uid, Optional<String> paramsJson, Instant now) {
        return inTransaction(connection -> {
            String script;
            String source;
            String address;
            try (PreparedStatement lock = connection.prepareStatement("""
                    select uid_validity, last_uid, script, source, address from workflow_mail_monitors
                    where id = ? for update
                    """)) {
                lock.setString(1, monitorId);
                try (ResultSet row = lock.executeQuery()) {
                    if (!row.next()) {
                        return Outcome.GONE;
                    }
                    long validity = row.getLong(1);
                    boolean known = !row.wasNull();
                    if (!known || validity != uidValidity || row.getLong(2) >= uid) {
                        return Outcome.ALREADY_HANDLED;
                    }
                    script = row.getString(3);
                    source = row.getString(4);
                    address = row.getString(5);
                }
            }
            if (paramsJson.isPresent()) {
                try (PreparedStatement insert = connection.prepareStatement("""
                        insert into workflow_registered_schedules
                            (id, script, source, variables, next_fire_at, registered_by)
                        values (?, ?, ?, json_build_object('params', cast(? as json)), ?, ?)
                        on conflict (id) do nothing
                        """)) {
                    insert.setString(1, startId(monitorId, uidValidity, uid));
                    insert.setString(2, script);
                    insert.setString(3, source);
                    insert.setString(4, paramsJson.get());
                    insert.setTimestamp(5, Timestamp.from(now));
                    String by = "ON EMAIL \"" + address + "\" (message " + uid + " of " + uidValidity + ")";
                    insert.setString(6, by.length() > 200 ? by.substring(0, 200) : by);
                    insert.executeUpdate();
                }
            }
            try (PreparedStatement update = connection.prepareStatement("""
                    update workflow_mail_monitors set last_uid = ?, last_polled_at = now(), last_error = null
                    where id = ?
                    """)) {
                update.setLong(1, uid);
                update.setString(2, monitorId);
                update.executeUpdate();
            }
            return paramsJson.isPresent() ? Outcome.STARTED : Outcome.SKIPPED;
        });
    }

    /**
     * Notes a poll that could not read the mailbox (the position stays).
     *
     * @param monitorId the monitor
     * @param error what went wrong
     */
    public void failed(String monitorId, String error) {
        inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "update workflow_mail_monitors set last_error = ?, last_polled_at = now() where id = ?")) {
                update.setString(1, error);
                update.setString(2, monitorId);
                update.executeUpdate();
            }
            return null;
        });
    }

    /**
     * The id of the start (and of the execution) of one message: the monitor, the mailbox's UIDVALIDITY and
     * the message's UID.
     *
     * @param monitorId the monitor
     * @param uidValidity the mailbox's UIDVALIDITY
     * @param uid the message's UID
     * @return the id
     */
    public static String startId(String monitorId, long uidValidity, long uid) {
        return "mail:" + monitorId + ":" + uidValidity + ":" + uid;
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
            throw new StoreUnavailableException("the mail monitors could not be read or written: " + e.getMessage(), e);
        }
    }
}
