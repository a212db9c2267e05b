package io.basicflow.persistence.testing;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real child JVM for crash tests: runs a {@code main} class of the test class path, lets the test
 * wait for a line it prints, and kills it with SIGKILL ({@code kill -9}) so that no shutdown hook
 * runs. Its output (stdout and stderr) is kept for failure messages.
 */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final String description;
    private final List<String> lines = new ArrayList<>();
    private volatile boolean outputComplete;

    private ChildJvm(Process process, String description) {
        this.process = process;
        this.description = description;
        Thread reader = new Thread(this::readOutput, "child-jvm-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code mainClass} in a new JVM with the class path of this test JVM.
     *
     * @param mainClass a class with a {@code public static void main(String[])}
     * @param arguments its arguments
     * @return the running child
     */
    public static ChildJvm start(Class<?> mainClass, String... arguments) {
        return start(mainClass, List.of(), arguments);
    }

    /**
     * Starts {@code mainClass} in a new JVM with the class path of this test JVM and extra JVM options
     * (e.g. {@code -Dbasicflow.db.url=…}).
     *
     * @param mainClass a class with a {@code public static void main(String[])}
     * @param jvmOptions options placed before the main class
     * @param arguments its arguments
     * @return the running child
     */
    public static ChildJvm start(Class<?> mainClass, List<String> jvmOptions, String... arguments) {
        requireNonNull(mainClass, "mainClass is null");
        requireNonNull(jvmOptions, "jvmOptions is null");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(testClassPath());
        command.add(mainClass.getName());
        command.addAll(List.of(arguments));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            return new ChildJvm(process, mainClass.getSimpleName() + " " + String.join(" ", arguments));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a child JVM for " + mainClass.getName(), e);
        }
    }

    /** Surefire runs tests from a manifest-only jar; its real class path is in a property. */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    /**
     * Waits for the child to print a matching line.
     *
     * @param matches the line wanted
     * @param timeout how long to wait
     * @return the line
     * @throws AssertionError with the child's output if it exits or times out first
     */
    public String awaitLine(Predicate<String> matches, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        synchronized (lines) {
            while (true) {
                for (; seen < lines.size(); seen++) {
                    if (matches.test(lines.get(seen))) {
                        return lines.get(seen);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("child JVM (" + description + ") printed no expected line within "
                            + timeout + "; output:\n" + output());
                }
                if (!process.isAlive() && seen == lines.size() && outputComplete) {
                    throw new AssertionError("child JVM (" + description + ") exited with " + process.exitValue()
                            + " before printing the expected line; output:\n" + output());
                }
                try {
                    lines.wait(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 100));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for the child JVM", e);
                }
            }
        }
    }

    private void readOutput() {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the child is gone
        } finally {
            outputComplete = true;
            synchronized (lines) {
                lines.notifyAll();
            }
        }
    }

    /**
     * Kills the child with SIGKILL, as {@code kill -9} does: no shutdown hook runs, children it
     * started (e.g. a PostgreSQL server) keep running. Waits until it is gone. (On Linux and macOS,
     * {@link Process#destroyForcibly()} sends SIGKILL; a JVM killed so exits with 128 + 9 = 137.)
     *
     * @return the child's exit value: 137 when SIGKILL ended it, another value if it had already
     *     exited by itself
     */
    public int killHard() {
        process.destroyForcibly();
        return awaitExit(Duration.ofSeconds(30), "did not die from SIGKILL");
    }

    /**
     * Writes a line to the child's standard input (e.g. {@code stop} for {@code WorkerMain}).
     *
     * @param line the line, without its line break
     */
    public void send(String line) {
        try {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to child JVM " + process.pid(), e);
        }
    }

    /**
     * Waits until the child exits by itself.
     *
     * @param timeout how long to wait
     * @return its exit value
     * @throws AssertionError with its output when it still runs after {@code timeout}
     */
    public int awaitExit(Duration timeout) {
        return awaitExit(timeout, "did not exit within " + timeout);
    }

    private int awaitExit(Duration timeout, String problem) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(
                        "child JVM " + process.pid() + " (" + description + ") " + problem + "; output:\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the child JVM", e);
        }
    }

    /**
     * The child's process id.
     *
     * @return the pid
     */
    public long pid() {
        return process.pid();
    }

    /**
     * Whether the child still runs.
     *
     * @return true while it runs
     */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Everything the child printed so far.
     *
     * @return its output, one line per line
     */
    public String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    /** Kills the child if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            killHard();
        }
    }
}
