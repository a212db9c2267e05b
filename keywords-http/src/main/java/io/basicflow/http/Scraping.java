package io.basicflow.http;

import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.jsoup.select.QueryParser;

/**
 * {@code text = SCRAPE url, selector} and {@code items = SCRAPE_ALL url, selector}: one GET of a web
 * page (the HTTP keywords' client: {@code SET HEADER} headers, the address policy, redirects, retries
 * and the size limit), parsed with jsoup, and the elements that match a CSS selector.
 *
 * <ul>
 *   <li>{@code SCRAPE}: the text of the first matching element (whitespace collapsed, as a browser
 *       shows it), or {@code NULL} when none matches.
 *   <li>{@code SCRAPE_ALL}: a list with one map per matching element, in document order: {@code text},
 *       {@code href} (the absolute URL of the element's link: its own {@code href} or {@code src}, else
 *       its first descendant link's; {@code NULL} when it has none) and {@code tag}.
 *   <li>The URL may be such a map ({@code SCRAPE links[i], "body"}): its {@code href} is fetched.
 *   <li>A page that answers 4xx gives {@code NULL} (or an empty list): one dead link in a loop does
 *       not fail the execution; {@code HTTP RESPONSE} tells its status. 5xx and 429 are retried as
 *       for {@code GET}.
 * </ul>
 */
final class Scraping {

    /** The most characters {@code SCRAPE} returns; longer texts are cut with an ellipsis. */
    static final int MAX_TEXT = 100_000;

    /** The most elements {@code SCRAPE_ALL} returns. */
    static final int MAX_ELEMENTS = 500;

    /** The most characters of one element's text in {@code SCRAPE_ALL}. */
    static final int MAX_ELEMENT_TEXT = 2_000;

    private final HttpCalls calls;

    Scraping(HttpCalls calls) {
        this.calls = calls;
    }

    /** {@code SCRAPE url, selector}. */
    Value first(Invocation invocation) throws KeywordException {
        Page page = page(invocation);
        if (page == null) {
            return NullValue.NULL;
        }
        Element element = page.document().selectFirst(page.selector());
        if (element == null) {
            return NullValue.NULL;
        }
        return new TextValue(cut(element.text(), MAX_TEXT));
    }

    /** {@code SCRAPE_ALL url, selector}. */
    Value all(Invocation invocation) throws KeywordException {
        Page page = page(invocation);
        if (page == null) {
            return ListValue.EMPTY;
        }
        Elements elements = page.document().select(page.selector());
        List<Value> items = new ArrayList<>();
        for (Element element : elements) {
            if (items.size() == MAX_ELEMENTS) {
                break;
            }
            Map<String, Value> item = new LinkedHashMap<>();
            item.put("text", new TextValue(cut(element.text(), MAX_ELEMENT_TEXT)));
            String link = link(element);
            item.put("href", link == null ? NullValue.NULL : new TextValue(link));
            item.put("tag", new TextValue(element.tagName()));
            items.add(new MapValue(item));
        }
        return new ListValue(items);
    }

    private record Page(Document document, String selector) {}

    /** Fetches and parses the page; null when it answered 4xx. */
    private Page page(Invocation invocation) throws KeywordException {
        String keyword = invocation.keyword();
        String url = address(keyword, invocation.argument("url"));
        String selector = selector(keyword, invocation.argument("selector"));
        HttpAnswer answer = calls.fetch(invocation, Urls.lenient(url));
        int status = answer.status();
        if (status < 200 || status >= 300) {
            invocation
                    .context()
                    .logger()
                    .log(Level.INFO, "{0} {1}: answered {2}, nothing scraped", keyword, answer.url(), status);
            return null;
        }
        String contentType = answer.header("content-type");
        if (contentType != null && !isText(contentType)) {
            throw KeywordException.permanent(keyword + " " + answer.url() + ": the answer is " + contentType
                    + ", not an HTML page; fetch it with GET or DOWNLOAD");
        }
        String html = new String(answer.body(), HttpCalls.charset(contentType));
        Document document = Jsoup.parse(html, answer.uri().toString());
        return new Page(document, selector);
    }

    /** The URL argument: a text, or a map with {@code href} (an item of {@code SCRAPE_ALL}) or {@code url}. */
    private static String address(String keyword, Value value) throws KeywordException {
        return switch (value) {
            case NullValue ignored -> throw KeywordException.permanent(keyword + ": the URL is NULL");
            case MapValue map when map.entries().get("href") instanceof TextValue href -> href.value();
            case MapValue map when map.entries().get("url") instanceof TextValue url -> url.value();
            case MapValue map ->
                throw KeywordException.permanent(keyword + ": " + map.display()
                        + " has no href or url to fetch; give a URL, or an item of SCRAPE_ALL");
            default -> value.display();
        };
    }

    /** The selector, checked before any request so that a typo fails at once. */
    private static String selector(String keyword, Value value) throws KeywordException {
        if (value instanceof NullValue || value.display().isBlank()) {
            throw KeywordException.permanent(keyword + " needs a CSS selector, e.g. " + keyword + " url, \"h1\"");
        }
        String selector = value.display().strip();
        try {
            QueryParser.parse(selector);
        } catch (IllegalArgumentException | IllegalStateException e) { // jsoup's SelectorParseException
            throw KeywordException.permanent(
                    keyword + ": '" + selector + "' is not a CSS selector jsoup understands: " + e.getMessage());
        }
        return selector;
    }

    private static boolean isText(String contentType) {
        String lower = contentType.toLowerCase(Locale.ROOT);
        return lower.startsWith("text/") || lower.contains("html") || lower.contains("xml");
    }

    /** The element's absolute link: its own href or src, else its first descendant link's; null for none. */
    private static String link(Element element) {
        for (String attribute : List.of("href", "src")) {
            if (element.hasAttr(attribute)) {
                String absolute = element.absUrl(attribute);
                return absolute.isEmpty() ? element.attr(attribute) : absolute;
            }
        }
        Element inner = element.selectFirst("a[href]");
        if (inner == null) {
            return null;
        }
        String absolute = inner.absUrl("href");
        return absolute.isEmpty() ? inner.attr("href") : absolute;
    }

    private static String cut(String text, int limit) {
        if (text.length() <= limit) {
            return text;
        }
        return text.substring(0, limit - 1) + "…";
    }
}
