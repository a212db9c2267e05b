package io.basicflow.app.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time of the three processes of {@code bench chat}: this client JVM, the server JVM and its
 * embedded PostgreSQL (the postmaster found by its data folder on its command line, its own time,
 * its ended children's and its live children's, from {@code /proc}). On two cores shared by all
 * three, CPU per turn is what bounds the throughput, and it is the figure other programs on the
 * machine disturb least.
 */
final class ChatCpu {

    /** Linux reports process times in clock ticks of 1/100 s on every common architecture. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private final long serverPid;
    private final String dataFolder;

    ChatCpu(long serverPid, Path dataFolder) {
        this.serverPid = serverPid;
        this.dataFolder = dataFolder.toAbsolutePath().toString();
    }

    /** CPU used so far by each process, in nanoseconds; -1 where it cannot be read (not Linux). */
    record Sample(long clientNanos, long serverNanos, long databaseNanos) {

        /** CPU used since an earlier sample; -1 where either is not known. */
        Sample since(Sample earlier) {
            return new Sample(
                    minus(clientNanos, earlier.clientNanos),
                    minus(serverNanos, earlier.serverNanos),
                    minus(databaseNanos, earlier.databaseNanos));
        }

        private static long minus(long later, long earlier) {
            return later < 0 || earlier < 0 ? -1 : later - earlier;
        }
    }

    Sample sample() {
        long client = stat(ProcessHandle.current().pid())
                .map(stat -> (stat[1] + stat[2]) * NANOS_PER_TICK)
                .orElse(-1L);
        long server = stat(serverPid)
                .map(stat -> (stat[1] + stat[2]) * NANOS_PER_TICK)
                .orElse(-1L);
        return new Sample(
                client, server, postmaster().map(ChatCpu::databaseNanos).orElse(-1L));
    }

    /** The postmaster: the process whose command line names the data folder, and whose parent does not. */
    private Optional<Long> postmaster() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                Optional<Long> pid = pid(process);
                if (pid.isEmpty() || pid.get() == serverPid) {
                    continue;
                }
                byte[] command = Files.readAllBytes(process.resolve("cmdline"));
                String line = new String(command, StandardCharsets.UTF_8).replace('\0', ' ');
                if (line.contains("postgres") && line.contains(dataFolder)) {
                    return Optional.of(pid.get());
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static long databaseNanos(long postmasterPid) {
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

    private static Optional<Long> pid(Path process) {
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
