package com.example.embedded;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import io.basicflow.app.assembly.BasicflowModules;
import io.basicflow.app.config.Configuration;
import io.basicflow.app.node.BasicflowNode;
import io.basicflow.app.node.PreparedDatabase;
import io.basicflow.engine.api.StartRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Measures what an embedding application waits for at start: from {@code main} to the first step of
 * a durable execution (its first message), with the data folder already there. The database is
 * started by {@link BasicflowNode#prepare} while the injector is built, as docs/java-api.md advises;
 * {@code -Dprobe.prepare=false} starts it in the node's start instead, for comparison. Run it twice: the
 * first run creates the folder. Prints one machine-readable {@code RESULT} line.
 */
public final class StartupProbe {

    private StartupProbe() {}

    /**
     * Runs the probe.
     *
     * @param args the data folder, by default {@code .basicflow/startup-probe}
     */
    public static void main(String[] args) {
        long begin = System.nanoTime();
        long cpuBegin = cpuNanos();
        Path data = Path.of(args.length > 0 ? args[0] : ".basicflow/startup-probe");
        Configuration configuration = Configuration.of(Map.of("basicflow.db.embedded.dir", data.toString()));
        // The database starts while the injector is built (-Dprobe.prepare=false: after it, as before).
        PreparedDatabase prepared = Boolean.parseBoolean(System.getProperty("probe.prepare", "true"))
                ? BasicflowNode.prepare(configuration)
                : null;
        Injector injector = Guice.createInjector(Stage.PRODUCTION, BasicflowModules.durable(configuration));
        long injected = System.nanoTime();
        long cpuInjected = cpuNanos();
        try (BasicflowNode node = BasicflowNode.start(injector, true, data, prepared)) {
            long started = System.nanoTime();
            long cpuStarted = cpuNanos();
            String id = node.engine()
                    .start(new StartRequest(Optional.empty(), "probe.bas", "#workflow\nTALK \"up\"\n", Map.of()))
                    .executionId();
            node.engine().messages(id, 0, 1, Duration.ofSeconds(30));
            long firstStep = System.nanoTime();
            long cpuFirstStep = cpuNanos();
            // CPU time of the whole process (all threads) per phase: on a loaded machine wall time
            // mostly measures the others' load, CPU time what basicflow itself costs.
            System.out.printf(
                    "RESULT startup_ms=%d injector_ms=%d node_ms=%d first_step_ms=%d"
                            + " cpu_ms=%d injector_cpu_ms=%d node_cpu_ms=%d first_step_cpu_ms=%d classes=%d"
                            + " prepared=%b%n",
                    (firstStep - begin) / 1_000_000,
                    (injected - begin) / 1_000_000,
                    (started - injected) / 1_000_000,
                    (firstStep - started) / 1_000_000,
                    (cpuFirstStep - cpuBegin) / 1_000_000,
                    (cpuInjected - cpuBegin) / 1_000_000,
                    (cpuStarted - cpuInjected) / 1_000_000,
                    (cpuFirstStep - cpuStarted) / 1_000_000,
                    java.lang.management.ManagementFactory.getClassLoadingMXBean()
                            .getTotalLoadedClassCount(),
                    prepared != null);
        }
    }

    /** The CPU time this process has used so far, all threads; 0 when the JVM cannot say. */
    private static long cpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : 0;
    }
}
