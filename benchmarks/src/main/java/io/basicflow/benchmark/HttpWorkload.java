package io.basicflow.benchmark;

import com.sun.net.httpserver.HttpServer;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.http.HttpPlugin;
import io.basicflow.persistence.DurableRuntime;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code http}: N executions × K {@code x = GET url} to a local HTTP server in this process (JDK
 * {@code com.sun.net.httpserver}, answering a small JSON object), with C workers. Each GET is a
 * durable effect step: its start committed before the request, its answer recorded in its completion.
 *
 * <p>{@code engine_ms_per_step} is the wall time per step minus the server's own handling time per
 * request (summed over requests, as if the server had run them one after another): what the engine,
 * the HTTP client and PostgreSQL add to each call, at this concurrency.
 */
final class HttpWorkload {

    private HttpWorkload() {}

    static BenchResult run(BenchDatabase database, BenchOptions options) throws Exception {
        AtomicLong serverNanos = new AtomicLong();
        AtomicLong requests = new AtomicLong();
        byte[] answer = "{\"ok\":true,\"n\":42}".getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/item", exchange -> {
            long began = System.nanoTime();
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            } finally {
                serverNanos.addAndGet(System.nanoTime() - began);
                requests.incrementAndGet();
            }
        });
        server.start();
        BenchMetrics metrics = new BenchMetrics();
        try (DurableRuntime runtime = DurableRuntime.builder(
                        database.database(), KeywordCatalogue.of(new CorePlugin(), new HttpPlugin()))
                .settings(DurableBench.settings(options))
                .metrics(metrics)
                .configuration(Map.of("basicflow.http.allow", "127.0.0.1"))
                .start()) {
            DurableBench.Context context = new DurableBench.Context(
                    options, database, runtime, runtime.engine(), metrics, new CpuMeter(database.postmasterPid()));
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/item";
            StringBuilder source = new StringBuilder("#workflow\n");
            for (int i = 0; i < options.steps(); i++) {
                source.append("x = GET \"").append(url).append("\"\n");
            }
            int executions = options.executions();
            int[] warmUps = {0};
            int rounds = DurableBench.warmUp(() -> DurableBench.startAndComplete(
                    context, "http-warm-up-" + warmUps[0]++, Math.min(executions, 500), source.toString()));

            BenchMetrics.Snapshot before = metrics.snapshot();
            long serverBefore = serverNanos.get();
            long requestsBefore = requests.get();
            CpuMeter.Sample cpuBefore = context.cpu().sample();
            long began = System.nanoTime();
            double startSeconds = DurableBench.startAndComplete(context, "http", executions, source.toString());
            double seconds = DurableBench.secondsSince(began);
            CpuMeter.Sample cpu = context.cpu().sample().since(cpuBefore);
            long total = (long) executions * options.steps();
            long served = requests.get() - requestsBefore;
            double serverSeconds = (serverNanos.get() - serverBefore) / 1e9;
            if (served != total) {
                throw new IllegalStateException("the server answered " + served + " requests for " + total + " GETs");
            }
            BenchResult.Builder result = new BenchResult.Builder("http")
                    .count("executions", executions)
                    .count("steps", options.steps())
                    .count("concurrency", options.concurrency())
                    .decimal("seconds", seconds)
                    .rate("steps_per_s", total / seconds)
                    .decimal("ms_per_step", seconds * 1000 / total)
                    .decimal("server_ms_per_request", serverSeconds * 1000 / served)
                    .decimal("engine_ms_per_step", (seconds - serverSeconds) * 1000 / total)
                    .decimal("start_seconds", startSeconds)
                    .count("warm_up_rounds", rounds);
            CpuMeter.report(result, cpu, total, "step");
            metrics.snapshot().report(result, before);
            return result.text("database", database.describe()).build();
        } finally {
            server.stop(0);
        }
    }
}
