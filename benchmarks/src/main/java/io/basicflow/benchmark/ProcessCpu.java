package io.basicflow.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time of processes, read from Linux's {@code /proc}: one process's own time, and a PostgreSQL
 * postmaster's with all its processes (live ones and ended ones). Every reading is -1 where it cannot
 * be made (not Linux, the process is gone).
 */
public final class ProcessCpu {

    /** Linux reports process times in clock ticks of 1/100 s on every common architecture. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ProcessCpu() {}

    /**
     * The user and system CPU time a process has used.
     *
     * @param pid the process
     * @return nanoseconds, or -1
     */
    public static long ofProcess(long pid) {
        return stat(pid).map(stat -> (stat[1] + stat[2]) * NANOS_PER_TICK).orElse(-1L);
    }

    /**
     * The CPU time of a postmaster: its own, its ended children's and its live children's.
     *
     * @param postmasterPid the postmaster
     * @return nanoseconds, or -1
     */
    public static long ofPostmaster(long postmasterPid) {
        Optional<long[]> own = stat(postmasterPid);
        if (own.isEmpty()) {
            return -1;
        }
        long ticks = own.get()[1] + own.get()[2] + own.get()[3] + own.get()[4];
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                Optional<Long> pid = pid(process);
                if (pid.isEmpty() || pid.get() == postmasterPid) {
                    continue;
                }
                Optional<long[]> child = stat(pid.get());
                if (child.isPresent() && child.get()[0] == postmasterPid) {
                    ticks += child.get()[1] + child.get()[2];
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return ticks * NANOS_PER_TICK;
    }

    /**
     * The pid a {@code /proc} entry names, if it names a process.
     *
     * @param process an entry of {@code /proc}
     * @return its pid
     */
    public static Optional<Long> pid(Path process) {
        String name = process.getFileName().toString();
        if (name.isEmpty() || !name.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(name));
    }

    /** Parent pid, utime, stime, cutime, cstime of a process, from {@code /proc/<pid>/stat}. */
    private static Optional<long[]> stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
            // the command name (field 2) may hold spaces and parentheses: fields resume after the last ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
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
