package io.basicflow.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time used by this JVM and, when the benchmark started the embedded server, by PostgreSQL (the
 * postmaster and all its processes, live and ended, from {@code /proc}). CPU per step is the figure
 * that other programs on the machine disturb least: wall-clock rates fall when other builds share the
 * cores, CPU time per step much less.
 */
final class CpuMeter {

    /** Linux reports process times in clock ticks of 1/100 s on every common architecture. */
    private static final long NANOS_PER_TICK = 10_000_000L;

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
        return new Sample(jvmNanos(), postmaster.map(CpuMeter::databaseNanos).orElse(-1L));
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

    /** The postmaster's own time, its ended children's, and its live children's. */
    private static long databaseNanos(long postmasterPid) {
        long ticks = 0;
        Optional<long[]> own = stat(postmasterPid);
        if (own.isEmpty()) {
            return -1;
        }
        ticks += own.get()[1] + own.get()[2] + own.get()[3] + own.get()[4];
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                String name = process.getFileName().toString();
                if (name.isEmpty() || !Character.isDigit(name.charAt(0))) {
                    continue;
                }
                long pid = Long.parseLong(name);
                if (pid == postmasterPid) {
                    continue;
                }
                Optional<long[]> child = stat(pid);
                if (child.isPresent() && child.get()[0] == postmasterPid) {
                    ticks += child.get()[1] + child.get()[2];
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return ticks * NANOS_PER_TICK;
    }

    /** ppid, utime, stime, cutime, cstime of a process. */
    private static Optional<long[]> stat(long pid) {
        try {
            String text = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name in parentheses may contain spaces: fields are counted after its ')'
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return Optional.of(new long[] {
                Long.parseLong(fields[1]),
                Long.parseLong(fields[11]),
                Long.parseLong(fields[12]),
                Long.parseLong(fields[13]),
                Long.parseLong(fields[14])
            });
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
