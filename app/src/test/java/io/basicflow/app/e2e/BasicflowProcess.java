package io.basicflow.app.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The real {@code basicflow} command line in a child JVM, as a user runs it: arguments, standard
 * input, output lines, exit status, and {@code kill -9}.
 */
final class BasicflowProcess implements AutoCloseable {

    private final Process process;
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();
    private final OutputStream stdin;
    private final List<Thread> pumps = new ArrayList<>();

    private BasicflowProcess(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
        pump(process.getInputStream(), out, "stdout");
        pump(process.getErrorStream(), err, "stderr");
    }

    /**
     * Starts {@code basicflow ARGS} with its embedded database in {@code dataFolder}.
     *
     * @param workingFolder the process's working folder
     * @param dataFolder the embedded PostgreSQL's data folder
     * @param args the command line
     * @return the running process
     */
    static BasicflowProcess start(Path workingFolder, Path dataFolder, String... args) throws IOException {
        return start(workingFolder, dataFolder, List.of(), args);
    }

    /**
     * Starts {@code basicflow ARGS} with JVM options, e.g. {@code -Xlog:class+load} to see what it loads.
     *
     * @param workingFolder the process's working folder
     * @param dataFolder the embedded PostgreSQL's data folder
     * @param jvmOptions options of the child JVM
     * @param args the command line
     * @return the running process
     */
    static BasicflowProcess start(Path workingFolder, Path dataFolder, List<String> jvmOptions, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        String path = System.getProperty("surefire.test.class.path");
        command.add(path != null && !path.isBlank() ? path : System.getProperty("java.class.path"));
        command.add("io.basicflow.app.Main");
        command.addAll(List.of(args));
        command.add("-Dbasicflow.db.embedded.dir=" + dataFolder);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingFolder.toFile());
        builder.environment().remove("BASICFLOW_LOG_LEVEL");
        return new BasicflowProcess(builder.start());
    }

    private static final java.util.regex.Pattern SERVING = java.util.regex.Pattern.compile("serving (http://\\S+) ");

    /**
     * Waits for {@code serve}'s "serving http://…" line.
     *
     * @param timeout how long the server may take to start
     * @return the address it serves on
     */
    java.net.URI awaitServing(Duration timeout) throws InterruptedException {
        java.util.regex.Matcher matcher =
                SERVING.matcher(awaitLine(line -> SERVING.matcher(line).find(), timeout));
        if (!matcher.find()) {
            throw new IllegalStateException("serve printed no address");
        }
        return java.net.URI.create(matcher.group(1));
    }

    private void pump(java.io.InputStream stream, List<String> lines, String name) {
        Thread thread = new Thread(
                () -> {
                    try (BufferedReader reader =
                            new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = reader.readLine()) != null) {
                            synchronized (lines) {
                                lines.add(line);
                                lines.notifyAll();
                            }
                        }
                    } catch (IOException e) {
                        // the process died: its streams close
                    }
                },
                "basicflow-" + name);
        thread.setDaemon(true);
        thread.start();
        pumps.add(thread);
    }

    /** Types a line on the process's standard input. */
    void type(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** Closes the standard input (end of input). */
    void endInput() throws IOException {
        stdin.close();
    }

    /** Waits for an output line (stdout or stderr) that matches, and returns it. */
    String awaitLine(Predicate<String> matches, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (List<String> lines : List.of(out, err)) {
                synchronized (lines) {
                    for (String line : lines) {
                        if (matches.test(line)) {
                            return line;
                        }
                    }
                }
            }
            synchronized (out) {
                out.wait(50);
            }
        }
        throw new AssertionError(
                "no matching line within " + timeout + "; stdout:\n" + stdout() + "\nstderr:\n" + stderr());
    }

    /** Waits for the process to end and returns its exit status. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(
                    "basicflow did not end within " + timeout + "; stdout:\n" + stdout() + "\nstderr:\n" + stderr());
        }
        for (Thread pump : pumps) {
            pump.join(10_000); // the streams end with the process: read their last lines
        }
        return process.exitValue();
    }

    /** {@code kill -9}: no shutdown hook, no cleanup. */
    void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /**
     * Sends SIGTERM (a graceful stop) with {@code kill -TERM}: {@link Process#destroy()} would also
     * close our ends of the process's streams, and its last words would be lost.
     */
    void stop() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start();
        kill.waitFor(10, TimeUnit.SECONDS);
    }

    String stdout() {
        synchronized (out) {
            return String.join("\n", out);
        }
    }

    String stderr() {
        synchronized (err) {
            return String.join("\n", err);
        }
    }

    List<String> stdoutLines() {
        synchronized (out) {
            return List.copyOf(out);
        }
    }

    /**
     * Stops the process if it still runs: gracefully first, so that an embedded PostgreSQL it started
     * is stopped with it (a {@code kill -9} would leave that server running after the tests), and
     * with {@code kill -9} if it does not stop in time.
     */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        try {
            stop();
        } catch (IOException e) {
            // no kill command: fall through to the hard kill
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            killHard();
        }
    }
}
