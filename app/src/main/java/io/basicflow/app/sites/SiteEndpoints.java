package io.basicflow.app.sites;

import static java.util.Objects.requireNonNull;

import io.basicflow.app.http.HttpExtension;
import io.basicflow.spi.ContainedPath;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The sites of {@code CREATE SITE} under {@code /sites/<alias>/}: {@code GET /sites/<alias>} is the site's
 * {@code index.html}, {@code GET /sites/<alias>/<path>} a file of its folder ({@code _assets/app.js}),
 * from {@code basicflow.ai.sites-folder}. Public, like any web page, and read only. A path that leaves
 * the site's folder, a symbolic link and a hidden file are not found.
 *
 * <p>A generated page is a model's HTML on the API's origin, so it is sent with the CSP directive
 * {@code sandbox allow-scripts allow-forms allow-popups}: the browser gives it an origin of its own, so
 * its scripts cannot read what the console keeps for this origin (the API token) nor call the API as it.
 */
public final class SiteEndpoints implements HttpExtension {

    static final String BASE = "/sites/";
    private static final Pattern ALIAS = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final String CONTENT_SECURITY_POLICY = "sandbox allow-scripts allow-forms allow-popups";
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("htm", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain; charset=utf-8"));

    private final Path folder;

    /**
     * Serves the sites of a folder.
     *
     * @param folder the sites folder ({@code basicflow.ai.sites-folder}), one subfolder per alias
     */
    public SiteEndpoints(Path folder) {
        this.folder = requireNonNull(folder, "folder is null").toAbsolutePath().normalize();
    }

    @Override
    public void routes(RoutesConfig routes) {
        // the router ignores a trailing slash: /sites/crm and /sites/crm/ are the page
        routes.get(BASE + "{alias}", ctx -> serve(ctx, ctx.pathParam("alias"), "index.html"));
        routes.get(BASE + "{alias}/<path>", ctx -> serve(ctx, ctx.pathParam("alias"), ctx.pathParam("path")));
    }

    @Override
    public boolean isPublic(String path) {
        return path.startsWith(BASE);
    }

    private void serve(Context ctx, String alias, String path) throws IOException {
        Path file = file(alias, path.isEmpty() ? "index.html" : path);
        if (file == null) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("no such site file");
            return;
        }
        String name = file.getFileName().toString();
        String extension =
                name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-cache")
                .contentType(TYPES.getOrDefault(extension, "application/octet-stream"))
                .result(Files.readAllBytes(file));
    }

    /** The file, or null when the alias is no site, the path leaves it, is hidden, a link or no file. */
    Path file(String alias, String path) throws IOException {
        if (!ALIAS.matcher(alias).matches()) {
            return null;
        }
        Path file;
        try {
            file = ContainedPath.resolve(folder.resolve(alias), "the site", path, ContainedPath.Rules.SERVED);
        } catch (ContainedPath.Refused e) {
            return null;
        }
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? file : null;
    }
}
