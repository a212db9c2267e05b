package io.basicflow.analytics;

import io.basicflow.spi.BotName;
import io.basicflow.spi.ExecutionScope;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one metric of one bot over a window from the engine's tables: a row per bucket. */
final class MetricsQuery {

    private static final Pattern MARKER = Pattern.compile("(>= |< )?\\?::(float8\\[\\]|timestamptz)");

    private MetricsQuery() {}

    static ListValue rows(Connection connection, ExecutionScope scope, Metric metric, MetricWindow window)
            throws KeywordException, SQLException {
        requireEngineTables(connection);
        List<String> scripts = scriptsOf(connection, scope.bot());
        Map<Integer, List<BigDecimal>> buckets = new LinkedHashMap<>();
        if (!scripts.isEmpty()) {
            String sql =
                    "with scoped as (select id from workflow_executions where script_name = any(?))\n" + metric.sql;
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                Array names = connection.createArrayOf("varchar", scripts.toArray());
                statement.setArray(1, names);
                bindWindow(statement, connection, metric.sql, window);
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        List<BigDecimal> values = new ArrayList<>();
                        for (int i = 0; i < metric.columns.size(); i++) {
                            values.add(result.getBigDecimal(i + 2));
                        }
                        buckets.put(result.getInt(1), values);
                    }
                }
            }
        }
        return toRows(metric, window, buckets);
    }

    /** Binds each threshold array, window start and window end where the SQL names it (after the bot's scripts). */
    private static void bindWindow(PreparedStatement statement, Connection connection, String sql, MetricWindow window)
            throws SQLException {
        Matcher marker = MARKER.matcher(sql);
        int index = 2;
        double[] thresholds = window.thresholds();
        Double[] boxed = new Double[thresholds.length];
        for (int i = 0; i < thresholds.length; i++) {
            boxed[i] = thresholds[i];
        }
        while (marker.find()) {
            if (marker.group(2).startsWith("float8")) {
                statement.setArray(index++, connection.createArrayOf("float8", boxed));
            } else if (">= ".equals(marker.group(1))) {
                statement.setTimestamp(index++, Timestamp.from(window.start()));
            } else {
                statement.setTimestamp(index++, Timestamp.from(window.end()));
            }
        }
    }

    private static ListValue toRows(Metric metric, MetricWindow window, Map<Integer, List<BigDecimal>> buckets) {
        List<Value> rows = new ArrayList<>();
        BigDecimal level = metric.cumulative ? first(buckets.get(0)) : BigDecimal.ZERO;
        for (int bucket = 1; bucket <= window.starts().size(); bucket++) {
            List<BigDecimal> values = buckets.get(bucket);
            Map<String, Value> row = new LinkedHashMap<>();
            row.put("time", new TextValue(window.starts().get(bucket - 1).toString()));
            for (int column = 0; column < metric.columns.size(); column++) {
                BigDecimal value = values == null ? null : values.get(column);
                if (metric.cumulative) {
                    level = level.add(value == null ? BigDecimal.ZERO : value);
                    value = level;
                } else if (value == null && !metric.primary.equals("duration_ms")) {
                    value = BigDecimal.ZERO;
                }
                row.put(metric.columns.get(column), number(value));
            }
            row.put("value", row.get(metric.primary));
            rows.add(new MapValue(row));
        }
        return new ListValue(rows);
    }

    private static BigDecimal first(List<BigDecimal> values) {
        return values == null || values.getFirst() == null ? BigDecimal.ZERO : values.getFirst();
    }

    /** An empty bucket of an average has no value (NULL), so AVG over the rows skips it. */
    private static Value number(BigDecimal value) {
        if (value == null) {
            return NullValue.NULL;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() <= 0 ? NumberValue.of(stripped.longValueExact()) : NumberValue.of(stripped);
    }

    private static void requireEngineTables(Connection connection) throws SQLException, KeywordException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select to_regclass('workflow_executions') is not null"
                        + " and to_regclass('workflow_events_unpacked') is not null")) {
            result.next();
            if (!result.getBoolean(1)) {
                throw KeywordException.permanent("QUERY METRICS reads the engine's records (workflow_executions,"
                        + " workflow_events_unpacked), and the database of this connection has none: data kept in another"
                        + " database (basicflow.data.url) cannot be queried for metrics; leave basicflow.data.url"
                        + " unset");
            }
        }
    }

    /** The script names whose executions belong to the bot, by the same rule the data keywords use. */
    private static List<String> scriptsOf(Connection connection, String bot) throws SQLException {
        List<String> scripts = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select distinct script_name from workflow_executions")) {
            while (result.next()) {
                String script = result.getString(1);
                if (BotName.of(script).orElse(ExecutionScope.DEFAULT_BOT).equals(bot)) {
                    scripts.add(script);
                }
            }
        }
        return scripts;
    }
}
