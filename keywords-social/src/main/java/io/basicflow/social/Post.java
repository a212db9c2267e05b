package io.basicflow.social;

import io.basicflow.spi.BotFiles;
import io.basicflow.spi.InvocationContext;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * One {@code POST TO} for one network, read the way post-to.md writes it: {@code content} alone is
 * the text (a map is Discord's embed); {@code media, caption} when the first argument is an image or
 * a video (a path or URL ending in a media extension, or a list of them: a carousel);
 * {@code link, text} when it is another http(s) URL.
 *
 * @param keyword the keyword as written, for messages
 * @param content the first argument
 * @param caption the second, if any
 * @param at the {@code AT} time, if any
 * @param settings the step's settings
 * @param idempotencyKey the step's key
 * @param context the step's context
 */
record Post(
        String keyword,
        Value content,
        Optional<String> caption,
        Optional<Instant> at,
        SocialSettings settings,
        String idempotencyKey,
        InvocationContext context) {

    private static final Set<String> IMAGES = Set.of("jpg", "jpeg", "png", "gif", "webp");
    private static final Set<String> VIDEOS = Set.of("mp4", "mov", "m4v", "webm");

    /** The media of the post: the first argument's paths or URLs when they are images or videos. */
    List<String> media() {
        if (content instanceof ListValue list) {
            List<String> items = new ArrayList<>();
            list.elements().forEach(element -> items.add(element.display()));
            return items;
        }
        if (content instanceof TextValue text && extension(text.value()).isPresent()) {
            return List.of(text.value());
        }
        return List.of();
    }

    /** The link of a {@code link, description} post. */
    Optional<String> link() {
        if (content instanceof TextValue text && media().isEmpty() && caption.isPresent()) {
            String value = text.value().strip();
            if (value.startsWith("http://") || value.startsWith("https://")) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** Discord's embed: the content when it is a map. */
    Optional<MapValue> embed() {
        return content instanceof MapValue map ? Optional.of(map) : Optional.empty();
    }

    /** The text of the post: the caption, else the content when it is no media, link or embed. */
    String text() {
        if (caption.isPresent()) {
            return caption.get();
        }
        if (!media().isEmpty() || embed().isPresent() || content instanceof NullValue) {
            return "";
        }
        return content.display();
    }

    static boolean isVideo(String path) {
        return extension(path).filter(VIDEOS::contains).isPresent();
    }

    private static Optional<String> extension(String path) {
        String bare = path.strip();
        int query = bare.indexOf('?');
        if (query >= 0) {
            bare = bare.substring(0, query);
        }
        int dot = bare.lastIndexOf('.');
        if (dot < 0 || bare.lastIndexOf('/') > dot) {
            return Optional.empty();
        }
        String ext = bare.substring(dot + 1).toLowerCase(Locale.ROOT);
        return IMAGES.contains(ext) || VIDEOS.contains(ext) ? Optional.of(ext) : Optional.empty();
    }

    /**
     * A public URL of a medium for networks that fetch it themselves (Instagram, Facebook, Discord): an
     * http(s) URL as written, a path of the bot's files under {@code media-base-url}.
     */
    String publicUrl(String network, String medium) throws KeywordException {
        String value = medium.strip();
        if (value.startsWith("http://") || value.startsWith("https://")) {
            return value;
        }
        String base = settings.get("media-base-url")
                .orElseThrow(() -> KeywordException.permanent(keyword + ": " + network + " fetches the medium '"
                        + value + "' itself, so it needs a public URL: write an https URL, or set"
                        + " basicflow.social.media-base-url to the public address of the bot's files"));
        return base.replaceAll("/+$", "") + "/" + value.replaceAll("^/+", "");
    }

    /** The bytes of a medium for networks that take an upload (Bluesky): a URL fetched, a path of the bot's files. */
    byte[] bytes(String network, String medium) throws KeywordException {
        String value = medium.strip();
        if (value.startsWith("http://") || value.startsWith("https://")) {
            try {
                HttpResponse<byte[]> response = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(value))
                                        .timeout(Duration.ofSeconds(30))
                                        .build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw KeywordException.retryable(
                            keyword + ": fetching " + value + " for " + network + " answered " + response.statusCode(),
                            null);
                }
                return response.body();
            } catch (IOException e) {
                throw KeywordException.retryable(keyword + ": cannot fetch " + value + " for " + network + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw KeywordException.permanent(keyword + ": interrupted", e);
            }
        }
        BotFiles files = ServiceLoader.load(BotFiles.class, Post.class.getClassLoader())
                .findFirst()
                .orElseThrow(() -> KeywordException.permanent(keyword + ": reading '" + value + "' for " + network
                        + " needs the files plugin (keywords-files), which is not installed; write an https URL"));
        return files.readBytes(context, keyword, value.replaceAll("^/+", ""));
    }

    static String contentType(String medium) {
        String ext = extension(medium).orElse("");
        return switch (ext) {
            case "jpg", "jpeg" -> "image/jpeg";
            case "png" -> "image/png";
            case "gif" -> "image/gif";
            case "webp" -> "image/webp";
            case "mp4", "m4v" -> "video/mp4";
            case "mov" -> "video/quicktime";
            default -> "application/octet-stream";
        };
    }
}
