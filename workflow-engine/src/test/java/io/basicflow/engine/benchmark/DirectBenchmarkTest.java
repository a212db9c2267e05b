package io.basicflow.engine.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmark harness works and counts honestly; its speed is measured by running it, not here. */
class DirectBenchmarkTest {

    @Test
    void countsTwoStepsPerIterationPlusTheFor() {
        DirectBenchmark.Result result = DirectBenchmark.run(1_000, 0, 1);

        assertThat(result.iterations()).isEqualTo(1_000);
        assertThat(result.stepsPerRound()).isEqualTo(2_001);
        assertThat(result.stepsPerSecond())
                .isEqualTo(
                        result.iterationsPerSecond() * 2.001,
                        org.assertj.core.data.Offset.offset(1e-3 * result.stepsPerSecond()));
        assertThat(result.report()).contains("FOR i = 1 TO 1000 / total = total + i / NEXT / RETURN total");
    }

    @Test
    void aRecordingRunCountsTheSameSteps() {
        assertThat(DirectBenchmark.run(500, 0, 1, true).stepsPerRound()).isEqualTo(1_001);
    }

    @Test
    void theDefaultSizeRunsPastAnExecutionsStepQuota() {
        // bench direct's default, 1,000,000 iterations, is 2,000,001 steps: more than the default quota
        assertThat(DirectBenchmark.run(1_000_000, 0, 1).stepsPerRound()).isEqualTo(2_000_001);
    }
}
