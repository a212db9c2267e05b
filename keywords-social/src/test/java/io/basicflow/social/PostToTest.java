package io.basicflow.social;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.spi.value.Value;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.DirectRun;
import io.basicflow.testkit.ScriptRun;
import io.basicflow.testkit.StepMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST TO}, {@code GET … METRICS|POSTS} and {@code DELETE POST} against local servers speaking
 * each network's REST protocol ({@link FakeNetworks}): the golden script of the pages' forms runs
 * direct and durable with the same messages and the same requests; 503 and 429 are retried inside the
 * step and post once; a crash while a post is out never posts again; a missing credential fails the
 * step naming the setting.
 */
class PostToTest {

    static final String SCRIPT = """
            POST TO BLUESKY "Just launched our new AI assistant!"
            tw = POST TO TWITTER "Check out our latest update"
            li = POST TO LINKEDIN "https://example.com/partnership", "Excited to announce our partnership"
            image = "/content/announcement.png"
            both = POST TO "instagram,facebook" image, "Big news! We're expanding"
            TALK "posted " + both
            carousel = POST TO INSTAGRAM ["https://cdn.example.com/a.jpg", "https://cdn.example.com/b.jpg"], "Carousel post!"
            embed = #{title: "New Release", description: "Version 2.0 is here!", color: 5814783}
            POST TO DISCORD embed
            launch = "2030-03-15 09:00"
            POST TO FACEBOOK AT launch "https://cdn.example.com/launch.jpg", "March is here!"
            m = GET INSTAGRAM METRICS both
            TALK "Likes: " + m.likes + ", Comments: " + m.comments + ", Reach: " + m.reach
            fb = GET FACEBOOK METRICS both
            TALK "Shares: " + fb.shares + ", Reactions: " + fb.reactions
            t = GET TWITTER METRICS tw
            TALK "Retweets: " + t.retweets + ", Likes: " + t.likes
            l = GET LINKEDIN METRICS li
            TALK "LinkedIn likes: " + l.likes
            posts = GET INSTAGRAM POSTS
            FOR EACH post IN posts
                TALK post.id + ": " + post.caption
            NEXT
            DELETE POST tw
            RETURN carousel
            """;

    static final List<String> MESSAGES = List.of(
            "posted instagram:IG"
                    + id("https://files.example.com/bot/content/announcement.pngBig news! We're expanding")
                    + ",facebook:1001_" + id("https://files.example.com/bot/content/announcement.png"),
            "Likes: 42, Comments: 7, Reach: 1200",
            "Shares: 5, Reactions: 31",
            "Retweets: 9, Likes: 25",
            "LinkedIn likes: 12",
            "instagram:IG1: Monday motivation");

    private static String id(String text) {
        return Integer.toString(Math.abs(text.hashCode() % 100_000));
    }

    private FakeNetworks networks;

    @BeforeEach
    void start() throws Exception {
        networks = new FakeNetworks();
    }

    @AfterEach
    void stop() {
        networks.close();
    }

    private BasicflowTestKit kit() {
        BasicflowTestKit kit = BasicflowTestKit.withPlugins(new SocialPlugin());
        networks.settings().forEach(kit::configuration);
        return kit;
    }

    static DirectOutcome runDirectly(Map<String, String> settings, String source, List<String> messages) {
        Map<String, String> configuration = new LinkedHashMap<>();
        settings.forEach((key, value) -> configuration.put("basicflow." + key, value));
        DirectRun run = DirectRun.of(List.of(new SocialPlugin()), configuration, "social.bas", source, Map.of());
        messages.addAll(run.messages());
        return run.outcome();
    }

    @Test
    void theDirectAndDurableRunsPostTheSameAndSayTheSame() {
        List<String> direct = new ArrayList<>();
        DirectOutcome outcome = runDirectly(networks.settings(), SCRIPT, direct);
        assertThat(outcome).isInstanceOf(DirectOutcome.Completed.class);
        assertThat(direct).isEqualTo(MESSAGES);
        List<String> directRequests =
                networks.received().stream().map(FakeNetworks.Received::summary).toList();

        try (BasicflowTestKit kit = kit()) {
            ScriptRun run = kit.run("social.bas", "#workflow\n" + SCRIPT);
            assertThat(run.awaitResult())
                    .isEqualTo(((DirectOutcome.Completed) outcome).result().orElseThrow());
            assertThat(run.messages()).isEqualTo(MESSAGES);
        }
        List<String> all =
                networks.received().stream().map(FakeNetworks.Received::summary).toList();
        assertThat(all.subList(directRequests.size(), all.size())).isEqualTo(directRequests);
        // What each network got, in the protocol it speaks.
        assertThat(directRequests)
                .contains(
                        "POST /bluesky/xrpc/com.atproto.server.createSession {\"identifier\":\"bot.bsky.social\","
                                + "\"password\":\"abcd-efgh\"}",
                        "POST /twitter/2/tweets {\"text\":\"Check out our latest update\"}",
                        "POST /graph/v19.0/17841/media {caption=Big news! We're expanding,"
                                + " image_url=https://files.example.com/bot/content/announcement.png}",
                        "POST /graph/v19.0/1001/photos {message=Big news! We're expanding,"
                                + " url=https://files.example.com/bot/content/announcement.png}",
                        "POST /graph/v19.0/17841/media {image_url=https://cdn.example.com/a.jpg, is_carousel_item=true}",
                        "POST /discord/api/v10/channels/900/messages {\"embeds\":[{\"title\":\"New Release\","
                                + "\"description\":\"Version 2.0 is here!\",\"color\":5814783}]}",
                        "DELETE /twitter/2/tweets/17" + id("Check out our latest update") + " {}");
        FakeNetworks.Received record = networks.received().stream()
                .filter(r -> r.path().endsWith("com.atproto.repo.createRecord"))
                .findFirst()
                .orElseThrow();
        assertThat(record.json().path("repo").asText()).isEqualTo(FakeNetworks.DID);
        assertThat(record.json().path("record").path("$type").asText()).isEqualTo("app.bsky.feed.post");
        assertThat(record.json().path("record").path("text").asText()).isEqualTo("Just launched our new AI assistant!");
        FakeNetworks.Received linkedin = networks.received().stream()
                .filter(r -> r.path().equals("/linkedin/rest/posts"))
                .findFirst()
                .orElseThrow();
        assertThat(linkedin.json().path("author").asText()).isEqualTo("urn:li:organization:5515");
        assertThat(linkedin.json()
                        .path("content")
                        .path("article")
                        .path("source")
                        .asText())
                .isEqualTo("https://example.com/partnership");
        // AT a future time: Facebook's own scheduling, unpublished until then.
        FakeNetworks.Received scheduled = networks.received().stream()
                .filter(r -> r.fields().getOrDefault("message", "").equals("March is here!"))
                .findFirst()
                .orElseThrow();
        assertThat(scheduled.fields())
                .containsEntry("published", "false")
                .containsEntry("scheduled_publish_time", "1899795600");
    }

    @Test
    void unavailableAndRateLimitedAnswersAreRetriedAndPostOnce() {
        networks.unavailableFor(2);
        networks.tooManyFor(1);
        try (BasicflowTestKit kit = kit()) {
            ScriptRun run = kit.run("retry.bas", "#workflow\nid = POST TO TWITTER \"hello\"\nRETURN id\n");
            assertThat(run.awaitResult()).isEqualTo(Value.text("twitter:17" + id("hello")));
            assertThat(run.events("EffectCompleted")).hasSize(1);
        }
        assertThat(networks.received()).hasSize(4);
        assertThat(networks.received())
                .extracting(r -> r.headers().get("idempotency-key"))
                .containsOnly(networks.received().getFirst().headers().get("idempotency-key"));
    }

    @Test
    void aCrashWhileThePostIsOutNeverPostsAgain() {
        try (BasicflowTestKit kit = kit().crashAt(StepMatcher.effectStarted("POST TO DISCORD"))) {
            ScriptRun run = kit.run("crash.bas", "#workflow\nPOST TO DISCORD \"once\"\nTALK \"after\"\n");
            run.awaitStatus(ExecutionStatus.FAILED);
            assertThat(kit.crashes()).isEqualTo(1);
            assertThat(run.error().orElseThrow().message()).contains("outcome unknown");
            assertThat(run.messages()).isEmpty();
        }
        assertThat(networks.received()).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void aMissingCredentialFailsTheStepNamingTheSetting() {
        Map<String, String> settings = networks.settings();
        settings.remove("social.bluesky-app-password");
        List<String> messages = new ArrayList<>();
        DirectOutcome outcome = runDirectly(settings, "TALK \"before\"\nPOST TO BLUESKY \"hi\"\n", messages);
        assertThat(((DirectOutcome.Failed) outcome).error().message())
                .contains("bluesky needs the setting bluesky-app-password")
                .contains("basicflow.social.bluesky-app-password");
        assertThat(((DirectOutcome.Failed) outcome).error().span().orElseThrow().line())
                .isEqualTo(2);
        assertThat(networks.received()).isEmpty();
    }

    @Test
    void wrongCredentialsUnknownPlatformsAndUnschedulablePostsFailClearly() {
        Map<String, String> settings = networks.settings();
        settings.put("social.twitter-access-secret", "wrong");
        List<String> messages = new ArrayList<>();
        DirectOutcome refused = runDirectly(settings, "POST TO TWITTER \"hi\"\n", messages);
        assertThat(((DirectOutcome.Failed) refused).error().message()).contains("twitter refused the credentials (401");
        DirectOutcome tiktok = runDirectly(settings, "POST TO TIKTOK \"/v.mp4\", \"dance\"\n", messages);
        assertThat(((DirectOutcome.Failed) tiktok).error().message()).contains("basicflow does not post to tiktok");
        DirectOutcome later =
                runDirectly(settings, "POST TO \"linkedin\" AT \"2031-01-01 09:00\" \"Happy new year\"\n", messages);
        assertThat(((DirectOutcome.Failed) later).error().message())
                .contains("linkedin's API cannot schedule a post")
                .contains("SET SCHEDULE");
        DirectOutcome instagramText = runDirectly(settings, "POST TO INSTAGRAM \"just text\"\n", messages);
        assertThat(((DirectOutcome.Failed) instagramText).error().message())
                .contains("instagram posts need an image or a video");
        assertThat(networks.received()).hasSize(1); // only the refused tweet left
    }
}
