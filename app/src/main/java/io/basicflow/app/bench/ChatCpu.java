package io.basicflow.app.bench;

import io.basicflow.benchmark.ProcessCpu;
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
        long client = ProcessCpu.ofProcess(ProcessHandle.current().pid());
        long server = ProcessCpu.ofProcess(serverPid);
        return new Sample(
                client, server, postmaster().map(ProcessCpu::ofPostmaster).orElse(-1L));
    }

    /** The postmaster: the process whose command line names the data folder, and whose parent does not. */
    private Optional<Long> postmaster() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                Optional<Long> pid = ProcessCpu.pid(process);
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
}
