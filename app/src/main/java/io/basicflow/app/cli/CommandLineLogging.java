package io.basicflow.app.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * The command line's logging, set up in code (found by logback as a service): logs go to stderr so
 * that a conversation on stdout stays clean; the level is {@code basicflow.log.level} (system
 * property) or {@code BASICFLOW_LOG_LEVEL}, INFO by default (quiet commands set WARN first). The
 * libraries' chatter is kept at WARN. In code rather than a {@code logback.xml} because parsing the
 * XML was a fifth of a short command's start-up. {@code -Dlogback.configurationFile=FILE} still
 * replaces all of it.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class CommandLineLogging extends ContextAwareBase implements Configurator {

    private static final Map<String, Level> QUIETER = Map.of(
            "com.zaxxer.hikari", Level.WARN,
            "org.flywaydb", Level.WARN,
            "org.jooq", Level.WARN,
            // jOOQ open source knows PostgreSQL versions up to its release; 17 works, the notice is noise.
            "org.jooq.impl.DefaultExecuteContext.logVersionSupport", Level.ERROR,
            "org.eclipse.jetty", Level.WARN,
            "io.zonky", Level.WARN);

    /** Creates the configurator (logback does, through the service loader). */
    public CommandLineLogging() {}

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY; // the user's file, read by logback's own configurator
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        QUIETER.forEach((name, level) -> context.getLogger(name).setLevel(level));
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level(), Level.INFO));
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static String level() {
        String property = System.getProperty("basicflow.log.level");
        if (property != null) {
            return property;
        }
        String environment = System.getenv("BASICFLOW_LOG_LEVEL");
        return environment != null ? environment : "INFO";
    }
}
