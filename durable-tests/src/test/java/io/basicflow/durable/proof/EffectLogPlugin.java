package io.basicflow.durable.proof;

import io.basicflow.spi.EffectKind;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.RetryPolicy;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * Effect keywords for the crash and fault tests. Every handler call is written to a log file OUTSIDE
 * the engine's database: one line when the handler starts and one when it ends, each forced to disk
 * ({@code fsync}) before the handler goes on, so that a {@code kill -9} of the process can never
 * take back the record of a call that happened (unlike a row in the engine's transaction).
 *
 * <ul>
 *   <li>{@code r = SHIP(item)}: idempotent; returns {@code item * 10}.
 *   <li>{@code PAY amount}: at-most-once.
 *   <li>{@code HOLDUP gate}: idempotent; waits until the test opens the gate (a file {@code
 *       open-<gate>} in the log folder), so that a test can kill the process while it runs.
 *   <li>{@code HOLDPAY gate}: the same, at-most-once.
 * </ul>
 *
 * <p>The log folder comes from the constructor or, for {@code WorkerMain} child processes that find
 * this plugin through {@code META-INF/services}, from the system property {@value #LOG_PROPERTY}.
 * Each plugin instance writes its own file {@code effects-<pid>-<n>.log}; {@link EffectLog} reads
 * them all. Without a folder nothing is written (the direct-mode reference runs).
 */
public final class EffectLogPlugin implements KeywordPlugin {

    /** The system property naming the log folder in child processes. */
    public static final String LOG_PROPERTY = "basicflow.test.effect-log";

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    /** Every call of this instance, as {@code KEYWORD args}, in order (for the direct reference). */
    final List<String> calls = new CopyOnWriteArrayList<>();

    private final Path folder;
    private final ReentrantLock lock = new ReentrantLock();
    private FileChannel channel;

    /** For {@code ServiceLoader}: logs to the folder named by {@value #LOG_PROPERTY}, if set. */
    public EffectLogPlugin() {
        this(Optional.ofNullable(System.getProperty(LOG_PROPERTY)).map(Path::of).orElse(null));
    }

    /**
     * Logs to a folder.
     *
     * @param folder the folder, or null to log nothing
     */
    public EffectLogPlugin(Path folder) {
        this.folder = folder;
    }

    @Override
    public String name() {
        return "effect-log";
    }

    @Override
    public List<KeywordDefinition> keywords() {
        return List.of(
                KeywordDefinition.builder("SHIP")
                        .form(KeywordForm.FUNCTION)
                        .parameter(ParameterDefinition.required("item", "what to ship"))
                        .effect(EffectKind.IDEMPOTENT_EFFECT)
                        .retry(RetryPolicy.NONE)
                        .build(),
                KeywordDefinition.builder("PAY")
                        .parameter(ParameterDefinition.required("amount", "how much"))
                        .effect(EffectKind.AT_MOST_ONCE_EFFECT)
                        .retry(RetryPolicy.NONE)
                        .build(),
                KeywordDefinition.builder("HOLDUP")
                        .parameter(ParameterDefinition.required("gate", "the gate to wait for"))
                        .effect(EffectKind.IDEMPOTENT_EFFECT)
                        .retry(RetryPolicy.NONE)
                        .build(),
                KeywordDefinition.builder("HOLDPAY")
                        .parameter(ParameterDefinition.required("gate", "the gate to wait for"))
                        .effect(EffectKind.AT_MOST_ONCE_EFFECT)
                        .retry(RetryPolicy.NONE)
                        .build());
    }

    @Override
    public Optional<KeywordHandler> handler(String keyword) {
        KeywordHandler handler = switch (keyword) {
            case "SHIP" ->
                invocation -> logged(invocation, () -> {
                    Value item = invocation.argument("item");
                    return item instanceof IntegerValue number
                            ? IntegerValue.of(number.value() * 10)
                            : new TextValue("shipped " + item.display());
                });
            case "PAY" -> invocation -> logged(invocation, () -> NullValue.NULL);
            case "HOLDUP", "HOLDPAY" ->
                invocation -> logged(invocation, () -> {
                    awaitGate(invocation.argument("gate").display());
                    return NullValue.NULL;
                });
            default -> null;
        };
        return Optional.ofNullable(handler);
    }

    /**
     * Opens a gate: every {@code HOLDUP}/{@code HOLDPAY} of that name goes on, now and later, in every
     * process logging to the folder.
     *
     * @param folder the log folder
     * @param gate the gate's name
     */
    public static void open(Path folder, String gate) {
        try {
            Files.writeString(folder.resolve("open-" + gate), "open");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open gate " + gate, e);
        }
    }

    private void awaitGate(String gate) {
        if (folder == null) {
            return;
        }
        Path open = folder.resolve("open-" + gate);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!Files.exists(open) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private interface Body {
        Value run();
    }

    private Value logged(Invocation invocation, Body body) {
        String arguments =
                invocation.arguments().values().stream().map(Value::display).collect(Collectors.joining(","));
        calls.add(invocation.keyword() + " " + arguments);
        write(EffectLog.Phase.START, invocation, arguments);
        Value result = body.run();
        write(EffectLog.Phase.END, invocation, arguments);
        return result;
    }

    private void write(EffectLog.Phase phase, Invocation invocation, String arguments) {
        if (folder == null) {
            return;
        }
        Instant now = Instant.now();
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
        String line = String.join(
                        "\t",
                        phase.name(),
                        invocation.keyword(),
                        invocation.executionId(),
                        invocation.idempotencyKey(),
                        Integer.toString(invocation.attempt()),
                        Long.toString(ProcessHandle.current().pid()),
                        Long.toString(micros),
                        arguments)
                + "\n";
        lock.lock();
        try {
            if (channel == null) {
                Files.createDirectories(folder);
                channel = FileChannel.open(
                        folder.resolve("effects-" + ProcessHandle.current().pid() + "-" + INSTANCES.incrementAndGet()
                                + ".log"),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
            }
            ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            // On disk before the handler goes on: a kill right after cannot lose this line.
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the effect log in " + folder, e);
        } finally {
            lock.unlock();
        }
    }
}
