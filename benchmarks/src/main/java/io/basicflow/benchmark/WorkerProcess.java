package io.basicflow.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A durable worker process ({@code io.basicflow.persistence.WorkerMain}) in a child JVM with this
 * JVM's class path: the recovery benchmark starts one, kills it with SIGKILL and starts another.
 */
final class WorkerProcess implements AutoCloseable {

    private static final String MAIN = "io.basicflow.persistence.WorkerMain";

    private final Process process;
    private final long launchedNanos;
    private final ArrayDeque<String> lastLines = new ArrayDeque<>();
    private volatile long readyNanos;

    private WorkerProcess(Process process, long launchedNanos) {
        this.process = process;
        this.launchedNanos = launchedNanos;
        Thread reader = new Thread(this::read, "bench-worker-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Launches a worker process.
     *
     * @param settings its {@code key=value} settings
     * @return the process, starting
     */
    static WorkerProcess launch(Map<String, String> settings) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(classPath());
        command.add(MAIN);
        settings.forEach((key, value) -> command.add(key + "=" + value));
        long launched = System.nanoTime();
        try {
            return new WorkerProcess(
                    new ProcessBuilder(command).redirectErrorStream(true).start(), launched);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a worker process (" + MAIN + ")", e);
        }
    }

    /** Under Surefire, the JVM's class path is a manifest-only jar; the real one is in a property. */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    long pid() {
        return process.pid();
    }

    /** When this process was launched, as {@link System#nanoTime()}. */
    long launchedNanos() {
        return launchedNanos;
    }

    /** Waits until the worker prints {@code READY}; returns when, as {@link System#nanoTime()}. */
    long awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (readyNanos == 0) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the worker process exited with " + process.exitValue() + " before it was ready:\n" + output());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the worker process was not ready after " + timeout.toSeconds() + " s:\n" + output());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the worker process", e);
            }
        }
        return readyNanos;
    }

    /** Kills the process with SIGKILL (no shutdown hook runs) and waits until it is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("worker process " + process.pid() + " did not die from SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing the worker process", e);
        }
    }

    /** Asks the worker to stop gracefully; kills it when it takes longer than 30 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        try (OutputStream input = process.getOutputStream()) {
            input.write("stop\n".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // it is exiting already
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    private void read() {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (readyNanos == 0 && line.startsWith("READY ")) {
                    readyNanos = System.nanoTime();
                }
                synchronized (lastLines) {
                    lastLines.addLast(line);
                    if (lastLines.size() > 40) {
                        lastLines.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    private String output() {
        synchronized (lastLines) {
            return String.join("\n", lastLines);
        }
    }
}
