package io.basicflow.analytics;

import io.basicflow.spi.BotFiles;
import io.basicflow.spi.EffectKind;
import io.basicflow.spi.ExecutionScope;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.RetryPolicy;
import io.basicflow.spi.TransactionalKeywordHandler;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The analytics bot's keywords (General Bots has no reference page for them; basicflow's meaning is in
 * docs/general-bots-extras.md):
 *
 * <ul>
 *   <li>{@code rows = QUERY METRICS "messages" FOR "24h" [BY "1h"] [OFFSET 1]}: one metric of the
 *       running bot over a window, read from what the engine records for the bot's executions (messages,
 *       inputs, events), as a list of {@code {time, value, …}} rows, one per interval. The rows are read
 *       inside the engine's transaction and recorded with the step, so a resumed run sees the same rows.
 *   <li>{@code img = CHART "timeseries"|"line"|"bar"|"pie"|"donut", data[, title]}: a PNG drawn with Java2D
 *       into the bot's storage ({@code charts/…png}, through the files plugin's {@link BotFiles}); the
 *       value is its path, which {@code SEND FILE img} sends and {@code TALK img} shows.
 * </ul>
 */
public final class AnalyticsPlugin implements KeywordPlugin {

    /** The metrics keyword. */
    public static final String QUERY_METRICS = "QUERY METRICS";

    /** The chart keyword. */
    public static final String CHART = "CHART";

    /** The folder of the bot's storage the charts are written to. */
    static final String CHARTS_FOLDER = "charts/";

    private static final RetryPolicy RETRY = new RetryPolicy(3, Duration.ofMillis(50), 4.0, Duration.ofSeconds(1));

    /** Creates the plugin; {@link java.util.ServiceLoader} calls this. */
    public AnalyticsPlugin() {}

    @Override
    public String name() {
        return "analytics";
    }

    @Override
    public List<KeywordDefinition> keywords() {
        return List.of(
                KeywordDefinition.builder(QUERY_METRICS)
                        .form(KeywordForm.FUNCTION)
                        .parameter(ParameterDefinition.required("metric", "the metric: " + Metric.names()))
                        .parameter(ParameterDefinition.introducedBy(
                                "FOR", "range", false, "how far back: \"1h\", \"24h\", \"7d\", \"30d\", \"1mo\" …"))
                        .parameter(ParameterDefinition.introducedBy(
                                "BY",
                                "interval",
                                true,
                                "one row per: \"1h\", \"1d\", \"1w\", \"1mo\" (default: by the range)"))
                        .parameter(ParameterDefinition.introducedBy(
                                "OFFSET", "offset", true, "how many ranges back (1: the period before)"))
                        .effect(EffectKind.IDEMPOTENT_EFFECT)
                        .retry(RETRY)
                        .description("A metric of this bot over a time range, from the engine's records: a list of rows"
                                + " {time, value, …}, one per interval.")
                        .build(),
                KeywordDefinition.builder(CHART)
                        .form(KeywordForm.FUNCTION)
                        .parameter(ParameterDefinition.required("type", "timeseries, line, bar, pie or donut"))
                        .parameter(ParameterDefinition.required(
                                "data",
                                "a list of rows (a number field: value, a label: label/name/time), a map of"
                                        + " label to number, or a list of numbers"))
                        .parameter(ParameterDefinition.optional("title", "the title drawn above the chart"))
                        .effect(EffectKind.IDEMPOTENT_EFFECT)
                        .retry(RETRY)
                        .description("Draws the data as a PNG in the bot's storage (charts/); the value is its path,"
                                + " for SEND FILE.")
                        .build());
    }

    @Override
    public Optional<TransactionalKeywordHandler> transactionalHandler(String keyword) {
        return QUERY_METRICS.equals(keyword) ? Optional.of(AnalyticsPlugin::queryMetrics) : Optional.empty();
    }

    /** {@code CHART}; and {@code QUERY METRICS} of an engine without data connections, as an error. */
    @Override
    public Optional<KeywordHandler> handler(String keyword) {
        if (CHART.equals(keyword)) {
            return Optional.of(AnalyticsPlugin::chart);
        }
        if (!QUERY_METRICS.equals(keyword)) {
            return Optional.empty();
        }
        return Optional.of(invocation -> {
            throw KeywordException.permanent("QUERY METRICS reads the engine's records in PostgreSQL inside a"
                    + " transaction of the engine; this engine has no database connection for keywords (run it"
                    + " with basicflow, or give the engine its data connections)");
        });
    }

    static Value queryMetrics(Invocation invocation, ExecutionScope scope, Connection connection)
            throws KeywordException, SQLException {
        String name = invocation.argument("metric").display();
        Metric metric = Metric.named(name)
                .orElseThrow(() -> KeywordException.permanent(
                        "QUERY METRICS knows no metric '" + name + "'; the" + " metrics are " + Metric.names()));
        Value range = invocation.argument("range");
        if (range instanceof NullValue || range.display().isBlank()) {
            throw KeywordException.permanent("QUERY METRICS needs a range after FOR, e.g. FOR \"24h\"");
        }
        Value interval = invocation.argument("interval");
        Value offset = invocation.argument("offset");
        long periods = switch (offset) {
            case NullValue ignored -> 0;
            case IntegerValue whole -> whole.value();
            case NumberValue number -> wholeNumber(number);
            default ->
                throw KeywordException.permanent(
                        "OFFSET must be a whole number of ranges, was '" + offset.display() + "'");
        };
        MetricWindow window = MetricWindow.of(
                invocation.context().clock().instant(),
                range.display(),
                interval instanceof NullValue ? "" : interval.display(),
                periods);
        return MetricsQuery.rows(connection, scope, metric, window);
    }

    static Value chart(Invocation invocation) throws KeywordException {
        String type = invocation.argument("type").display();
        ChartRenderer.Kind kind = ChartRenderer.Kind.named(type)
                .orElseThrow(() -> KeywordException.permanent(
                        "CHART draws timeseries (line), bar, pie or donut" + " charts, not '" + type + "'"));
        ChartData data = ChartData.of(invocation.argument("data"));
        Value title = invocation.argument("title");
        byte[] png = ChartRenderer.png(kind, data, title instanceof NullValue ? "" : title.display());
        // named by its content: a step repeated after a crash writes the same file again, and a direct and a
        // durable run of the same script name the same file
        String path = CHARTS_FOLDER + kind.name().toLowerCase(java.util.Locale.ROOT) + "-" + fingerprint(png) + ".png";
        return new TextValue(
                BotFiles.installed(CHART).write(invocation.context(), CHART, path, png, invocation.idempotencyKey()));
    }

    private static String fingerprint(byte[] content) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(content);
            return java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static long wholeNumber(NumberValue number) throws KeywordException {
        try {
            return number.toBigDecimal().longValueExact();
        } catch (ArithmeticException notWhole) {
            throw KeywordException.permanent("OFFSET must be a whole number of ranges, was " + number.display());
        }
    }
}
