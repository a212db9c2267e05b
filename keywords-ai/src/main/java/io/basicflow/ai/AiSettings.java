package io.basicflow.ai;

import io.basicflow.spi.KeywordException;
import io.basicflow.spi.PluginConfiguration;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The settings of the AI keywords, the keys {@code basicflow.ai.*}:
 *
 * <ul>
 *   <li>{@code base-url}: the OpenAI-compatible endpoint, e.g. {@code http://127.0.0.1:8080/v1}
 *       (llama.cpp's server) or {@code http://127.0.0.1:11434/v1} (Ollama); required for {@code LLM};
 *   <li>{@code api-key}: sent as a bearer token; never recorded in events or logs;
 *   <li>{@code model}: the default model; {@code model-<alias>} names the model of an alias ({@code
 *       model-fast}, {@code model-quality}, {@code model-code}, {@code model-local});
 *   <li>{@code timeout-ms}: how long one call may take (default 60000);
 *   <li>{@code price-per-million-tokens}: what a million tokens cost, for {@code WITH MAX_COST};
 *   <li>{@code kb-chunks}: how many knowledge base passages an {@code LLM} prompt gets (default 3);
 *   <li>{@code max-tool-rounds}: how many times one {@code LLM} call may ask for tools (default 10);
 *   <li>{@code image-base-url}: the OpenAI-compatible endpoint of {@code CARD}'s pictures ({@code POST
 *       /images/generations}); default: {@code base-url};
 *   <li>{@code image-model}: the model of those pictures; default: {@code model};
 *   <li>{@code answer-row-limit}: the most rows one {@code ANSWER} in sql mode returns (default 100);
 *   <li>{@code answer-not-found}: what {@code ANSWER} in document mode says when the document does not
 *       hold the answer.
 * </ul>
 */
record AiSettings(PluginConfiguration configuration) {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** The endpoint, or a clear failure naming the key to set. */
    String baseUrl() throws KeywordException {
        Optional<String> url = value("base-url");
        if (url.isEmpty()) {
            throw KeywordException.permanent("no language model is configured: set basicflow.ai.base-url to an"
                    + " OpenAI-compatible endpoint (a local llama.cpp or Ollama server works) and basicflow.ai.model");
        }
        return url.get().strip();
    }

    /** The key, or a placeholder for local servers that take none. */
    String apiKey() {
        return value("api-key").orElse("none");
    }

    /**
     * The model for an alias or name: {@code model-<alias>} when configured, the default model for the
     * built-in aliases (and {@code auto}) otherwise, else the name as written.
     */
    String model(Optional<String> requested) throws KeywordException {
        if (requested.isPresent() && !requested.get().isBlank()) {
            String name = requested.get().strip();
            Optional<String> aliased = value("model-" + name.toLowerCase(Locale.ROOT));
            if (aliased.isPresent()) {
                return aliased.get().strip();
            }
            switch (name.toLowerCase(Locale.ROOT)) {
                case "auto", "default", "fast", "quality", "code", "local", "cost", "speed" -> {}
                default -> {
                    return name;
                }
            }
        }
        Optional<String> model = value("model");
        if (model.isEmpty()) {
            throw KeywordException.permanent("no model is configured: set basicflow.ai.model (the name the"
                    + " endpoint at basicflow.ai.base-url knows, e.g. the model file a local server loaded)");
        }
        return model.get().strip();
    }

    /** The image endpoint: {@code image-base-url}, else the chat endpoint ({@link #baseUrl()}). */
    String imageBaseUrl() throws KeywordException {
        Optional<String> url = value("image-base-url");
        return url.isPresent() ? url.get().strip() : baseUrl();
    }

    /** The image model: {@code image-model}, else the default model. */
    String imageModel() throws KeywordException {
        Optional<String> model = value("image-model");
        return model.isPresent() ? model.get().strip() : model(Optional.empty());
    }

    /** A setting that is set and not blank (the application passes unset settings as empty). */
    Optional<String> value(String key) {
        return configuration.get(key).filter(value -> !value.isBlank());
    }

    Duration timeout() {
        return Duration.ofMillis(configuration.getInt("timeout-ms", (int) DEFAULT_TIMEOUT.toMillis()));
    }

    Optional<Double> pricePerMillionTokens() {
        return value("price-per-million-tokens").map(value -> {
            try {
                return Double.parseDouble(value.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "basicflow.ai.price-per-million-tokens must be a number, was '" + value + "'", e);
            }
        });
    }

    int kbChunks() {
        return configuration.getInt("kb-chunks", 3);
    }

    /** How many times one {@code LLM} call may ask for tools before it must answer (default 10). */
    int maxToolRounds() {
        return configuration.getInt("max-tool-rounds", 10);
    }

    /** The most rows one {@code ANSWER} in sql mode returns (default 100). */
    int answerRowLimit() {
        int limit = configuration.getInt("answer-row-limit", SqlAnswers.DEFAULT_ROW_LIMIT);
        if (limit < 1) {
            throw new IllegalArgumentException("basicflow.ai.answer-row-limit must be 1 or more, was " + limit);
        }
        return limit;
    }

    /** What {@code ANSWER} in document mode says when the document does not hold the answer. */
    String answerNotFound() {
        return value("answer-not-found").orElse(AnswerHandler.DEFAULT_NOT_FOUND);
    }
}
