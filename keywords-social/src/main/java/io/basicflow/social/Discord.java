package io.basicflow.social;

import com.fasterxml.jackson.databind.JsonNode;
import io.basicflow.spi.KeywordException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Discord's REST API ({@code discord-base-url}, {@code https://discord.com/api/v10}) as a bot: {@code
 * POST /channels/{discord-channel-id}/messages} with {@code Authorization: Bot {discord-bot-token}};
 * the text is {@code content}, a map is an embed, an image an embed's {@code image.url}.
 */
final class Discord implements Network {

    @Override
    public String name() {
        return "discord";
    }

    private URI channel(String keyword, SocialSettings settings, String suffix) throws KeywordException {
        String channel = settings.require(keyword, name(), "discord-channel-id");
        return URI.create(settings.baseUrl("discord-base-url", "https://discord.com/api/v10") + "/channels/"
                + SocialHttp.encode(channel) + "/messages" + suffix);
    }

    @Override
    public String publish(Post post) throws KeywordException {
        String keyword = post.keyword();
        SocialSettings settings = post.settings();
        String token = settings.require(keyword, name(), "discord-bot-token");
        Map<String, Object> message = new LinkedHashMap<>();
        String text = post.text();
        if (post.link().isPresent()) {
            text = text + "\n" + post.link().get();
        }
        if (!text.isEmpty()) {
            message.put("content", text);
        }
        List<Object> embeds = new ArrayList<>();
        post.embed().ifPresent(embed -> embeds.add(embed.toJava()));
        for (String medium : post.media()) {
            embeds.add(Map.of("image", Map.of("url", post.publicUrl(name(), medium))));
        }
        if (!embeds.isEmpty()) {
            message.put("embeds", embeds);
        }
        String body = SocialHttp.json(message);
        URI uri = channel(keyword, settings, "");
        JsonNode answer = SocialHttp.send(
                        keyword,
                        name(),
                        settings,
                        post.idempotencyKey(),
                        () -> HttpRequest.newBuilder(uri)
                                .header("Authorization", "Bot " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)))
                .json();
        String id = answer.path("id").asText("");
        if (id.isEmpty()) {
            throw KeywordException.permanent(
                    keyword + ": discord answered without a message id: " + SocialHttp.shortened(answer.toString()));
        }
        return id;
    }

    @Override
    public void delete(Call call, String id) throws KeywordException {
        String token = call.settings().require(call.keyword(), name(), "discord-bot-token");
        URI uri = channel(call.keyword(), call.settings(), "/" + SocialHttp.encode(id));
        SocialHttp.send(
                call.keyword(),
                name(),
                call.settings(),
                call.idempotencyKey(),
                () -> HttpRequest.newBuilder(uri)
                        .header("Authorization", "Bot " + token)
                        .DELETE());
    }
}
