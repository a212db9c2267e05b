package io.basicflow.social;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Local stand-ins on 127.0.0.1 (one free port, one path prefix per network) for the REST protocols of
 * Meta's Graph API ({@code /graph/v19.0}), LinkedIn ({@code /linkedin}), X ({@code /twitter}), Bluesky's
 * XRPC ({@code /bluesky}) and Discord ({@code /discord/api/v10}). Each checks the credentials the way
 * the network does (the Graph API's {@code access_token}, LinkedIn's bearer and version headers, X's
 * OAuth 1.0a signature recomputed from the request, Bluesky's session token, Discord's {@code Bot}
 * token), records every request and answers with the network's shapes. Ids are derived from the
 * content, so two runs of one script get the same ids. It can answer 503 or 429 first, or hold a
 * request until released.
 */
final class FakeNetworks implements AutoCloseable {

    static final String GRAPH_TOKEN = "EAAG-token";
    static final String PAGE = "1001";
    static final String IG = "17841";
    static final String LINKEDIN_TOKEN = "li-token";
    static final String ORG = "5515";
    static final String[] TWITTER = {"ck", "cs", "at", "as"};
    static final String HANDLE = "bot.bsky.social";
    static final String APP_PASSWORD = "abcd-efgh";
    static final String DID = "did:plc:fake123";
    static final String DISCORD_TOKEN = "discord-token";
    static final String CHANNEL = "900";

    /** One request as received. */
    record Received(String method, String path, String query, Map<String, String> headers, String body) {
        /** The request's form or query fields. */
        Map<String, String> fields() {
            Map<String, String> fields = new LinkedHashMap<>();
            String text = method.equals("GET") || method.equals("DELETE") ? query : body;
            if (text == null || text.isEmpty() || text.startsWith("{")) {
                return fields;
            }
            for (String pair : text.split("&")) {
                String[] parts = pair.split("=", 2);
                fields.put(
                        URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                        parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            }
            return fields;
        }

        JsonNode json() {
            return SocialHttp.parse(body);
        }

        /** The request as the tests compare it: method, path and the fields or JSON, without secrets. */
        String summary() {
            Map<String, String> fields = new TreeMap<>(fields());
            fields.remove("access_token");
            // a post's creation time is the clock's: two runs differ only there
            return method + " " + path + " "
                    + (body.startsWith("{")
                            ? body.replaceAll("\"createdAt\":\"[^\"]*\"", "\"createdAt\":\"…\"")
                            : fields.toString());
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger unavailable = new AtomicInteger();
    private final AtomicInteger tooMany = new AtomicInteger();
    private volatile CountDownLatch hold;
    private final CountDownLatch held = new CountDownLatch(1);

    FakeNetworks() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Map<String, String> headers = new TreeMap<>();
                exchange.getRequestHeaders()
                        .forEach((name, values) -> headers.put(name.toLowerCase(), values.getFirst()));
                Received request = new Received(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().getRawPath(),
                        exchange.getRequestURI().getRawQuery(),
                        headers,
                        body);
                received.add(request);
                CountDownLatch gate = hold;
                if (gate != null) {
                    held.countDown();
                    try {
                        gate.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (unavailable.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    reply(exchange, 503, "{\"error\":\"Service Unavailable\"}");
                } else if (tooMany.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    exchange.getResponseHeaders().set("Retry-After", "0");
                    reply(exchange, 429, "{\"title\":\"Too Many Requests\"}");
                } else {
                    route(exchange, request);
                }
            }
        });
        server.start();
    }

    private static String idOf(String text) {
        return Integer.toString(Math.abs(text.hashCode() % 100_000));
    }

    private void route(HttpExchange exchange, Received request) throws IOException {
        String path = request.path();
        if (path.startsWith("/graph/v19.0/")) {
            graph(exchange, request, path.substring("/graph/v19.0".length()));
        } else if (path.startsWith("/twitter/")) {
            twitter(exchange, request, path.substring("/twitter".length()));
        } else if (path.startsWith("/bluesky/xrpc/")) {
            bluesky(exchange, request, path.substring("/bluesky/xrpc/".length()));
        } else if (path.startsWith("/linkedin/rest/")) {
            linkedin(exchange, request, path.substring("/linkedin".length()));
        } else if (path.startsWith("/discord/api/v10/channels/" + CHANNEL + "/messages")) {
            if (!("Bot " + DISCORD_TOKEN).equals(request.headers().get("authorization"))) {
                reply(exchange, 401, "{\"message\":\"401: Unauthorized\",\"code\":0}");
            } else if (request.method().equals("POST")) {
                reply(exchange, 200, "{\"id\":\"D" + idOf(request.body()) + "\",\"channel_id\":\"" + CHANNEL + "\"}");
            } else {
                reply(exchange, 204, "");
            }
        } else {
            reply(exchange, 404, "{\"error\":\"no such route " + path + "\"}");
        }
    }

    private static final Pattern ID_PATH = Pattern.compile("/([^/]+)(/insights)?");

    private void graph(HttpExchange exchange, Received request, String path) throws IOException {
        Map<String, String> fields = request.fields();
        if (!GRAPH_TOKEN.equals(fields.get("access_token"))) {
            reply(
                    exchange,
                    400,
                    "{\"error\":{\"message\":\"Invalid OAuth access token.\",\"type\":\"OAuthException\",\"code\":190}}");
            return;
        }
        String method = request.method();
        if (method.equals("POST") && path.equals("/" + PAGE + "/feed")) {
            reply(exchange, 200, "{\"id\":\"" + PAGE + "_" + idOf(fields.get("message")) + "\"}");
        } else if (method.equals("POST") && path.equals("/" + PAGE + "/photos")) {
            String id = idOf(fields.get("url"));
            reply(exchange, 200, "{\"id\":\"" + id + "\",\"post_id\":\"" + PAGE + "_" + id + "\"}");
        } else if (method.equals("POST") && path.equals("/" + IG + "/media")) {
            String url = fields.getOrDefault("image_url", fields.getOrDefault("video_url", fields.get("children")));
            reply(exchange, 200, "{\"id\":\"C" + idOf(url + fields.get("caption")) + "\"}");
        } else if (method.equals("POST") && path.equals("/" + IG + "/media_publish")) {
            reply(exchange, 200, "{\"id\":\"IG" + fields.get("creation_id").substring(1) + "\"}");
        } else if (method.equals("GET") && path.equals("/" + IG + "/media")) {
            reply(
                    exchange,
                    200,
                    "{\"data\":[{\"id\":\"IG1\",\"caption\":\"Monday motivation\",\"media_url\":\"https://cdn/x.png\","
                            + "\"timestamp\":\"2025-02-03T09:00:00+0000\",\"like_count\":40,\"comments_count\":3}]}");
        } else if (method.equals("DELETE")) {
            reply(exchange, 200, "{\"success\":true}");
        } else if (method.equals("GET")) {
            Matcher matcher = ID_PATH.matcher(path);
            if (!matcher.matches()) {
                reply(exchange, 404, "{}");
            } else if (matcher.group(2) != null) {
                reply(
                        exchange,
                        200,
                        "{\"data\":[{\"name\":\"reach\",\"period\":\"lifetime\",\"values\":[{\"value\":1200}]},"
                                + "{\"name\":\"impressions\",\"values\":[{\"value\":1500}]}]}");
            } else if (matcher.group(1).startsWith("IG")) {
                reply(exchange, 200, "{\"like_count\":42,\"comments_count\":7,\"id\":\"" + matcher.group(1) + "\"}");
            } else {
                reply(
                        exchange,
                        200,
                        "{\"shares\":{\"count\":5},\"reactions\":{\"data\":[],\"summary\":{\"total_count\":31}},"
                                + "\"comments\":{\"data\":[],\"summary\":{\"total_count\":4}}}");
            }
        } else {
            reply(exchange, 404, "{}");
        }
    }

    private void twitter(HttpExchange exchange, Received request, String path) throws IOException {
        if (!validOAuth(request, path)) {
            reply(exchange, 401, "{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"Unauthorized\"}");
            return;
        }
        if (request.method().equals("POST") && path.equals("/2/tweets")) {
            String text = request.json().path("text").asText();
            reply(exchange, 201, "{\"data\":{\"id\":\"17" + idOf(text) + "\",\"text\":" + SocialHttp.json(text) + "}}");
        } else if (request.method().equals("GET") && path.startsWith("/2/tweets/")) {
            reply(
                    exchange,
                    200,
                    "{\"data\":{\"id\":\"" + path.substring(10) + "\",\"text\":\"…\",\"public_metrics\":{"
                            + "\"retweet_count\":9,\"reply_count\":2,\"like_count\":25,\"quote_count\":1,"
                            + "\"impression_count\":800}}}");
        } else if (request.method().equals("DELETE") && path.startsWith("/2/tweets/")) {
            reply(exchange, 200, "{\"data\":{\"deleted\":true}}");
        } else {
            reply(exchange, 404, "{}");
        }
    }

    /** X's check: the signature recomputed from the method, URL, query and oauth_ parameters. */
    private boolean validOAuth(Received request, String path) {
        String header = request.headers().getOrDefault("authorization", "");
        if (!header.startsWith("OAuth ")) {
            return false;
        }
        Map<String, String> oauth = new TreeMap<>();
        Matcher pairs = Pattern.compile("([a-z_]+)=\"([^\"]*)\"").matcher(header);
        while (pairs.find()) {
            oauth.put(pairs.group(1), URLDecoder.decode(pairs.group(2), StandardCharsets.UTF_8));
        }
        Map<String, String> query = new LinkedHashMap<>();
        if (request.query() != null) {
            for (String pair : request.query().split("&")) {
                String[] parts = pair.split("=", 2);
                query.put(
                        URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                        URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
            }
        }
        String url = baseUrl() + "/twitter" + path;
        return TWITTER[0].equals(oauth.get("oauth_consumer_key"))
                && TWITTER[2].equals(oauth.get("oauth_token"))
                && Twitter.signature(request.method(), url, query, oauth, TWITTER[1], TWITTER[3])
                        .equals(oauth.get("oauth_signature"));
    }

    private void bluesky(HttpExchange exchange, Received request, String method) throws IOException {
        if (method.equals("com.atproto.server.createSession")) {
            JsonNode login = request.json();
            if (HANDLE.equals(login.path("identifier").asText())
                    && APP_PASSWORD.equals(login.path("password").asText())) {
                reply(
                        exchange,
                        200,
                        "{\"accessJwt\":\"jwt-1\",\"refreshJwt\":\"r\",\"handle\":\"" + HANDLE + "\",\"did\":\"" + DID
                                + "\"}");
            } else {
                reply(
                        exchange,
                        401,
                        "{\"error\":\"AuthenticationRequired\",\"message\":\"Invalid identifier or password\"}");
            }
            return;
        }
        if (!"Bearer jwt-1".equals(request.headers().get("authorization"))) {
            reply(exchange, 400, "{\"error\":\"ExpiredToken\"}");
            return;
        }
        switch (method) {
            case "com.atproto.repo.uploadBlob" ->
                reply(
                        exchange,
                        200,
                        "{\"blob\":{\"$type\":\"blob\",\"ref\":{\"$link\":\"bafk" + idOf(request.body())
                                + "\"},\"mimeType\":\"" + request.headers().get("content-type") + "\",\"size\":"
                                + request.body().length() + "}}");
            case "com.atproto.repo.createRecord" -> {
                String rkey =
                        "3k" + idOf(request.json().path("record").path("text").asText());
                reply(
                        exchange,
                        200,
                        "{\"uri\":\"at://" + DID + "/app.bsky.feed.post/" + rkey + "\",\"cid\":\"bafyrei" + rkey
                                + "\"}");
            }
            case "com.atproto.repo.deleteRecord" -> reply(exchange, 200, "{}");
            default -> reply(exchange, 404, "{}");
        }
    }

    private void linkedin(HttpExchange exchange, Received request, String path) throws IOException {
        if (!("Bearer " + LINKEDIN_TOKEN).equals(request.headers().get("authorization"))) {
            reply(exchange, 401, "{\"status\":401,\"serviceErrorCode\":65600,\"message\":\"Invalid access token\"}");
            return;
        }
        if (request.headers().get("linkedin-version") == null
                || !"2.0.0".equals(request.headers().get("x-restli-protocol-version"))) {
            reply(exchange, 426, "{\"status\":426,\"message\":\"A version must be present\"}");
            return;
        }
        if (request.method().equals("POST") && path.equals("/rest/posts")) {
            exchange.getResponseHeaders()
                    .set(
                            "x-restli-id",
                            "urn:li:share:70"
                                    + idOf(request.json().path("commentary").asText()));
            reply(exchange, 201, "");
        } else if (request.method().equals("GET") && path.startsWith("/rest/socialActions/")) {
            reply(
                    exchange,
                    200,
                    "{\"likesSummary\":{\"totalLikes\":12},\"commentsSummary\":{\"aggregatedTotalComments\":3}}");
        } else if (request.method().equals("DELETE")) {
            reply(exchange, 204, "");
        } else {
            reply(exchange, 404, "{}");
        }
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, status == 204 || bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0 && status != 204) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** The settings that point every network at this server with the right credentials. */
    Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("social.graph-base-url", baseUrl() + "/graph/v19.0");
        settings.put("social.facebook-access-token", GRAPH_TOKEN);
        settings.put("social.facebook-page-id", PAGE);
        settings.put("social.instagram-access-token", GRAPH_TOKEN);
        settings.put("social.instagram-account-id", IG);
        settings.put("social.linkedin-base-url", baseUrl() + "/linkedin");
        settings.put("social.linkedin-access-token", LINKEDIN_TOKEN);
        settings.put("social.linkedin-organization-id", ORG);
        settings.put("social.twitter-base-url", baseUrl() + "/twitter");
        settings.put("social.twitter-api-key", TWITTER[0]);
        settings.put("social.twitter-api-secret", TWITTER[1]);
        settings.put("social.twitter-access-token", TWITTER[2]);
        settings.put("social.twitter-access-secret", TWITTER[3]);
        settings.put("social.bluesky-base-url", baseUrl() + "/bluesky");
        settings.put("social.bluesky-handle", HANDLE);
        settings.put("social.bluesky-app-password", APP_PASSWORD);
        settings.put("social.discord-base-url", baseUrl() + "/discord/api/v10");
        settings.put("social.discord-bot-token", DISCORD_TOKEN);
        settings.put("social.discord-channel-id", CHANNEL);
        settings.put("social.media-base-url", "https://files.example.com/bot");
        settings.put("social.retry-base-ms", "10");
        return settings;
    }

    /** Answers the next {@code count} requests with 503. */
    void unavailableFor(int count) {
        unavailable.set(count);
    }

    /** Answers the next {@code count} requests with 429 and {@code Retry-After: 0}. */
    void tooManyFor(int count) {
        tooMany.set(count);
    }

    /** Holds every request until the returned latch is counted down; {@link #awaitHeld} waits for the first. */
    CountDownLatch holdRequests() {
        CountDownLatch gate = new CountDownLatch(1);
        hold = gate;
        return gate;
    }

    boolean awaitHeld(long seconds) throws InterruptedException {
        return held.await(seconds, java.util.concurrent.TimeUnit.SECONDS);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        CountDownLatch gate = hold;
        if (gate != null) {
            gate.countDown();
        }
        server.stop(0);
    }
}
