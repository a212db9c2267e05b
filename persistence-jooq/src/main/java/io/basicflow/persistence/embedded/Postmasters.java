package io.basicflow.persistence.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and stops a PostgreSQL server that a killed JVM left running on a data folder.
 *
 * <p>{@code kill -9} of the JVM does not stop the server it started: the server keeps the folder
 * (and its port) and would make the next start fail. Removing {@code postmaster.pid} under a live
 * server would let two servers write one folder, so the file is only removed when its process is
 * certainly gone or certainly another program; a left-over server of this folder is shut down. The
 * caller holds the folder's {@link FolderLock}, so no live process owns a server found here.
 */
final class Postmasters {

    private static final Logger log = LoggerFactory.getLogger(Postmasters.class);
    private static final Duration LAST_RESORT_WAIT = Duration.ofSeconds(10);

    private Postmasters() {}

    /** What the process named by a {@code postmaster.pid} is. */
    enum Identity {
        GONE,
        SERVER_OF_THIS_FOLDER,
        OTHER_PROGRAM,
        UNKNOWN
    }

    /**
     * Makes the folder free for a new server: removes a stale {@code postmaster.pid}, stops a
     * left-over server.
     */
    static void clearLeftOver(Path dataDirectory, Duration stopTimeout) {
        Optional<PostmasterPidFile> found = PostmasterPidFile.read(dataDirectory);
        if (found.isEmpty()) {
            return;
        }
        PostmasterPidFile pidFile = found.get();
        Optional<ProcessHandle> process = pidFile.pid() > 0 ? ProcessHandle.of(pidFile.pid()) : Optional.empty();
        Identity identity =
                process.map(handle -> identify(handle, dataDirectory)).orElse(Identity.GONE);
        switch (identity) {
            case GONE -> {
                log.info("Removing stale {}: process {} is gone", pidFile.file(), pidFile.pid());
                pidFile.delete();
            }
            case OTHER_PROGRAM -> {
                log.info(
                        "Removing stale {}: process {} is now another program, not a PostgreSQL server",
                        pidFile.file(),
                        pidFile.pid());
                pidFile.delete();
            }
            case UNKNOWN ->
                throw new EmbeddedPostgresException("The data folder " + dataDirectory + " names running process "
                        + pidFile.pid() + " in postmaster.pid, and it cannot be told whether that is a PostgreSQL"
                        + " server of this folder. Stop that server, or if it is not one, delete "
                        + pidFile.file() + ", then start again.");
            case SERVER_OF_THIS_FOLDER -> {
                ProcessHandle server = process.orElseThrow();
                log.warn(
                        "Stopping the PostgreSQL server (process {}, port {}) left running in {} by a process that"
                                + " ended without stopping it",
                        pidFile.pid(),
                        pidFile.port(),
                        dataDirectory);
                stop(server, stopTimeout, dataDirectory);
                // A server killed as a last resort leaves its file behind.
                PostmasterPidFile.read(dataDirectory)
                        .filter(left -> left.pid() == pidFile.pid())
                        .ifPresent(PostmasterPidFile::delete);
            }
        }
    }

    /** What a live process named by the folder's {@code postmaster.pid} is. */
    static Identity identify(ProcessHandle process, Path dataDirectory) {
        if (!isRunning(process)) {
            return Identity.GONE;
        }
        Optional<String> command = process.info().command();
        if (command.isEmpty()) {
            return Identity.UNKNOWN;
        }
        String executable = Path.of(command.get()).getFileName().toString();
        if (!executable.equals("postgres") && !executable.equals("postgres.exe")) {
            return Identity.OTHER_PROGRAM;
        }
        // A PostgreSQL server works in its data folder.
        Path workingDirectory = Path.of("/proc", Long.toString(process.pid()), "cwd");
        try {
            if (Files.exists(workingDirectory)) {
                return Files.isSameFile(workingDirectory, dataDirectory)
                        ? Identity.SERVER_OF_THIS_FOLDER
                        : Identity.OTHER_PROGRAM;
            }
        } catch (IOException e) {
            // fall through to the command line
        }
        Optional<String[]> arguments = process.info().arguments();
        if (arguments.isEmpty()) {
            return Identity.UNKNOWN;
        }
        List<String> args = List.of(arguments.get());
        return args.contains(dataDirectory.toString()) ? Identity.SERVER_OF_THIS_FOLDER : Identity.UNKNOWN;
    }

    /** Alive and not a zombie (an exited process whose parent has not reaped it yet). */
    static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        if (!Files.isDirectory(Path.of("/proc", "self"))) {
            return true; // no procfs (macOS): trust isAlive
        }
        try {
            String stat =
                    Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"), StandardCharsets.UTF_8);
            int endOfName = stat.lastIndexOf(')');
            return endOfName < 0 || endOfName + 2 >= stat.length() || stat.charAt(endOfName + 2) != 'Z';
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Stops a server: fast shutdown (SIGINT: sessions end, open transactions roll back, checkpoint),
     * then immediate shutdown (SIGQUIT: crash recovery at next start), then SIGKILL.
     */
    static void stop(ProcessHandle server, Duration timeout, Path dataDirectory) {
        boolean asked = signal(server, "INT") || server.destroy();
        if ((asked && awaitExit(server, timeout)) || !isRunning(server)) {
            return;
        }
        log.warn(
                "PostgreSQL (process {}) in {} did not stop within {}; immediate shutdown",
                server.pid(),
                dataDirectory,
                timeout);
        if (signal(server, "QUIT") && awaitExit(server, LAST_RESORT_WAIT)) {
            return;
        }
        server.destroyForcibly();
        if (!awaitExit(server, LAST_RESORT_WAIT)) {
            throw new EmbeddedPostgresException("Cannot stop the PostgreSQL server (process " + server.pid()
                    + ") running in " + dataDirectory + ". Stop it by hand, then start again.");
        }
    }

    /** Waits for the process to end; true if it did within the timeout. Polls, as a zombie never ends. */
    static boolean awaitExit(ProcessHandle process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isRunning(process)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !isRunning(process);
            }
        }
        return true;
    }

    /** Sends a signal with kill(1); false where that is not possible (e.g. Windows). */
    private static boolean signal(ProcessHandle process, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
