package io.basicflow.social;

import com.fasterxml.jackson.databind.JsonNode;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.Value;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LinkedIn's Posts API ({@code linkedin-base-url}, {@code https://api.linkedin.com}): {@code POST
 * /rest/posts} as the organisation {@code urn:li:organization:{linkedin-organization-id}} with {@code
 * Authorization: Bearer {linkedin-access-token}}, {@code LinkedIn-Version} and {@code
 * X-Restli-Protocol-Version: 2.0.0}; the post's URN comes back in {@code x-restli-id}. A link is an
 * article ({@code content.article.source}). Metrics from {@code GET /rest/socialActions/{urn}}.
 */
final class LinkedIn implements Network {

    static final String VERSION = "202405";

    @Override
    public String name() {
        return "linkedin";
    }

    private HttpRequest.Builder request(SocialSettings settings, String keyword, String path) throws KeywordException {
        String token = settings.require(keyword, name(), "linkedin-access-token");
        return HttpRequest.newBuilder(
                        URI.create(settings.baseUrl("linkedin-base-url", "https://api.linkedin.com") + path))
                .header("Authorization", "Bearer " + token)
                .header("LinkedIn-Version", settings.get("linkedin-version").orElse(VERSION))
                .header("X-Restli-Protocol-Version", "2.0.0");
    }

    @Override
    public String publish(Post post) throws KeywordException {
        String keyword = post.keyword();
        SocialSettings settings = post.settings();
        if (!post.media().isEmpty()) {
            throw KeywordException.permanent(keyword + ": basicflow posts text and articles to linkedin, not images"
                    + " or videos (LinkedIn's upload is not supported); post the text, or a link as an article");
        }
        String organization = settings.require(keyword, name(), "linkedin-organization-id");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("author", organization.startsWith("urn:") ? organization : "urn:li:organization:" + organization);
        body.put("commentary", post.text());
        body.put("visibility", "PUBLIC");
        body.put(
                "distribution",
                Map.of(
                        "feedDistribution",
                        "MAIN_FEED",
                        "targetEntities",
                        List.of(),
                        "thirdPartyDistributionChannels",
                        List.of()));
        post.link()
                .ifPresent(link ->
                        body.put("content", Map.of("article", Map.of("source", link, "title", post.text()))));
        body.put("lifecycleState", "PUBLISHED");
        body.put("isReshareDisabledByAuthor", false);
        String json = SocialHttp.json(body);
        HttpRequest.Builder template = request(settings, keyword, "/rest/posts");
        SocialHttp.Answer answer = SocialHttp.send(
                keyword,
                name(),
                settings,
                post.idempotencyKey(),
                () -> template.copy()
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)));
        return answer.response()
                .headers()
                .firstValue("x-restli-id")
                .or(() -> java.util.Optional.ofNullable(answer.json().path("id").asText(null)))
                .orElseThrow(() -> KeywordException.permanent(
                        keyword + ": linkedin answered " + answer.status() + " without the post's URN (x-restli-id)"));
    }

    @Override
    public Value metrics(Call call, String id) throws KeywordException {
        HttpRequest.Builder template =
                request(call.settings(), call.keyword(), "/rest/socialActions/" + SocialHttp.encode(id));
        JsonNode answer = SocialHttp.send(
                        call.keyword(),
                        name(),
                        call.settings(),
                        call.idempotencyKey(),
                        () -> template.copy().GET())
                .json();
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("id", "linkedin:" + id);
        metrics.put("likes", answer.path("likesSummary").path("totalLikes").asLong(0));
        metrics.put(
                "comments",
                answer.path("commentsSummary").path("aggregatedTotalComments").asLong(0));
        return Value.of(metrics);
    }

    @Override
    public void delete(Call call, String id) throws KeywordException {
        HttpRequest.Builder template = request(call.settings(), call.keyword(), "/rest/posts/" + SocialHttp.encode(id));
        SocialHttp.send(
                call.keyword(),
                name(),
                call.settings(),
                call.idempotencyKey(),
                () -> template.copy().DELETE());
    }
}
