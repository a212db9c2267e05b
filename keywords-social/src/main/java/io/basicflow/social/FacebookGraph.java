package io.basicflow.social;

import com.fasterxml.jackson.databind.JsonNode;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.Value;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Facebook Pages and Instagram (professional accounts) through Meta's Graph API ({@code
 * graph-base-url}, {@code https://graph.facebook.com/v19.0}), the token as the {@code access_token}
 * parameter. Facebook: {@code POST /{page-id}/feed} (text, {@code link}), {@code /photos} ({@code
 * url}), {@code /videos} ({@code file_url}); a future {@code AT} is Facebook's own scheduling ({@code
 * published=false}, {@code scheduled_publish_time}). Instagram: a container {@code POST
 * /{ig-user-id}/media} ({@code image_url} or {@code media_type=REELS} with {@code video_url}; a
 * carousel's items with {@code is_carousel_item}, then {@code media_type=CAROUSEL} with {@code
 * children}) published by {@code POST /{ig-user-id}/media_publish}.
 */
final class FacebookGraph implements Network {

    private final boolean instagram;

    FacebookGraph(boolean instagram) {
        this.instagram = instagram;
    }

    @Override
    public String name() {
        return instagram ? "instagram" : "facebook";
    }

    @Override
    public boolean schedulesNatively() {
        return !instagram;
    }

    private String token(String keyword, SocialSettings settings) throws KeywordException {
        return settings.require(keyword, name(), name() + "-access-token");
    }

    private String account(String keyword, SocialSettings settings) throws KeywordException {
        return instagram
                ? settings.require(keyword, name(), "instagram-account-id")
                : settings.require(keyword, name(), "facebook-page-id");
    }

    private JsonNode post(String keyword, SocialSettings settings, String key, String path, Map<String, String> form)
            throws KeywordException {
        URI base = settings.baseUrl("graph-base-url", "https://graph.facebook.com/v19.0");
        Map<String, String> fields = new LinkedHashMap<>(form);
        fields.put("access_token", token(keyword, settings));
        String body = SocialHttp.form(fields);
        return SocialHttp.send(
                        keyword,
                        name(),
                        settings,
                        key,
                        () -> HttpRequest.newBuilder(URI.create(base + path))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(body)))
                .json();
    }

    private JsonNode get(Call call, String path, String query) throws KeywordException {
        URI base = call.settings().baseUrl("graph-base-url", "https://graph.facebook.com/v19.0");
        URI uri = URI.create(base + path + "?" + query + "&access_token="
                + SocialHttp.encode(token(call.keyword(), call.settings())));
        return SocialHttp.send(
                        call.keyword(),
                        name(),
                        call.settings(),
                        call.idempotencyKey(),
                        () -> HttpRequest.newBuilder(uri).GET())
                .json();
    }

    private static String id(String keyword, String network, JsonNode answer, String field) throws KeywordException {
        String id = answer.path(field).asText("");
        if (id.isEmpty()) {
            throw KeywordException.permanent(
                    keyword + ": " + network + " answered without an id: " + SocialHttp.shortened(answer.toString()));
        }
        return id;
    }

    @Override
    public String publish(Post post) throws KeywordException {
        return instagram ? publishInstagram(post) : publishFacebook(post);
    }

    private String publishFacebook(Post post) throws KeywordException {
        String keyword = post.keyword();
        SocialSettings settings = post.settings();
        String page = account(keyword, settings);
        Map<String, String> form = new LinkedHashMap<>();
        List<String> media = post.media();
        String path;
        if (media.size() > 1) {
            throw KeywordException.permanent(keyword + ": basicflow posts one image or video to facebook, not "
                    + media.size() + "; post them one by one");
        }
        if (media.size() == 1 && Post.isVideo(media.getFirst())) {
            path = "/" + page + "/videos";
            form.put("file_url", post.publicUrl(name(), media.getFirst()));
            form.put("description", post.text());
        } else if (media.size() == 1) {
            path = "/" + page + "/photos";
            form.put("url", post.publicUrl(name(), media.getFirst()));
            form.put("message", post.text());
        } else {
            path = "/" + page + "/feed";
            form.put("message", post.text());
            post.link().ifPresent(link -> form.put("link", link));
        }
        if (post.at().isPresent()) {
            form.put("published", "false");
            form.put("scheduled_publish_time", Long.toString(post.at().get().getEpochSecond()));
        }
        JsonNode answer = post(keyword, settings, post.idempotencyKey(), path, form);
        return answer.hasNonNull("post_id") ? answer.get("post_id").asText() : id(keyword, name(), answer, "id");
    }

    private String publishInstagram(Post post) throws KeywordException {
        String keyword = post.keyword();
        SocialSettings settings = post.settings();
        String account = account(keyword, settings);
        List<String> media = post.media();
        if (media.isEmpty()) {
            throw KeywordException.permanent(
                    keyword + ": instagram posts need an image or a video (POST TO INSTAGRAM" + " image, caption); '"
                            + SocialHttp.shortened(post.content().display()) + "' is neither");
        }
        String key = post.idempotencyKey();
        Map<String, String> container = new LinkedHashMap<>();
        if (media.size() == 1) {
            container.putAll(medium(post, media.getFirst()));
        } else {
            List<String> children = new ArrayList<>();
            for (String medium : media) {
                Map<String, String> item = new LinkedHashMap<>(medium(post, medium));
                item.put("is_carousel_item", "true");
                children.add(id(keyword, name(), post(keyword, settings, key, "/" + account + "/media", item), "id"));
            }
            container.put("media_type", "CAROUSEL");
            container.put("children", String.join(",", children));
        }
        container.put("caption", post.text());
        String creation = id(keyword, name(), post(keyword, settings, key, "/" + account + "/media", container), "id");
        return id(
                keyword,
                name(),
                post(keyword, settings, key, "/" + account + "/media_publish", Map.of("creation_id", creation)),
                "id");
    }

    private Map<String, String> medium(Post post, String medium) throws KeywordException {
        String url = post.publicUrl(name(), medium);
        return Post.isVideo(medium) ? Map.of("media_type", "REELS", "video_url", url) : Map.of("image_url", url);
    }

    @Override
    public Value metrics(Call call, String id) throws KeywordException {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("id", name() + ":" + id);
        if (instagram) {
            JsonNode media = get(call, "/" + id, "fields=like_count,comments_count,timestamp");
            metrics.put("likes", media.path("like_count").asLong(0));
            metrics.put("comments", media.path("comments_count").asLong(0));
            JsonNode insights = get(call, "/" + id + "/insights", "metric=reach,impressions,saved,shares");
            for (JsonNode metric : insights.path("data")) {
                metrics.put(
                        metric.path("name").asText(),
                        metric.path("values").path(0).path("value").asLong(0));
            }
        } else {
            JsonNode post = get(
                    call,
                    "/" + id,
                    "fields="
                            + SocialHttp.encode("shares,reactions.summary(total_count),comments.summary(total_count)"));
            long reactions =
                    post.path("reactions").path("summary").path("total_count").asLong(0);
            metrics.put("shares", post.path("shares").path("count").asLong(0));
            metrics.put("reactions", reactions);
            metrics.put("likes", reactions);
            metrics.put(
                    "comments",
                    post.path("comments").path("summary").path("total_count").asLong(0));
        }
        return Value.of(metrics);
    }

    @Override
    public Value posts(Call call) throws KeywordException {
        String account = account(call.keyword(), call.settings());
        JsonNode answer = instagram
                ? get(call, "/" + account + "/media", "fields=id,caption,media_url,timestamp,like_count,comments_count")
                : get(call, "/" + account + "/posts", "fields=id,message,full_picture,created_time");
        List<Object> posts = new ArrayList<>();
        for (JsonNode item : answer.path("data")) {
            Map<String, Object> post = new LinkedHashMap<>();
            post.put("id", name() + ":" + item.path("id").asText());
            post.put("caption", item.path(instagram ? "caption" : "message").asText(""));
            post.put(
                    "image", item.path(instagram ? "media_url" : "full_picture").asText(""));
            post.put(
                    "created_at",
                    item.path(instagram ? "timestamp" : "created_time").asText(""));
            if (instagram) {
                post.put("likes", item.path("like_count").asLong(0));
                post.put("comments", item.path("comments_count").asLong(0));
            }
            posts.add(post);
        }
        return Value.of(posts);
    }

    @Override
    public void delete(Call call, String id) throws KeywordException {
        if (instagram) {
            Network.super.delete(call, id);
        }
        URI base = call.settings().baseUrl("graph-base-url", "https://graph.facebook.com/v19.0");
        URI uri = URI.create(
                base + "/" + id + "?access_token=" + SocialHttp.encode(token(call.keyword(), call.settings())));
        SocialHttp.send(
                call.keyword(),
                name(),
                call.settings(),
                call.idempotencyKey(),
                () -> HttpRequest.newBuilder(uri).DELETE());
    }
}
