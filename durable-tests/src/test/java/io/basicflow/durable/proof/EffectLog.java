package io.basicflow.durable.proof;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The effect handler calls that {@link EffectLogPlugin}s of every process wrote to a folder, read
 * back for the checks: who ran which step's handler, with which key and attempt, when.
 *
 * @param calls every record, in no particular order across files
 */
record EffectLog(List<Call> calls) {

    EffectLog {
        calls = List.copyOf(calls);
    }

    /** Where in its handler a record was written. */
    enum Phase {
        START,
        END
    }

    /**
     * One record.
     *
     * @param phase at the handler's start or end
     * @param keyword the keyword
     * @param executionId the execution
     * @param key the idempotency key
     * @param attempt the attempt number the engine passed
     * @param pid the process that ran the handler
     * @param micros when (microseconds since the epoch, the machine's clock)
     * @param arguments the arguments' display texts, comma-separated
     */
    record Call(
            Phase phase,
            String keyword,
            String executionId,
            String key,
            int attempt,
            long pid,
            long micros,
            String arguments) {
        Call {
            requireNonNull(phase, "phase is null");
            requireNonNull(keyword, "keyword is null");
            requireNonNull(executionId, "executionId is null");
            requireNonNull(key, "key is null");
            requireNonNull(arguments, "arguments is null");
        }
    }

    /**
     * Reads every {@code effects-*.log} file of a folder. A last line without its line break (the
     * writer was killed in the middle of it) is ignored: its handler had not gone on yet.
     *
     * @param folder the folder
     * @return the records
     */
    static EffectLog read(Path folder) {
        List<Call> calls = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return new EffectLog(calls);
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(path -> path.getFileName().toString().startsWith("effects-"))
                    .toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                int end = text.lastIndexOf('\n');
                if (end < 0) {
                    continue;
                }
                for (String line : text.substring(0, end).split("\n", -1)) {
                    String[] parts = line.split("\t", -1);
                    if (parts.length != 8) {
                        throw new IllegalStateException("malformed effect log line in " + file + ": " + line);
                    }
                    calls.add(new Call(
                            Phase.valueOf(parts[0]),
                            parts[1],
                            parts[2],
                            parts[3],
                            Integer.parseInt(parts[4]),
                            Long.parseLong(parts[5]),
                            Long.parseLong(parts[6]),
                            parts[7]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the effect log in " + folder, e);
        }
        return new EffectLog(calls);
    }

    /** The handler starts of one execution, in time order. */
    List<Call> startsOf(String executionId) {
        return calls.stream()
                .filter(call ->
                        call.phase() == Phase.START && call.executionId().equals(executionId))
                .sorted(Comparator.comparingLong(Call::micros))
                .toList();
    }

    /** The handler ends of one execution, in time order. */
    List<Call> endsOf(String executionId) {
        return calls.stream()
                .filter(call -> call.phase() == Phase.END && call.executionId().equals(executionId))
                .sorted(Comparator.comparingLong(Call::micros))
                .toList();
    }

    /** Every record by execution. */
    Map<String, List<Call>> byExecution() {
        return calls.stream().collect(Collectors.groupingBy(Call::executionId));
    }

    /** The handler starts of one keyword. */
    List<Call> startsOfKeyword(String keyword) {
        return calls.stream()
                .filter(call -> call.phase() == Phase.START && call.keyword().equals(keyword))
                .toList();
    }
}
