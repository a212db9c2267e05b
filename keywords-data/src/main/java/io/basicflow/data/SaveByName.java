package io.basicflow.data;

import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The row of {@code SAVE "table", id, …} after the id: General Bots' two forms.
 *
 * <ul>
 *   <li>{@code SAVE "t", id, data} with one map: the map's entries are the columns (as before);
 *   <li>{@code SAVE "t", id, nome, email, telefone}: the variables' names are the columns and their
 *       values the row ({@code data} and {@code more} are by-name parameters: the compiler passes the
 *       names, see {@link Invocation#argumentNames}). One variable that holds no map is the same form
 *       with one column: {@code SAVE "orders", id, status}.
 * </ul>
 *
 * <p>Column names are checked like every column name when the row is written; two variables whose
 * names differ only in case name one column and are refused.
 */
final class SaveByName {

    private SaveByName() {}

    /**
     * The columns to save after the id, or empty when the call is not {@code SAVE table, id, …} (the
     * row form {@code SAVE table, row}, or {@code WITH}).
     */
    static Optional<MapValue> columns(Invocation invocation) throws KeywordException {
        Value data = invocation.argument("data");
        List<Value> more = invocation.argument("more") instanceof ListValue list ? list.elements() : List.of();
        if (data instanceof NullValue && more.isEmpty()) {
            return Optional.empty();
        }
        if (data instanceof MapValue map && more.isEmpty()) {
            return Optional.of(map);
        }
        List<Value> values = new ArrayList<>();
        values.add(data);
        values.addAll(more);
        List<String> names = new ArrayList<>(invocation.argumentNames("data"));
        names.addAll(invocation.argumentNames("more"));
        Map<String, Value> row = new LinkedHashMap<>();
        Map<String, String> folded = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            String name = i < names.size() ? names.get(i) : "";
            if (name.isEmpty()) {
                throw KeywordException.permanent("SAVE table, id, " + (values.size() == 1 ? "value" : "variables…")
                        + ": value " + (i + 1) + " after the id ("
                        + values.get(i).display()
                        + ") has no column name; write it into a variable named like the column"
                        + " (SAVE \"t\", id, status) or pass the row as a map (SAVE \"t\", id, #{status: …})");
            }
            String previous = folded.put(name.toLowerCase(Locale.ROOT), name);
            if (previous != null) {
                throw KeywordException.permanent("SAVE: the variables " + previous + " and " + name
                        + " name the same column (column names ignore case); save one of them");
            }
            row.put(name, values.get(i));
        }
        return Optional.of(new MapValue(row));
    }
}
