package io.basicflow.ai;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The styles of {@code CARD} (keyword-card.md's table): what the image model is asked for, and how
 * {@link CardRenderer} finishes the picture — its colour treatment, where the text stands and how it is
 * set. Every style is 1080 × 1080 except {@code story}, 1080 × 1920 (9:16).
 */
enum CardStyle {
    MODERN("modern", "trendy Instagram aesthetic, clean design, crisp details"),
    MINIMAL("minimal", "simple composition with lots of negative space, muted colors"),
    VIBRANT("vibrant", "bold colors, high saturation, energetic feel"),
    DARK("dark", "moody atmosphere, dramatic low-key lighting"),
    LIGHT("light", "bright and airy, soft pastel colors"),
    GRADIENT("gradient", "smooth color gradients, abstract background"),
    POLAROID("polaroid", "vintage photograph, warm nostalgic tones"),
    MAGAZINE("magazine", "editorial, high-fashion, professional photography"),
    STORY("story", "vertical 9:16 composition for Instagram Stories, subject centered"),
    CAROUSEL("carousel", "consistent look across a multi-image carousel post");

    /** The card's width, every style. */
    static final int WIDTH = 1080;

    private final String word;
    private final String look;

    CardStyle(String word, String look) {
        this.word = word;
        this.look = look;
    }

    /** The name scripts write ({@code "minimal"}). */
    String word() {
        return word;
    }

    /** What the image model is asked for besides the script's prompt. */
    String look() {
        return look;
    }

    /** The card's height: 1920 for {@code story}, else 1080. */
    int height() {
        return this == STORY ? 1920 : WIDTH;
    }

    /** The size asked of the image endpoint, in the ratio of the card (OpenAI's sizes). */
    String requestSize() {
        return this == STORY ? "1024x1792" : "1024x1024";
    }

    /**
     * The style a script names, in any case.
     *
     * @param written the name
     * @return the style, or empty for a name of none
     */
    static Optional<CardStyle> named(String written) {
        String name = written.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(style -> style.word.equals(name)).findFirst();
    }

    /** The names, for messages: {@code modern, minimal, …}. */
    static String names() {
        return Arrays.stream(values()).map(CardStyle::word).collect(Collectors.joining(", "));
    }
}
