package io.basicflow.ai;

import io.basicflow.spi.PluginConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The figures of docs/ai.md, measured on this machine: embedding throughput, knowledge base search
 * latency at 10,000 passages, and the engine's overhead per {@code LLM} step against a local server.
 * Run with {@code java -cp <test class path> io.basicflow.ai.AiFigures} (see docs/ai.md).
 */
public final class AiFigures {

    private AiFigures() {}

    public static void main(String[] args) throws Exception {
        embedding();
        search();
        llmOverhead();
    }

    private static void embedding() {
        KnowledgeBases knowledge = new KnowledgeBases(configuration -> new MemoryKbStore());
        String passage = Library.HOURS + " " + Library.FINES + " " + Library.CARD;
        List<String> warm = List.of(passage, passage);
        knowledge.embed(warm);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            texts.add(i + ": " + passage);
        }
        long cpu = cpuNanos();
        long started = System.nanoTime();
        knowledge.embed(texts);
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuSeconds = (cpuNanos() - cpu) / 1e9;
        System.out.printf(
                "embedding: %d passages of %d chars in %.2f s = %.1f passages/s wall, %.1f passages per CPU-second"
                        + " (%d cores, load average %.1f)%n",
                texts.size(),
                passage.length(),
                seconds,
                texts.size() / seconds,
                texts.size() / cpuSeconds,
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void search() throws Exception {
        MemoryKbStore store = new MemoryKbStore();
        Random random = new Random(42);
        java.nio.file.Path folder = java.nio.file.Files.createTempDirectory("kb-figures");
        String kb = folder.toAbsolutePath().normalize().toString();
        for (int document = 0; document < 100; document++) {
            List<KbStore.Chunk> chunks = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                float[] vector = new float[384];
                double sum = 0;
                for (int d = 0; d < vector.length; d++) {
                    vector[d] = (float) random.nextGaussian();
                    sum += vector[d] * vector[d];
                }
                for (int d = 0; d < vector.length; d++) {
                    vector[d] /= (float) Math.sqrt(sum);
                }
                chunks.add(new KbStore.Chunk("doc" + document + ".md", i, "passage " + document + "/" + i, vector));
            }
            store.replace(kb, "doc" + document + ".md", "hash" + document, chunks);
        }
        KnowledgeBases knowledge = new KnowledgeBases(configuration -> store);
        knowledge.configure(PluginConfiguration.empty("ai"));
        knowledge.search(List.of(folder), "warm up", 3);
        int rounds = 200;
        long cpu = cpuNanos();
        long started = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            knowledge.search(List.of(folder), "When does the library open on Saturday number " + i + "?", 3);
        }
        double millis = (System.nanoTime() - started) / 1e6 / rounds;
        double cpuMillis = (cpuNanos() - cpu) / 1e6 / rounds;
        float[] query = knowledge.embed(List.of("When does the library open?")).getFirst();
        long embedStarted = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            knowledge.embed(List.of("When does the library open on Saturday number " + i + "?"));
        }
        double embedMillis = (System.nanoTime() - embedStarted) / 1e6 / rounds;
        System.out.printf(
                "kb query at 10,000 passages: %.2f ms per question wall, %.2f ms CPU (of which embedding the"
                        + " question %.2f ms wall, exact scan %.2f ms wall); query vector length %d%n",
                millis, cpuMillis, embedMillis, millis - embedMillis, query.length);
    }

    private static void llmOverhead() {
        int calls = 300;
        try (FakeModelServer server = FakeModelServer.start()) {
            for (int i = 0; i < calls * 2 + 20; i++) {
                server.answer("ok " + i);
            }
            ChatClient client = new ChatClient();
            List<dev.langchain4j.data.message.ChatMessage> messages =
                    List.of(dev.langchain4j.data.message.UserMessage.from("hi"));
            for (int i = 0; i < 20; i++) {
                raw(client, server, messages);
            }
            long started = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                raw(client, server, messages);
            }
            double rawMillis = (System.nanoTime() - started) / 1e6 / calls;
            String script = "FOR i = 1 TO " + calls + "\n  x = LLM \"hi\"\nNEXT i\nTALK x\n";
            Map<String, String> settings = Scripts.settings(server);
            long directStarted = System.nanoTime();
            List<String> said = Scripts.direct(script, settings);
            double directMillis = (System.nanoTime() - directStarted) / 1e6 / calls;
            System.out.printf(
                    "LLM step: raw call %.3f ms, direct LLM step %.3f ms (overhead %.3f ms) [%s]%n",
                    rawMillis, directMillis, directMillis - rawMillis, said.getLast());
        }
        durableOverhead(calls);
    }

    private static void durableOverhead(int calls) {
        try (FakeModelServer server = FakeModelServer.start();
                io.basicflow.testkit.BasicflowTestKit kit = Scripts.kit(Scripts.settings(server))) {
            for (int i = 0; i < calls + 20; i++) {
                server.answer("ok " + i);
            }
            kit.run("#workflow\nx = LLM \"warm\"\n").awaitStatus(io.basicflow.engine.api.ExecutionStatus.COMPLETED);
            String script = "#workflow\nFOR i = 1 TO " + calls + "\n  x = LLM \"hi\"\nNEXT i\nTALK x\n";
            long started = System.nanoTime();
            kit.run(script).awaitStatus(io.basicflow.engine.api.ExecutionStatus.COMPLETED);
            double millis = (System.nanoTime() - started) / 1e6 / calls;
            System.out.printf("durable LLM step (EffectStarted commit + call + EffectCompleted): %.3f ms%n", millis);
        }
    }

    private static void raw(
            ChatClient client, FakeModelServer server, List<dev.langchain4j.data.message.ChatMessage> m) {
        try {
            client.chat(
                    server.baseUrl(), "none", Duration.ofSeconds(10), "small-model", m, Optional.empty(), List.of());
        } catch (io.basicflow.spi.KeywordException e) {
            throw new IllegalStateException(e);
        }
    }
}
