package io.basicflow.http;

import io.basicflow.spi.BotFiles;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.net.URI;
import java.net.URLConnection;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code DOWNLOAD} and {@code UPLOAD}: bytes from a URL (or from another file of the storage) into
 * the bot's storage, written through {@link BotFiles#write} under the step's idempotency key, so a
 * step attempted again after a crash leaves the file once, and a completed step (its result
 * recorded) never fetches again.
 *
 * <ul>
 *   <li>{@code path = DOWNLOAD url[, path]}: the form real scripts use; returns the path written.
 *   <li>{@code info = UPLOAD source[, path] [TO folder] [AS name]}: the source is a URL, a path of the
 *       storage, or a map with a {@code path} (a {@code LIST} item) or a {@code url}; returns {@code
 *       {path, filename, size, type, md5}}.
 * </ul>
 */
final class Transfers {

    /** Where a {@code DOWNLOAD} without a destination lands. */
    static final String DOWNLOADS = "downloads";

    /** Where an {@code UPLOAD} without a destination lands. */
    static final String UPLOADS = "uploads";

    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("image/jpeg", ".jpg"),
            Map.entry("image/png", ".png"),
            Map.entry("image/gif", ".gif"),
            Map.entry("image/webp", ".webp"),
            Map.entry("image/svg+xml", ".svg"),
            Map.entry("application/pdf", ".pdf"),
            Map.entry("application/json", ".json"),
            Map.entry("application/zip", ".zip"),
            Map.entry("text/plain", ".txt"),
            Map.entry("text/csv", ".csv"),
            Map.entry("text/html", ".html"));

    private final HttpCalls calls;

    Transfers(HttpCalls calls) {
        this.calls = calls;
    }

    /** {@code DOWNLOAD url[, path]}, {@code DOWNLOAD url AS path} or {@code … TO path}: the path written. */
    Value download(Invocation invocation) throws KeywordException {
        String source = text(invocation, "source");
        if (!StorageTargets.isUrl(source)) {
            throw KeywordException.permanent("DOWNLOAD fetches a URL into the bot's storage, and '" + source
                    + "' is no http(s) URL; to send a file of the storage to the user write SEND FILE \"" + source
                    + "\" (or PLAY \"" + source + "\")");
        }
        Value destination = NullValue.NULL;
        for (String written : List.of("destination", "as", "to")) {
            Value value = invocation.argument(written);
            if (!(value instanceof NullValue)) {
                if (!(destination instanceof NullValue)) {
                    throw KeywordException.permanent("DOWNLOAD takes one destination: DOWNLOAD url, \"path\","
                            + " DOWNLOAD url AS \"path\" or DOWNLOAD url TO \"path\", not two of them");
                }
                destination = value;
            }
        }
        Fetched fetched = fetch(invocation, source);
        String path = destination instanceof NullValue ? DOWNLOADS + "/" + fetched.name() : destination.display();
        return new TextValue(write(invocation, path, fetched.bytes()));
    }

    /** {@code UPLOAD source[, path] [TO folder] [AS name]}: a map describing the file written. */
    Value upload(Invocation invocation) throws KeywordException {
        Value argument = invocation.argument("source");
        String source = switch (argument) {
            case NullValue ignored -> throw KeywordException.permanent("UPLOAD: the source is NULL");
            case MapValue map when map.entries().get("path") instanceof TextValue path -> path.value();
            case MapValue map when map.entries().get("url") instanceof TextValue url -> url.value();
            case MapValue map ->
                throw KeywordException.permanent(
                        "UPLOAD: a map source needs a path (a LIST item) or a url; this one has "
                                + map.entries().keySet());
            default -> argument.display();
        };
        byte[] bytes;
        String name;
        String type;
        if (StorageTargets.isUrl(source)) {
            Fetched fetched = fetch(invocation, source);
            bytes = fetched.bytes();
            name = fetched.name();
            type = fetched.type();
        } else {
            if (invocation.argument("destination") instanceof NullValue
                    && invocation.argument("to") instanceof NullValue
                    && invocation.argument("as") instanceof NullValue) {
                throw KeywordException.permanent("UPLOAD of the storage file '" + source
                        + "' needs a destination (UPLOAD path TO \"folder\"): the file is in the bot's storage"
                        + " already");
            }
            bytes = BotFiles.installed("UPLOAD").readBytes(invocation.context(), "UPLOAD", source);
            name = source.substring(source.replace('\\', '/').lastIndexOf('/') + 1);
            type = null;
        }
        String path = destination(invocation, name);
        String written = write(invocation, path, bytes);
        Map<String, Value> result = new LinkedHashMap<>();
        result.put("path", Value.text(written));
        String filename = written.substring(written.lastIndexOf('/') + 1);
        result.put("filename", Value.text(filename));
        result.put("size", Value.number(bytes.length));
        String guessed = type != null ? type : URLConnection.guessContentTypeFromName(filename);
        result.put("type", Value.text(guessed == null ? "application/octet-stream" : guessed));
        result.put("md5", Value.text(md5(bytes)));
        return new MapValue(result);
    }

    /** The path a transfer writes: {@code path}, or {@code TO folder} and {@code AS name}. */
    private static String destination(Invocation invocation, String name) throws KeywordException {
        Value path = invocation.argument("destination");
        Value folder = invocation.argument("to");
        Value as = invocation.argument("as");
        if (!(path instanceof NullValue)) {
            if (!(folder instanceof NullValue) || !(as instanceof NullValue)) {
                throw KeywordException.permanent(invocation.keyword() + " takes either source, path or source TO"
                        + " folder [AS name], not both");
            }
            return path.display();
        }
        String file = as instanceof NullValue ? name : as.display();
        if (file.isBlank()) {
            throw KeywordException.permanent(invocation.keyword() + ": AS names no file");
        }
        // General Bots' drive paths start at the bucket's top: "/reports/" is the storage's reports folder
        String top = folder instanceof NullValue ? UPLOADS : folder.display().replaceFirst("^/+", "");
        return top.isEmpty() || top.endsWith("/") ? top + file : top + "/" + file;
    }

    private String write(Invocation invocation, String path, byte[] bytes) throws KeywordException {
        return BotFiles.installed(invocation.keyword())
                .write(invocation.context(), invocation.keyword(), path, bytes, invocation.idempotencyKey());
    }

    private record Fetched(byte[] bytes, String name, String type) {}

    private Fetched fetch(Invocation invocation, String url) throws KeywordException {
        HttpAnswer answer = calls.fetch(invocation, url);
        if (answer.status() < 200 || answer.status() >= 300) {
            throw KeywordException.permanent(invocation.keyword() + " " + answer.url() + ": the server answered "
                    + answer.status() + ", no file to keep");
        }
        String type = answer.header("content-type");
        String bare = type == null ? null : type.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return new Fetched(answer.body(), nameOf(answer.url(), bare), bare);
    }

    /**
     * A file name for what a URL answered: the last segment of its path with only letters, digits,
     * {@code .}, {@code -} and {@code _} kept, {@code download} when nothing is left, and an extension
     * from the content type when it has none.
     */
    static String nameOf(String url, String type) {
        String path;
        try {
            path = URI.create(url).getPath();
        } catch (IllegalArgumentException e) {
            path = null;
        }
        String last = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        String name = last.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^[.]+", "");
        if (name.isEmpty()) {
            name = "download";
        }
        if (!name.contains(".") && type != null && EXTENSIONS.containsKey(type)) {
            name = name + EXTENSIONS.get(type);
        }
        return name;
    }

    private static String text(Invocation invocation, String parameter) throws KeywordException {
        Value value = invocation.argument(parameter);
        if (value instanceof NullValue) {
            throw KeywordException.permanent(invocation.keyword() + ": the " + parameter + " is NULL");
        }
        return value.display();
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }
}
