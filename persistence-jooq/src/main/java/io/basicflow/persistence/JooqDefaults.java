package io.basicflow.persistence;

import java.util.concurrent.atomic.AtomicBoolean;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.LoggerFactory;

/**
 * Keeps jOOQ quiet inside an application that embeds basicflow, without changing how the
 * application's own jOOQ logs. jOOQ is an implementation detail here: its start-up banner and tips,
 * and its warning that PostgreSQL 17 is "older than what dialect POSTGRES supports" (the open-source
 * edition knows only the newest version; basicflow runs on 14 and later), say nothing an integrator
 * can act on.
 *
 * <p>jOOQ has no per-{@code Configuration} switch for any of these: the banner and tips are read
 * from the system properties {@code org.jooq.no-logo} and {@code org.jooq.no-tips}, and the version
 * warning comes from one static logger of {@code DefaultExecuteContext}. So basicflow sets, only when
 * the application has not set them itself, those two properties and the one logger's own threshold
 * property ({@value #VERSION_LOGGER_PROPERTY}{@code =ERROR}) — never jOOQ's global threshold, so every
 * other jOOQ warning (the application's queries included) still logs. {@code
 * -Dbasicflow.jooq.warnings=true} keeps the version warning too.
 */
final class JooqDefaults {

    /** jOOQ's threshold property for the logger of its database-version check, and only that one. */
    static final String VERSION_LOGGER_PROPERTY = "org.jooq.log.org.jooq.impl.DefaultExecuteContext.logVersionSupport";

    private static final AtomicBoolean WARMED = new AtomicBoolean();

    private JooqDefaults() {}

    /** Applies the defaults, before the first jOOQ class logs anything; repeating it changes nothing. */
    static void apply() {
        setIfAbsent("org.jooq.no-logo", "true");
        setIfAbsent("org.jooq.no-tips", "true");
        if (!Boolean.getBoolean("basicflow.jooq.warnings")) {
            setIfAbsent(VERSION_LOGGER_PROPERTY, "ERROR");
        }
    }

    /**
     * Loads and initialises jOOQ's rendering on a daemon thread, while the caller waits for the
     * database (the embedded server's start, the first connections): the first query then does not
     * pay for it. Renders one query to a string; touches no database; a failure is only logged.
     */
    static void warmUpInBackground() {
        if (!WARMED.compareAndSet(false, true)) {
            return;
        }
        Thread.ofPlatform().daemon().name("basicflow-jooq-warmup").start(() -> {
            try {
                DSL.using(SQLDialect.POSTGRES)
                        .render(DSL.select(DSL.field("id"))
                                .from(DSL.table("warmup"))
                                .where(DSL.field("id").eq(DSL.val("x")))
                                .forUpdate()
                                .skipLocked());
            } catch (RuntimeException | LinkageError e) {
                LoggerFactory.getLogger(JooqDefaults.class).debug("warming jOOQ up failed", e);
            }
        });
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
