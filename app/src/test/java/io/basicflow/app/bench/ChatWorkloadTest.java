package io.basicflow.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.benchmark.BenchResult;
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
                .containsEntry("replies", replies.name().toLowerCase(Locale.ROOT))
                .containsEntry("warm_up_conversations", "3");
        double p50 = Double.parseDouble(figures.get("p50_ms"));
        double p99 = Double.parseDouble(figures.get("p99_ms"));
        double max = Double.parseDouble(figures.get("max_ms"));
        assertThat(p50).isPositive().isLessThanOrEqualTo(p99);
        assertThat(p99).isLessThanOrEqualTo(max);
        assertThat(Double.parseDouble(figures.get("turns_per_s"))).isPositive();
        assertThat(Double.parseDouble(figures.get("seconds"))).isPositive();
        // CPU of each of the three processes, read from /proc (Linux, where the benchmark runs)
        assertThat(figures).containsKeys("client_cpu_ms_per_turn", "server_cpu_ms_per_turn", "db_cpu_ms_per_turn");
        for (String process : List.of("client", "server", "db")) {
            assertThat(Double.parseDouble(figures.get(process + "_cpu_ms_per_turn")))
                    .as(process)
                    .isNotNegative();
        }
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
