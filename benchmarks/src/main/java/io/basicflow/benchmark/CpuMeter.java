package io.basicflow.benchmark;

import java.lang.management.ManagementFactory;
import java.util.Optional;

/**
 * CPU time used by this JVM and, when the benchmark started the embedded server, by PostgreSQL (the
 * postmaster and all its processes, live and ended, from {@code /proc}). CPU per step is the figure
 * that other programs on the machine disturb least: wall-clock rates fall when other builds share the
 * cores, CPU time per step much less.
 */
final class CpuMeter {

    private final Optional<Long> postmaster;

    CpuMeter(Optional<Long> postmaster) {
        this.postmaster = postmaster;
    }

    /** CPU used so far. */
    record Sample(long jvmNanos, long databaseNanos) {

        /** CPU used since an earlier sample; the database part is negative when it is not known. */
        Sample since(Sample earlier) {
            return new Sample(
                    jvmNanos - earlier.jvmNanos,
                    databaseNanos < 0 || earlier.databaseNanos < 0 ? -1 : databaseNanos - earlier.databaseNanos);
        }
    }

    Sample sample() {
        return new Sample(jvmNanos(), postmaster.map(ProcessCpu::ofPostmaster).orElse(-1L));
    }

    /** Adds {@code jvm_cpu_us_per_X} and {@code db_cpu_us_per_X} for a number of units of work. */
    static void report(BenchResult.Builder result, Sample used, long units, String unit) {
        if (units <= 0) {
            return;
        }
        result.decimal("jvm_cpu_us_per_" + unit, used.jvmNanos() / 1e3 / units);
        if (used.databaseNanos() >= 0) {
            result.decimal("db_cpu_us_per_" + unit, used.databaseNanos() / 1e3 / units);
        }
    }

    private static long jvmNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return ProcessHandle.current()
                .info()
                .totalCpuDuration()
                .map(java.time.Duration::toNanos)
                .orElse(0L);
    }
}
