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

    /** Linux reports thread times in clock ticks of 1/100 s on every common architecture. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private final long serverPid;
    private final String dataFolder;

    ChatCpu(long serverPid, Path dataFolder) {
        this.serverPid = serverPid;
        this.dataFolder = dataFolder.toAbsolutePath().toString();
    }

    /**
     * CPU used so far by each process, in nanoseconds; -1 where it cannot be read (not Linux). Of the
     * JVMs', {@code clientJitNanos} and {@code serverJitNanos} are their JIT compiler threads' and {@code
     * serverGcNanos} the server's garbage collector's (threads named by HotSpot: {@code C1/C2
     * CompilerThre…}; {@code GC Thread#…}, {@code G1 …}, {@code VM Thread}): work that a warm JVM no
     * longer does per turn, or that depends on the heap.
     */
    record Sample(
            long clientNanos,
            long serverNanos,
            long databaseNanos,
            long clientJitNanos,
            long serverJitNanos,
            long serverGcNanos) {

        /** CPU used since an earlier sample; -1 where either is not known. */
        Sample since(Sample earlier) {
            return new Sample(
                    minus(clientNanos, earlier.clientNanos),
                    minus(serverNanos, earlier.serverNanos),
                    minus(databaseNanos, earlier.databaseNanos),
                    minus(clientJitNanos, earlier.clientJitNanos),
                    minus(serverJitNanos, earlier.serverJitNanos),
                    minus(serverGcNanos, earlier.serverGcNanos));
        }

        /**
         * The share of the two JVMs' CPU that their JIT compilers took, in [0, 1]; 1 when not known (so
         * that a warm-up that cannot measure it runs its longest).
         */
        double jitShare() {
            if (clientNanos <= 0 || serverNanos <= 0 || clientJitNanos < 0 || serverJitNanos < 0) {
                return 1;
            }
            return Math.min(1, (double) (clientJitNanos + serverJitNanos) / (clientNanos + serverNanos));
        }

        private static long minus(long later, long earlier) {
            return later < 0 || earlier < 0 ? -1 : later - earlier;
        }
    }

    Sample sample() {
        long clientPid = ProcessHandle.current().pid();
        long client = ProcessCpu.ofProcess(clientPid);
        long server = ProcessCpu.ofProcess(serverPid);
        long[] clientThreads = threads(clientPid);
        long[] serverThreads = threads(serverPid);
        return new Sample(
                client,
                server,
                postmaster().map(ProcessCpu::ofPostmaster).orElse(-1L),
                clientThreads[0],
                serverThreads[0],
                serverThreads[1]);
    }

    /** A JVM's JIT compiler threads' CPU and its garbage collector's, from {@code /proc/<pid>/task}. */
    private static long[] threads(long pid) {
        long jit = 0;
        long gc = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    continue; // the thread ended between the listing and the read
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String name = stat.substring(open + 1, close);
                String[] fields = stat.substring(close + 2).split(" ");
                long nanos = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
                if (name.contains("CompilerThre")) {
                    jit += nanos;
                } else if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread")) {
                    gc += nanos;
                }
            }
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
        return new long[] {jit, gc};
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
