package io.basicflow.benchmark;

import io.basicflow.ai.AiPlugin;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import java.util.Map;

/**
 * {@code ai}: N executions × K {@code x = LLM prompt} against a local zero-latency OpenAI-compatible
 * server in this process (JDK {@code com.sun.net.httpserver} answering {@code POST
 * /v1/chat/completions} with a fixed completion), with C workers. Each {@code LLM} is a durable
 * effect step: its start committed before the call, the answer recorded in its completion.
 *
 * <p>{@code engine_ms_per_step} is the wall time per step minus the server's own handling time per
 * request (summed): what the engine, LangChain4j's OpenAI client and PostgreSQL add to each model
 * call. {@code raw_commit_ms}, probed first on one connection, is the floor of one commit on this
 * database and this machine at this moment.
 */
final class AiWorkload {

    private static final String COMPLETION = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\","
            + "\"created\":1700000000,\"model\":\"bench\",\"choices\":[{\"index\":0,\"finish_reason\":\"stop\","
            + "\"message\":{\"role\":\"assistant\",\"content\":\"Lisbon.\"}}],"
            + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":2,\"total_tokens\":12}}";

    private AiWorkload() {}

    static BenchResult run(BenchDatabase database, BenchOptions options) throws Exception {
        try (TimedServer server = TimedServer.start("/v1/chat/completions", COMPLETION)) {
            return HttpWorkload.serverSteps(
                    "ai",
                    database,
                    options,
                    server,
                    KeywordCatalogue.of(new CorePlugin(), new AiPlugin()),
                    Map.of("basicflow.ai.base-url", server.url("/v1"), "basicflow.ai.model", "bench"),
                    "x = LLM \"Suggest one city for a weekend trip\"",
                    true);
        }
    }
}
