package io.basicflow.social;

import com.fasterxml.jackson.databind.JsonNode;
import io.basicflow.spi.KeywordException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bluesky's AT Protocol XRPC API ({@code bluesky-base-url}, {@code https://bsky.social}): a session
 * from {@code com.atproto.server.createSession} with {@code bluesky-handle} and {@code
 * bluesky-app-password}, images uploaded with {@code com.atproto.repo.uploadBlob} (at most four),
 * the post a record of {@code app.bsky.feed.post} made by {@code com.atproto.repo.createRecord}. The
 * post's id is its {@code at://} URI; {@code DELETE POST} removes the record.
 */
final class Bluesky implements Network {

    @Override
    public String name() {
        return "bluesky";
    }

    private record Session(String jwt, String did, URI base) {}

    private Session session(String keyword, SocialSettings settings, String key) throws KeywordException {
        String handle = settings.require(keyword, name(), "bluesky-handle");
        String password = settings.require(keyword, name(), "bluesky-app-password");
        URI base = settings.baseUrl("bluesky-base-url", "https://bsky.social");
        Map<String, Object> login = new LinkedHashMap<>();
        login.put("identifier", handle);
        login.put("password", password);
        String body = SocialHttp.json(login);
        JsonNode answer = SocialHttp.send(
                        keyword,
                        name(),
                        settings,
                        key,
                        () -> HttpRequest.newBuilder(URI.create(base + "/xrpc/com.atproto.server.createSession"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)))
                .json();
        return new Session(answer.path("accessJwt").asText(), answer.path("did").asText(), base);
    }

    private JsonNode call(
            String keyword, SocialSettings settings, String key, Session session, String method, Object body)
            throws KeywordException {
        String json = SocialHttp.json(body);
        return SocialHttp.send(
                        keyword,
                        name(),
                        settings,
                        key,
                        () -> HttpRequest.newBuilder(URI.create(session.base() + "/xrpc/" + method))
                                .header("Authorization", "Bearer " + session.jwt())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(json)))
                .json();
    }

    @Override
    public String publish(Post post) throws KeywordException {
        String keyword = post.keyword();
        SocialSettings settings = post.settings();
        List<String> media = post.media();
        if (media.size() > 4 || media.stream().anyMatch(Post::isVideo)) {
            throw KeywordException.permanent(
                    keyword + ": bluesky posts take at most four images and no video (" + media.size() + " given)");
        }
        Session session = session(keyword, settings, post.idempotencyKey());
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("$type", "app.bsky.feed.post");
        String text = post.text();
        if (post.link().isPresent()) {
            text = text + " " + post.link().get();
        }
        record.put("text", text);
        record.put("createdAt", Instant.now(post.context().clock()).toString());
        if (!media.isEmpty()) {
            List<Object> images = new ArrayList<>();
            for (String medium : media) {
                byte[] bytes = post.bytes(name(), medium);
                JsonNode blob = SocialHttp.send(
                                keyword,
                                name(),
                                settings,
                                post.idempotencyKey(),
                                () -> HttpRequest.newBuilder(
                                                URI.create(session.base() + "/xrpc/com.atproto.repo.uploadBlob"))
                                        .header("Authorization", "Bearer " + session.jwt())
                                        .header("Content-Type", Post.contentType(medium))
                                        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)))
                        .json()
                        .path("blob");
                images.add(Map.of(
                        "alt", post.caption().orElse(""), "image", SocialHttp.JSON.convertValue(blob, Object.class)));
            }
            record.put("embed", Map.of("$type", "app.bsky.embed.images", "images", images));
        }
        Map<String, Object> create = new LinkedHashMap<>();
        create.put("repo", session.did());
        create.put("collection", "app.bsky.feed.post");
        create.put("record", record);
        JsonNode answer =
                call(keyword, settings, post.idempotencyKey(), session, "com.atproto.repo.createRecord", create);
        String uri = answer.path("uri").asText("");
        if (uri.isEmpty()) {
            throw KeywordException.permanent(
                    keyword + ": bluesky answered without the post's uri: " + SocialHttp.shortened(answer.toString()));
        }
        return uri;
    }

    @Override
    public void delete(Call call, String id) throws KeywordException {
        // at://did/app.bsky.feed.post/rkey
        String[] parts = id.replaceFirst("^at://", "").split("/");
        if (parts.length != 3) {
            throw KeywordException.permanent(call.keyword() + ": '" + id + "' is no bluesky post uri");
        }
        Session session = session(call.keyword(), call.settings(), call.idempotencyKey());
        call(
                call.keyword(),
                call.settings(),
                call.idempotencyKey(),
                session,
                "com.atproto.repo.deleteRecord",
                Map.of("repo", parts[0], "collection", parts[1], "rkey", parts[2]));
    }
}
