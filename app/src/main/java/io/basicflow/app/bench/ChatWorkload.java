package io.basicflow.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.basicflow.benchmark.BenchResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code basicflow bench chat}: what a chat front end feels. A real {@code basicflow serve} runs in a
 * child JVM on an embedded PostgreSQL in a temporary folder (deleted afterwards), with one script, a
 * loop of {@code HEAR} and {@code TALK} of K turns. This JVM is the client: C conversations at once
 * (of N in all), each on its own kept-alive HTTP/1.1 connection ({@link ChatConnection}): one {@code POST /executions}, then for each turn {@code
 * POST /executions/{id}/input} and a long-poll of {@code GET /executions/{id}/messages?after=…&wait=…}
 * until the reply arrives, or (the default, {@link Replies#SSE}) the reply pushed on the conversation's server-sent event stream. A turn's latency runs from just before the input's POST to the reply's
 * arrival; every reply is checked to be the answer to that turn's input.
 *
 * <p>An untimed warm-up of the same shape runs first on the same server, in rounds of (at most) 100
 * conversations, until a round in which the JIT compilers of both JVMs took less than 10 % of their
 * CPU ({@link #warmEnough}; at most 20 rounds or 90 s): with one round only, the server's compilers
 * still took 40 % of its CPU in the timed phase (2026-12-07), a cost that a chat server running for
 * hours does not pay per turn. {@code turns_per_s} counts the timed turns over the timed phase's wall time
 * (which also holds the conversations' starts).
 */
public final class ChatWorkload {

    /** The script's file name in the server's scripts folder. */
    static final String SCRIPT = "chat.bas";

    private static final Duration SERVER_START = Duration.ofSeconds(180);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final int LONG_POLL_SECONDS = 10;
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);
    /** Conversations per warm-up round (fewer when the run has fewer). */
    private static final int WARM_UP_CONVERSATIONS = 100;
    /** The warm-up ends after a round in which the JIT compilers took less than this share of the JVMs' CPU. */
    static final double WARM_JIT_SHARE = 0.10;
    /** At most this many warm-up rounds… */
    static final int MAX_WARM_UP_ROUNDS = 20;
    /** …and no new round after this long. */
    static final Duration MAX_WARM_UP = Duration.ofSeconds(90);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the client learns of a reply. */
    public enum Replies {
        /**
         * One server-sent event stream per conversation ({@code GET …/messages} with {@code Accept:
         * text/event-stream}, on a second kept-alive connection), opened after the start: a turn is one
         * request, its reply is pushed. What a browser front end with {@code EventSource} does.
         */
        SSE,
        /** A long-poll {@code GET …/messages?after=…&wait=…} after each input: a turn is two requests (or more). */
        POLL
    }

    /**
     * The sizes of a run.
     *
     * @param conversations N, at least 1
     * @param turns K, turns per conversation, at least 1
     * @param concurrency C, conversations in flight at once, at least 1
     * @param replies how the client learns of each reply
     */
    public record Options(int conversations, int turns, int concurrency, Replies replies) {

        /** Defaults: 1,000 conversations of 10 turns, 50 at once, replies over server-sent events. */
        public static final Options DEFAULTS = new Options(1000, 10, 50, Replies.SSE);

        /**
         * Sizes with replies over server-sent events.
         *
         * @param conversations at least 1
         * @param turns at least 1
         * @param concurrency at least 1
         */
        public Options(int conversations, int turns, int concurrency) {
            this(conversations, turns, concurrency, Replies.SSE);
        }

        /**
         * Validates the sizes.
         *
         * @param conversations at least 1
         * @param turns at least 1
         * @param concurrency at least 1
         */
        public Options {
            java.util.Objects.requireNonNull(replies, "replies is null");
            if (conversations < 1 || turns < 1 || concurrency < 1) {
                throw new IllegalArgumentException("chat: executions, steps (turns) and concurrency must be at least"
                        + " 1, were " + conversations + ", " + turns + " and " + concurrency);
            }
        }
    }

    private final Options options;
    private URI base;

    private ChatWorkload(Options options) {
        this.options = options;
    }

    /**
     * Runs the benchmark: starts the server, warms up, measures, stops the server and deletes its folder.
     *
     * @param options sizes
     * @param serverSettings further {@code -Dkey=value} arguments for the server (e.g. its worker pool)
     * @return the figures, as a {@code RESULT mode=chat …} line
     * @throws IllegalStateException when the server does not start, or a conversation fails (with the
     *     server's last output)
     */
    public static BenchResult run(Options options, List<String> serverSettings) {
        Path folder;
        try {
            folder = Files.createTempDirectory("basicflow-bench-chat-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary folder for the chat benchmark", e);
        }
        try {
            Path scripts = Files.createDirectories(folder.resolve("scripts"));
            Files.writeString(scripts.resolve(SCRIPT), script(options.turns()), StandardCharsets.UTF_8);
            return new ChatWorkload(options).runOn(scripts, folder.resolve("pg"), serverSettings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chat benchmark's script in " + folder, e);
        } finally {
            deleteQuietly(folder);
        }
    }

    /** The dialog: K turns of HEAR then a TALK that answers the input. */
    static String script(int turns) {
        return """
                #workflow
                FOR turn = 1 TO %d
                    HEAR said
                    TALK "turn {turn}: {said}"
                NEXT turn
                """.formatted(turns);
    }

    private BenchResult runOn(Path scripts, Path data, List<String> serverSettings) {
        long launched = System.nanoTime();
        try (ServeProcess server = ServeProcess.launch(scripts, data, serverSettings)) {
            base = server.awaitServing(SERVER_START);
            double serverStartSeconds = (System.nanoTime() - launched) / 1e9;
            try {
                ChatCpu cpu = new ChatCpu(server.pid(), data);
                int round = Math.min(options.conversations(), WARM_UP_CONVERSATIONS);
                int warmUp = 0;
                long warmUpBegan = System.nanoTime();
                double jitShare;
                ChatCpu.Sample before = cpu.sample();
                do {
                    conversations("warm" + warmUp, round);
                    warmUp += round;
                    ChatCpu.Sample after = cpu.sample();
                    jitShare = after.since(before).jitShare();
                    before = after;
                } while (!warmEnough(jitShare, warmUp / round, Duration.ofNanos(System.nanoTime() - warmUpBegan)));
                double warmUpSeconds = (System.nanoTime() - warmUpBegan) / 1e9;
                long began = System.nanoTime();
                long[] latencies = conversations("chat", options.conversations());
                double seconds = (System.nanoTime() - began) / 1e9;
                ChatCpu.Sample used = cpu.sample().since(before);
                return result(latencies, seconds, serverStartSeconds, warmUp, warmUpSeconds, jitShare, used);
            } catch (RuntimeException e) {
                throw new IllegalStateException(e.getMessage() + "\nthe server's last output:\n" + server.output(), e);
            }
        }
    }

    /**
     * Whether the warm-up may end: its last round's JIT share is below {@link #WARM_JIT_SHARE}, or it
     * ran {@link #MAX_WARM_UP_ROUNDS} rounds, or {@link #MAX_WARM_UP}.
     */
    static boolean warmEnough(double lastRoundJitShare, int rounds, Duration elapsed) {
        return lastRoundJitShare < WARM_JIT_SHARE
                || rounds >= MAX_WARM_UP_ROUNDS
                || elapsed.compareTo(MAX_WARM_UP) >= 0;
    }

    private BenchResult result(
            long[] latencies,
            double seconds,
            double serverStartSeconds,
            int warmUp,
            double warmUpSeconds,
            double warmUpJitShare,
            ChatCpu.Sample used) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("conversations", Integer.toString(options.conversations()));
        figures.put("turns", Integer.toString(options.turns()));
        figures.put("concurrency", Integer.toString(options.concurrency()));
        figures.put("replies", options.replies().name().toLowerCase(Locale.ROOT));
        figures.put("seconds", decimal(seconds));
        figures.put("turns_per_s", String.format(Locale.ROOT, "%.0f", sorted.length / seconds));
        figures.put("p50_ms", decimal(percentile(sorted, 0.50) / 1e6));
        figures.put("p99_ms", decimal(percentile(sorted, 0.99) / 1e6));
        figures.put("max_ms", decimal(sorted[sorted.length - 1] / 1e6));
        figures.put("mean_ms", decimal(Arrays.stream(sorted).average().orElse(0) / 1e6));
        // CPU of the timed phase per turn (its conversations' starts included): what bounds the
        // throughput on a machine whose cores the three processes share; -1 where /proc is not readable.
        cpuPerTurn(figures, "client_cpu_ms_per_turn", used.clientNanos(), sorted.length);
        cpuPerTurn(figures, "server_cpu_ms_per_turn", used.serverNanos(), sorted.length);
        cpuPerTurn(figures, "db_cpu_ms_per_turn", used.databaseNanos(), sorted.length);
        // Parts of the figures above: the JVMs' JIT compilers' and the server's garbage collector's.
        cpuPerTurn(figures, "client_jit_cpu_ms_per_turn", used.clientJitNanos(), sorted.length);
        cpuPerTurn(figures, "server_jit_cpu_ms_per_turn", used.serverJitNanos(), sorted.length);
        cpuPerTurn(figures, "server_gc_cpu_ms_per_turn", used.serverGcNanos(), sorted.length);
        figures.put("server_start_seconds", decimal(serverStartSeconds));
        figures.put("warm_up_conversations", Integer.toString(warmUp));
        figures.put("warm_up_seconds", decimal(warmUpSeconds));
        figures.put("warm_up_last_jit_share", decimal(warmUpJitShare));
        figures.put("database", "embedded");
        return new BenchResult("chat", figures);
    }

    private static void cpuPerTurn(Map<String, String> figures, String name, long nanos, int turns) {
        if (nanos >= 0) {
            figures.put(name, decimal(nanos / 1e6 / turns));
        }
    }

    /** The nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double fraction) {
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /** Runs {@code count} conversations, C at once; returns each turn's latency in nanoseconds. */
    private long[] conversations(String prefix, int count) {
        int turns = options.turns();
        long[] latencies = new long[count * turns];
        AtomicInteger next = new AtomicInteger();
        String run = prefix + "-" + Long.toString(System.nanoTime(), 36);
        try (ExecutorService clients = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("bench-chat-client-", 0).factory())) {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < Math.min(options.concurrency(), count); c++) {
                futures.add(clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        converse(run + "-" + i, latencies, i * turns);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new IllegalStateException("chat: a conversation failed: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("chat: interrupted", e);
        }
        return latencies;
    }

    /**
     * One conversation on its own kept-alive connection: start it, then each turn's input and the
     * reply, pushed on the conversation's event stream (a second connection) or long-polled.
     */
    private void converse(String id, long[] latencies, int offset) throws IOException {
        try (ChatConnection connection = new ChatConnection(base, REQUEST_TIMEOUT);
                ChatConnection streamConnection =
                        options.replies() == Replies.SSE ? new ChatConnection(base, REPLY_TIMEOUT) : null) {
            expect(
                    connection.exchange(
                            "POST",
                            "/executions",
                            "application/json",
                            "{\"script\":\"" + SCRIPT + "\",\"id\":\"" + id + "\"}"),
                    200,
                    299,
                    "POST /executions (" + id + ")");
            ChatConnection.EventStream events =
                    streamConnection == null ? null : streamConnection.events("/executions/" + id + "/messages");
            long after = 0;
            String inputPath = "/executions/" + id + "/input";
            String messagesPath = "/executions/" + id + "/messages?wait=" + LONG_POLL_SECONDS + "&after=";
            for (int turn = 1; turn <= options.turns(); turn++) {
                String input = "message " + turn + " of " + id;
                long began = System.nanoTime();
                expect(
                        connection.exchange("POST", inputPath, "text/plain; charset=utf-8", input),
                        202,
                        202,
                        "POST " + inputPath);
                String reply;
                if (events != null) {
                    reply = pushedReply(events, id, turn);
                } else {
                    reply = null;
                    while (reply == null) {
                        if (System.nanoTime() - began > REPLY_TIMEOUT.toNanos()) {
                            throw new IllegalStateException("execution " + id + " did not answer turn " + turn
                                    + " within " + REPLY_TIMEOUT.toSeconds() + " s (does the server run workers?)");
                        }
                        JsonNode page = JSON.readTree(expect(
                                connection.exchange("GET", messagesPath + after, null, null),
                                200,
                                200,
                                "GET /executions/" + id + "/messages"));
                        after = page.get("next").asLong();
                        JsonNode messages = page.get("messages");
                        if (!messages.isEmpty()) {
                            reply = messages.get(messages.size() - 1)
                                    .get("text")
                                    .asText();
                        }
                    }
                }
                latencies[offset + turn - 1] = System.nanoTime() - began;
                String expected = "turn " + turn + ": " + input;
                if (!reply.equals(expected)) {
                    throw new IllegalStateException("execution " + id + " answered '" + reply + "' to turn " + turn
                            + ", expected '" + expected + "'");
                }
            }
        }
    }

    /**
     * The next message pushed on a conversation's event stream (status frames skipped); the read
     * fails after {@link #REPLY_TIMEOUT} without a frame (the stream's connection timeout).
     */
    private static String pushedReply(ChatConnection.EventStream events, String id, int turn) throws IOException {
        for (ChatConnection.Event event = events.next(); event != null; event = events.next()) {
            switch (event.type()) {
                case "message" -> {
                    return JSON.readTree(event.data()).get("text").asText();
                }
                case "end" ->
                    throw new IllegalStateException(
                            "execution " + id + " ended (" + event.data() + ") before it answered turn " + turn);
                default -> {
                    // status frames: the reply is still to come
                }
            }
        }
        throw new IllegalStateException("the server closed the event stream of " + id + " before turn " + turn);
    }

    private static String expect(ChatConnection.Answer answer, int low, int high, String what) {
        if (answer.status() < low || answer.status() > high) {
            throw new IllegalStateException(what + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.body();
    }

    private static void deleteQuietly(Path folder) {
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("basicflow: could not delete the chat benchmark's folder " + folder + ": " + e);
        }
    }
}
