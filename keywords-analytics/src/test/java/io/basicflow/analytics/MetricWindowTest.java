package io.basicflow.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.spi.KeywordException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The windows and rows of {@code QUERY METRICS}: aligned to the interval, one range long, moved by OFFSET. */
class MetricWindowTest {

    private static final Instant NOW = Instant.parse("2026-03-11T15:46:10Z"); // a Wednesday

    @Test
    void aDayByHoursIsTwentyFourRowsOnTheHourEndingWithTheCurrentHour() throws Exception {
        MetricWindow window = MetricWindow.of(NOW, "24h", "1h", 0);
        assertThat(window.starts()).hasSize(24);
        assertThat(window.start()).isEqualTo(Instant.parse("2026-03-10T16:00:00Z"));
        assertThat(window.starts().getLast()).isEqualTo(Instant.parse("2026-03-11T15:00:00Z"));
        assertThat(window.end()).isEqualTo(Instant.parse("2026-03-11T16:00:00Z"));
    }

    @Test
    void offsetOneIsThePeriodJustBeforeWithNoOverlap() throws Exception {
        MetricWindow now = MetricWindow.of(NOW, "7d", "1d", 0);
        MetricWindow before = MetricWindow.of(NOW, "7d", "1d", 1);
        assertThat(before.end()).isEqualTo(now.start());
        assertThat(before.starts()).hasSize(7);
        assertThat(now.starts().getFirst()).isEqualTo(Instant.parse("2026-03-05T00:00:00Z"));
    }

    @Test
    void weeksStartOnMondayAndMonthsOnTheFirstWithTheWindowStartAsTheFirstRow() throws Exception {
        MetricWindow weeks = MetricWindow.of(NOW, "30d", "1w", 0);
        // the window ends with the current week (Monday 2026-03-16) and reaches 30 days back: the first row
        // starts with the window on Saturday 2026-02-14, the next on Monday 2026-02-16
        assertThat(weeks.end()).isEqualTo(Instant.parse("2026-03-16T00:00:00Z"));
        assertThat(weeks.starts().getFirst()).isEqualTo(Instant.parse("2026-02-14T00:00:00Z"));
        assertThat(weeks.starts().get(1)).isEqualTo(Instant.parse("2026-02-16T00:00:00Z"));
        assertThat(weeks.starts()).hasSize(5);
        MetricWindow months = MetricWindow.of(NOW, "90d", "1mo", 0);
        assertThat(months.starts())
                .containsExactly(
                        Instant.parse("2026-01-01T00:00:00Z"),
                        Instant.parse("2026-02-01T00:00:00Z"),
                        Instant.parse("2026-03-01T00:00:00Z"))
                .as("90 days back from April 1st starts on January 1st");
    }

    @Test
    void quarterHoursFallOnTheQuarterAndTheDefaultIntervalFollowsTheRange() throws Exception {
        MetricWindow quarters = MetricWindow.of(NOW, "1h", "15min", 0);
        assertThat(quarters.starts())
                .containsExactly(
                        Instant.parse("2026-03-11T15:00:00Z"),
                        Instant.parse("2026-03-11T15:15:00Z"),
                        Instant.parse("2026-03-11T15:30:00Z"),
                        Instant.parse("2026-03-11T15:45:00Z"));
        assertThat(MetricWindow.of(NOW, "6h", "", 0).starts()).hasSize(6);
        assertThat(MetricWindow.of(NOW, "30d", "", 0).starts()).hasSize(30);
        assertThat(MetricWindow.of(NOW, "1y", "", 0).starts()).hasSize(12);
    }

    @Test
    void wordsThatAreNoLengthOfTimeAndTooManyRowsAreRefusedWithWhatToWrite() {
        assertThatThrownBy(() -> MetricWindow.of(NOW, "custom", "", 0))
                .isInstanceOf(KeywordException.class)
                .hasMessageContaining("the range 'custom' is not a length of time")
                .hasMessageContaining("\"24h\"");
        assertThatThrownBy(() -> MetricWindow.of(NOW, "7d", "weekly", 0)).hasMessageContaining("the interval 'weekly'");
        assertThatThrownBy(() -> MetricWindow.of(NOW, "1y", "1min", 0)).hasMessageContaining("more than 5000 rows");
        assertThatThrownBy(() -> MetricWindow.of(NOW, "1d", "1h", -1)).hasMessageContaining("OFFSET");
    }
}
