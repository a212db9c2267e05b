package io.basicflow.persistence;

import org.jooq.Log;
import org.jooq.tools.JooqLogger;

/**
 * Keeps jOOQ quiet inside an application that embeds basicflow. jOOQ is an implementation detail
 * here: its start-up banner and tips, and its warning that PostgreSQL 17 is "older than what dialect
 * POSTGRES supports" (the open-source edition knows only the newest version; basicflow runs on 14 and
 * later), say nothing an integrator can act on. A system property the application sets itself wins;
 * {@code -Dbasicflow.jooq.warnings=true} keeps jOOQ's warnings.
 */
final class JooqDefaults {

    private JooqDefaults() {}

    /** Applies the defaults once per JVM, before the first jOOQ class logs anything. */
    static void apply() {
        setIfAbsent("org.jooq.no-logo", "true");
        setIfAbsent("org.jooq.no-tips", "true");
        if (!Boolean.getBoolean("basicflow.jooq.warnings")) {
            JooqLogger.globalThreshold(Log.Level.ERROR);
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
