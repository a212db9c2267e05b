package io.basicflow.ai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.basicflow.spi.BotFiles;
import io.basicflow.spi.EffectKind;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.InvocationContext;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.Value;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code CARD image_prompt, text_prompt[, style[, count]] TO variable} (keyword-card.md): social media
 * cards. The chat model writes each card's overlay text, caption and hashtags (asked for as JSON, the
 * answer checked); an OpenAI-compatible image endpoint draws the picture ({@code POST
 * /images/generations}, {@code b64_json}); {@link CardRenderer} sets the text on it in the style's
 * manner; the PNG is written into the bot's storage as {@code cards/card-<hash>.png}, named by its
 * content. The value is the page's map {@code image_path, image_url, text_content, hashtags, caption,
 * style, dimensions}, a list of them when {@code count} is above 1.
 *
 * <p>It is one recorded step: the value is stored in its completion event, so a resumed run never calls
 * the endpoints again; only a crash between the answer and that commit calls them a second time (at
 * least once), and the second run's files are written under their own names.
 */
final class SocialCard implements KeywordHandler {

    static final String CARD = "CARD";

    /** The most cards one call makes. */
    static final int MAX_COUNT = 10;

    /** The most hashtags a card keeps. */
    static final int MAX_HASHTAGS = 30;

    /** The folder of the bot's storage the cards are written to. */
    static final String FOLDER = "cards/";

    static final KeywordDefinition DEFINITION = KeywordDefinition.builder(CARD)
            .form(KeywordForm.FUNCTION)
            .parameter(ParameterDefinition.required("image_prompt", "what the picture shows"))
            .parameter(ParameterDefinition.required("text_prompt", "the theme of the overlay text and the caption"))
            .parameter(ParameterDefinition.optional(
                    "style",
                    "modern (default), minimal, vibrant, dark, light, gradient, polaroid, magazine, story (9:16),"
                            + " carousel"))
            .parameter(ParameterDefinition.optional("count", "how many cards, 1 (default) to 10"))
            .effect(EffectKind.IDEMPOTENT_EFFECT)
            .retry(AiPlugin.RETRY)
            .description("Social media cards: the model's overlay text, caption and hashtags set on a generated"
                    + " picture, written as PNG into the bot's storage; {image_path, image_url, text_content,"
                    + " hashtags, caption, style, dimensions}, a list when count > 1. Written CARD … TO post."
                    + " Recorded: a resumed run does not call the endpoints again.")
            .build();

    static final String INSTRUCTIONS = "You write the words of Instagram-style social media cards: a short"
            + " overlay text set on a picture, a caption for the post and hashtags. Answer with one JSON object"
            + " and nothing else, no prose and no code fence: {\"cards\": [{\"text\": \"the overlay text, at most"
            + " 8 words\", \"caption\": \"a ready-to-use caption of one to three sentences\", \"hashtags\":"
            + " [\"#five\", \"#to\", \"#ten\", \"#hashtags\"]}]}, with exactly as many cards as asked for, each"
            + " with a different text.";

    /** One card's words, as the model wrote them. */
    record Words(String text, String caption, List<String> hashtags) {}

    private final ChatClient chat;
    private final ImageClient images;

    SocialCard(ChatClient chat, ImageClient images) {
        this.chat = chat;
        this.images = images;
    }

    @Override
    public Value invoke(Invocation invocation) throws KeywordException {
        String imagePrompt = text(invocation, "image_prompt", "the picture's description");
        String textPrompt = text(invocation, "text_prompt", "the theme of the text");
        CardStyle style = style(invocation.argument("style"));
        int count = count(invocation.argument("count"));
        InvocationContext context = invocation.context();
        AiSettings settings = new AiSettings(context.configuration());
        String imageBase = settings.imageBaseUrl();
        String imageModel = settings.imageModel();
        BotFiles files = BotFiles.installed(CARD);

        List<ChatMessage> messages = List.of(
                SystemMessage.from(INSTRUCTIONS),
                UserMessage.from("Theme: " + textPrompt + "\nPicture: " + imagePrompt + "\nStyle: " + style.word()
                        + " (" + style.look() + ")\nCards: " + count));
        List<Words> words = words(chat.answer(settings, context, messages), count);

        List<Value> cards = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String prompt = imagePrompt + ". Style: " + style.look() + ". No text, letters or logos in the picture."
                    + (count > 1
                            ? " Picture " + (i + 1) + " of " + count + " of one carousel, a consistent look."
                            : "");
            byte[] picture = images.generate(
                    imageBase, settings.apiKey(), imageModel, prompt, style.requestSize(), settings.timeout());
            BufferedImage decoded = CardRenderer.decode(picture);
            if (decoded == null) {
                throw KeywordException.permanent(CARD + ": the image endpoint's b64_json is no image the JDK reads"
                        + " (PNG, JPEG, GIF or BMP; " + picture.length + " bytes)");
            }
            Words card = words.get(i);
            byte[] png = CardRenderer.render(decoded, style, card.text(), i, count);
            String name = FOLDER + "card-" + hash(png) + ".png";
            String path = files.write(context, CARD, name, png, invocation.idempotencyKey() + "-card" + (i + 1));
            cards.add(result(path, card, style));
        }
        return count == 1 ? cards.getFirst() : new ListValue(cards);
    }

    private static Value result(String path, Words card, CardStyle style) {
        Map<String, Value> fields = new LinkedHashMap<>();
        fields.put("image_path", Value.text(path));
        // basicflow serve gives a bot's files only through signed links (GENERATE SECURE LINK): the path
        fields.put("image_url", Value.text(path));
        fields.put("text_content", Value.text(card.text()));
        fields.put(
                "hashtags",
                new ListValue(card.hashtags().stream()
                        .map(Value::text)
                        .map(Value.class::cast)
                        .toList()));
        fields.put("caption", Value.text(card.caption()));
        fields.put("style", Value.text(style.word()));
        fields.put("dimensions", new ListValue(List.of(Value.number(CardStyle.WIDTH), Value.number(style.height()))));
        return new MapValue(fields);
    }

    private static String text(Invocation invocation, String parameter, String what) throws KeywordException {
        Value value = invocation.argument(parameter);
        String text = value instanceof NullValue ? "" : value.display().strip();
        if (text.isEmpty()) {
            throw KeywordException.permanent(CARD + " needs " + what + " (" + parameter + "), not an empty value");
        }
        return text;
    }

    static CardStyle style(Value value) throws KeywordException {
        if (value instanceof NullValue || value.display().isBlank()) {
            return CardStyle.MODERN;
        }
        return CardStyle.named(value.display())
                .orElseThrow(() -> KeywordException.permanent(
                        CARD + " has no style \"" + value.display().strip() + "\": use one of " + CardStyle.names()));
    }

    static int count(Value value) throws KeywordException {
        if (value instanceof NullValue) {
            return 1;
        }
        BigDecimal number;
        try {
            number = value instanceof NumberValue n
                    ? n.toBigDecimal()
                    : new BigDecimal(value.display().strip());
        } catch (NumberFormatException e) {
            throw KeywordException.permanent(
                    CARD + " needs the count as a whole number from 1 to " + MAX_COUNT + ", not " + value.display());
        }
        if (number.stripTrailingZeros().scale() > 0 || number.signum() <= 0) {
            throw KeywordException.permanent(
                    CARD + " needs the count as a whole number from 1 to " + MAX_COUNT + ", not " + value.display());
        }
        if (number.compareTo(BigDecimal.valueOf(MAX_COUNT)) > 0) {
            throw KeywordException.permanent(CARD + " makes at most " + MAX_COUNT + " cards in one call, not "
                    + value.display() + "; call it again for more");
        }
        return number.intValueExact();
    }

    /** The cards' words in the model's answer, checked: as many as asked, each with text and caption. */
    static List<Words> words(String answer, int count) throws KeywordException {
        JsonNode root;
        try {
            root = ModelJson.mapper().readTree(json(answer));
        } catch (JsonProcessingException e) {
            throw unexpected(answer, count, "it is not JSON");
        }
        JsonNode list = root == null
                ? null
                : root.isArray() ? root : root.has("cards") ? root.get("cards") : count == 1 ? wrap(root) : null;
        if (list == null || !list.isArray()) {
            throw unexpected(answer, count, "it has no list \"cards\"");
        }
        if (list.size() < count) {
            throw unexpected(answer, count, "it has " + list.size() + " card(s)");
        }
        List<Words> words = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            JsonNode card = list.get(i);
            String text = card.path("text").asText("").strip();
            String caption = card.path("caption").asText("").strip();
            if (!card.isObject() || text.isEmpty() || caption.isEmpty()) {
                throw unexpected(answer, count, "card " + (i + 1) + " has no \"text\" or no \"caption\"");
            }
            words.add(new Words(text, caption, hashtags(card.path("hashtags"))));
        }
        return words;
    }

    private static JsonNode wrap(JsonNode card) {
        return ModelJson.mapper().createArrayNode().add(card);
    }

    /** The hashtags as {@code #word}: from a list or a text, without blanks or repeats, at most 30. */
    static List<String> hashtags(JsonNode node) {
        List<String> written = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(tag -> written.add(tag.asText("")));
        } else if (node.isTextual()) {
            written.addAll(List.of(node.asText().split("[\\s,]+")));
        }
        Set<String> tags = new LinkedHashSet<>();
        for (String tag : written) {
            String word = tag.strip().replaceFirst("^#+", "").replaceAll("\\s+", "");
            if (!word.isEmpty() && tags.size() < MAX_HASHTAGS) {
                tags.add("#" + word);
            }
        }
        return List.copyOf(tags);
    }

    /** The JSON of an answer, without a code fence around it. */
    private static String json(String answer) {
        String text = answer.strip();
        if (text.startsWith("```")) {
            int firstLine = text.indexOf('\n');
            int fence = text.lastIndexOf("```");
            text = (firstLine > 0 && fence > firstLine ? text.substring(firstLine + 1, fence) : text).strip();
        }
        return text;
    }

    private static KeywordException unexpected(String answer, int count, String why) {
        String line = answer.replaceAll("\\s+", " ").strip();
        return KeywordException.permanent(CARD + ": the model's answer is not the JSON asked for ({\"cards\":"
                + " [{\"text\", \"caption\", \"hashtags\"}], " + count + " card(s)): " + why + " (it answered: "
                + (line.length() > 200 ? line.substring(0, 200) + "…" : line)
                + "); try a model that follows instructions better (USE MODEL)");
    }

    /** The first 16 hex digits of the SHA-256 of the bytes: the card's file name. */
    static String hash(byte[] bytes) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))
                    .substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
