package io.basicflow.spi;

import static java.util.Objects.requireNonNull;

/**
 * Who a step runs for: the bot its script belongs to and the user of the conversation. Data keywords
 * keep each bot's tables and memory apart with it.
 *
 * @param script the execution's script name, e.g. {@code support/start}
 * @param bot the bot: the first path segment of the script name ({@code support}), or {@link
 *     #DEFAULT_BOT} for a script without a folder
 * @param user the user of the conversation (see the data keywords' documentation for where it comes
 *     from); the execution id when the start named none
 * @param conversation the conversation: the execution id of the root execution
 */
public record ExecutionScope(String script, String bot, String user, String conversation) {

    /** The bot of scripts that are not in a bot's folder. */
    public static final String DEFAULT_BOT = "default";

    /**
     * Validates the parts.
     *
     * @param script not null
     * @param bot not null
     * @param user not null
     * @param conversation not null
     */
    public ExecutionScope {
        requireNonNull(script, "script is null");
        requireNonNull(bot, "bot is null");
        requireNonNull(user, "user is null");
        requireNonNull(conversation, "conversation is null");
    }

    /**
     * The bot a script belongs to: the first segment of its name before a {@code /}, or {@link
     * #DEFAULT_BOT}. {@code support/start} and {@code support/tools/x} belong to {@code support}; {@code
     * hello} and {@code hello.bas} to {@code default}. A {@code .gbai} suffix of the folder is dropped
     * ({@code support.gbai/…} is {@code support}).
     *
     * @param script a script name
     * @return the bot name, in lower case
     */
    public static String botOf(String script) {
        String name = script.replace('\\', '/');
        while (name.startsWith("/")) {
            name = name.substring(1);
        }
        int slash = name.indexOf('/');
        if (slash <= 0) {
            return DEFAULT_BOT;
        }
        String bot = name.substring(0, slash).toLowerCase(java.util.Locale.ROOT);
        if (bot.endsWith(".gbai")) {
            bot = bot.substring(0, bot.length() - ".gbai".length());
        }
        return bot.isEmpty() ? DEFAULT_BOT : bot;
    }
}
