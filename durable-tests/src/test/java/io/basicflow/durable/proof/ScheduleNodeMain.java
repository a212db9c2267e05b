package io.basicflow.durable.proof;

import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.engine.durable.DurableSettings;
import io.basicflow.engine.schedule.Scheduler;
import io.basicflow.persistence.Database;
import io.basicflow.persistence.DatabaseConfig;
import io.basicflow.persistence.DurableRuntime;
import io.basicflow.persistence.JdbcScheduleStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

/**
 * A node in a child JVM as {@code basicflow serve} runs it for schedules: durable workers and a
 * {@link Scheduler} on the test database (system properties as for {@code WorkerMain}). Prints
 * {@code READY <owner>}; {@link ScheduleKillNineTest} kills it with SIGKILL.
 */
public final class ScheduleNodeMain {

    private ScheduleNodeMain() {}

    /**
     * Runs the node until standard input ends.
     *
     * @param args none
     * @throws IOException never in practice
     */
    public static void main(String[] args) throws IOException {
        Database database = new Database(DatabaseConfig.fromProperties(System::getProperty)).start();
        DurableRuntime runtime = DurableRuntime.builder(
                        database, KeywordCatalogue.discover(ScheduleNodeMain.class.getClassLoader()))
                .settings(DurableSettings.fromProperties(System::getProperty))
                .start();
        Scheduler scheduler = new Scheduler(
                        new JdbcScheduleStore(database),
                        runtime.engine(),
                        ZoneOffset.UTC,
                        Duration.ofSeconds(60),
                        Clock.systemUTC())
                .start(Duration.ofMillis(200));
        System.out.println("READY " + runtime.workers().orElseThrow().owner());
        System.out.flush();
        try (BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            while (input.readLine() != null) {
                // until the parent closes standard input
            }
        }
        scheduler.close();
        runtime.close();
        database.close();
        System.exit(0);
    }
}
