package com.example.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Works in the app by being on the class path, with no change to any other module": the real
 * {@code basicflow} command line ({@code io.basicflow.app.Main}) in a child JVM, on the app's class
 * path plus this plugin's jar as Maven built it, runs {@code examples/ticket.bas}. Without the jar,
 * the same command refuses the script: {@code CREATE} comes from the jar alone.
 */
class TicketPluginInAppIT {

    @TempDir
    Path workingDirectory;

    record Run(int status, String out, String err) {}

    @Test
    void theCommandLineRunsTheTicketDialogWithThePluginJar() throws Exception {
        Path jar = Path.of(System.getProperty("ticket.plugin.jar"));
        assertThat(jar).as("the plugin jar built by `package`").isRegularFile();

        Run run = basicflow(appClassPath() + File.pathSeparator + jar, "The printer is on fire\nurgent\n");

        assertThat(run.status()).as(run.err()).isZero();
        Matcher created = Pattern.compile("Ticket #(\\d{6}) created").matcher(run.out());
        assertThat(created.find()).as(run.out()).isTrue();
        assertThat(run.out())
                .startsWith("Describe the issue")
                .contains("How urgent is it? (low, normal, urgent)")
                .contains("=> " + created.group(1));
    }

    @Test
    void withoutTheJarTheAppDoesNotKnowCreate() throws Exception {
        Run run = basicflow(appClassPath(), "The printer is on fire\nurgent\n");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("CREATE").contains("ticket.bas:7");
        assertThat(run.out()).doesNotContain("Ticket #");
    }

    /** This test's class path without this module's own classes and jar: the app and its dependencies. */
    private static String appClassPath() {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path target = Path.of(System.getProperty("ticket.plugin.target")).toAbsolutePath();
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .filter(entry -> !Path.of(entry).toAbsolutePath().startsWith(target))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private Run basicflow(String classPath, String input) throws IOException, InterruptedException {
        Path script = TicketDialogTest.ticketScript().toAbsolutePath();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(classPath);
        command.add("io.basicflow.app.Main");
        command.add("run");
        command.add(script.toString());
        Path out = workingDirectory.resolve("out.txt");
        Path err = workingDirectory.resolve("err.txt");
        Process process = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("basicflow did not finish within 120 s; output:\n" + Files.readString(out)
                    + "\nerrors:\n" + Files.readString(err));
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
