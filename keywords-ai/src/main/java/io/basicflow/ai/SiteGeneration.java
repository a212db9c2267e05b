package io.basicflow.ai;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.PluginConfiguration;
import io.basicflow.spi.value.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code CREATE SITE "alias", "template-dir", "prompt"} (keyword-create-site.md): the {@code .html} files
 * of the template folder and the prompt go to the configured model, whose answer, one HTML document,
 * becomes {@code <sites-folder>/<alias>/index.html}; the template folder's {@code _assets} folder is
 * copied beside it. {@code basicflow serve} serves it under {@code /sites/<alias>/}. The value is that
 * path.
 *
 * <p>Folders ({@code basicflow.ai.*}): {@code sites-folder} (default {@code sites}), where sites are
 * written, one folder per alias, never outside it; {@code site-templates-folder} (default: the working
 * folder), what template folders are relative to, never left. An alias is lower case letters, digits and
 * dashes, so it is one folder and one URL segment.
 */
final class SiteGeneration implements KeywordHandler {

    static final String INSTRUCTIONS = "You build a single-page web application as one complete HTML document."
            + " Clone the structure, class names and styling of the templates given. Load scripts and styles only"
            + " from the local _assets folder (relative paths such as _assets/htmx.min.js), never from a CDN. Bind"
            + " every data operation to the server through HTMX attributes: hx-get=\"/api/data/<table>\" to list,"
            + " hx-post to create, hx-put=\"/api/data/<table>/<id>\" to update, hx-delete to delete. Write"
            + " semantic, accessible HTML. Answer with the HTML document only: no prose, no code fence.";

    private static final Pattern ALIAS = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Set<String> RESERVED = Set.of("api", "console", "assets", "_assets");
    private static final int MAX_TEMPLATE_CHARS = 200_000;

    private final ChatClient client;

    SiteGeneration(ChatClient client) {
        this.client = client;
    }

    @Override
    public Value invoke(Invocation invocation) throws KeywordException {
        PluginConfiguration configuration = invocation.context().configuration();
        AiSettings settings = new AiSettings(configuration);
        String alias = alias(invocation.argument("alias"));
        Path templates = templates(
                configuration, invocation.argument("template_dir").display().strip());
        String prompt = invocation.argument("prompt").display().strip();
        if (prompt.isEmpty()) {
            throw KeywordException.permanent("CREATE SITE \"" + alias + "\": the prompt is empty; say what to build");
        }
        StringBuilder request = new StringBuilder("Templates:\n");
        request.append(templateText(templates));
        request.append("\n\nBuild this application:\n").append(prompt);
        List<ChatMessage> messages = List.of(SystemMessage.from(INSTRUCTIONS), UserMessage.from(request.toString()));
        String html = html(client.answer(settings, invocation.context(), messages));
        Path sites = sitesFolder(configuration);
        Path site = sites.resolve(alias).normalize();
        try {
            Files.createDirectories(site);
            Path assets = templates.resolve("_assets");
            if (Files.isDirectory(assets)) {
                copy(assets, site.resolve("_assets"));
            }
            // keyed by the step: a repeated step replaces the page whole, never half
            Path temporary =
                    site.resolve(".index-" + invocation.idempotencyKey().replaceAll("[^A-Za-z0-9]", "_") + ".tmp");
            Files.writeString(temporary, html, StandardCharsets.UTF_8);
            Files.move(temporary, site.resolve("index.html"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw KeywordException.retryable("CREATE SITE \"" + alias + "\": cannot write " + site + ": " + e, e);
        }
        invocation
                .context()
                .logger()
                .log(System.Logger.Level.INFO, "site {0} written to {1}", alias, site.resolve("index.html"));
        return Value.text("/sites/" + alias + "/");
    }

    /** The folder sites are written to ({@code basicflow.ai.sites-folder}, default {@code sites}). */
    static Path sitesFolder(PluginConfiguration configuration) {
        return Path.of(configuration
                        .get("sites-folder")
                        .filter(v -> !v.isBlank())
                        .orElse("sites")
                        .strip())
                .toAbsolutePath()
                .normalize();
    }

    static String alias(Value value) throws KeywordException {
        String alias = value.display().strip();
        if (!ALIAS.matcher(alias).matches() || RESERVED.contains(alias)) {
            throw KeywordException.permanent("CREATE SITE needs an alias of lower case letters, digits and dashes"
                    + " (it becomes a folder and the address /sites/<alias>/), not '" + value.display() + "'");
        }
        return alias;
    }

    private static Path templates(PluginConfiguration configuration, String written) throws KeywordException {
        Path root = Path.of(configuration
                        .get("site-templates-folder")
                        .filter(v -> !v.isBlank())
                        .orElse(".")
                        .strip())
                .toAbsolutePath()
                .normalize();
        Path folder = root.resolve(written).normalize();
        if (written.isEmpty() || !folder.startsWith(root)) {
            throw KeywordException.permanent("CREATE SITE: the template folder '" + written + "' must be a folder"
                    + " inside basicflow.ai.site-templates-folder (" + root + ")");
        }
        if (!Files.isDirectory(folder)) {
            throw KeywordException.permanent("CREATE SITE: there is no template folder " + folder
                    + " (basicflow.ai.site-templates-folder is " + root + ")");
        }
        return folder;
    }

    /** The templates' .html files in name order, each after a separator naming it. */
    private static String templateText(Path folder) throws KeywordException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f ->
                            f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".html")
                                    && Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .sorted()
                    .toList()) {
                text.append("\n<!-- ===== ")
                        .append(file.getFileName())
                        .append(" ===== -->\n")
                        .append(Files.readString(file, StandardCharsets.UTF_8));
                if (text.length() > MAX_TEMPLATE_CHARS) {
                    throw KeywordException.permanent("CREATE SITE: the templates of " + folder + " hold more than "
                            + MAX_TEMPLATE_CHARS + " characters; keep the examples the model needs");
                }
            }
        } catch (IOException e) {
            throw KeywordException.retryable("CREATE SITE: cannot read the templates of " + folder + ": " + e, e);
        }
        return text.isEmpty() ? "(none: use plain, clean HTML)" : text.toString();
    }

    /** The HTML document in the answer, without a code fence around it. */
    static String html(String answer) throws KeywordException {
        String text = answer.strip();
        if (text.startsWith("```")) {
            int firstLine = text.indexOf('\n');
            int fence = text.lastIndexOf("```");
            text = (firstLine > 0 && fence > firstLine ? text.substring(firstLine + 1, fence) : text).strip();
        }
        String lower = text.toLowerCase(Locale.ROOT);
        int start = lower.indexOf("<!doctype");
        if (start < 0) {
            start = lower.indexOf("<html");
        }
        int end = lower.lastIndexOf("</html>");
        if (start < 0 || end < start) {
            String line = answer.replaceAll("\\s+", " ").strip();
            throw KeywordException.permanent("CREATE SITE: the model did not answer with an HTML document (it"
                    + " answered: " + (line.length() > 200 ? line.substring(0, 200) + "…" : line) + ")");
        }
        return text.substring(start, end + "</html>".length()) + "\n";
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes)
                    throws IOException {
                Files.createDirectories(to.resolve(from.relativize(directory).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (attributes.isRegularFile()) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
