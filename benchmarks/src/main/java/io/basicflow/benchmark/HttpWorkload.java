package io.basicflow.benchmark;

import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.http.HttpPlugin;
import io.basicflow.persistence.DurableRuntime;
import java.util.Map;

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
        try (TimedServer server = TimedServer.start("/item", "{\"ok\":true,\"n\":42}")) {
            return serverSteps(
                    "http",
                    database,
                    options,
                    server,
                    KeywordCatalogue.of(new CorePlugin(), new HttpPlugin()),
                    Map.of("basicflow.http.allow", "127.0.0.1"),
                    "x = GET \"" + server.url("/item") + "\"",
                    false);
        }
    }

    /**
     * N executions of K copies of one effect line, each a request to a local {@link TimedServer}:
     * warm-up rounds, then one measured round; {@code engine_ms_per_step} is the time per step minus
     * the server's own. Shared by {@code http} and {@code ai}.
     *
     * @param probeCommit whether to probe the raw one-row commit first ({@code raw_commit_ms}), right
     *     before the measured round
     */
    static BenchResult serverSteps(
            String mode,
            BenchDatabase database,
            BenchOptions options,
            TimedServer server,
            KeywordCatalogue catalogue,
            Map<String, String> configuration,
            String line,
            boolean probeCommit)
            throws Exception {
        BenchMetrics metrics = new BenchMetrics();
        try (DurableRuntime runtime = DurableRuntime.builder(database.database(), catalogue)
                .settings(DurableBench.settings(options))
                .metrics(metrics)
                .configuration(configuration)
                .start()) {
            DurableBench.Context context = new DurableBench.Context(
                    options, database, runtime, runtime.engine(), metrics, new CpuMeter(database.postmasterPid()));
            StringBuilder source = new StringBuilder("#workflow\n");
            for (int i = 0; i < options.steps(); i++) {
                source.append(line).append('\n');
            }
            int executions = options.executions();
            int[] warmUps = {0};
            int rounds = DurableBench.warmUp(() -> DurableBench.startAndComplete(
                    context, mode + "-warm-up-" + warmUps[0]++, Math.min(executions, 500), source.toString()));
            double rawCommitMillis = probeCommit ? DataWorkload.probeCommit(context) : Double.NaN;

            BenchMetrics.Snapshot before = metrics.snapshot();
            long serverBefore = server.nanos();
            long requestsBefore = server.requests();
            CpuMeter.Sample cpuBefore = context.cpu().sample();
            long began = System.nanoTime();
            double startSeconds = DurableBench.startAndComplete(context, mode, executions, source.toString());
            double seconds = DurableBench.secondsSince(began);
            CpuMeter.Sample cpu = context.cpu().sample().since(cpuBefore);
            long total = (long) executions * options.steps();
            long served = server.requests() - requestsBefore;
            double serverSeconds = (server.nanos() - serverBefore) / 1e9;
            if (served != total) {
                throw new IllegalStateException("the server answered " + served + " requests for " + total + " steps");
            }
            BenchResult.Builder result = new BenchResult.Builder(mode)
                    .count("executions", executions)
                    .count("steps", options.steps())
                    .count("concurrency", options.concurrency());
            if (probeCommit) {
                result.decimal("raw_commit_ms", rawCommitMillis);
            }
            result.decimal("seconds", seconds)
                    .rate("steps_per_s", total / seconds)
                    .decimal("ms_per_step", seconds * 1000 / total)
                    .decimal("server_ms_per_request", serverSeconds * 1000 / served)
                    .decimal("engine_ms_per_step", (seconds - serverSeconds) * 1000 / total)
                    .decimal("start_seconds", startSeconds)
                    .count("warm_up_rounds", rounds);
            CpuMeter.report(result, cpu, total, "step");
            metrics.snapshot().report(result, before);
            return result.text("database", database.describe()).build();
        }
    }
}
