package io.basicflow.ai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.Value;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.DirectRun;
import io.basicflow.testkit.ScriptRun;
import io.basicflow.testkit.StepMatcher;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code CARD image_prompt, text_prompt[, style[, count]] TO variable} (keyword-card.md) against a local
 * server on 127.0.0.1 that speaks the OpenAI chat and images protocols and answers a real small PNG: the
 * card written into the bot's storage is 1080 wide and as tall as its style, its picture is the
 * endpoint's and its pixels carry the overlay; the value has the page's members; {@code count} gives a
 * list; a bad style, count or answer fails the step before (or without) drawing; the image endpoint's
 * refusal fails the execution with its answer recorded; a durable run resumed after a crash calls neither
 * endpoint again.
 */
class CardTest {

    static final Color BASE = new Color(0x2F5D8A);

    static final String ANSWER = """
            {"cards": [{"text": "Rise and shine", "caption": "Start your day with calm.",
                        "hashtags": ["#morning", "motivation", "#sunrise", "#morning"]}]}""";

    static final String THREE = """
            ```json
            {"cards": [
              {"text": "Monday, but make it coffee", "caption": "One.", "hashtags": "#monday #coffee"},
              {"text": "Second cup energy", "caption": "Two.", "hashtags": ["#coffee"]},
              {"text": "Weekend is a state of mind and this text is long enough to need several lines on the card",
               "caption": "Three.", "hashtags": []}]}
            ```""";

    @TempDir
    Path root;

    @Test
    void aCardIsTheModelsWordsSetOnTheGeneratedPicture() throws IOException {
        try (FakeModelServer server = FakeModelServer.start()) {
            server.answer(ANSWER).image(png(64, 64, BASE));
            DirectRun run = DirectRun.of(List.of(new AiPlugin()), settings(server), "shop/card.bas", """
                    CARD "sunrise over calm ocean", "morning motivation" TO post
                    TALK "Caption: " + post.caption
                    TALK "Hashtags: " + JOIN(post.hashtags, " ")
                    RETURN post
                    """, Map.of());

            assertThat(run.outcome()).isInstanceOf(DirectOutcome.Completed.class);
            assertThat(run.messages())
                    .containsExactly("Caption: Start your day with calm.", "Hashtags: #morning #motivation #sunrise");
            Map<String, Value> post =
                    map(((DirectOutcome.Completed) run.outcome()).result().orElseThrow());
            assertThat(post.keySet())
                    .containsExactly(
                            "image_path", "image_url", "text_content", "hashtags", "caption", "style", "dimensions");
            String path = post.get("image_path").display();
            assertThat(path).matches("cards/card-[0-9a-f]{16}\\.png");
            assertThat(post.get("image_url").display()).isEqualTo(path);
            assertThat(post.get("text_content").display()).isEqualTo("Rise and shine");
            assertThat(post.get("caption").display()).isEqualTo("Start your day with calm.");
            assertThat(post.get("style").display()).isEqualTo("modern");
            assertThat(texts(post.get("hashtags"))).containsExactly("#morning", "#motivation", "#sunrise");
            assertThat(texts(post.get("dimensions"))).containsExactly("1080", "1080");

            byte[] file = Files.readAllBytes(drive("shop").resolve(path));
            assertThat(path).isEqualTo("cards/card-" + SocialCard.hash(file) + ".png"); // named by its content
            BufferedImage card = ImageIO.read(new ByteArrayInputStream(file));
            assertThat(card.getWidth()).isEqualTo(1080);
            assertThat(card.getHeight()).isEqualTo(1080);
            // modern keeps the picture: far from the text it is the endpoint's colour, scaled up
            assertThat(distance(card.getRGB(10, 10), BASE)).isLessThan(4);
            assertThat(distance(card.getRGB(1070, 300), BASE)).isLessThan(4);
            // the overlay changed the lower part: a darker band and white letters on it
            assertThat(countWhere(card, 0, 540, 1080, 540, rgb -> distance(rgb, BASE) > 40))
                    .isGreaterThan(50_000);
            assertThat(countWhere(card, 0, 540, 1080, 540, rgb -> distance(rgb, Color.WHITE) < 60))
                    .isGreaterThan(2_000);

            JsonNode chat = server.requests().getFirst();
            List<String> asked = FakeModelServer.messages(chat);
            assertThat(asked.get(0)).isEqualTo("system: " + SocialCard.INSTRUCTIONS);
            assertThat(asked.get(1))
                    .isEqualTo("user: Theme: morning motivation\nPicture: sunrise over calm ocean\nStyle: modern ("
                            + CardStyle.MODERN.look() + ")\nCards: 1");
            assertThat(server.imageRequests()).singleElement().satisfies(image -> {
                assertThat(image.path("model").asText()).isEqualTo("small-model");
                assertThat(image.path("size").asText()).isEqualTo("1024x1024");
                assertThat(image.path("n").asInt()).isEqualTo(1);
                assertThat(image.path("response_format").asText()).isEqualTo("b64_json");
                assertThat(image.path("prompt").asText()).startsWith("sunrise over calm ocean. Style: ");
            });
        }
    }

    @Test
    void aCountGivesAListAndStoryCardsAreTall() throws IOException {
        try (FakeModelServer server = FakeModelServer.start()) {
            server.answer(THREE)
                    .image(png(90, 160, BASE))
                    .image(png(90, 160, new Color(0xE0C090)))
                    .image(png(90, 160, new Color(0x202020)));
            Map<String, String> settings = settings(server);
            settings.put("basicflow.ai.image-base-url", server.baseUrl() + "/");
            settings.put("basicflow.ai.image-model", "pixel-model");
            DirectRun run = DirectRun.of(List.of(new AiPlugin()), settings, "cafe/story.bas", """
                    CARD "coffee shop interior", "monday vibes", "Story", 3 TO stories
                    RETURN stories
                    """, Map.of());

            assertThat(run.outcome()).as(run.toString()).isInstanceOf(DirectOutcome.Completed.class);
            Value result = ((DirectOutcome.Completed) run.outcome()).result().orElseThrow();
            assertThat(result).isInstanceOf(ListValue.class);
            List<Value> cards = ((ListValue) result).elements();
            assertThat(cards).hasSize(3);
            assertThat(cards.stream().map(card -> map(card).get("text_content").display()))
                    .containsExactly(
                            "Monday, but make it coffee",
                            "Second cup energy",
                            "Weekend is a state of mind and this text is long enough to need several lines on the"
                                    + " card");
            assertThat(texts(map(cards.get(0)).get("hashtags"))).containsExactly("#monday", "#coffee");
            assertThat(texts(map(cards.get(2)).get("hashtags"))).isEmpty();
            assertThat(cards.stream().map(card -> map(card).get("image_path").display()))
                    .doesNotHaveDuplicates();
            for (Value value : cards) {
                Map<String, Value> card = map(value);
                assertThat(card.get("style").display()).isEqualTo("story");
                assertThat(texts(card.get("dimensions"))).containsExactly("1080", "1920");
                BufferedImage image = ImageIO.read(
                        drive("cafe").resolve(card.get("image_path").display()).toFile());
                assertThat(image.getWidth()).isEqualTo(1080);
                assertThat(image.getHeight()).isEqualTo(1920);
            }
            assertThat(server.requests()).hasSize(1);
            assertThat(FakeModelServer.messages(server.requests().getFirst()).get(1))
                    .endsWith("Cards: 3");
            assertThat(server.imageRequests()).hasSize(3).allSatisfy(image -> {
                assertThat(image.path("model").asText()).isEqualTo("pixel-model");
                assertThat(image.path("size").asText()).isEqualTo("1024x1792");
            });
            assertThat(server.imageRequests().get(1).path("prompt").asText()).contains("Picture 2 of 3");
        }
    }

    @Test
    void aBadStyleCountOrAnswerFailsTheStepSayingSo() {
        try (FakeModelServer server = FakeModelServer.start()) {
            assertThat(failure(server, "CARD \"a\", \"b\", \"retro\" TO p"))
                    .isEqualTo("CARD has no style \"retro\": use one of modern, minimal, vibrant, dark, light,"
                            + " gradient, polaroid, magazine, story, carousel");
            assertThat(failure(server, "CARD \"a\", \"b\", \"modern\", 11 TO p"))
                    .isEqualTo("CARD makes at most 10 cards in one call, not 11; call it again for more");
            assertThat(failure(server, "CARD \"a\", \"b\", \"modern\", 0 TO p"))
                    .isEqualTo("CARD needs the count as a whole number from 1 to 10, not 0");
            assertThat(failure(server, "CARD \"a\", \"b\", \"modern\", 2.5 TO p"))
                    .isEqualTo("CARD needs the count as a whole number from 1 to 10, not 2.5");
            assertThat(failure(server, "CARD \"\", \"b\" TO p"))
                    .isEqualTo("CARD needs the picture's description (image_prompt), not an empty value");
            // none of these reached an endpoint
            assertThat(server.requests()).isEmpty();

            server.answer("{\"cards\": [{\"text\": \"only a text\"}]}");
            assertThat(failure(server, "CARD \"a\", \"b\" TO p"))
                    .startsWith("CARD: the model's answer is not the JSON asked for")
                    .contains("card 1 has no \"text\" or no \"caption\"");
            server.answer("Sure! Here are your cards.");
            assertThat(failure(server, "CARD \"a\", \"b\", \"dark\", 2 TO p"))
                    .contains("it is not JSON")
                    .contains("it answered: Sure! Here are your cards.");
            assertThat(server.imageRequests()).isEmpty();
        }
    }

    @Test
    void theImageEndpointRefusingFailsTheExecutionWithItsAnswerRecorded() {
        try (FakeModelServer server = FakeModelServer.start()) {
            server.answer(ANSWER)
                    .imageStatus(400, "{\"error\": {\"message\": \"prompt rejected by the safety system\"}}");
            try (BasicflowTestKit kit = Scripts.kit(settings(server))) {
                ScriptRun run = kit.run("shop/refused.bas", "#workflow\nCARD \"a\", \"b\" TO post\nTALK \"never\"\n");
                run.awaitStatus(ExecutionStatus.FAILED);
                assertThat(run.error().orElseThrow().message())
                        .contains("HTTP 400")
                        .contains("prompt rejected by the safety system");
                assertThat(run.events("EffectFailed"))
                        .singleElement()
                        .satisfies(failed -> assertThat(failed.payloadJson()).contains("prompt rejected"));
                assertThat(run.messages()).isEmpty();
            }
            assertThat(server.imageRequests()).hasSize(1);
        }
    }

    @Test
    void aDurableRunRecordsTheCardOnceAndAResumeCallsNoEndpointAgain() throws IOException {
        try (FakeModelServer server = FakeModelServer.start()) {
            server.answer(ANSWER).image(png(64, 64, BASE));
            String path;
            try (BasicflowTestKit kit =
                    Scripts.kit(settings(server)).crashAt(StepMatcher.effectCompleted(SocialCard.CARD))) {
                ScriptRun run = kit.run("shop/durable.bas", """
                        #workflow
                        CARD "sunrise over calm ocean", "morning motivation", "polaroid" TO post
                        HEAR go
                        TALK post.text_content + " " + post.style + " " + post.image_path
                        """);
                run.awaitStatus(ExecutionStatus.WAITING_INPUT);
                run.input("go");
                run.awaitStatus(ExecutionStatus.COMPLETED);
                assertThat(kit.crashes()).isEqualTo(1);
                assertThat(kit.effectCalls(SocialCard.CARD)).hasSize(1);
                assertThat(run.events("EffectCompleted"))
                        .singleElement()
                        .satisfies(completed -> assertThat(completed.line()).isEqualTo(2));
                String said = run.messages().getLast();
                assertThat(said).startsWith("Rise and shine polaroid cards/card-");
                path = said.substring("Rise and shine polaroid ".length());
            }
            assertThat(server.requests()).hasSize(1);
            assertThat(server.imageRequests()).hasSize(1);
            BufferedImage card = ImageIO.read(drive("shop").resolve(path).toFile());
            assertThat(card.getWidth()).isEqualTo(1080);
            // the polaroid's frame around the sepia-toned picture
            assertThat(distance(card.getRGB(10, 10), new Color(0xFAF7F0))).isLessThan(4);
            assertThat(distance(card.getRGB(540, 300), BASE)).isGreaterThan(20);
        }
    }

    private String failure(FakeModelServer server, String line) {
        DirectRun run = DirectRun.of(List.of(new AiPlugin()), settings(server), "shop/bad.bas", line + "\n", Map.of());
        assertThat(run.outcome()).isInstanceOf(DirectOutcome.Failed.class);
        String message = ((DirectOutcome.Failed) run.outcome()).error().message();
        // the failing step is named by its file, line and column
        assertThat(message).startsWith("shop/bad.bas:1:1: CARD failed: ");
        return message.substring("shop/bad.bas:1:1: CARD failed: ".length());
    }

    private Map<String, String> settings(FakeModelServer server) {
        Map<String, String> settings = new LinkedHashMap<>(Scripts.settings(server));
        settings.put("basicflow.files.root", root.toString());
        return settings;
    }

    private Path drive(String bot) {
        return root.resolve(bot + ".gbai").resolve(bot + ".gbdrive");
    }

    private static Map<String, Value> map(Value value) {
        assertThat(value).isInstanceOf(MapValue.class);
        return ((MapValue) value).entries();
    }

    private static List<String> texts(Value value) {
        assertThat(value).isInstanceOf(ListValue.class);
        return ((ListValue) value).elements().stream().map(Value::display).toList();
    }

    static byte[] png(int width, int height, Color color) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, color.getRGB());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static int distance(int rgb, Color color) {
        return Math.abs(((rgb >> 16) & 0xFF) - color.getRed())
                + Math.abs(((rgb >> 8) & 0xFF) - color.getGreen())
                + Math.abs((rgb & 0xFF) - color.getBlue());
    }

    private static int countWhere(
            BufferedImage image, int x, int y, int width, int height, java.util.function.IntPredicate test) {
        int count = 0;
        for (int row = y; row < y + height; row++) {
            for (int column = x; column < x + width; column++) {
                if (test.test(image.getRGB(column, row))) {
                    count++;
                }
            }
        }
        return count;
    }
}
