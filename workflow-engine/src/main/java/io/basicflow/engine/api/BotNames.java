package io.basicflow.engine.api;

import io.basicflow.spi.BotName;
import java.util.Optional;

/**
 * The bot of a script and the entry of a bot, for the engine and the app: the rule itself is {@link
 * BotName} in the keyword SPI (one rule for the script library, {@code STEP n: BOT}, bot data and
 * memory); these methods hand over to it. See docs/bots.md.
 */
public final class BotNames {

    /** The script a bot starts with. */
    public static final String ENTRY_SCRIPT = BotName.ENTRY_SCRIPT;

    /** The suffix of a General Bots package folder ({@code support.gbai}). */
    public static final String PACKAGE_SUFFIX = BotName.PACKAGE_SUFFIX;

    /** The suffix of the folder of a package that holds its dialogs ({@code support.gbdialog}). */
    public static final String DIALOG_SUFFIX = BotName.DIALOG_SUFFIX;

    private BotNames() {}

    /**
     * The bot a script belongs to: {@link BotName#of}.
     *
     * @param scriptName a script name as executions carry it, e.g. {@code support/start.bas}
     * @return the bot, or empty when the script belongs to no bot
     */
    public static Optional<String> botOf(String scriptName) {
        return BotName.of(scriptName);
    }

    /**
     * The entry script of a bot: {@link BotName#entryScript}.
     *
     * @param bot the bot's name, e.g. {@code support}
     * @return e.g. {@code support/start.bas}
     * @throws IllegalArgumentException when the name is not a bot name ({@link #isBotName})
     */
    public static String entryScript(String bot) {
        return BotName.entryScript(bot);
    }

    /**
     * Whether a text can name a bot: {@link BotName#isBotName}.
     *
     * @param name the text
     * @return true when it can be a bot's name
     */
    public static boolean isBotName(String name) {
        return BotName.isBotName(name);
    }

    /**
     * The bot a General Bots folder name stands for: {@link BotName#ofFolder}.
     *
     * @param folderName one folder's name
     * @return the bot, or empty when the name has neither suffix
     */
    public static Optional<String> botOfFolder(String folderName) {
        return BotName.ofFolder(folderName);
    }
}
