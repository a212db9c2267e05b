package io.basicflow.files;

import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.Json;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * {@code EXCEL(value)}: an Office Open XML workbook (.xlsx) of a value, written with the JDK alone
 * (a zip of SpreadsheetML parts), and the {@code data:} URL that carries it to {@code WRITE}.
 *
 * <ul>
 *   <li>A list of maps: one sheet, a bold header row of the maps' keys (in the order they first
 *       appear), one row per map.
 *   <li>A map: one sheet of its entries, one per row ({@code key | value}); a nested map's entries are
 *       flattened as dotted keys ({@code metrics.total_messages}); a list of maps under a key gets a
 *       sheet of its own, named after the key.
 *   <li>A list of lists: their cells, row by row; a list of other values: one column.
 *   <li>Numbers become numeric cells, TRUE/FALSE boolean cells, NULL an empty cell, other lists and
 *       maps inside a cell their JSON text; a text longer than a cell holds (32,767 characters) is cut.
 * </ul>
 *
 * <p>The same value always gives the same bytes (the zip entries carry a fixed time), as a pure
 * function must.
 */
final class Workbooks {

    /** The media type of .xlsx files. */
    static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /** The most characters a cell holds. */
    static final int MAX_CELL_TEXT = 32_767;

    private static final Pattern DATA_URL = Pattern.compile("data:([\\w.+-]+/[\\w.+-]+)?;base64,([A-Za-z0-9+/=\\s]*)");
    private static final LocalDateTime ZIP_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private Workbooks() {}

    /** One sheet: its name and rows (cells as values); {@code header} makes the first row bold. */
    record Sheet(String name, List<List<Value>> rows, boolean header) {}

    /**
     * The workbook's bytes.
     *
     * @param value what to lay out
     * @param firstSheetName the first sheet's name, or null for {@code Sheet1}
     * @throws IllegalArgumentException for a sheet name Excel refuses
     */
    static byte[] xlsx(Value value, String firstSheetName) {
        String first = firstSheetName == null ? "Sheet1" : sheetName(firstSheetName);
        List<Sheet> sheets = sheets(value, first);
        return write(sheets);
    }

    /** {@code data:<xlsx type>;base64,…} of the workbook: the text EXCEL() returns. */
    static String dataUrl(byte[] xlsx) {
        return "data:" + MEDIA_TYPE + ";base64," + Base64.getEncoder().encodeToString(xlsx);
    }

    /**
     * The bytes of a {@code data:…;base64,…} text (EXCEL()'s result), for WRITE; empty for any other text.
     */
    static Optional<byte[]> bytesOfDataUrl(String text) {
        if (!text.startsWith("data:")) {
            return Optional.empty();
        }
        Matcher matcher = DATA_URL.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getMimeDecoder().decode(matcher.group(2)));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    static List<Sheet> sheets(Value value, String firstName) {
        List<Sheet> sheets = new ArrayList<>();
        switch (value) {
            case ListValue list
            when !list.elements().isEmpty() && list.elements().stream().allMatch(MapValue.class::isInstance) ->
                sheets.add(table(firstName, list));
            case ListValue list -> {
                List<List<Value>> rows = new ArrayList<>();
                for (Value item : list.elements()) {
                    rows.add(item instanceof ListValue cells ? cells.elements() : List.of(item));
                }
                sheets.add(new Sheet(firstName, rows, false));
            }
            case MapValue map -> {
                List<List<Value>> rows = new ArrayList<>();
                Map<String, ListValue> tables = new LinkedHashMap<>();
                entries("", map, rows, tables);
                sheets.add(new Sheet(firstName, rows, false));
                Set<String> used = new LinkedHashSet<>();
                used.add(firstName.toLowerCase(Locale.ROOT));
                tables.forEach((key, list) -> {
                    String name = sheetName(key);
                    int suffix = 2;
                    String unique = name;
                    while (!used.add(unique.toLowerCase(Locale.ROOT))) {
                        String tail = " (" + suffix++ + ")";
                        unique = name.substring(0, Math.min(name.length(), 31 - tail.length())) + tail;
                    }
                    sheets.add(table(unique, list));
                });
            }
            case NullValue ignored -> sheets.add(new Sheet(firstName, List.of(), false));
            default -> sheets.add(new Sheet(firstName, List.of(List.of(value)), false));
        }
        return sheets;
    }

    /** A list of maps as a table: header of the keys in first-seen order, one row per map. */
    private static Sheet table(String name, ListValue list) {
        Set<String> keys = new LinkedHashSet<>();
        for (Value item : list.elements()) {
            keys.addAll(((MapValue) item).entries().keySet());
        }
        List<List<Value>> rows = new ArrayList<>();
        rows.add(keys.stream().<Value>map(TextValue::new).toList());
        for (Value item : list.elements()) {
            Map<String, Value> entries = ((MapValue) item).entries();
            List<Value> row = new ArrayList<>();
            for (String key : keys) {
                row.add(entries.getOrDefault(key, NullValue.NULL));
            }
            rows.add(row);
        }
        return new Sheet(name, rows, true);
    }

    /** A map's entries as key | value rows, nested maps flattened, lists of maps set aside as tables. */
    private static void entries(String prefix, MapValue map, List<List<Value>> rows, Map<String, ListValue> tables) {
        for (Map.Entry<String, Value> entry : map.entries().entrySet()) {
            String key = prefix + entry.getKey();
            Value value = entry.getValue();
            if (value instanceof MapValue nested && !nested.entries().isEmpty()) {
                entries(key + ".", nested, rows, tables);
            } else if (value instanceof ListValue list
                    && !list.elements().isEmpty()
                    && list.elements().stream().allMatch(MapValue.class::isInstance)) {
                tables.put(key, list);
            } else {
                rows.add(List.of(new TextValue(key), value));
            }
        }
    }

    /** A name Excel accepts: at most 31 characters, none of {@code []:*?/\}, not blank. */
    static String sheetName(String wanted) {
        String cleaned = wanted.replaceAll("[\\[\\]:*?/\\\\]", " ").strip();
        if (cleaned.startsWith("'")) {
            cleaned = cleaned.substring(1);
        }
        if (cleaned.isBlank()) {
            throw new IllegalArgumentException("EXCEL: '" + wanted + "' cannot name a sheet");
        }
        return cleaned.length() > 31 ? cleaned.substring(0, 31) : cleaned;
    }

    private static byte[] write(List<Sheet> sheets) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            StringBuilder overrides = new StringBuilder();
            StringBuilder sheetList = new StringBuilder();
            StringBuilder relations = new StringBuilder();
            for (int i = 1; i <= sheets.size(); i++) {
                overrides
                        .append("<Override PartName=\"/xl/worksheets/sheet")
                        .append(i)
                        .append(".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml"
                                + ".worksheet+xml\"/>");
                sheetList
                        .append("<sheet name=\"")
                        .append(escape(sheets.get(i - 1).name()))
                        .append("\" sheetId=\"")
                        .append(i)
                        .append("\" r:id=\"rId")
                        .append(i)
                        .append("\"/>");
                relations
                        .append("<Relationship Id=\"rId")
                        .append(i)
                        .append(
                                "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\""
                                        + " Target=\"worksheets/sheet")
                        .append(i)
                        .append(".xml\"/>");
            }
            relations
                    .append("<Relationship Id=\"rId")
                    .append(sheets.size() + 1)
                    .append("\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\""
                            + " Target=\"styles.xml\"/>");
            entry(
                    zip,
                    "[Content_Types].xml",
                    XML
                            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument"
                            + ".spreadsheetml.sheet.main+xml\"/>"
                            + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument"
                            + ".spreadsheetml.styles+xml\"/>"
                            + overrides + "</Types>");
            entry(
                    zip,
                    "_rels/.rels",
                    XML
                            + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                            + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
                            + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            entry(
                    zip,
                    "xl/workbook.xml",
                    XML
                            + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
                            + " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                            + "<sheets>" + sheetList + "</sheets></workbook>");
            entry(
                    zip,
                    "xl/_rels/workbook.xml.rels",
                    XML
                            + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                            + relations + "</Relationships>");
            entry(
                    zip,
                    "xl/styles.xml",
                    XML
                            + "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                            + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>"
                            + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
                            + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
                            + "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
                            + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
                            + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
                            + "<cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
                            + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/></cellXfs>"
                            + "</styleSheet>");
            for (int i = 1; i <= sheets.size(); i++) {
                entry(zip, "xl/worksheets/sheet" + i + ".xml", sheet(sheets.get(i - 1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: does not happen
        }
        return bytes.toByteArray();
    }

    private static final String XML = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

    private static void entry(ZipOutputStream zip, String name, CharSequence content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(ZIP_TIME);
        zip.putNextEntry(entry);
        zip.write(content.toString().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static String sheet(Sheet sheet) {
        StringBuilder xml = new StringBuilder(XML)
                .append("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        for (int r = 0; r < sheet.rows().size(); r++) {
            List<Value> row = sheet.rows().get(r);
            int rowNumber = r + 1;
            xml.append("<row r=\"").append(rowNumber).append("\">");
            String style = sheet.header() && r == 0 ? " s=\"1\"" : "";
            for (int c = 0; c < row.size(); c++) {
                Value cell = row.get(c);
                String reference = column(c) + rowNumber;
                switch (cell) {
                    case NullValue ignored -> {}
                    case NumberValue number ->
                        xml.append("<c r=\"")
                                .append(reference)
                                .append('"')
                                .append(style)
                                .append("><v>")
                                .append(number.display())
                                .append("</v></c>");
                    case BooleanValue bool ->
                        xml.append("<c r=\"")
                                .append(reference)
                                .append('"')
                                .append(style)
                                .append(" t=\"b\"><v>")
                                .append(bool.isTruthy() ? '1' : '0')
                                .append("</v></c>");
                    default -> {
                        String text = cell instanceof TextValue t
                                ? t.value()
                                : cell instanceof MapValue || cell instanceof ListValue
                                        ? Json.write(cell)
                                        : cell.display();
                        if (text.length() > MAX_CELL_TEXT) {
                            text = text.substring(0, MAX_CELL_TEXT - 1) + "…";
                        }
                        xml.append("<c r=\"")
                                .append(reference)
                                .append('"')
                                .append(style)
                                .append(" t=\"inlineStr\"><is><t xml:space=\"preserve\">")
                                .append(escape(text))
                                .append("</t></is></c>");
                    }
                }
            }
            xml.append("</row>");
        }
        return xml.append("</sheetData></worksheet>").toString();
    }

    /** A column's letters: 0 is A, 25 Z, 26 AA. */
    static String column(int index) {
        StringBuilder letters = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            letters.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return letters.toString();
    }

    /** Text as XML character data: markup escaped, characters XML cannot hold left out. */
    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (ch >= 0x20 || ch == '\t' || ch == '\n' || ch == '\r') {
                        if (ch != 0xFFFE && ch != 0xFFFF) {
                            out.append(ch);
                        }
                    }
                }
            }
        }
        return out.toString();
    }
}
