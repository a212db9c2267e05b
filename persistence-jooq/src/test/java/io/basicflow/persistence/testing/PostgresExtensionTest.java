package io.basicflow.persistence.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class PostgresExtensionTest {

    private final TestDatabase fromConstructor;

    PostgresExtensionTest(TestDatabase database) {
        this.fromConstructor = database;
    }

    @Test
    void everyParameterOfAClassGetsTheSameMigratedDatabase(TestDatabase database) throws SQLException {
        assertThat(database.name()).isEqualTo(fromConstructor.name()).contains("postgresextensiontest");
        assertThat(count(database, "select count(*) from workflow_executions")).isZero();
    }

    @Test
    void freshDatabasesAreSeparateCopiesOfTheTemplate(TestPostgresServer server) throws SQLException {
        try (TestDatabase first = server.createDatabase("first");
                TestDatabase second = server.createDatabase("second")) {
            execute(
                    first,
                    "insert into workflow_scripts (hash, name, source) values"
                            + " (encode(sha256(convert_to('TALK 1', 'UTF8')), 'hex'), 'one.bas', 'TALK 1')");

            assertThat(count(first, "select count(*) from workflow_scripts")).isEqualTo(1);
            assertThat(count(second, "select count(*) from workflow_scripts")).isZero();
        }
    }

    @Test
    void closingATestDatabaseDropsIt(TestPostgresServer server) throws SQLException {
        TestDatabase dropped = server.createDatabase("dropped");
        dropped.close();

        try (TestDatabase probe = server.createDatabase("probe")) {
            assertThat(count(probe, "select count(*) from pg_database where datname = '" + dropped.name() + "'"))
                    .isZero();
        }
    }

    @Test
    void terminatingConnectionsEndsEverySessionOfTheDatabase(TestDatabase database) throws SQLException {
        try (Connection first = database.dataSource().getConnection();
                Connection second = database.dataSource().getConnection()) {
            assertThat(database.connectionCount()).isEqualTo(2);

            assertThat(database.terminateConnections()).isEqualTo(2);

            assertThat(first.isValid(2)).isFalse();
            assertThat(second.isValid(2)).isFalse();
        }
        assertThat(count(database, "select 1")).isEqualTo(1);
    }

    @Nested
    class NestedClasses {

        @Test
        void shareTheDatabaseOfTheirOuterClass(TestDatabase database) {
            assertThat(database.name()).isEqualTo(fromConstructor.name());
        }
    }

    private static int count(TestDatabase database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getInt(1);
        }
    }

    private static void execute(TestDatabase database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
