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
     * The bot a script belongs to.
     *
     * <ul>
     *   <li>a path with a folder named {@code <bot>.gbai} (the General Bots layout {@code
     *       shop.gbai/shop.gbdialog/start.bas}): that bot, {@code shop};
     *   <li>a relative name with a folder ({@code support/start}, {@code support/tools/x}): its first
     *       segment, {@code support};
     *   <li>an absolute file path ({@code /home/ana/shop/start.bas}, as {@code basicflow run} names a
     *       file): the folder the file is in, {@code shop};
     *   <li>a name without a folder ({@code hello.bas}): {@link #DEFAULT_BOT}.
     * </ul>
     *
     * @param script a script name
     * @return the bot name, in lower case
     */
    public static String botOf(String script) {
        String name = script.replace('\\', '/');
        String[] segments = name.split("/");
        for (String segment : segments) {
            if (segment.toLowerCase(java.util.Locale.ROOT).endsWith(".gbai") && segment.length() > 5) {
                return segment.substring(0, segment.length() - 5).toLowerCase(java.util.Locale.ROOT);
            }
        }
        boolean absolute = name.startsWith("/") || name.matches("[A-Za-z]:/.*");
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (String segment : segments) {
            if (!segment.isEmpty()) {
                parts.add(segment);
            }
        }
        if (parts.size() < 2) {
            return DEFAULT_BOT;
        }
        String bot = absolute ? parts.get(parts.size() - 2) : parts.getFirst();
        return bot.toLowerCase(java.util.Locale.ROOT);
    }
}
