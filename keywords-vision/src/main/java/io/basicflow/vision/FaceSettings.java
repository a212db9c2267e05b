package io.basicflow.vision;

import io.basicflow.spi.ExecutionScope;
import io.basicflow.spi.InvocationContext;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.PluginConfiguration;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code basicflow.vision.face.*} settings of one step: {@code face.endpoint} (the Azure Face
 * resource, {@code https://<name>.cognitiveservices.azure.com}), {@code face.key} (its subscription key),
 * {@code face.timeout-ms} (15 s) and {@code face.provider} ({@code azure}). {@code
 * basicflow.vision.bot.<bot>.face.<key>} overrides one of them for one bot and is read first, the way the
 * social plugin's credentials are.
 *
 * @param keyword the keyword, for messages
 * @param bot the step's bot
 * @param endpoint the resource's base URL, without a trailing slash
 * @param key the subscription key
 * @param timeout the longest one request may take
 */
record FaceSettings(String keyword, String bot, URI endpoint, String key, Duration timeout) {

    /** What a script needs configured, said by {@code check} and by a step run without it. */
    static String needs(String keyword) {
        return keyword + " needs basicflow.vision.face.endpoint (an Azure Face resource such as"
                + " https://<name>.cognitiveservices.azure.com) and basicflow.vision.face.key (its subscription key);"
                + " basicflow.vision.bot.<bot>.face.endpoint and .face.key set them for one bot; see docs/vision.md";
    }

    /** Whether some endpoint and key are configured, for any bot (what {@code check} can know). */
    static boolean configuredForSomeBot(PluginConfiguration configuration) {
        return configuration.values().keySet().stream()
                        .anyMatch(name -> name.equals("face.endpoint") || name.matches("bot\\..+\\.face\\.endpoint"))
                && configuration.values().keySet().stream()
                        .anyMatch(name -> name.equals("face.key") || name.matches("bot\\..+\\.face\\.key"));
    }

    static FaceSettings of(String keyword, InvocationContext context) throws KeywordException {
        PluginConfiguration configuration = context.configuration();
        String bot = context.scope().map(ExecutionScope::bot).orElse(ExecutionScope.DEFAULT_BOT);
        String provider = get(configuration, bot, "provider").orElse("azure").toLowerCase(Locale.ROOT);
        if (!provider.equals("azure")) {
            throw KeywordException.permanent(keyword + ": basicflow speaks Azure Face API's protocol only;"
                    + " basicflow.vision.face.provider is '" + provider + "' ("
                    + (provider.equals("aws") || provider.equals("opencv")
                            ? "a provider General Bots names that basicflow does not offer, see docs/vision.md"
                            : "no provider")
                    + "); set it to azure or leave it out");
        }
        Optional<String> endpoint = get(configuration, bot, "endpoint");
        Optional<String> key = get(configuration, bot, "key");
        if (endpoint.isEmpty() || key.isEmpty()) {
            throw KeywordException.permanent(needs(keyword) + " (bot '" + bot + "': "
                    + (endpoint.isEmpty() ? "endpoint" : "key") + " is not set)");
        }
        URI uri;
        try {
            uri = URI.create(endpoint.get().replaceAll("/+$", ""));
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
        } catch (IllegalArgumentException e) {
            throw KeywordException.permanent(keyword + ": basicflow.vision.face.endpoint is no URL: '" + endpoint.get()
                    + "' (" + e.getMessage() + "); write https://<name>.cognitiveservices.azure.com");
        }
        String timeout = get(configuration, bot, "timeout-ms").orElse("15000");
        if (!timeout.matches("[0-9]{1,9}") || Long.parseLong(timeout) == 0) {
            throw KeywordException.permanent(
                    keyword + ": basicflow.vision.face.timeout-ms must be a positive number of milliseconds, was '"
                            + timeout + "'");
        }
        return new FaceSettings(keyword, bot, uri, key.get(), Duration.ofMillis(Long.parseLong(timeout)));
    }

    private static Optional<String> get(PluginConfiguration configuration, String bot, String name) {
        return configuration
                .get("bot." + bot + ".face." + name)
                .or(() -> configuration.get("face." + name))
                .map(String::strip)
                .filter(value -> !value.isEmpty());
    }
}
