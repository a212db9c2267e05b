package io.basicflow.app.http;

import static java.util.Objects.requireNonNull;

import io.basicflow.files.SecureLinks;
import io.basicflow.spi.ContainedPath;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/**
 * The download links of {@code GENERATE SECURE LINK} (docs/general-bots-extras.md): {@code GET
 * /files/<bot>/<path>?expires=…&signature=…} answers the file of the bot's storage ({@code
 * <root>/<bot>.gbai/<bot>.gbdrive/<path>}) while the link is genuine and in time. The signature is the
 * capability, so the route needs no API token. A forged, altered or expired link is a 403 problem, a
 * path that leaves the storage (or is hidden, or a symbolic link) or names no file a 404.
 */
public final class SecureLinkEndpoints implements HttpExtension {

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("pdf", "application/pdf"),
            Map.entry("csv", "text/csv; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("zip", "application/zip"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));

    private final Path root;
    private final SecureLinks links;
    private final Clock clock;

    /**
     * The download routes.
     *
     * @param root the files root ({@code basicflow.files.root}, else the scripts folder)
     * @param links the links' key: the one the keyword signs with
     * @param clock the server's time, for expiry
     */
    public SecureLinkEndpoints(Path root, SecureLinks links, Clock clock) {
        this.root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
        this.links = requireNonNull(links, "links is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public void routes(RoutesConfig routes) {
        routes.get(SecureLinks.ROUTE + "{bot}/<path>", this::download);
    }

    @Override
    public boolean isPublic(String path) {
        return path.startsWith(SecureLinks.ROUTE);
    }

    private void download(Context ctx) throws IOException {
        String bot = ctx.pathParam("bot");
        String path = ctx.pathParam("path");
        String expiresText = ctx.queryParam("expires");
        String signature = ctx.queryParam("signature");
        if (expiresText == null || signature == null || !expiresText.matches("\\d{1,12}")) {
            throw refused("the link has no valid expires and signature; ask the bot for a new link");
        }
        switch (links.check(bot, path, Long.parseLong(expiresText), signature, clock.instant())) {
            case FORGED ->
                throw refused("the link's signature does not match it: the link was altered or was not"
                        + " made by this server");
            case EXPIRED -> throw refused("the link expired; ask the bot for a new link");
            case VALID -> {}
        }
        Path file = file(bot, path);
        if (file == null) {
            throw new ApiProblem(ProblemType.NOT_FOUND, "the linked file is no longer in the bot's storage");
        }
        String name = file.getFileName().toString();
        String extension =
                name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        ctx.header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "private, no-store")
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"" + name.replaceAll("[\"\\\\\\r\\n]", "_") + "\"")
                .contentType(TYPES.getOrDefault(extension, "application/octet-stream"))
                .result(Files.readAllBytes(file));
    }

    /** The file, or null when the bot's name is odd, the path leaves its storage, is hidden, a link or no file. */
    Path file(String bot, String path) throws IOException {
        if (!SecureLinks.isBot(bot)) {
            return null;
        }
        Path drive = root.resolve(bot + ".gbai").resolve(bot + ".gbdrive");
        Path file;
        try {
            file = ContainedPath.resolve(drive, "the bot's storage", path, ContainedPath.Rules.SERVED);
        } catch (ContainedPath.Refused e) {
            return null;
        }
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? file : null;
    }

    private static ApiProblem refused(String detail) {
        return new ApiProblem(ProblemType.LINK_REFUSED, detail);
    }
}
