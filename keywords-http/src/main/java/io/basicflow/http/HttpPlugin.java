package io.basicflow.http;

import io.basicflow.spi.EffectKind;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.KeywordSyntax;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The HTTP keywords of General Bots: {@code x = GET url}, {@code x = POST url, data[,
 * content_type]}, {@code PUT}, {@code PATCH}, {@code DELETE HTTP url}, {@code SET HEADER name,
 * value}, {@code CLEAR HEADERS}, and {@code r = HTTP RESPONSE} (the last answer's status and
 * headers), {@code path = DOWNLOAD url[, path]} and {@code info = UPLOAD source [TO folder] [AS name]}
 * (a URL into the bot's storage, {@link Transfers}), {@code r = GRAPHQL url, query [, variables]}
 * ({@link GraphQlCalls}), {@code r = SOAP service, operation, params} ({@link SoapCalls}), {@code text
 * = SCRAPE url, selector} and {@code items = SCRAPE_ALL url, selector} ({@link Scraping}), and {@code
 * WEBHOOK POST path WITH data} ({@link WebhookCalls}). {@code GET "path"} and the one-argument {@code DELETE "path"} whose argument is no URL read
 * and delete a file of the bot's storage, as the files plugin does ({@link StorageTargets}). Configured by {@code basicflow.http.*} ({@link HttpSettings}); see the module's README
 * for what each verb guarantees in a durable run.
 *
 * <p>In a durable run every answer is recorded in the step's completion event, so a resumed run
 * never calls again for a completed step. {@code GET}, {@code PUT} and {@code DELETE} are idempotent
 * by HTTP's own rules; {@code POST} and {@code PATCH} send the step's idempotency key as {@code
 * Idempotency-Key} on every attempt, so a server that deduplicates by it (as payment APIs do) acts
 * once although a crash can make the engine send twice. {@code POST ONCE} is the at-most-once form:
 * never retried, and never sent again after a crash during the call (the step then fails with
 * "outcome unknown").
 */
public final class HttpPlugin implements KeywordPlugin {

    /**
     * Six attempts waiting 0.5, 1, 2, 4 and 8 s (or what {@code Retry-After} asks): a server restart
     * or a short overload does not fail the step.
     */
    public static final RetryPolicy RETRY = new RetryPolicy(6, Duration.ofMillis(500), 2.0, Duration.ofSeconds(30));

    private static final ParameterDefinition URL = ParameterDefinition.required("url", "an http or https URL");
    private static final ParameterDefinition DATA = ParameterDefinition.optional(
            "data", "the body: a map or list is sent as JSON, text as it is; none when left out");
    private static final ParameterDefinition CONTENT_TYPE = ParameterDefinition.optional(
            "content_type",
            "the body's content type; default application/json for maps, lists and JSON-looking text,"
                    + " else text/plain (application/x-www-form-urlencoded sends a map as a form)");

    /** {@code POST url WITH field = value, …} (one line or a field block): the body as a map. */
    private static final ParameterDefinition WITH = ParameterDefinition.introducedBy(
            "WITH", "with", true, "field = value, …: the body, as a map (instead of data)");

    /** {@code POST url, p1, p2, p3, …}: General Bots' positional parameters for form-style requests. */
    private static final ParameterDefinition MORE = ParameterDefinition.repeated(
            "more", "with more than three arguments, the body is the JSON list of every argument after the URL");

    private final HttpCalls calls = new HttpCalls();
    private final Transfers transfers = new Transfers(calls);
    private final GraphQlCalls graphQl = new GraphQlCalls(calls);
    private final SoapCalls soap = new SoapCalls(calls);
    private final Scraping scraping = new Scraping(calls);
    private final WebhookCalls webhooks = new WebhookCalls(calls);

    /** Creates the plugin; {@link java.util.ServiceLoader} calls this. */
    public HttpPlugin() {}

    @Override
    public String name() {
        return "http";
    }

    @Override
    public List<KeywordDefinition> keywords() {
        return List.of(
                KeywordDefinition.builder("GET")
                        .form(KeywordForm.FUNCTION)
                        .parameter(URL)
                        .parameter(ParameterDefinition.introducedBy(
                                "WITH",
                                "with",
                                true,
                                "the query parameters: names of variables (WITH service, date), name = value"
                                        + " fields, or a map"))
                        .effect(EffectKind.IDEMPOTENT_EFFECT)
                        .retry(RETRY)
                        .description("Makes an HTTP GET (the WITH values as its query string); returns the JSON"
                                + " answer as a value, or its text. GET path reads a file of the bot's storage.")
                        .build(),
                verb("POST", true, "Makes an HTTP POST with the data as its body; returns the answer."),
                verb("PUT", true, "Makes an HTTP PUT with the data as its body; returns the answer."),
                verb("PATCH", true, "Makes an HTTP PATCH with the data as its body; returns the answer."),
                verb("DELETE HTTP", false, "Makes an HTTP DELETE; returns the answer."),
                KeywordDefinition.builder("DELETE")
                        .form(KeywordForm.FUNCTION)
                        .parameter(ParameterDefinition.required(
                                "target", "an http(s) URL, or a file of the bot's storage"))
                        .effect(EffectKind.IDEMPOTENT_EFFECT)
                        .retry(RETRY)
                        .description("DELETE url makes an HTTP DELETE and returns the answer; DELETE path deletes a"
                                + " file of the bot's storage and returns whether there was one. (DELETE table,"
                                + " filter, with two arguments, is the data plugin's.)")
                        .build(),
                KeywordDefinition.builder("POST ONCE")
                        .form(KeywordForm.FUNCTION)
                        .parameter(URL)
                        .parameter(DATA)
                        .parameter(CONTENT_TYPE)
                        .effect(EffectKind.AT_MOST_ONCE_EFFECT)
                        .retry(RetryPolicy.NONE)
                        .description("Makes an HTTP POST that is never sent twice: no retry, and after a crash"
                                + " during the call the step fails with \"outcome unknown\" for an operator.")
                        .build(),
                KeywordDefinition.builder("DOWNLOAD")
                        .form(KeywordForm.FUNCTION)
                        .parameter(ParameterDefinition.required("source", "an http or https URL"))
                        .parameter(ParameterDefinition.optional(
                                "destination",
                                "the path in the bot's storage; downloads/<name from the URL> when left out"))
                        .parameter(ParameterDefinition.introducedBy(
                                "AS",
                                "as",
                                true,
                                "the path in the bot's storage, as DOWNLOAD url AS \"file\" writes it"))
                        .parameter(ParameterDefinition.introducedBy(
                                "TO",
                                "to",
                                true,
                                "the path in the bot's storage, as DOWNLOAD url TO \"file\" writes it"))
                        .effect(EffectKind.IDEMPOTENT_EFFECT)
                        .retry(RETRY)
                        .description("Fetches a URL into the bot's storage (written once, even after a crash);"
                                + " returns the path, for SEND FILE or SEND MAIL … ATTACHMENT.")
                        .build(),
                KeywordDefinition.builder("UPLOAD")
                        .form(KeywordForm.FUNCTION)
                        .parameter(ParameterDefinition.required(
                                "source", "a URL, a path of the bot's storage, or a LIST item"))
                        .parameter(ParameterDefinition.optional("destination", "the path to write, instead of TO/AS"))
                        .parameter(ParameterDefinition.introducedBy(
                                "TO", "to", true, "the folder to put the file in; uploads when left out"))
                        .parameter(ParameterDefinition.introducedBy(
                                "AS", "as", true, "the file's name; the URL's or the source's when left out"))
                        .effect(EffectKind.IDEMPOTENT_EFFECT)
                        .retry(RETRY)
                        .description("Stores a file from a URL (or copies one of the storage) into the bot's"
                                + " storage; returns {path, filename, size, type, md5}.")
                        .build(),
                KeywordDefinition.builder("GRAPHQL")
                        .form(KeywordForm.FUNCTION)
                        .parameter(URL)
                        .parameter(ParameterDefinition.required("query", "the GraphQL query or mutation, as text"))
                        .parameter(ParameterDefinition.optional(
                                "variables", "the query's variables: a map, or JSON text of one"))
                        .parameter(ParameterDefinition.introducedBy(
                                "WITH", "with", true, "name = value, …: the variables (instead of the third argument)"))
                        .effect(EffectKind.IDEMPOTENT_EFFECT)
                        .retry(RETRY)
                        .description("Posts a GraphQL query or mutation; returns the answer ({data, errors});"
                                + " an answer with errors and no data fails the step with their messages.")
                        .build(),
                KeywordDefinition.builder("SOAP")
                        .form(KeywordForm.FUNCTION)
                        .parameter(ParameterDefinition.required(
                                "service", "the service's WSDL URL (…?wsdl, ….wsdl) or its endpoint URL"))
                        .parameter(ParameterDefinition.required("operation", "the operation's name"))
                        .parameter(ParameterDefinition.optional(
                                "params",
                                "the operation's parameters: a map (nested maps and lists), or the body's XML"))
                        .effect(EffectKind.IDEMPOTENT_EFFECT)
                        .retry(RETRY)
                        .description("Calls a SOAP 1.1/1.2 operation; returns the response element as a map;"
                                + " a SOAP fault fails the step with its faultstring.")
                        .build(),
                KeywordDefinition.builder("SCRAPE")
                        .form(KeywordForm.FUNCTION)
                        .parameter(ParameterDefinition.required(
                                "url", "an http or https URL, or an item of SCRAPE_ALL (its href)"))
                        .parameter(
                                ParameterDefinition.required("selector", "a CSS selector, e.g. \"h1\" or \".price\""))
                        .effect(EffectKind.IDEMPOTENT_EFFECT)
                        .retry(RETRY)
                        .description("Fetches a web page and returns the text of the first element that matches the"
                                + " CSS selector; NULL when none matches or the page answers 4xx.")
                        .build(),
                KeywordDefinition.builder("SCRAPE_ALL")
                        .form(KeywordForm.FUNCTION)
                        .parameter(ParameterDefinition.required(
                                "url", "an http or https URL, or an item of SCRAPE_ALL (its href)"))
                        .parameter(
                                ParameterDefinition.required("selector", "a CSS selector, e.g. \"a\" or \".result\""))
                        .effect(EffectKind.IDEMPOTENT_EFFECT)
                        .retry(RETRY)
                        .description("Fetches a web page and returns every element that matches the CSS selector:"
                                + " a list of {text, href (absolute), tag}; empty when the page answers 4xx.")
                        .build(),
                KeywordDefinition.builder("WEBHOOK POST")
                        .form(KeywordForm.FUNCTION)
                        .parameter(ParameterDefinition.required(
                                "path",
                                "a path joined to basicflow.http.webhook-base-url (this server's webhooks when"
                                        + " unset), or an http(s) URL"))
                        .parameter(ParameterDefinition.optional("data", "the body, sent as JSON"))
                        .parameter(ParameterDefinition.introducedBy(
                                "WITH", "with", true, "the body, sent as JSON (instead of data)"))
                        .effect(EffectKind.IDEMPOTENT_EFFECT)
                        .retry(RETRY)
                        .description("POSTs the data as JSON to a webhook, with the step's Idempotency-Key (and a"
                                + " signature when a secret is set); returns the answer; a 4xx answer fails the step.")
                        .build(),
                KeywordDefinition.builder("SET HEADER")
                        .parameter(ParameterDefinition.required("name", "the header's name"))
                        .parameter(ParameterDefinition.required("value", "its value; empty removes the header"))
                        .effect(EffectKind.PURE)
                        .retry(RetryPolicy.NONE)
                        .description("Sets a header for the HTTP calls that follow in this execution.")
                        .build(),
                KeywordDefinition.builder("CLEAR HEADERS")
                        .effect(EffectKind.PURE)
                        .retry(RetryPolicy.NONE)
                        .description("Removes every header SET HEADER set.")
                        .build(),
                KeywordDefinition.builder("HTTP RESPONSE")
                        .form(KeywordForm.FUNCTION)
                        .effect(EffectKind.PURE)
                        .retry(RetryPolicy.NONE)
                        .description("The status, URL and headers of this execution's last HTTP answer,"
                                + " as a map; NULL before the first call.")
                        .build());
    }

    private static KeywordDefinition verb(String name, boolean withBody, String description) {
        KeywordDefinition.Builder builder = KeywordDefinition.builder(name)
                .form(KeywordForm.FUNCTION)
                .parameter(URL)
                .effect(EffectKind.IDEMPOTENT_EFFECT)
                .retry(RETRY)
                .description(description);
        if (withBody) {
            builder.parameter(DATA).parameter(CONTENT_TYPE).parameter(WITH).parameter(MORE);
        }
        return builder.build();
    }

    /**
     * {@code SET HEADER "Accept" = "text/plain"} (or {@code AS}), and the field lists of {@code POST url
     * WITH a = 1, b = 2}, as General Bots scripts write them.
     */
    @Override
    public KeywordSyntax syntax(String keyword) {
        return switch (keyword) {
            case "SET HEADER" -> KeywordSyntax.NAME_VALUE;
            case "GET", "POST", "PUT", "PATCH", "GRAPHQL" -> KeywordSyntax.DATA_CLAUSES;
            default -> KeywordSyntax.PLAIN;
        };
    }

    @Override
    public Optional<KeywordHandler> handler(String keyword) {
        KeywordHandler handler = switch (keyword) {
            case "GET" ->
                invocation -> StorageTargets.isUrl(invocation, "url")
                        ? calls.call("GET", QueryParameters.applied(invocation), false)
                        : StorageTargets.read(StorageTargets.withoutQuery(invocation));
            case "POST", "POST ONCE" -> invocation -> calls.call("POST", invocation, true);
            case "PUT" -> invocation -> calls.call("PUT", invocation, false);
            case "PATCH" -> invocation -> calls.call("PATCH", invocation, true);
            case "DELETE HTTP" -> invocation -> calls.call("DELETE", invocation, false);
            case "DELETE" ->
                invocation -> StorageTargets.isUrl(invocation, "target")
                        ? calls.call("DELETE", StorageTargets.asUrlCall(invocation), false)
                        : StorageTargets.delete(invocation);
            case "GRAPHQL" -> graphQl::call;
            case "SOAP" -> soap::call;
            case "SCRAPE" -> scraping::first;
            case "SCRAPE_ALL" -> scraping::all;
            case "WEBHOOK POST" -> webhooks::post;
            case "DOWNLOAD" -> transfers::download;
            case "UPLOAD" -> transfers::upload;
            case "SET HEADER" -> calls::setHeader;
            case "CLEAR HEADERS" -> calls::clearHeaders;
            case "HTTP RESPONSE" -> calls::lastResponse;
            default -> null;
        };
        return Optional.ofNullable(handler);
    }
}
