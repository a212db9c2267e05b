package io.basicflow.durable;

import io.basicflow.persistence.testing.DurableFixture;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** What the schedule tests share: a clock the test sets, and the executions a schedule started. */
final class ScheduleTesting {

    private ScheduleTesting() {}

    /** A clock the test sets, in UTC. */
    static final class TestClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>();

        TestClock(String start) {
            now.set(Instant.parse(start));
        }

        void set(String time) {
            now.set(Instant.parse(time));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    /** The execution ids that start with a prefix (the test database keeps other tests' executions). */
    static List<String> ids(DurableFixture fixture, String prefix) {
        List<String> ids = new ArrayList<>();
        try (Connection connection = fixture.database().dataSource().getConnection();
                PreparedStatement select =
                        connection.prepareStatement("select id from workflow_executions where id like ? order by id")) {
            select.setString(1, prefix + "%");
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }
}
