package io.basicflow.social;

import io.basicflow.spi.EffectKind;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.KeywordSyntax;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.RetryPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * General Bots' social media keywords (keyword-post-to.md, keywords-social-media.md): {@code POST TO
 * platform[, …] [AT when] content [, caption]}, also written {@code POST TO INSTAGRAM …} with the
 * platform as a bare word; {@code GET INSTAGRAM|FACEBOOK|LINKEDIN|TWITTER METRICS id}; {@code GET
 * INSTAGRAM|FACEBOOK POSTS}; {@code DELETE POST id}. Each network is spoken over its public REST API
 * ({@link FacebookGraph}, {@link LinkedIn}, {@link Twitter}, {@link Bluesky}, {@link Discord}),
 * configured by {@code basicflow.social.*} (docs/social.md).
 *
 * <p>A post is at most once: no network takes an idempotency key, so a step that stopped while a post
 * was under way fails with "outcome unknown" instead of posting again. Answers saying the network did
 * not take the post (429, 5xx) are retried inside the step.
 */
public final class SocialPlugin implements KeywordPlugin {

    /** The platforms of keyword-post-to.md, in its order. */
    static final List<String> PLATFORMS = List.of(
            "instagram",
            "facebook",
            "linkedin",
            "twitter",
            "bluesky",
            "threads",
            "discord",
            "tiktok",
            "youtube",
            "pinterest",
            "reddit",
            "wechat",
            "snapchat");

    /** The platforms whose metrics can be read. */
    static final List<String> METRICS = List.of("instagram", "facebook", "linkedin", "twitter");

    /** The platforms whose posts can be listed. */
    static final List<String> POSTS = List.of("instagram", "facebook");

    static final String POST_TO = "POST TO";
    static final String DELETE_POST = "DELETE POST";

    private final SocialHandler handler = new SocialHandler();
    private final List<KeywordDefinition> keywords;

    /** Creates the plugin; {@link java.util.ServiceLoader} calls this. */
    public SocialPlugin() {
        List<KeywordDefinition> all = new ArrayList<>();
        all.add(post(POST_TO, true));
        for (String platform : PLATFORMS) {
            all.add(post(POST_TO + " " + platform.toUpperCase(Locale.ROOT), false));
        }
        for (String platform : METRICS) {
            all.add(KeywordDefinition.builder("GET " + platform.toUpperCase(Locale.ROOT) + " METRICS")
                    .form(KeywordForm.FUNCTION)
                    .parameter(ParameterDefinition.required("post_id", "the post's id, as POST TO returned it"))
                    .effect(EffectKind.IDEMPOTENT_EFFECT)
                    .retry(RetryPolicy.NONE)
                    .description("Reads a " + platform + " post's engagement metrics (likes, comments, …).")
                    .build());
        }
        for (String platform : POSTS) {
            all.add(KeywordDefinition.builder("GET " + platform.toUpperCase(Locale.ROOT) + " POSTS")
                    .form(KeywordForm.FUNCTION)
                    .effect(EffectKind.IDEMPOTENT_EFFECT)
                    .retry(RetryPolicy.NONE)
                    .description("Lists the account's recent " + platform + " posts: id, caption, image, created_at.")
                    .build());
        }
        all.add(KeywordDefinition.builder(DELETE_POST)
                .form(KeywordForm.STATEMENT)
                .parameter(ParameterDefinition.required("post_id", "the post's id, as POST TO returned it"))
                .effect(EffectKind.AT_MOST_ONCE_EFFECT)
                .retry(RetryPolicy.NONE)
                .description("Deletes a post (twitter, facebook, linkedin, bluesky, discord).")
                .build());
        keywords = List.copyOf(all);
    }

    private static KeywordDefinition post(String name, boolean platformArgument) {
        KeywordDefinition.Builder builder = KeywordDefinition.builder(name).form(KeywordForm.FUNCTION);
        if (platformArgument) {
            builder.parameter(ParameterDefinition.required(
                    "platform", "the platform, or several separated by commas: \"instagram,facebook\""));
        }
        return builder.parameter(ParameterDefinition.required(
                        "content", "the text, or an image or video (path or URL, a list for a carousel), or an embed"))
                .parameter(ParameterDefinition.optional("caption", "the text of an image, video or link"))
                .parameter(ParameterDefinition.optional("extra", "a third argument (a board, a cover image)"))
                .parameter(ParameterDefinition.introducedBy(
                        "AT", "at", true, "when to publish: \"2025-02-14 09:00\" (ISO 8601)"))
                .effect(EffectKind.AT_MOST_ONCE_EFFECT)
                .retry(RetryPolicy.NONE)
                .description("Publishes a post, never twice; returns its id (\"platform:id\", several"
                        + " separated by commas).")
                .build();
    }

    @Override
    public String name() {
        return "social";
    }

    @Override
    public List<KeywordDefinition> keywords() {
        return keywords;
    }

    @Override
    public KeywordSyntax syntax(String keyword) {
        if (keyword.equals(POST_TO)) {
            return KeywordSyntax.spaceSeparated(2);
        }
        return keyword.startsWith(POST_TO + " ") ? KeywordSyntax.spaceSeparated(1) : KeywordSyntax.PLAIN;
    }

    @Override
    public Optional<KeywordHandler> handler(String keyword) {
        return keywords.stream().anyMatch(k -> k.name().equals(keyword)) ? Optional.of(handler) : Optional.empty();
    }
}
