package io.basicflow.social;

import com.fasterxml.jackson.databind.JsonNode;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.Value;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twitter/X's API v2 ({@code twitter-base-url}, {@code https://api.twitter.com}): {@code POST
 * /2/tweets} with {@code {"text": …}}, {@code GET /2/tweets/{id}?tweet.fields=public_metrics},
 * {@code DELETE /2/tweets/{id}}, each signed with OAuth 1.0a (HMAC-SHA1) in the user context of the
 * four config.csv keys {@code twitter-api-key}, {@code twitter-api-secret}, {@code
 * twitter-access-token}, {@code twitter-access-secret}.
 */
final class Twitter implements Network {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public String name() {
        return "twitter";
    }

    @Override
    public String publish(Post post) throws KeywordException {
        if (!post.media().isEmpty()) {
            throw KeywordException.permanent(post.keyword() + ": basicflow posts text to twitter, not images or"
                    + " videos (X's media upload is not supported); post the text, with a link to the image");
        }
        String text = post.text();
        if (post.link().isPresent()) {
            text = text + " " + post.link().get();
        }
        String body = SocialHttp.json(Map.of("text", text));
        JsonNode answer = send(
                new Call(post.keyword(), post.settings(), post.idempotencyKey()), "POST", "/2/tweets", Map.of(), body);
        String id = answer.path("data").path("id").asText("");
        if (id.isEmpty()) {
            throw KeywordException.permanent(post.keyword() + ": twitter answered without a tweet id: "
                    + SocialHttp.shortened(answer.toString()));
        }
        return id;
    }

    @Override
    public Value metrics(Call call, String id) throws KeywordException {
        JsonNode answer = send(call, "GET", "/2/tweets/" + id, Map.of("tweet.fields", "public_metrics"), null);
        JsonNode metrics = answer.path("data").path("public_metrics");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", "twitter:" + id);
        out.put("retweets", metrics.path("retweet_count").asLong(0));
        out.put("likes", metrics.path("like_count").asLong(0));
        out.put("replies", metrics.path("reply_count").asLong(0));
        out.put("quotes", metrics.path("quote_count").asLong(0));
        out.put("impressions", metrics.path("impression_count").asLong(0));
        return Value.of(out);
    }

    @Override
    public void delete(Call call, String id) throws KeywordException {
        send(call, "DELETE", "/2/tweets/" + id, Map.of(), null);
    }

    private JsonNode send(Call call, String method, String path, Map<String, String> query, String json)
            throws KeywordException {
        SocialSettings settings = call.settings();
        String keyword = call.keyword();
        String consumerKey = settings.require(keyword, name(), "twitter-api-key");
        String consumerSecret = settings.require(keyword, name(), "twitter-api-secret");
        String token = settings.require(keyword, name(), "twitter-access-token");
        String tokenSecret = settings.require(keyword, name(), "twitter-access-secret");
        String url = settings.baseUrl("twitter-base-url", "https://api.twitter.com") + path;
        StringBuilder queryText = new StringBuilder();
        query.forEach((key, value) -> queryText
                .append(queryText.isEmpty() ? "?" : "&")
                .append(SocialHttp.encode(key))
                .append('=')
                .append(SocialHttp.encode(value)));
        URI uri = URI.create(url + queryText);
        return SocialHttp.send(keyword, name(), settings, call.idempotencyKey(), () -> {
                    String authorization =
                            authorization(method, url, query, consumerKey, consumerSecret, token, tokenSecret);
                    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).header("Authorization", authorization);
                    return json == null
                            ? builder.method(method, HttpRequest.BodyPublishers.noBody())
                            : builder.header("Content-Type", "application/json")
                                    .method(method, HttpRequest.BodyPublishers.ofString(json));
                })
                .json();
    }

    /** OAuth 1.0a's {@code Authorization} header (RFC 5849): HMAC-SHA1 over the method, URL and parameters. */
    static String authorization(
            String method,
            String url,
            Map<String, String> query,
            String consumerKey,
            String consumerSecret,
            String token,
            String tokenSecret) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        Map<String, String> oauth = new TreeMap<>();
        oauth.put("oauth_consumer_key", consumerKey);
        oauth.put("oauth_nonce", Base64.getUrlEncoder().withoutPadding().encodeToString(nonce));
        oauth.put("oauth_signature_method", "HMAC-SHA1");
        oauth.put("oauth_timestamp", Long.toString(System.currentTimeMillis() / 1000));
        oauth.put("oauth_token", token);
        oauth.put("oauth_version", "1.0");
        oauth.put("oauth_signature", signature(method, url, query, oauth, consumerSecret, tokenSecret));
        StringBuilder header = new StringBuilder("OAuth ");
        oauth.forEach((key, value) -> header.append(header.length() > 6 ? ", " : "")
                .append(percent(key))
                .append("=\"")
                .append(percent(value))
                .append('"'));
        return header.toString();
    }

    /** The signature of a request: also how the tests' stand-in checks it. */
    static String signature(
            String method,
            String url,
            Map<String, String> query,
            Map<String, String> oauth,
            String consumerSecret,
            String tokenSecret) {
        TreeMap<String, String> parameters = new TreeMap<>();
        query.forEach((key, value) -> parameters.put(percent(key), percent(value)));
        oauth.forEach((key, value) -> {
            if (!key.equals("oauth_signature")) {
                parameters.put(percent(key), percent(value));
            }
        });
        StringBuilder normalised = new StringBuilder();
        parameters.forEach((key, value) -> normalised
                .append(normalised.isEmpty() ? "" : "&")
                .append(key)
                .append('=')
                .append(value));
        String base = method + "&" + percent(url) + "&" + percent(normalised.toString());
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(
                    (percent(consumerSecret) + "&" + percent(tokenSecret)).getBytes(StandardCharsets.UTF_8),
                    "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is missing from this JDK", e);
        }
    }

    /** RFC 3986 percent-encoding, as OAuth 1.0a asks. */
    static String percent(String text) {
        return SocialHttp.encode(text).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }
}
