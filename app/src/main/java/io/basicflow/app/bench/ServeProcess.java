package io.basicflow.app.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code basicflow serve} in a child JVM with this JVM's class path, listening on
 * 127.0.0.1 on a port the system picks, on an embedded PostgreSQL in a given folder: the server side
 * of the {@code chat} benchmark. Stopped with SIGTERM (so that its embedded PostgreSQL stops with it),
 * or SIGKILL when that takes too long.
 */
final class ServeProcess implements AutoCloseable {

    private static final Pattern SERVING = Pattern.compile("serving (http://\\S+) ");

    private final Process process;
    private final ArrayDeque<String> lastLines = new ArrayDeque<>();
    private volatile URI uri;

    private ServeProcess(Process process) {
        this.process = process;
        pump(process.getInputStream(), "stdout");
        pump(process.getErrorStream(), "stderr");
    }

    /**
     * Launches {@code basicflow serve --port 0}.
     *
     * @param scripts the scripts folder
     * @param dataFolder the embedded PostgreSQL's data folder
     * @param settings further {@code -Dkey=value} arguments
     * @return the process, starting
     */
    static ServeProcess launch(Path scripts, Path dataFolder, List<String> settings) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        String surefire = System.getProperty("surefire.test.class.path");
        command.add(surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path"));
        command.add("io.basicflow.app.Main");
        command.addAll(List.of("serve", "--host", "127.0.0.1", "--port", "0"));
        command.add("-Dbasicflow.scripts.folder=" + scripts);
        command.add("-Dbasicflow.db.embedded.dir=" + dataFolder);
        command.addAll(settings);
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(dataFolder.getParent().toFile());
        builder.environment().remove("BASICFLOW_DB_URL");
        try {
            return new ServeProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the server process (basicflow serve)", e);
        }
    }

    /** The server process's id. */
    long pid() {
        return process.pid();
    }

    private void pump(InputStream stream, String name) {
        Thread thread = new Thread(
                () -> {
                    try (BufferedReader reader =
                            new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                            Matcher matcher = SERVING.matcher(line);
                            if (uri == null && matcher.find()) {
                                uri = URI.create(matcher.group(1));
                            }
                            synchronized (lastLines) {
                                lastLines.addLast(line);
                                if (lastLines.size() > 60) {
                                    lastLines.removeFirst();
                                }
                            }
                        }
                    } catch (IOException e) {
                        // the process is gone: its streams close
                    }
                },
                "bench-serve-" + name + "-" + process.pid());
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Waits until the server prints the address it serves.
     *
     * @param timeout how long to wait
     * @return its base URI, e.g. {@code http://127.0.0.1:41234}
     * @throws IllegalStateException when it exits or does not serve in time, with its last output
     */
    URI awaitServing(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (uri == null) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server process (basicflow serve) exited with "
                        + process.exitValue() + " before it served:\n" + output());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the server process (basicflow serve) did not serve within "
                        + timeout.toSeconds() + " s:\n" + output());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the server process", e);
            }
        }
        return uri;
    }

    /** The server's last output lines, for error messages. */
    String output() {
        synchronized (lastLines) {
            return String.join("\n", lastLines);
        }
    }

    /** Stops the server with SIGTERM (its embedded PostgreSQL stops with it); SIGKILL after 60 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        try {
            new ProcessBuilder("kill", "-TERM", Long.toString(process.pid()))
                    .start()
                    .waitFor(10, TimeUnit.SECONDS);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
