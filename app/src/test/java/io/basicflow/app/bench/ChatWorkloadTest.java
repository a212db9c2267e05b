package io.basicflow.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.benchmark.BenchResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@code chat} benchmark run tiny against a real {@code basicflow serve} child process: it
 * completes with replies pushed on event streams and with long-polls, every reply answered its turn
 * (the workload checks each), and its {@code RESULT} line
 * parses. Times are not asserted.
 */
class ChatWorkloadTest {

    @ParameterizedTest
    @EnumSource(ChatWorkload.Replies.class)
    void threeConversationsOfTwoTurnsOverHttpPrintAParsableResultLine(ChatWorkload.Replies replies) {
        BenchResult result = ChatWorkload.run(new ChatWorkload.Options(3, 2, 2, replies), List.of());

        String line = result.line();
        assertThat(line).matches("RESULT mode=chat( [a-z_0-9]+=[^ =]+)+");
        Map<String, String> figures = new LinkedHashMap<>();
        for (String pair : line.substring("RESULT ".length()).split(" ")) {
            String[] parts = pair.split("=", 2);
            figures.put(parts[0], parts[1]);
        }
        assertThat(figures)
                .containsEntry("mode", "chat")
                .containsEntry("conversations", "3")
                .containsEntry("turns", "2")
                .containsEntry("concurrency", "2")
                .containsEntry("replies", replies.name().toLowerCase(Locale.ROOT));
        // warm-up rounds of all three conversations, until the JIT compilers settle (or the cap)
        int warmUp = Integer.parseInt(figures.get("warm_up_conversations"));
        assertThat(warmUp).isPositive().isLessThanOrEqualTo(3 * ChatWorkload.MAX_WARM_UP_ROUNDS);
        assertThat(warmUp % 3).isZero();
        double p50 = Double.parseDouble(figures.get("p50_ms"));
        double p99 = Double.parseDouble(figures.get("p99_ms"));
        double max = Double.parseDouble(figures.get("max_ms"));
        assertThat(p50).isPositive().isLessThanOrEqualTo(p99);
        assertThat(p99).isLessThanOrEqualTo(max);
        assertThat(Double.parseDouble(figures.get("turns_per_s"))).isPositive();
        assertThat(Double.parseDouble(figures.get("seconds"))).isPositive();
        // CPU of each of the three processes, read from /proc (Linux, where the benchmark runs)
        assertThat(figures)
                .containsKeys(
                        "client_cpu_ms_per_turn",
                        "server_cpu_ms_per_turn",
                        "db_cpu_ms_per_turn",
                        "client_jit_cpu_ms_per_turn",
                        "server_jit_cpu_ms_per_turn",
                        "server_gc_cpu_ms_per_turn");
        // the JIT compilers' and the collector's CPU are parts of their JVM's
        assertThat(Double.parseDouble(figures.get("server_jit_cpu_ms_per_turn"))
                        + Double.parseDouble(figures.get("server_gc_cpu_ms_per_turn")))
                .isLessThanOrEqualTo(Double.parseDouble(figures.get("server_cpu_ms_per_turn")) + 0.001);
        assertThat(Double.parseDouble(figures.get("client_jit_cpu_ms_per_turn")))
                .isLessThanOrEqualTo(Double.parseDouble(figures.get("client_cpu_ms_per_turn")) + 0.001);
        for (String process : List.of("client", "server", "db", "client_jit", "server_jit", "server_gc")) {
            assertThat(Double.parseDouble(figures.get(process + "_cpu_ms_per_turn")))
                    .as(process)
                    .isNotNegative();
        }
    }

    @Test
    void theWarmUpEndsWhenTheCompilersSettleOrAtItsCaps() {
        assertThat(ChatWorkload.warmEnough(0.40, 1, Duration.ofSeconds(5))).isFalse();
        assertThat(ChatWorkload.warmEnough(0.09, 1, Duration.ofSeconds(5))).isTrue();
        assertThat(ChatWorkload.warmEnough(0.40, ChatWorkload.MAX_WARM_UP_ROUNDS, Duration.ofSeconds(5)))
                .isTrue();
        assertThat(ChatWorkload.warmEnough(0.40, 2, ChatWorkload.MAX_WARM_UP)).isTrue();
    }

    @Test
    void percentilesAreNearestRank() {
        long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(ChatWorkload.percentile(sorted, 0.50)).isEqualTo(5);
        assertThat(ChatWorkload.percentile(sorted, 0.99)).isEqualTo(10);
        assertThat(ChatWorkload.percentile(new long[] {7}, 0.99)).isEqualTo(7);
    }

    @Test
    void sizesBelowOneAreRefusedWithTheirNames() {
        assertThatThrownBy(() -> new ChatWorkload.Options(0, 10, 50))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("executions, steps (turns) and concurrency must be at least 1");
    }
}
