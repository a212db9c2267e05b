package io.basicflow.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.DirectRun;
import io.basicflow.testkit.ScriptRun;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code CHART}: a PNG in the bot's storage whose slices and bars are as large as the data says, the
 * same file from a direct and a durable run.
 */
class ChartTest {

    @TempDir
    Path root;

    /** The bi bot's shape in our own words: a donut of categories and a bar chart of months. */
    static final String SALES = """
            categories = [{"category": "tools", "value": 12}, {"category": "garden", "value": 7}, {"category": "toys", "value": 3}]
            donut = CHART "donut", categories, "Sales by category"
            TALK donut
            months = {"jan": 10, "feb": 40, "mar": 20}
            bars = CHART "bar", months
            TALK bars
            """;

    private Map<String, String> settings() {
        return Map.of("basicflow.files.root", root.toString());
    }

    private Path drive() {
        return root.resolve("shop.gbai/shop.gbdrive");
    }

    @Test
    void directAndDurableRunsDrawTheSameFilesWithSlicesAndBarsInProportion() throws Exception {
        DirectRun direct = DirectRun.of(List.of(new AnalyticsPlugin()), settings(), "shop/sales.bas", SALES, Map.of());
        assertThat(direct.outcome()).isInstanceOf(DirectOutcome.Completed.class);
        assertThat(direct.messages()).hasSize(2);
        assertThat(direct.messages().get(0)).matches("charts/donut-[0-9a-f]{16}\\.png");
        assertThat(direct.messages().get(1)).matches("charts/bar-[0-9a-f]{16}\\.png");

        BufferedImage donut =
                ImageIO.read(drive().resolve(direct.messages().get(0)).toFile());
        assertThat(donut.getWidth()).isEqualTo(ChartRenderer.WIDTH);
        assertThat(donut.getHeight()).isEqualTo(ChartRenderer.HEIGHT);
        long tools = count(donut, 0x1f77b4);
        long garden = count(donut, 0xff7f0e);
        long toys = count(donut, 0x2ca02c);
        assertThat((double) tools / (tools + garden + toys)).isCloseTo(12 / 22.0, within(0.02));
        assertThat((double) garden / (tools + garden + toys)).isCloseTo(7 / 22.0, within(0.02));
        int center = (ChartRenderer.HEIGHT) / 2;
        assertThat(donut.getRGB(60 + (ChartRenderer.HEIGHT - 120) / 2, center) & 0xffffff)
                .as("the donut's hole")
                .isEqualTo(0xffffff);

        BufferedImage bars =
                ImageIO.read(drive().resolve(direct.messages().get(1)).toFile());
        List<Integer> heights =
                List.of(0, 1, 2).stream().map(i -> barHeight(bars, i, 3)).toList();
        assertThat((double) heights.get(0) / heights.get(1)).isCloseTo(10 / 40.0, within(0.02));
        assertThat((double) heights.get(2) / heights.get(1)).isCloseTo(20 / 40.0, within(0.02));

        Files.delete(drive().resolve(direct.messages().get(0)));
        try (BasicflowTestKit kit = BasicflowTestKit.withPlugins(new AnalyticsPlugin())) {
            settings().forEach(kit::configuration);
            ScriptRun run = kit.run("shop/sales.bas", "#workflow\n" + SALES);
            run.awaitStatus(ExecutionStatus.COMPLETED);
            assertThat(run.messages()).containsExactlyElementsOf(direct.messages());
            assertThat(drive().resolve(direct.messages().get(0))).exists();
            assertThat(kit.effectCalls("CHART")).hasSize(2);
        }
    }

    @Test
    void queryMetricsRowsChartByTimeAndBadTypesOrDataAreClearErrors() throws Exception {
        DirectRun line = DirectRun.of(
                List.of(new AnalyticsPlugin()),
                settings(),
                "shop/line.bas",
                "img = CHART \"timeseries\", [{\"time\": \"2026-03-11T14:00:00Z\", \"value\": 3}, {\"time\": \"2026-03-11T15:00:00Z\", \"value\": 5}]\nTALK img\n",
                Map.of());
        assertThat(line.outcome()).isInstanceOf(DirectOutcome.Completed.class);
        assertThat(count(
                        ImageIO.read(drive().resolve(line.messages().getFirst()).toFile()), 0x1f77b4))
                .isGreaterThan(500);

        assertThat(failure("x = 1\nimg = CHART \"radar\", [1, 2]\n"))
                .contains("shop/bad.bas:2:1")
                .contains("CHART draws timeseries (line), bar, pie or donut charts, not 'radar'");
        assertThat(failure("img = CHART \"bar\", []\n")).contains("CHART has no data to draw");
        assertThat(failure("img = CHART \"pie\", [{\"name\": \"a\", \"value\": \"lots\"}]\n"))
                .contains("CHART needs numbers; row 1 has 'lots'");
    }

    /** The error of a direct run that must fail. */
    private String failure(String source) {
        DirectRun run = DirectRun.of(List.of(new AnalyticsPlugin()), settings(), "shop/bad.bas", source, Map.of());
        assertThat(run.outcome()).as(source).isInstanceOf(DirectOutcome.Failed.class);
        return ((DirectOutcome.Failed) run.outcome()).error().message();
    }

    private static long count(BufferedImage image, int rgb) {
        long count = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    count++;
                }
            }
        }
        return count;
    }

    /** The blue pixels in the column through the middle of bar {@code index} of {@code bars}. */
    private static int barHeight(BufferedImage image, int index, int bars) {
        int left = 80;
        int right = ChartRenderer.WIDTH - 30;
        int x = (int) (left + (right - left) / (double) bars * (index + 0.5));
        int height = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            if ((image.getRGB(x, y) & 0xffffff) == 0x1f77b4) {
                height++;
            }
        }
        return height;
    }
}
