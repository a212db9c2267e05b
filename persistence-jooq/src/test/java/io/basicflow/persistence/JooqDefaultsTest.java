package io.basicflow.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import org.jooq.impl.DSL;
import org.jooq.tools.JooqLogger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starting a {@link Database} silences only jOOQ's misleading database-version warning; the embedding
 * application's own jOOQ keeps its warnings (a global threshold would have silenced them all).
 */
@ExtendWith(PostgresExtension.class)
class JooqDefaultsTest {

    @Test
    void onlyTheVersionWarningIsSilencedOtherJooqWarningsStillLog(TestDatabase testDatabase) throws Exception {
        Database database = testDatabase.startDatabase();
        try {
            database.dsl().fetchValue("select 1");

            JooqLogger applicationLogger = JooqLogger.getLogger(DSL.class);
            assertThat(applicationLogger.isWarnEnabled())
                    .as("a jOOQ logger other than the version check's still warns")
                    .isTrue();
            // the logger jOOQ's DefaultExecuteContext (package-private) checks the database version with
            JooqLogger versionLogger = JooqLogger.getLogger("org.jooq.impl.DefaultExecuteContext.logVersionSupport");
            assertThat(versionLogger.isWarnEnabled()).isFalse();
            assertThat(System.getProperty(JooqDefaults.VERSION_LOGGER_PROPERTY)).isEqualTo("ERROR");
        } finally {
            database.close();
        }
    }

    @Test
    void aThresholdTheApplicationSetItselfWins() {
        String before = System.getProperty(JooqDefaults.VERSION_LOGGER_PROPERTY);
        System.setProperty(JooqDefaults.VERSION_LOGGER_PROPERTY, "WARN");
        try {
            JooqDefaults.apply();
            assertThat(System.getProperty(JooqDefaults.VERSION_LOGGER_PROPERTY)).isEqualTo("WARN");
        } finally {
            if (before == null) {
                System.clearProperty(JooqDefaults.VERSION_LOGGER_PROPERTY);
            } else {
                System.setProperty(JooqDefaults.VERSION_LOGGER_PROPERTY, before);
            }
        }
    }
}
