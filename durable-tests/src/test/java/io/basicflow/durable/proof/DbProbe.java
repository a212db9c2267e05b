package io.basicflow.durable.proof;

import static java.util.Objects.requireNonNull;

import io.basicflow.persistence.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads the engine's tables directly (its own unpooled connections), to decide when to kill a
 * worker and to check what the engine wrote. Every method opens and closes a connection.
 */
final class DbProbe {

    private final TestDatabase database;

    DbProbe(TestDatabase database) {
        this.database = requireNonNull(database, "database is null");
    }

    /** One execution row, as far as the tests care; {@code lastSeq} is its newest committed event (light commits append events past the row's last_seq). */
    record Row(
            String id,
            String status,
            long version,
            long lastSeq,
            long snapshotSeq,
            Optional<String> leaseOwner,
            Optional<Long> leaseExpiresMicros,
            String lastEventType) {}

    /** The type of the last event of a row {@code ev}: a packed commit's last event's. */
    private static final String LAST_TYPE =
            "case when ev.type = 'EventsPacked' then ev.payload -> 'events' -> -1 ->> 'type' else ev.type end";

    /** The number of the last event of a row {@code ev}: a packed commit is keyed by its first. */
    private static final String LAST_SEQ =
            "ev.seq + case when ev.type = 'EventsPacked' then json_array_length(ev.payload -> 'events') - 1 else 0 end";

    /** One outbox row. */
    record Message(long seq, String text) {}

    /**
     * Commits so far that appended events to the executions whose id starts with a prefix: each
     * commit, light or full, appends its events in one transaction, so they share its transaction id
     * (a light commit leaves the row and its version as they are).
     */
    long commits(String prefix) {
        return single("select count(distinct xmin::text) from workflow_events where execution_id like ?", prefix + "%");
    }

    /**
     * Events so far of the executions whose id starts with a prefix, read from the view that unpacks a
     * stored run of plain steps ({@code StepsCompleted}) and a packed commit ({@code EventsPacked}).
     */
    long events(String prefix) {
        return single("select count(*) from workflow_events_unpacked where execution_id like ?", prefix + "%");
    }

    /** How many executions with the prefix have not ended. */
    long unfinished(String prefix) {
        return single(
                "select count(*) from workflow_executions where id like ?"
                        + " and status not in ('COMPLETED', 'FAILED', 'CANCELLED')",
                prefix + "%");
    }

    /** How many executions with a prefix have each status (and last event type, for running ones). */
    Map<String, Long> census(String prefix) {
        Map<String, Long> census = new TreeMap<>();
        query("""
                select e.status || case when e.status = 'RUNNING' then '/' || %s else '' end, count(*)
                from workflow_executions e
                join workflow_events ev on ev.execution_id = e.id
                    and ev.seq = (select max(seq) from workflow_events l where l.execution_id = e.id)
                where e.id like ? group by 1
                """.formatted(LAST_TYPE), prefix + "%", result -> census.put(result.getString(1), result.getLong(2)));
        return census;
    }

    /** The rows of the executions with a prefix, by id, each with the type of its last event. */
    Map<String, Row> rows(String prefix) {
        String sql = """
                select e.id, e.status, e.version, %s, e.snapshot_seq, e.lease_owner,
                       (extract(epoch from e.lease_expires_at) * 1000000)::bigint, %s
                from workflow_executions e
                join workflow_events ev on ev.execution_id = e.id
                    and ev.seq = (select max(seq) from workflow_events l where l.execution_id = e.id)
                where e.id like ? order by e.id
                """.formatted(LAST_SEQ, LAST_TYPE);
        Map<String, Row> rows = new LinkedHashMap<>();
        query(sql, prefix + "%", result -> {
            long expires = result.getLong(7);
            boolean hasLease = !result.wasNull();
            rows.put(
                    result.getString(1),
                    new Row(
                            result.getString(1),
                            result.getString(2),
                            result.getLong(3),
                            result.getLong(4),
                            result.getLong(5),
                            Optional.ofNullable(result.getString(6)),
                            hasLease ? Optional.of(expires) : Optional.empty(),
                            result.getString(8)));
        });
        return rows;
    }

    /** The outbox of one execution, by seq. */
    List<Message> outbox(String executionId) {
        List<Message> messages = new ArrayList<>();
        query(
                "select seq, message from workflow_outbox where execution_id = ? order by seq, id",
                executionId,
                result -> messages.add(new Message(result.getLong(1), result.getString(2))));
        return messages;
    }

    /** When the events of a type of one execution were committed (the database's clock, microseconds). */
    List<Long> eventTimes(String executionId, String type) {
        List<Long> times = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        // an event in a packed commit (EventsPacked, one row) has its row's commit time
                        "select (extract(epoch from ev.created_at) * 1000000)::bigint from workflow_events ev"
                                + " cross join lateral (select ev.type::text as type where ev.type <> 'EventsPacked'"
                                + " union all select p ->> 'type' from json_array_elements("
                                + " case when ev.type = 'EventsPacked' then ev.payload -> 'events' else '[]'::json end) p) t"
                                + " where ev.execution_id = ? and t.type = ? order by ev.seq")) {
            statement.setString(1, executionId);
            statement.setString(2, type);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    times.add(result.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read event times: " + e.getMessage(), e);
        }
        return times;
    }

    /** The database's clock, in microseconds since the epoch. */
    long nowMicros() {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement("select clock_timestamp()");
                ResultSet result = statement.executeQuery()) {
            result.next();
            Timestamp now = result.getTimestamp(1);
            return now.getTime() / 1000 * 1_000_000 + now.getNanos() / 1000;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database clock: " + e.getMessage(), e);
        }
    }

    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private long single(String sql, String parameter) {
        long[] value = new long[1];
        query(sql, parameter, result -> value[0] = result.getLong(1));
        return value[0];
    }

    private void query(String sql, String parameter, RowReader reader) {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    reader.read(result);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }
}
