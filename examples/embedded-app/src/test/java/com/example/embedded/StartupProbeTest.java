package com.example.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up probe of docs/java-api.md §7 keeps running as documented: a first run creates the
 * data folder, a second one measures on it, each with the database prepared early or not, and each
 * prints one complete {@code RESULT} line (its times are never asserted).
 */
class StartupProbeTest {

    private static final String RESULT = "RESULT startup_ms=\\d+ injector_ms=\\d+ node_ms=\\d+ first_step_ms=\\d+"
            + " cpu_ms=\\d+ injector_cpu_ms=\\d+ node_cpu_ms=\\d+ first_step_cpu_ms=\\d+ classes=\\d+ prepared=";

    @Test
    void theProbePrintsItsResultWithAndWithoutAnEarlyDatabaseStart(@TempDir Path folder) {
        Path data = folder.resolve("probe");
        assertThat(probe(data, null)).matches(RESULT + "true");
        assertThat(probe(data, "false")).matches(RESULT + "false");
        assertThat(probe(data, "true")).matches(RESULT + "true");
    }

    private static String probe(Path data, String prepare) {
        PrintStream out = System.out;
        String before = System.getProperty("probe.prepare");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try {
            if (prepare == null) {
                System.clearProperty("probe.prepare");
            } else {
                System.setProperty("probe.prepare", prepare);
            }
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            StartupProbe.main(new String[] {data.toString()});
        } finally {
            System.setOut(out);
            if (before == null) {
                System.clearProperty("probe.prepare");
            } else {
                System.setProperty("probe.prepare", before);
            }
        }
        return printed.toString(StandardCharsets.UTF_8)
                .lines()
                .filter(line -> line.startsWith("RESULT "))
                .findFirst()
                .orElse("(no RESULT line in: " + printed.toString(StandardCharsets.UTF_8) + ")");
    }
}
