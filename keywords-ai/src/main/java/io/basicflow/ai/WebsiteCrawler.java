package io.basicflow.ai;

import io.basicflow.spi.KeywordException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches a website for {@code USE WEBSITE}: breadth first from the start page, the same scheme, host
 * and port only, the rules of the site's {@code robots.txt} for the agent {@code basicflow} (else
 * {@code *}: {@code Allow}/{@code Disallow} by longest matching prefix), up to a depth of links and a
 * number of pages; HTML and plain text pages only, each up to a size.
 */
final class WebsiteCrawler {

    /** The crawler's name in requests and in {@code robots.txt} groups. */
    static final String AGENT = "basicflow";

    private static final Pattern LINK =
            Pattern.compile("<a\\s[^>]*?href\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))", Pattern.CASE_INSENSITIVE);

    /** The limits of one crawl. */
    record Limits(int maxPages, int maxDepth, int maxPageBytes, Duration timeout) {}

    /** A fetched page: its address, its content type and its body. */
    record Page(URI uri, String contentType, String body) {}

    private final HttpClient client;

    WebsiteCrawler(Duration timeout) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The pages of the site reachable from the start page within the limits, in the order fetched. */
    List<Page> crawl(URI start, Limits limits) throws KeywordException {
        Robots robots = robots(start, limits);
        Map<URI, Integer> seen = new LinkedHashMap<>();
        Deque<URI> queue = new ArrayDeque<>();
        URI first = normalise(start);
        seen.put(first, 0);
        queue.add(first);
        List<Page> pages = new ArrayList<>();
        int redirects = 0;
        while (!queue.isEmpty() && pages.size() < limits.maxPages()) {
            URI uri = queue.poll();
            int depth = seen.get(uri);
            if (!robots.allows(uri)) {
                continue;
            }
            HttpResponse<InputStream> response;
            try {
                response = client.send(
                        HttpRequest.newBuilder(uri)
                                .timeout(limits.timeout())
                                .header("User-Agent", AGENT)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                if (pages.isEmpty() && uri.equals(first)) {
                    throw KeywordException.retryable("cannot reach " + uri + ": " + e, e);
                }
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw KeywordException.retryable("interrupted while fetching " + uri, e);
            }
            int status = response.statusCode();
            if (status >= 300 && status < 400 && redirects < limits.maxPages()) {
                closeQuietly(response.body());
                Optional<URI> target = response.headers()
                        .firstValue("Location")
                        .flatMap(location -> resolve(uri, location))
                        .filter(link -> sameSite(start, link));
                if (target.isPresent() && !seen.containsKey(target.get())) {
                    redirects++;
                    seen.put(target.get(), depth);
                    queue.addFirst(target.get());
                }
                continue;
            }
            String type = response.headers()
                    .firstValue("Content-Type")
                    .orElse("text/html")
                    .toLowerCase(Locale.ROOT);
            if (status != 200 || !(type.startsWith("text/html") || type.startsWith("text/plain"))) {
                closeQuietly(response.body());
                if (uri.equals(first) && pages.isEmpty() && status >= 500) {
                    throw KeywordException.retryable(
                            "the start page " + uri + " answered " + status, new IOException("HTTP " + status));
                }
                continue;
            }
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(limits.maxPageBytes()), StandardCharsets.UTF_8);
            } catch (IOException e) {
                continue;
            }
            pages.add(new Page(uri, type, body));
            if (depth < limits.maxDepth() && type.startsWith("text/html")) {
                for (URI link : links(uri, body)) {
                    if (sameSite(start, link) && !seen.containsKey(link)) {
                        seen.put(link, depth + 1);
                        queue.add(link);
                    }
                }
            }
        }
        return pages;
    }

    /** The page's links, resolved, without fragments, http and https only. */
    static Set<URI> links(URI page, String html) {
        Set<URI> links = new LinkedHashSet<>();
        Matcher matcher = LINK.matcher(html);
        while (matcher.find()) {
            String href = matcher.group(1) != null
                    ? matcher.group(1)
                    : matcher.group(2) != null ? matcher.group(2) : matcher.group(3);
            resolve(page, href.replace("&amp;", "&").strip()).ifPresent(links::add);
        }
        return links;
    }

    private static Optional<URI> resolve(URI base, String href) {
        try {
            URI resolved = base.resolve(new URI(href.replace(" ", "%20")));
            String scheme =
                    resolved.getScheme() == null ? "" : resolved.getScheme().toLowerCase(Locale.ROOT);
            if ((!scheme.equals("http") && !scheme.equals("https")) || resolved.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(normalise(resolved));
        } catch (IllegalArgumentException | URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Without the fragment, with a path of at least "/". */
    static URI normalise(URI uri) {
        try {
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return new URI(uri.getScheme().toLowerCase(Locale.ROOT)
                    + "://"
                    + uri.getRawAuthority().toLowerCase(Locale.ROOT)
                    + path
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static boolean sameSite(URI start, URI link) {
        return start.getScheme().equalsIgnoreCase(link.getScheme())
                && start.getHost().equalsIgnoreCase(link.getHost())
                && port(start) == port(link);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    private Robots robots(URI start, Limits limits) {
        URI robots = start.resolve("/robots.txt");
        try {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(robots)
                            .timeout(limits.timeout())
                            .header("User-Agent", AGENT)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Robots.parse(response.body()) : Robots.ALLOW_ALL;
        } catch (IOException e) {
            return Robots.ALLOW_ALL;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Robots.ALLOW_ALL;
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing was read from it
        }
    }

    /** The rules of {@code robots.txt} that apply to basicflow: path prefixes allowed and disallowed. */
    record Robots(List<String> allow, List<String> disallow) {

        static final Robots ALLOW_ALL = new Robots(List.of(), List.of());

        /** The group for {@code basicflow} when there is one, else the group for {@code *}. */
        static Robots parse(String text) {
            Map<String, Robots> groups = new LinkedHashMap<>();
            List<String> agents = new ArrayList<>();
            boolean inRules = false;
            for (String raw : text.lines().toList()) {
                String line = raw.replaceAll("#.*", "").strip();
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String field = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).strip();
                if (field.equals("user-agent")) {
                    if (inRules) {
                        agents.clear();
                        inRules = false;
                    }
                    agents.add(value.toLowerCase(Locale.ROOT));
                    groups.putIfAbsent(
                            value.toLowerCase(Locale.ROOT), new Robots(new ArrayList<>(), new ArrayList<>()));
                } else if (field.equals("allow") || field.equals("disallow")) {
                    inRules = true;
                    for (String agent : agents) {
                        Robots group = groups.get(agent);
                        if (!value.isEmpty()) {
                            (field.equals("allow") ? group.allow() : group.disallow()).add(value);
                        }
                    }
                }
            }
            Robots own = groups.get(AGENT);
            if (own == null) {
                own = groups.get("*");
            }
            return own == null ? ALLOW_ALL : new Robots(List.copyOf(own.allow()), List.copyOf(own.disallow()));
        }

        /** The longest matching rule decides; an allow wins a tie; no rule allows. */
        boolean allows(URI uri) {
            String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            int allowed = longest(allow, path);
            int disallowed = longest(disallow, path);
            return disallowed < 0 || allowed >= disallowed;
        }

        private static int longest(List<String> prefixes, String path) {
            int best = -1;
            for (String prefix : prefixes) {
                if (path.startsWith(prefix) && prefix.length() > best) {
                    best = prefix.length();
                }
            }
            return best;
        }
    }
}
