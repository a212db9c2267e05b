package io.basicflow.spi;

import static java.util.Objects.requireNonNull;

/**
 * Who a step runs for: the bot its script belongs to and the user of the conversation. Data keywords
 * keep each bot's tables and memory apart with it.
 *
 * @param script the execution's script name, e.g. {@code support/start}
 * @param bot the bot: {@link #botOf} of the script name ({@code support}), or {@link #DEFAULT_BOT}
 *     for a script that belongs to no bot
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
     * The bot a script belongs to, for data and memory: {@link BotName#of}, or {@link #DEFAULT_BOT}
     * for a script that belongs to no bot.
     *
     * @param script a script name
     * @return the bot name, as {@link BotName#of} gives it (its case kept), or {@link #DEFAULT_BOT}
     */
    public static String botOf(String script) {
        return BotName.of(script).orElse(DEFAULT_BOT);
    }
}
