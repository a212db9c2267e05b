package io.basicflow.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.basicflow.spi.InputTypeDefinition;
import io.basicflow.spi.InputValidator.Accepted;
import io.basicflow.spi.InputValidator.Rejected;
import io.basicflow.spi.InputValidator.Result;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.Value;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code HEAR x AS FILE}: the user sends a file. A channel hands an upload to the execution as the
 * input's text, in one of three forms:
 *
 * <ul>
 *   <li>a JSON object describing the stored upload: {@code {"path": "uploads/cv.pdf", "filename":
 *       "cv.pdf", "type": "application/pdf", "size": 52311}} (or {@code url} instead of {@code path};
 *       {@code name}, {@code mime_type}/{@code content_type} are read too);
 *   <li>an http(s) URL of the file;
 *   <li>a path of the bot's storage with a file name and extension ({@code uploads/cv.pdf}).
 * </ul>
 *
 * <p>The variable gets a map, as {@code UPLOAD} and {@code LIST} describe files: {@code filename},
 * {@code type} (the media type, from the name's extension when not given), {@code path} or {@code
 * url}, and {@code size} when known. {@code UPLOAD x, "dest/"}, {@code SEND FILE x.path} and {@code
 * x.filename} then work on it. A path may not leave the bot's storage ({@code ..}, an absolute path, a
 * backslash): such input, plain text and anything else is refused with a request to send a file.
 */
final class FileInputType {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FILE_NAME = Pattern.compile(".*[^./\\s][.][A-Za-z0-9]{1,10}");
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:");
    private static final String PLEASE = "Please send a file: attach it to your message.";

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("pdf", "application/pdf"),
            Map.entry("txt", "text/plain"),
            Map.entry("csv", "text/csv"),
            Map.entry("md", "text/markdown"),
            Map.entry("html", "text/html"),
            Map.entry("htm", "text/html"),
            Map.entry("json", "application/json"),
            Map.entry("xml", "application/xml"),
            Map.entry("zip", "application/zip"),
            Map.entry("doc", "application/msword"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("xls", "application/vnd.ms-excel"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("ppt", "application/vnd.ms-powerpoint"),
            Map.entry("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            Map.entry("odt", "application/vnd.oasis.opendocument.text"),
            Map.entry("ods", "application/vnd.oasis.opendocument.spreadsheet"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("mp3", "audio/mpeg"),
            Map.entry("ogg", "audio/ogg"),
            Map.entry("opus", "audio/opus"),
            Map.entry("wav", "audio/wav"),
            Map.entry("m4a", "audio/mp4"),
            Map.entry("mp4", "video/mp4"),
            Map.entry("webm", "video/webm"),
            Map.entry("mov", "video/quicktime"));

    private FileInputType() {}

    static InputTypeDefinition definition() {
        return new InputTypeDefinition(
                "FILE",
                List.of(),
                (input, clock) -> file(input),
                "an uploaded file: the channel's JSON description {path or url, filename, type, size}, an"
                        + " http(s) URL or a path of the bot's storage → a map {filename, type, path or url,"
                        + " size}");
    }

    static Result file(String input) {
        String text = input.strip();
        if (text.startsWith("{")) {
            return described(text);
        }
        if (text.contains("\n") || text.length() > 2048) {
            return new Rejected(PLEASE);
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return fromUrl(text, null, null, null);
        }
        if (SCHEME.matcher(text).lookingAt() || !FILE_NAME.matcher(text).matches()) {
            return new Rejected(PLEASE);
        }
        return fromPath(text, null, null, null);
    }

    /** The channel's JSON description of an upload. */
    private static Result described(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return new Rejected(PLEASE);
        }
        if (!node.isObject()) {
            return new Rejected(PLEASE);
        }
        String filename = field(node, "filename", "name");
        String type = field(node, "type", "mime_type", "mimetype", "content_type");
        Long size = node.path("size").canConvertToLong() ? node.path("size").asLong() : null;
        String path = field(node, "path");
        if (path != null) {
            return fromPath(path, filename, type, size);
        }
        String url = field(node, "url");
        if (url != null) {
            return fromUrl(url, filename, type, size);
        }
        return new Rejected(PLEASE);
    }

    private static String field(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && value.isTextual() && !value.asText().isBlank()) {
                return value.asText().strip();
            }
        }
        return null;
    }

    private static Result fromPath(String path, String filename, String type, Long size) {
        String normalised = path.strip();
        if (normalised.startsWith("/")
                || normalised.startsWith("~")
                || normalised.contains("\\")
                || SCHEME.matcher(normalised).lookingAt() // C:, file:, ftp:
                || normalised.contains("\u0000")) {
            return new Rejected(PLEASE);
        }
        for (String segment : normalised.split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                return new Rejected(PLEASE);
            }
        }
        String name = filename != null ? filename : lastSegment(normalised);
        if (name.isEmpty()) {
            return new Rejected(PLEASE);
        }
        return new Accepted(described(name, type, "path", normalised, size));
    }

    private static Result fromUrl(String url, String filename, String type, Long size) {
        URI uri;
        try {
            uri = new URI(url.strip().replace(" ", "%20"));
        } catch (URISyntaxException e) {
            return new Rejected(PLEASE);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            return new Rejected(PLEASE);
        }
        String name = filename;
        if (name == null) {
            String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
            name = URLDecoder.decode(lastSegment(rawPath), StandardCharsets.UTF_8);
            if (name.isEmpty()) {
                name = uri.getHost();
            }
        }
        return new Accepted(described(name, type, "url", uri.toString(), size));
    }

    private static Value described(String filename, String type, String whereKey, String where, Long size) {
        Map<String, Value> file = new LinkedHashMap<>();
        file.put("filename", Value.text(filename));
        file.put("type", Value.text(type != null ? type : typeOf(filename)));
        file.put(whereKey, Value.text(where));
        if (size != null) {
            file.put("size", Value.number(size));
        }
        return new MapValue(file);
    }

    private static String lastSegment(String path) {
        String trimmed = path.replaceFirst("/+$", "");
        int slash = trimmed.lastIndexOf('/');
        return slash < 0 ? trimmed : trimmed.substring(slash + 1);
    }

    /** The media type of a file name's extension; {@code application/octet-stream} when unknown. */
    static String typeOf(String filename) {
        int dot = filename.lastIndexOf('.');
        if (dot < 0) {
            return "application/octet-stream";
        }
        return TYPES.getOrDefault(filename.substring(dot + 1).toLowerCase(Locale.ROOT), "application/octet-stream");
    }
}
