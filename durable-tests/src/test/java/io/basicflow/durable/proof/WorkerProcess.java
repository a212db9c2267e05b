package io.basicflow.durable.proof;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.persistence.WorkerMain;
import io.basicflow.persistence.testing.ChildJvm;
import io.basicflow.persistence.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A durable engine worker in a real child JVM: the production entry point {@link WorkerMain} on the
 * test database, with the {@link EffectLogPlugin} (found through {@code META-INF/services}) logging
 * to a folder. Tests kill it with SIGKILL, as {@code kill -9} does.
 */
final class WorkerProcess implements AutoCloseable {

    /** Exit value of a JVM that SIGKILL ended: 128 + 9. */
    static final int SIGKILL_EXIT = 137;

    /** Settings of every test worker: short leases and polls, frequent commits and snapshots. */
    static final Map<String, String> FAST = Map.ofEntries(
            Map.entry("concurrency", "64"),
            Map.entry("poll-interval", "100ms"),
            Map.entry("lease-timeout", "2s"),
            Map.entry("heartbeat-interval", "300ms"),
            Map.entry("checkpoint-steps", "100"),
            Map.entry("checkpoint-interval", "50ms"),
            Map.entry("snapshot-interval", "250"),
            Map.entry("shutdown-timeout", "5s"),
            Map.entry("message-poll-interval", "50ms"));

    private final ChildJvm jvm;
    private final String owner;
    private final String node;

    private WorkerProcess(ChildJvm jvm, String owner, String node) {
        this.jvm = jvm;
        this.owner = owner;
        this.node = node;
    }

    /**
     * Starts a worker process and waits until it works.
     *
     * @param database the test database
     * @param effects the effect log folder
     * @param node its node name
     * @param settings {@code basicflow.durable.*} settings (without the prefix) over {@link #FAST}
     * @return the running worker
     */
    static WorkerProcess start(TestDatabase database, Path effects, String node, Map<String, String> settings) {
        return start(database, effects, node, settings, List.of());
    }

    /**
     * Starts a worker process with further JVM options (e.g. {@code -Dbasicflow.scripts.dir=…}) and
     * waits until it works.
     *
     * @param database the test database
     * @param effects the effect log folder
     * @param node its node name
     * @param settings {@code basicflow.durable.*} settings (without the prefix) over {@link #FAST}
     * @param jvmOptions more options of the child JVM
     * @return the running worker
     */
    static WorkerProcess start(
            TestDatabase database, Path effects, String node, Map<String, String> settings, List<String> jvmOptions) {
        requireNonNull(database, "database is null");
        Map<String, String> all = new LinkedHashMap<>(FAST);
        all.putAll(settings);
        all.put("node", node);
        List<String> options = databaseOptions(database);
        options.add("-D" + EffectLogPlugin.LOG_PROPERTY + "=" + effects);
        options.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
        all.forEach((key, value) -> options.add("-Dbasicflow.durable." + key + "=" + value));
        options.addAll(jvmOptions);
        ChildJvm jvm = ChildJvm.start(WorkerMain.class, options);
        try {
            String ready = jvm.awaitLine(line -> line.startsWith("READY "), Duration.ofSeconds(90));
            return new WorkerProcess(jvm, ready.substring("READY ".length()).trim(), node);
        } catch (RuntimeException | AssertionError e) {
            jvm.close();
            throw e;
        }
    }

    /**
     * The options of a child JVM on the test database: serial GC, the database and a small pool.
     *
     * @param database the test database
     * @return the options, a list the caller may add to
     */
    static List<String> databaseOptions(TestDatabase database) {
        List<String> options = new ArrayList<>();
        options.add("-XX:+UseSerialGC");
        options.add("-Dbasicflow.db.url=" + database.jdbcUrl());
        options.add("-Dbasicflow.db.user=" + database.user());
        options.add("-Dbasicflow.db.pool.size=6");
        options.add("-Dbasicflow.db.pool.connection-timeout=2s");
        return options;
    }

    /**
     * Its lease owner id.
     *
     * @return the owner id
     */
    String owner() {
        return owner;
    }

    /**
     * Its process id.
     *
     * @return the pid
     */
    long pid() {
        return jvm.pid();
    }

    /**
     * Its node name.
     *
     * @return the name
     */
    String node() {
        return node;
    }

    /**
     * Kills it with SIGKILL and checks that SIGKILL is what ended it.
     */
    void kill() {
        int exit = jvm.killHard();
        assertThat(exit)
                .as("exit value of worker %s killed with SIGKILL; output:%n%s", owner, jvm.output())
                .isEqualTo(SIGKILL_EXIT);
    }

    /** Asks it to stop gracefully and waits until it exited. */
    void stop() {
        jvm.send("stop");
        jvm.awaitExit(Duration.ofSeconds(30));
    }

    /**
     * What it printed.
     *
     * @return its output
     */
    String output() {
        return jvm.output();
    }

    /**
     * Whether it still runs.
     *
     * @return true while it runs
     */
    boolean isAlive() {
        return jvm.isAlive();
    }

    @Override
    public void close() {
        jvm.close();
    }
}
