package io.basicflow.files;

import io.basicflow.spi.EffectKind;
import io.basicflow.spi.FunctionDefinition;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.RetryPolicy;
import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.Json;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The file keywords of General Bots on a bot's storage folder ({@link BotStorage}): {@code x = READ
 * path}, {@code WRITE path, content} or {@code WRITE content TO path}, {@code x = LIST folder [FILTER
 * "*.pdf"]}, {@code COPY a, b} or {@code COPY a TO b}, {@code MOVE a, b} or {@code MOVE a TO b}, and
 * {@code DELETE FILE path}; {@code CSV()}, {@code PARSE_CSV()} and {@code EXCEL()} ({@link Workbooks}). Configured by {@code basicflow.files.*} ({@link FilesSettings}).
 *
 * <p>Every keyword is an idempotent effect step: in a durable run its result is recorded in the
 * step's completion event, so a resumed run sees the content a READ or LIST saw and never does a
 * completed write again. Writes go through a temporary name keyed by the step's idempotency key, so a
 * write repeated after a crash leaves the file once.
 */
public final class FilesPlugin implements KeywordPlugin {

    /** Disk errors are retried a few times; a refused path or a missing file is not. */
    static final RetryPolicy RETRY = RetryPolicy.DEFAULT;

    private static final ParameterDefinition TO =
            ParameterDefinition.introducedBy("TO", "to", true, "the destination, when written after TO");

    private static final ParameterDefinition AS = ParameterDefinition.oneOf(
            "AS", "as", true, "TABLE: CSV as a list of maps; LINES: a list of lines", "TABLE", "LINES");

    /** Creates the plugin; {@link java.util.ServiceLoader} calls this. */
    public FilesPlugin() {}

    @Override
    public String name() {
        return "files";
    }

    @Override
    public List<KeywordDefinition> keywords() {
        return List.of(
                keyword(
                                "READ",
                                "Reads a file of the bot's storage: its text, or its bytes in Base64; AS TABLE: a CSV"
                                        + " as a list of maps; AS LINES: a list of lines.")
                        .parameter(ParameterDefinition.required("path", "the file, relative to the bot's storage"))
                        .parameter(AS)
                        .build(),
                keyword(
                                "WRITE",
                                "Writes a file of the bot's storage, replacing it: WRITE path, content or WRITE content"
                                        + " TO path. Maps and lists are written as JSON.")
                        .parameter(ParameterDefinition.required(
                                "target", "the path (WRITE path, content), or the content when TO follows"))
                        .parameter(ParameterDefinition.optional("content", "the content, after the path"))
                        .parameter(TO)
                        .parameter(AS)
                        .parameter(ParameterDefinition.flag(
                                "APPEND", "append", "adds to the end of the file instead of replacing it"))
                        .build(),
                listing("LIST", "Lists a folder of the bot's storage: name, path, size, is_folder, modified."),
                listing("DIR", "LIST under the name older General Bots scripts use: list = DIR folder."),
                keyword(
                                "COPY",
                                "Copies a file of the bot's storage: COPY source, destination or COPY source TO destination.")
                        .parameter(ParameterDefinition.required("source", "the file to copy"))
                        .parameter(ParameterDefinition.optional("destination", "the new file (or an existing folder)"))
                        .parameter(TO)
                        .build(),
                keyword(
                                "MOVE",
                                "Moves or renames a file of the bot's storage: MOVE source, destination or MOVE"
                                        + " source TO destination.")
                        .parameter(ParameterDefinition.required("source", "the file or folder to move"))
                        .parameter(ParameterDefinition.optional("destination", "the new path (or an existing folder)"))
                        .parameter(TO)
                        .build(),
                keyword(
                                "DELETE FILE",
                                "Deletes a file (or an empty folder) of the bot's storage; returns whether"
                                        + " there was one.")
                        .parameter(ParameterDefinition.required("path", "the file"))
                        .build(),
                keyword("DELETE_FILE", "DELETE FILE as some General Bots scripts spell it.")
                        .parameter(ParameterDefinition.required("path", "the file"))
                        .build(),
                ArchiveKeywords.DEFINITIONS.get(0),
                ArchiveKeywords.DEFINITIONS.get(1),
                QrCodeKeyword.DEFINITIONS.get(0),
                QrCodeKeyword.DEFINITIONS.get(1),
                PlayKeyword.DEFINITION);
    }

    @Override
    public List<FunctionDefinition> functions() {
        return List.of(
                new FunctionDefinition(
                        "CSV",
                        1,
                        1,
                        (arguments, environment) -> new TextValue(TextTables.csv(arguments.getFirst())),
                        "The value as CSV text (RFC 4180): a list of maps as a table with a header, a map as one row,"
                                + " a list of lists as records."),
                new FunctionDefinition(
                        "EXCEL",
                        1,
                        2,
                        (arguments, environment) -> new TextValue(Workbooks.dataUrl(Workbooks.xlsx(
                                arguments.getFirst(),
                                arguments.size() > 1 && !(arguments.get(1) instanceof NullValue)
                                        ? arguments.get(1).display()
                                        : null))),
                        "The value as an .xlsx workbook, for WRITE path, EXCEL(rows): a list of maps as a sheet with"
                                + " a header row, a map as key | value rows; optionally the first sheet's name. The"
                                + " result is a data: URL (base64) that WRITE stores as the file's bytes."),
                new FunctionDefinition(
                        "PARSE_CSV",
                        1,
                        1,
                        (arguments, environment) -> parseCsv(arguments.getFirst()),
                        "The rows of a CSV text (RFC 4180, a header line first) as a list of maps keyed by the"
                                + " header's names, as READ gives a .csv file."));
    }

    /** PARSE_CSV: a text parsed as READ parses a .csv file; NULL gives no rows. */
    private static Value parseCsv(Value value) {
        if (value instanceof NullValue) {
            return ListValue.EMPTY;
        }
        try {
            return TextTables.table("PARSE_CSV", value.display());
        } catch (KeywordException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static KeywordDefinition.Builder keyword(String name, String description) {
        return KeywordDefinition.builder(name)
                .form(KeywordForm.FUNCTION)
                .effect(EffectKind.IDEMPOTENT_EFFECT)
                .retry(RETRY)
                .description(description);
    }

    private static KeywordDefinition listing(String name, String description) {
        return keyword(name, description)
                .parameter(ParameterDefinition.optional("path", "the folder; the storage's top when left out"))
                .parameter(ParameterDefinition.introducedBy(
                        "FILTER", "filter", true, "a glob the names must match, e.g. \"*.pdf\""))
                .parameter(ParameterDefinition.flag(
                        "RECURSIVE", "recursive", "lists the sub-folders' entries too, at every depth"))
                .build();
    }

    @Override
    public Optional<KeywordHandler> handler(String keyword) {
        KeywordHandler handler = switch (keyword) {
            case "READ" -> FilesPlugin::read;
            case "WRITE" -> FilesPlugin::write;
            case "LIST", "DIR" ->
                invocation -> storage(invocation)
                        .list(
                                keyword,
                                invocation.argument("path") instanceof NullValue ? "" : text(invocation, "path"),
                                invocation.argument("filter") instanceof NullValue ? null : text(invocation, "filter"),
                                invocation.argument("recursive").isTruthy());
            case "COPY" ->
                invocation -> new TextValue(storage(invocation)
                        .copy(
                                "COPY",
                                text(invocation, "source"),
                                destination(invocation, "COPY"),
                                invocation.idempotencyKey()));
            case "MOVE" ->
                invocation -> new TextValue(
                        storage(invocation).move("MOVE", text(invocation, "source"), destination(invocation, "MOVE")));
            case "COMPRESS" -> ArchiveKeywords::compress;
            case "EXTRACT" -> ArchiveKeywords::extract;
            case "QR CODE", "QRCODE" -> QrCodeKeyword::generate;
            case "PLAY" -> PlayKeyword::play;
            case "DELETE FILE", "DELETE_FILE" ->
                invocation -> BooleanValue.of(storage(invocation).delete("DELETE FILE", text(invocation, "path")));
            default -> null;
        };
        return Optional.ofNullable(handler);
    }

    static BotStorage storage(Invocation invocation) throws KeywordException {
        return BotStorage.of(invocation.context(), invocation.context().configuration());
    }

    private static Value write(Invocation invocation) throws KeywordException {
        Value to = invocation.argument("to");
        Value content;
        String path;
        if (to instanceof NullValue) {
            path = text(invocation, "target");
            content = invocation.argument("content"); // NULL (or left out) writes an empty file
        } else {
            if (!(invocation.argument("content") instanceof NullValue)) {
                throw KeywordException.permanent(
                        "WRITE takes either WRITE path, content or WRITE content TO path, not both");
            }
            path = to.display();
            content = invocation.argument("target");
        }
        byte[] bytes = switch (invocation.argument("as").display()) {
            case "TABLE" -> TextTables.writeTable("WRITE", content).getBytes(StandardCharsets.UTF_8);
            case "LINES" -> TextTables.writeLines("WRITE", content).getBytes(StandardCharsets.UTF_8);
            default ->
                path.toLowerCase(java.util.Locale.ROOT).endsWith(".xlsx")
                                && (content instanceof ListValue || content instanceof MapValue)
                        ? Workbooks.xlsx(content, null) // WRITE "report.xlsx", rows: the rows as a workbook
                        : bytesOf(content);
        };
        BotStorage storage = storage(invocation);
        String written = invocation.argument("append") instanceof NullValue
                ? storage.write("WRITE", path, bytes, invocation.idempotencyKey())
                : storage.append("WRITE", path, bytes, invocation.idempotencyKey());
        return new TextValue(written);
    }

    private static Value read(Invocation invocation) throws KeywordException {
        String path = text(invocation, "path");
        Value as = invocation.argument("as");
        if (as instanceof NullValue) {
            return storage(invocation).read("READ", path);
        }
        byte[] bytes = storage(invocation).readBytes("READ", path);
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw KeywordException.permanent("READ AS " + as.display() + ": '" + path
                    + "' is not UTF-8 text; tables are read from CSV only (save a spreadsheet as CSV)");
        }
        return as.display().equals("TABLE") ? TextTables.table("READ " + path, text) : TextTables.lines(text);
    }

    /**
     * The bytes a value is written as: text as UTF-8, maps and lists as JSON, NULL as nothing; a {@code
     * data:…;base64,…} text (what EXCEL() returns) as the bytes it encodes.
     */
    static byte[] bytesOf(Value content) {
        if (content instanceof TextValue text) {
            java.util.Optional<byte[]> decoded = Workbooks.bytesOfDataUrl(text.value());
            if (decoded.isPresent()) {
                return decoded.get();
            }
        }
        String text = switch (content) {
            case MapValue map -> Json.write(map);
            case ListValue list -> Json.write(list);
            case NullValue ignored -> "";
            default -> content.display();
        };
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String destination(Invocation invocation, String keyword) throws KeywordException {
        Value to = invocation.argument("to");
        Value destination = invocation.argument("destination");
        if (!(to instanceof NullValue) && !(destination instanceof NullValue)) {
            throw KeywordException.permanent(keyword + " takes " + keyword + " source, destination or " + keyword
                    + " source TO destination, not both");
        }
        Value chosen = to instanceof NullValue ? destination : to;
        if (chosen instanceof NullValue) {
            throw KeywordException.permanent(keyword + " needs a destination: " + keyword + " source, destination");
        }
        return chosen.display();
    }

    private static String text(Invocation invocation, String parameter) throws KeywordException {
        Value value = invocation.argument(parameter);
        if (value instanceof NullValue) {
            throw KeywordException.permanent(invocation.keyword() + ": " + parameter + " is NULL; give a path");
        }
        return value.display();
    }
}
