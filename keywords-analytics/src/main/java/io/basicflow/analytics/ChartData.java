package io.basicflow.analytics;

import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a chart shows: one label and one number per point, read from the shapes scripts have.
 *
 * <ul>
 *   <li>a list of rows (maps): the number is the field {@code value} (any case), else the row's first
 *       numeric field; the label is the field {@code label}, {@code name} or {@code time}, else the first
 *       field that is not the number — so {@code QUERY METRICS} rows and {@code FIND} rows chart as they
 *       are;
 *   <li>a map of label to number ({@code {"north": 12, "south": 7}});
 *   <li>a list of numbers, labelled 1, 2, 3 ….
 * </ul>
 *
 * @param labels each point's label
 * @param values each point's number
 */
record ChartData(List<String> labels, List<Double> values) {

    /** More points than this cannot be told apart on a chart. */
    static final int MOST_POINTS = 2000;

    ChartData {
        labels = List.copyOf(labels);
        values = List.copyOf(values);
    }

    static ChartData of(Value data) throws KeywordException {
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        switch (data) {
            case ListValue list -> {
                int index = 0;
                for (Value element : list.elements()) {
                    index++;
                    switch (element) {
                        case NumberValue number -> {
                            labels.add(Integer.toString(index));
                            values.add(number.toBigDecimal().doubleValue());
                        }
                        case MapValue row -> addRow(row, index, labels, values);
                        default ->
                            throw KeywordException.permanent("CHART's data must be a list of rows or of numbers;"
                                    + " element " + index + " is '" + element.display() + "'");
                    }
                }
            }
            case MapValue map -> {
                for (Map.Entry<String, Value> entry : map.entries().entrySet()) {
                    labels.add(entry.getKey());
                    values.add(number(entry.getValue(), entry.getKey()));
                }
            }
            default ->
                throw KeywordException.permanent("CHART's data must be a list of rows (FIND, QUERY METRICS), a map"
                        + " of label to number or a list of numbers, not '" + data.display() + "'");
        }
        if (values.isEmpty()) {
            throw KeywordException.permanent("CHART has no data to draw: the list is empty");
        }
        if (values.size() > MOST_POINTS) {
            throw KeywordException.permanent("CHART draws at most " + MOST_POINTS + " points, the data has "
                    + values.size() + "; group it first (QUERY METRICS … BY a longer interval, GROUP BY)");
        }
        return new ChartData(labels, values);
    }

    private static void addRow(MapValue row, int index, List<String> labels, List<Double> values)
            throws KeywordException {
        String numberKey = null;
        for (String key : row.entries().keySet()) {
            if (key.equalsIgnoreCase("value")) {
                numberKey = key;
            }
        }
        if (numberKey == null) {
            for (Map.Entry<String, Value> entry : row.entries().entrySet()) {
                if (entry.getValue() instanceof NumberValue) {
                    numberKey = entry.getKey();
                    break;
                }
            }
        }
        if (numberKey == null) {
            throw KeywordException.permanent("CHART's row " + index + " has no number to draw (a field 'value' or a"
                    + " numeric field): " + row.display());
        }
        String labelKey = null;
        for (String wanted : List.of("label", "name", "time")) {
            for (String key : row.entries().keySet()) {
                if (labelKey == null && key.toLowerCase(Locale.ROOT).equals(wanted)) {
                    labelKey = key;
                }
            }
        }
        if (labelKey == null) {
            for (String key : row.entries().keySet()) {
                if (labelKey == null && !key.equals(numberKey)) {
                    labelKey = key;
                }
            }
        }
        Value label = labelKey == null ? NullValue.NULL : row.entries().get(labelKey);
        labels.add(label instanceof NullValue ? Integer.toString(index) : label.display());
        values.add(number(row.entries().get(numberKey), "row " + index));
    }

    private static double number(Value value, String where) throws KeywordException {
        return switch (value) {
            case NumberValue number -> number.toBigDecimal().doubleValue();
            case NullValue ignored -> 0;
            case TextValue text -> {
                try {
                    yield new BigDecimal(text.value().strip()).doubleValue();
                } catch (NumberFormatException notNumber) {
                    throw KeywordException.permanent("CHART needs numbers; " + where + " has '" + text.value() + "'");
                }
            }
            default ->
                throw KeywordException.permanent("CHART needs numbers; " + where + " has '" + value.display() + "'");
        };
    }
}
