package io.basicflow.engine.api;

import java.util.Optional;

/**
 * The one rule that says which bot a script belongs to, and which script is a bot's entry.
 *
 * <p>A General Bots bot is a folder {@code name.gbai} holding a {@code name.gbdialog} folder of
 * {@code .bas} scripts. basicflow names the scripts of such a bot {@code name/script.bas} (e.g.
 * {@code support/start.bas}, {@code support/tools/refund.bas}): the <b>first segment of a script
 * name is its bot</b>. A name without a {@code /} (a lone {@code ticket.bas}) or an absolute path
 * (what {@code basicflow run FILE} names a plain file by) belongs to no bot. Every part of basicflow
 * that needs the bot of an execution (bot memory, {@code STEP n: BOT "name"}, listings) asks here.
 *
 * <p>A bot's entry is its {@value #ENTRY_SCRIPT}: {@code BOT "support"} and a start of the bot
 * {@code support} run {@code support/start.bas}.
 */
public final class BotNames {

    /** The script a bot starts with. */
    public static final String ENTRY_SCRIPT = "start.bas";

    /** The suffix of a General Bots package folder ({@code support.gbai}). */
    public static final String PACKAGE_SUFFIX = ".gbai";

    /** The suffix of the folder of a package that holds its dialogs ({@code support.gbdialog}). */
    public static final String DIALOG_SUFFIX = ".gbdialog";

    private BotNames() {}

    /**
     * The bot a script belongs to.
     *
     * @param scriptName a script name as executions carry it, e.g. {@code support/start.bas}
     * @return the first segment of a relative name that has more than one segment; empty for a name
     *     without {@code /} and for an absolute path
     */
    public static Optional<String> botOf(String scriptName) {
        if (scriptName == null || scriptName.startsWith("/") || scriptName.matches("^[A-Za-z]:[\\\\/].*")) {
            return Optional.empty();
        }
        int slash = scriptName.indexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        return Optional.of(scriptName.substring(0, slash));
    }

    /**
     * The entry script of a bot.
     *
     * @param bot the bot's name, e.g. {@code support}
     * @return e.g. {@code support/start.bas}
     * @throws IllegalArgumentException when the name is not a bot name ({@link #isBotName})
     */
    public static String entryScript(String bot) {
        if (!isBotName(bot)) {
            throw new IllegalArgumentException("'" + bot + "' is not a bot name: a bot is named by one folder name,"
                    + " without '/', e.g. 'support'");
        }
        return bot + "/" + ENTRY_SCRIPT;
    }

    /**
     * Whether a text can name a bot: one non-empty segment without {@code /} or {@code \}, not
     * {@code .} or {@code ..}, not hidden, without control characters.
     *
     * @param name the text
     * @return true when it can be a bot's name
     */
    public static boolean isBotName(String name) {
        if (name == null || name.isBlank() || name.startsWith(".") || name.length() > 200) {
            return false;
        }
        return name.chars().noneMatch(c -> c == '/' || c == '\\' || Character.isISOControl(c));
    }

    /**
     * The bot a General Bots folder name stands for: {@code support.gbai} and {@code
     * support.gbdialog} stand for {@code support}.
     *
     * @param folderName one folder's name
     * @return the bot, or empty when the name has neither suffix
     */
    public static Optional<String> botOfFolder(String folderName) {
        for (String suffix : new String[] {PACKAGE_SUFFIX, DIALOG_SUFFIX}) {
            if (folderName.length() > suffix.length() && folderName.endsWith(suffix)) {
                return Optional.of(folderName.substring(0, folderName.length() - suffix.length()));
            }
        }
        return Optional.empty();
    }
}
