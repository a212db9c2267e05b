package io.basicflow.social;

import io.basicflow.spi.ExecutionScope;
import io.basicflow.spi.InvocationContext;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.PluginConfiguration;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code basicflow.social.*} settings of one step. The credentials keep the names of General
 * Bots' config.csv keys ({@code instagram-access-token}, {@code bluesky-app-password}, …): {@code
 * basicflow.social.<key>} for every bot, {@code basicflow.social.bot.<bot>.<key>} for one bot (read
 * first). Each network's base URL is a setting too, so that tests talk to a local server.
 */
final class SocialSettings {

    private final PluginConfiguration configuration;
    private final String bot;

    private SocialSettings(PluginConfiguration configuration, String bot) {
        this.configuration = configuration;
        this.bot = bot;
    }

    static SocialSettings of(InvocationContext context) {
        return new SocialSettings(
                context.configuration(),
                context.scope().map(ExecutionScope::bot).orElse(ExecutionScope.DEFAULT_BOT));
    }

    /** A setting of the step's bot, else of every bot. */
    Optional<String> get(String key) {
        return configuration
                .get("bot." + bot + "." + key)
                .or(() -> configuration.get(key))
                .map(String::strip)
                .filter(value -> !value.isEmpty());
    }

    /** A credential the network needs; its absence fails the step naming the key to set. */
    String require(String keyword, String network, String key) throws KeywordException {
        return get(key).orElseThrow(() -> KeywordException.permanent(keyword + ": " + network + " needs the setting "
                + key + " (config.csv's key; in basicflow basicflow.social." + key + ", or basicflow.social.bot."
                + bot + "." + key + " for this bot only); see docs/social.md"));
    }

    /** A network's base URL without a trailing slash. */
    URI baseUrl(String key, String standard) throws KeywordException {
        String value = get(key).orElse(standard).replaceAll("/+$", "");
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw KeywordException.permanent(
                    "basicflow.social." + key + " is no URL: '" + value + "' (" + e.getMessage() + ")");
        }
    }

    /** The timeout of one request ({@code timeout-ms}, 15 s). */
    Duration timeout() {
        return Duration.ofMillis(Long.parseLong(get("timeout-ms").orElse("15000")));
    }

    /** The first wait before a retry of a 429/5xx answer ({@code retry-base-ms}, 500 ms; doubled each time). */
    Duration retryBase() {
        return Duration.ofMillis(Long.parseLong(get("retry-base-ms").orElse("500")));
    }

    /** How many times one request is sent at most ({@code attempts}, 4). */
    int attempts() {
        return Integer.parseInt(get("attempts").orElse("4"));
    }

    String bot() {
        return bot;
    }
}
