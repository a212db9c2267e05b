package io.basicflow.code;

import io.basicflow.spi.KeywordException;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one piece of code in a child process with hard limits: a fresh temporary working folder that
 * is deleted afterwards, an environment of {@code PATH}, {@code HOME} and {@code LANG} only (nothing of
 * the server's, so no secret in its environment reaches the code), no standard input, {@code prlimit}'s
 * address space, CPU time, file size and open files, the wall time (the process tree is killed), and a
 * cap on standard output (the process is killed when it writes more).
 *
 * <p>With {@link CodeSettings.Isolation#NAMESPACES} the child also runs in its own network namespace
 * (no network unless {@code basicflow.code.network}), its own PID namespace (it sees and signals no other
 * process; when the runner is killed all of it dies) and as the user {@code nobody} with no new
 * privileges (it cannot read the server's private files nor write outside world-writable folders and
 * its working folder). It does <em>not</em> get a file system of its own: it reads what {@code nobody}
 * may read.
 */
final class Sandbox {

    /** The user and group the code runs as under namespaces: {@code nobody}/{@code nogroup}. */
    static final int NOBODY = 65534;

    private static final int STDERR_TAIL = 2000;

    private volatile Boolean namespacesWork;
    private volatile String namespacesRefusal = "";

    /** What a run gave. */
    record Result(int exitCode, String stdout, String stderrTail) {}

    /**
     * Runs the code.
     *
     * @param keyword for messages
     * @param language the language
     * @param code the program's text
     * @param settings the limits
     * @return the exit code, the whole stdout and the end of stderr
     * @throws KeywordException when the code cannot start, runs too long or writes too much
     */
    Result run(String keyword, Language language, String code, CodeSettings settings) throws KeywordException {
        Path interpreter = language.interpreter(settings)
                .orElseThrow(
                        () -> KeywordException.permanent("no " + language.name().toLowerCase()
                                + " interpreter on this machine (looked in /usr/local/bin, /usr/bin, /bin); install it or"
                                + " set " + language.settingKey() + " to its path"));
        if (settings.isolation() == CodeSettings.Isolation.NAMESPACES) {
            checkNamespaces(keyword);
        }
        Path folder = null;
        try {
            folder = Files.createTempDirectory("basicflow-run-");
            Path file = folder.resolve(language.fileName());
            Files.writeString(file, code, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            if (settings.isolation() == CodeSettings.Isolation.NAMESPACES) {
                Files.setAttribute(folder, "unix:uid", NOBODY);
                Files.setAttribute(folder, "unix:gid", NOBODY);
            }
            return execute(keyword, command(language, interpreter, settings), folder, settings);
        } catch (IOException e) {
            throw KeywordException.permanent("cannot prepare the working folder: " + e.getMessage(), e);
        } finally {
            if (folder != null) {
                delete(folder);
            }
        }
    }

    private List<String> command(Language language, Path interpreter, CodeSettings settings) {
        List<String> command = new ArrayList<>();
        if (settings.isolation() == CodeSettings.Isolation.NAMESPACES) {
            command.add("unshare");
            if (!settings.network()) {
                command.add("--net");
            }
            command.addAll(List.of("--pid", "--fork", "--kill-child"));
        }
        long seconds = settings.timeout().toSeconds();
        command.addAll(List.of(
                "prlimit",
                "--as=" + language.addressSpace(settings),
                "--cpu=" + seconds,
                "--fsize=" + settings.fileBytes(),
                "--nofile=256",
                "--core=0"));
        if (settings.isolation() == CodeSettings.Isolation.NAMESPACES) {
            command.add("--nproc=256");
            command.addAll(List.of(
                    "--", "setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--no-new-privs"));
        } else {
            command.add("--");
        }
        command.addAll(language.command(interpreter, settings));
        return command;
    }

    private static Result execute(String keyword, List<String> command, Path folder, CodeSettings settings)
            throws KeywordException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile());
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        environment.put("HOME", folder.toString());
        environment.put("TMPDIR", folder.toString());
        environment.put("LANG", "C.UTF-8");
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw KeywordException.permanent("cannot start " + command.getFirst() + ": " + e.getMessage(), e);
        }
        AtomicBoolean tooMuch = new AtomicBoolean();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Thread out = Thread.ofVirtual()
                .start(() -> copy(process.getInputStream(), stdout, settings.outputBytes(), process, tooMuch));
        Thread err =
                Thread.ofVirtual().start(() -> copy(process.getErrorStream(), stderr, STDERR_TAIL * 8, null, null));
        boolean finished;
        try {
            finished = process.waitFor(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                kill(process);
            }
            out.join(5_000);
            err.join(5_000);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw KeywordException.retryable("interrupted while the code ran", e);
        }
        // the folder's name is random: without it the same failure reads the same in every run
        String errors = tail(stderr).replace(folder + "/", "").replace(folder.toString(), ".");
        if (!finished) {
            throw KeywordException.permanent(
                    "the code ran longer than " + settings.timeout().toSeconds()
                            + " s and was stopped (basicflow.code.timeout-seconds)" + suffix(errors));
        }
        if (tooMuch.get()) {
            throw KeywordException.permanent("the code wrote more than " + settings.outputBytes() / 1024
                    + " KB to its output and was stopped (basicflow.code.output-kb)");
        }
        return new Result(process.exitValue(), stdout.toString(StandardCharsets.UTF_8), errors);
    }

    private static String suffix(String errors) {
        return errors.isBlank() ? "" : "; its error output ended with: " + errors;
    }

    /** Copies a stream; past the limit, kills the process (stdout) or keeps the last part only (stderr). */
    private static void copy(
            InputStream in, ByteArrayOutputStream sink, int limit, Process process, AtomicBoolean tooMuch) {
        byte[] buffer = new byte[8192];
        try (in) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                synchronized (sink) {
                    if (sink.size() + read > limit) {
                        if (process != null) {
                            tooMuch.set(true);
                            kill(process);
                            return;
                        }
                        byte[] kept = sink.toByteArray();
                        sink.reset();
                        int keep = Math.max(0, Math.min(kept.length, limit / 2));
                        sink.write(kept, kept.length - keep, keep);
                    }
                    sink.write(buffer, 0, read);
                }
            }
        } catch (IOException ignored) {
            // the process was killed: what was read is kept
        }
    }

    private static String tail(ByteArrayOutputStream stderr) {
        String text;
        synchronized (stderr) {
            text = stderr.toString(StandardCharsets.UTF_8).strip();
        }
        return text.length() <= STDERR_TAIL ? text : "…" + text.substring(text.length() - STDERR_TAIL);
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Tries the namespace tools once per process; a machine that refuses them gets a clear error. */
    private void checkNamespaces(String keyword) throws KeywordException {
        Boolean works = namespacesWork;
        if (works == null) {
            synchronized (this) {
                if (namespacesWork == null) {
                    namespacesWork = probe();
                }
                works = namespacesWork;
            }
        }
        if (!works) {
            throw KeywordException.permanent("basicflow.code.isolation=namespaces needs unshare and"
                    + " setpriv (util-linux) and the rights to use them (a server running as root: new namespaces and another user need it); this"
                    + " machine refused: " + namespacesRefusal + ". Set basicflow.code.isolation=process to run the"
                    + " code as a plain child process with the limits only (it then runs as the server's user, with"
                    + " the network): see docs/run-code.md");
        }
    }

    private boolean probe() {
        ProcessBuilder builder = new ProcessBuilder(
                        "unshare",
                        "--net",
                        "--pid",
                        "--fork",
                        "--kill-child",
                        "setpriv",
                        "--reuid=" + NOBODY,
                        "--regid=" + NOBODY,
                        "--clear-groups",
                        "--no-new-privs",
                        "true")
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                namespacesRefusal = "the probe did not end in 10 s";
                return false;
            }
            if (process.exitValue() != 0) {
                namespacesRefusal = output.isEmpty() ? "exit code " + process.exitValue() : output;
                return false;
            }
            return true;
        } catch (IOException e) {
            namespacesRefusal = e.getMessage();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            namespacesRefusal = "interrupted";
            return false;
        }
    }

    private static void delete(Path folder) {
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                    Files.deleteIfExists(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // a file the code made unreadable stays in the temporary folder; nothing else depends on it
        }
    }
}
