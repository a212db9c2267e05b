package io.basicflow.ai;

import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.PluginConfiguration;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code USE WEBSITE "url" [REFRESH "1d"]} and {@code CLEAR WEBSITES} (keyword-use-website.md): the site
 * is crawled ({@link WebsiteCrawler}) into a folder of pages under {@code basicflow.ai.website-folder},
 * which is indexed like a knowledge base of {@code USE KB}, and the execution uses it: its passages go
 * into the prompts of later {@code LLM} calls. The crawl is kept and done again only when its refresh
 * interval has passed; a URL registered with several intervals keeps the shortest.
 *
 * <p>Settings ({@code basicflow.ai.*}): {@code website-folder} (default: {@code basicflow-websites} in
 * the system's temporary folder), {@code website-max-pages} (50), {@code website-max-depth} (3 links
 * from the start page), {@code website-max-page-kb} (1024), {@code website-timeout-ms} (10000 per
 * request).
 */
final class Websites {

    /** How an execution's list of knowledge bases names a website: {@code website:<url>}. */
    static final String PREFIX = "website:";

    private static final Pattern INTERVAL = Pattern.compile("(\\d+)\\s*([hdwmy])");
    private static final Duration DEFAULT_REFRESH = Duration.ofDays(30);

    private final KnowledgeBases knowledge;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    Websites(KnowledgeBases knowledge) {
        this.knowledge = knowledge;
    }

    /** Crawls the site when it was never crawled or its interval passed, indexes it and uses it. */
    Value useWebsite(Invocation invocation) throws KeywordException {
        if (!KnowledgeBases.modelAvailable()) {
            throw KeywordException.permanent(KnowledgeBases.MODEL_MISSING.replace("USE KB", "USE WEBSITE"));
        }
        URI site = url(invocation.argument("url"));
        // USE WEBSITE url REFRESH "1d" (the page) or USE_WEBSITE(url, "30d") (real scripts)
        Duration refresh = refresh(
                invocation.argument("refresh") instanceof io.basicflow.spi.value.NullValue
                        ? invocation.argument("interval")
                        : invocation.argument("refresh"));
        PluginConfiguration configuration = invocation.context().configuration();
        knowledge.configure(configuration);
        Path folder = folder(configuration, site);
        Instant now = invocation.context().clock().instant();
        synchronized (locks.computeIfAbsent(folder.toString(), ignored -> new Object())) {
            Properties record = read(folder);
            Duration interval = refresh;
            if (record != null) {
                Duration registered = Duration.parse(record.getProperty("interval"));
                interval = registered.compareTo(refresh) < 0 ? registered : refresh;
            }
            boolean due = record == null
                    || !Instant.parse(record.getProperty("crawled-at"))
                            .plus(interval)
                            .isAfter(now);
            if (due) {
                List<WebsiteCrawler.Page> pages = crawl(configuration, site);
                write(folder, site, pages);
                record = new Properties();
                record.setProperty("url", site.toString());
                record.setProperty("crawled-at", now.toString());
                record.setProperty("pages", String.valueOf(pages.size()));
                invocation
                        .context()
                        .logger()
                        .log(System.Logger.Level.INFO, "website {0}: {1} pages crawled", site, pages.size());
            }
            record.setProperty("interval", interval.toString());
            save(folder, record);
        }
        knowledge.index(pages(folder));
        List<String> active = new ArrayList<>(KnowledgeBases.active(invocation.context()));
        String name = PREFIX + site;
        if (!active.contains(name)) {
            active.add(name);
            invocation.context().setExecutionValue(KnowledgeBases.ACTIVE_VALUE, KnowledgeBases.activeValue(active));
        }
        return NullValue.NULL;
    }

    /** Stops using every website; the knowledge bases of {@code USE KB} stay. */
    static Value clearWebsites(Invocation invocation) {
        List<String> active = new ArrayList<>(KnowledgeBases.active(invocation.context()));
        active.removeIf(name -> name.startsWith(PREFIX));
        invocation
                .context()
                .setExecutionValue(
                        KnowledgeBases.ACTIVE_VALUE,
                        active.isEmpty() ? NullValue.NULL : KnowledgeBases.activeValue(active));
        return NullValue.NULL;
    }

    /** The folder of the pages of a website in use, named {@code website:<url>} in the list. */
    static Path pagesOf(PluginConfiguration configuration, String name) {
        return pages(folder(configuration, URI.create(name.substring(PREFIX.length()))));
    }

    static URI url(Value value) throws KeywordException {
        String written = value.display().strip();
        try {
            URI uri = new URI(written);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return WebsiteCrawler.normalise(uri);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw KeywordException.permanent("USE WEBSITE needs an http or https URL with a host, such as"
                + " \"https://docs.example.com\", not '" + written + "'");
    }

    /** {@code "1d"}, {@code "2w"}, {@code "6m"} (30 days a month), {@code "1y"} (365 days), {@code "12h"}. */
    static Duration refresh(Value value) throws KeywordException {
        if (value instanceof NullValue) {
            return DEFAULT_REFRESH;
        }
        String written = value.display().strip().toLowerCase(Locale.ROOT);
        Matcher matcher = INTERVAL.matcher(written);
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            throw KeywordException.permanent("USE WEBSITE … REFRESH needs an interval such as \"1d\", \"2w\", \"1m\""
                    + " or \"1y\" (h, d, w, m, y), not '" + value.display() + "'");
        }
        long count = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "h" -> Duration.ofHours(count);
            case "d" -> Duration.ofDays(count);
            case "w" -> Duration.ofDays(7 * count);
            case "m" -> Duration.ofDays(30 * count);
            default -> Duration.ofDays(365 * count);
        };
    }

    private static List<WebsiteCrawler.Page> crawl(PluginConfiguration configuration, URI site)
            throws KeywordException {
        try {
            Duration timeout = Duration.ofMillis(configuration.getInt("website-timeout-ms", 10_000));
            WebsiteCrawler.Limits limits = new WebsiteCrawler.Limits(
                    configuration.getInt("website-max-pages", 50),
                    configuration.getInt("website-max-depth", 3),
                    configuration.getInt("website-max-page-kb", 1024) * 1024,
                    timeout);
            List<WebsiteCrawler.Page> pages = new WebsiteCrawler(timeout).crawl(site, limits);
            if (pages.isEmpty()) {
                throw KeywordException.permanent("USE WEBSITE \"" + site + "\": no page could be read (the start"
                        + " page is missing, not HTML or text, or robots.txt disallows it)");
            }
            return pages;
        } catch (IllegalArgumentException e) {
            throw KeywordException.permanent("USE WEBSITE: " + e.getMessage());
        }
    }

    private static Path folder(PluginConfiguration configuration, URI site) {
        String root = configuration
                .get("website-folder")
                .filter(value -> !value.isBlank())
                .orElse(Path.of(System.getProperty("java.io.tmpdir"), "basicflow-websites")
                        .toString());
        String host =
                site.getHost().replaceAll("[^A-Za-z0-9.-]", "_") + (site.getPort() == -1 ? "" : "_" + site.getPort());
        return Path.of(root.strip()).toAbsolutePath().normalize().resolve(host + "-" + sha(site.toString(), 12));
    }

    private static Path pages(Path folder) {
        return folder.resolve("pages");
    }

    /** Replaces the pages: one file per page named by its URL's hash, so an unchanged page is not embedded again. */
    private static void write(Path folder, URI site, List<WebsiteCrawler.Page> pages) throws KeywordException {
        Path target = pages(folder);
        try {
            Files.createDirectories(target);
            List<String> kept = new ArrayList<>();
            for (WebsiteCrawler.Page page : pages) {
                String name = sha(page.uri().toString(), 16)
                        + (page.contentType().startsWith("text/plain") ? ".txt" : ".html");
                kept.add(name);
                Files.writeString(target.resolve(name), page.body(), StandardCharsets.UTF_8);
            }
            try (Stream<Path> files = Files.list(target)) {
                for (Path file : files.toList()) {
                    if (!kept.contains(file.getFileName().toString())) {
                        Files.delete(file);
                    }
                }
            }
        } catch (IOException e) {
            throw KeywordException.retryable("USE WEBSITE \"" + site + "\": cannot write " + target + ": " + e, e);
        }
    }

    private static Properties read(Path folder) throws KeywordException {
        Path file = folder.resolve("crawl.properties");
        if (!Files.isRegularFile(file) || !Files.isDirectory(pages(folder))) {
            return null;
        }
        Properties record = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            record.load(reader);
            Instant.parse(record.getProperty("crawled-at"));
            Duration.parse(record.getProperty("interval"));
            return record;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void save(Path folder, Properties record) throws KeywordException {
        try {
            Files.createDirectories(folder);
            Path temporary = folder.resolve("crawl.properties.tmp");
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                record.store(writer, "USE WEBSITE's last crawl");
            }
            Files.move(
                    temporary,
                    folder.resolve("crawl.properties"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw KeywordException.retryable("USE WEBSITE: cannot write " + folder + ": " + e, e);
        }
    }

    private static String sha(String text, int length) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
