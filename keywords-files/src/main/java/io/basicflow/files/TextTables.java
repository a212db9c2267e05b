package io.basicflow.files;

import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The text shapes of {@code READ … AS TABLE|LINES} and {@code WRITE … AS TABLE|LINES}: CSV as a list
 * of maps, and text as a list of lines.
 *
 * <p>CSV is read as RFC 4180 says: fields separated by commas, records by CRLF or LF; a field in
 * double quotes may hold commas, line breaks and doubled quotes ({@code ""}). The first record is
 * the header: its names (trimmed) are the keys of each row's map, in column order. Cells stay text
 * (a zip code {@code 007} keeps its zeros); blank lines are skipped; a leading UTF-8 byte order mark
 * is dropped. A record with more fields than the header is an error naming its line; a shorter one
 * leaves the missing cells empty.
 */
final class TextTables {

    private TextTables() {}

    /** The lines of a text: split at CRLF, LF or CR; a final line break adds no empty line. */
    static ListValue lines(String text) {
        List<Value> lines = new ArrayList<>();
        if (text.isEmpty()) {
            return ListValue.EMPTY;
        }
        for (String line : text.split("\r\n|\n|\r", -1)) {
            lines.add(new TextValue(line));
        }
        if (text.endsWith("\n") || text.endsWith("\r")) {
            lines.removeLast();
        }
        return new ListValue(lines);
    }

    /**
     * The rows of a CSV text as maps keyed by the header's names.
     *
     * @param keyword the keyword and path, for messages
     * @param text the CSV
     * @return one map per record after the header
     * @throws KeywordException a quote left open, a record longer than the header, a header with an
     *     empty or repeated name
     */
    static ListValue table(String keyword, String text) throws KeywordException {
        List<List<String>> records = records(keyword, text.startsWith("\uFEFF") ? text.substring(1) : text);
        if (records.isEmpty()) {
            return ListValue.EMPTY;
        }
        List<String> header = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String name : records.getFirst()) {
            String trimmed = name.strip();
            if (trimmed.isEmpty() || !seen.add(trimmed)) {
                throw KeywordException.permanent(keyword + ": the CSV header (line 1) has "
                        + (trimmed.isEmpty() ? "an empty column name" : "the column '" + trimmed + "' twice")
                        + "; every column needs its own name");
            }
            header.add(trimmed);
        }
        List<Value> rows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> cells = records.get(r);
            if (cells.size() > header.size()) {
                throw KeywordException.permanent(keyword + ": CSV record " + (r + 1) + " has " + cells.size()
                        + " fields, the header " + header.size() + "; quote a field that holds a comma");
            }
            Map<String, Value> row = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                row.put(header.get(c), new TextValue(c < cells.size() ? cells.get(c) : ""));
            }
            rows.add(new MapValue(row));
        }
        return new ListValue(rows);
    }

    private static List<List<String>> records(String keyword, String text) throws KeywordException {
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int line = 1;
        int quoteLine = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
                quoteLine = line;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                line++;
                endRecord(records, fields, field, wasQuoted);
                fields = new ArrayList<>();
                wasQuoted = false;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw KeywordException.permanent(
                    keyword + ": the CSV has a quote opened on line " + quoteLine + " and never closed");
        }
        endRecord(records, fields, field, wasQuoted);
        return records;
    }

    private static void endRecord(
            List<List<String>> records, List<String> fields, StringBuilder field, boolean wasQuoted) {
        if (fields.isEmpty() && field.isEmpty() && !wasQuoted) {
            return; // a blank line
        }
        fields.add(field.toString());
        field.setLength(0);
        records.add(fields);
    }

    /** A list written AS LINES: each item's text on its own line, each line ended by LF. */
    static String writeLines(String keyword, Value content) throws KeywordException {
        if (!(content instanceof ListValue list)) {
            throw KeywordException.permanent(keyword + " AS LINES needs a list, not " + content.display());
        }
        StringBuilder out = new StringBuilder();
        for (Value item : list.elements()) {
            out.append(item instanceof NullValue ? "" : item.display()).append('\n');
        }
        return out.toString();
    }

    /**
     * A list of maps written AS TABLE: a header of the keys in the order they first appear, then
     * one record per map, fields quoted when they hold a comma, a quote or a line break.
     */
    static String writeTable(String keyword, Value content) throws KeywordException {
        if (!(content instanceof ListValue list)) {
            throw KeywordException.permanent(keyword + " AS TABLE needs a list of maps, not " + content.display());
        }
        Set<String> columns = new LinkedHashSet<>();
        for (Value item : list.elements()) {
            if (!(item instanceof MapValue map)) {
                throw KeywordException.permanent(
                        keyword + " AS TABLE needs a list of maps; an item is " + item.display());
            }
            columns.addAll(map.entries().keySet());
        }
        StringBuilder out = new StringBuilder();
        out.append(String.join(",", columns.stream().map(TextTables::field).toList()))
                .append("\r\n");
        for (Value item : list.elements()) {
            Map<String, Value> map = ((MapValue) item).entries();
            List<String> cells = new ArrayList<>();
            for (String column : columns) {
                Value cell = map.get(column);
                cells.add(field(cell == null || cell instanceof NullValue ? "" : cell.display()));
            }
            out.append(String.join(",", cells)).append("\r\n");
        }
        return out.toString();
    }

    /**
     * {@code CSV(value)}: a list of maps as a table with a header of their keys (as {@code WRITE … AS
     * TABLE} writes it), a single map as a one-row table, a list of lists as records with no header, a
     * list of other values as one field per record; CRLF after every record, fields quoted as RFC 4180
     * says. {@code NULL} and an empty list give an empty text.
     *
     * @throws IllegalArgumentException for a value that is no list or map, or a list that mixes maps
     *     with other items
     */
    static String csv(Value value) {
        return switch (value) {
            case NullValue ignored -> "";
            case MapValue map -> csv(new ListValue(List.of(map)));
            case ListValue list when list.elements().isEmpty() -> "";
            case ListValue list
            when list.elements().stream().allMatch(MapValue.class::isInstance) -> {
                try {
                    yield writeTable("CSV", list);
                } catch (KeywordException e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
            }
            case ListValue list -> {
                StringBuilder out = new StringBuilder();
                for (Value item : list.elements()) {
                    if (item instanceof MapValue) {
                        throw new IllegalArgumentException(
                                "CSV needs a list of maps (a table) or of lists (records), not a mix of both");
                    }
                    List<Value> cells = item instanceof ListValue record ? record.elements() : List.of(item);
                    out.append(String.join(
                                    ",",
                                    cells.stream()
                                            .map(cell -> field(cell instanceof NullValue ? "" : cell.display()))
                                            .toList()))
                            .append("\r\n");
                }
                yield out.toString();
            }
            default ->
                throw new IllegalArgumentException(
                        "CSV needs a list of maps (rows) or a map (one row), not " + value.display());
        };
    }

    private static String field(String text) {
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
