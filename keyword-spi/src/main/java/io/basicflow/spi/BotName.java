package io.basicflow.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one rule that says which bot a script belongs to and which script is a bot's entry. Every part
 * of basicflow that needs it (the script library, {@code STEP n: BOT}, bot data and memory, {@code
 * basicflow run}) asks here; docs/bots.md describes it.
 *
 * <p>A General Bots bot is a folder {@code name.gbai} holding a {@code name.gbdialog} folder of
 * {@code .bas} scripts; basicflow's script library names its scripts {@code name/script.bas}. The
 * bot of a script name is, in this order:
 *
 * <ol>
 *   <li>the first folder of the name called {@code <bot>.gbai} (the suffix in any case), else the
 *       first called {@code <bot>.gbdialog}: that bot ({@code shop.gbai/shop.gbdialog/start.bas},
 *       {@code /srv/bots/shop.gbai/x.bas} are {@code shop});
 *   <li>for a relative name with a folder ({@code support/start.bas}, {@code support/tools/x.bas}):
 *       its first segment, {@code support};
 *   <li>for an absolute file path with a folder ({@code /home/ana/shop/start.bas}, how {@code
 *       basicflow run FILE} names a file): the folder the file is in, {@code shop};
 *   <li>otherwise ({@code hello.bas}, {@code /hello.bas}): no bot.
 * </ol>
 *
 * <p>The name keeps its case ({@code Shop} is {@code Shop}); what needs a case-free identifier, such
 * as the bot's database schema, lower-cases it itself.
 */
public final class BotName {

    /** The script a bot starts with. */
    public static final String ENTRY_SCRIPT = "start.bas";

    /** The suffix of a General Bots package folder ({@code support.gbai}). */
    public static final String PACKAGE_SUFFIX = ".gbai";

    /** The suffix of the folder of a package that holds its dialogs ({@code support.gbdialog}). */
    public static final String DIALOG_SUFFIX = ".gbdialog";

    private BotName() {}

    /**
     * The bot a script belongs to (see the class comment for the rule).
     *
     * @param scriptName a script name as executions carry it, or a file path; {@code \} is read as
     *     {@code /}
     * @return the bot, or empty when the script belongs to no bot
     */
    public static Optional<String> of(String scriptName) {
        if (scriptName == null || scriptName.isBlank()) {
            return Optional.empty();
        }
        String name = scriptName.replace('\\', '/');
        List<String> parts = new ArrayList<>();
        for (String segment : name.split("/")) {
            if (!segment.isEmpty()) {
                parts.add(segment);
            }
        }
        List<String> folders = parts.isEmpty() ? parts : parts.subList(0, parts.size() - 1);
        for (String suffix : new String[] {PACKAGE_SUFFIX, DIALOG_SUFFIX}) {
            for (String folder : folders) {
                Optional<String> bot = withoutSuffix(folder, suffix);
                if (bot.isPresent()) {
                    return bot;
                }
            }
        }
        if (folders.isEmpty()) {
            return Optional.empty();
        }
        boolean absolute = name.startsWith("/") || name.matches("^[A-Za-z]:/.*");
        return Optional.of(absolute ? folders.getLast() : folders.getFirst());
    }

    /**
     * The bot a General Bots folder name stands for: {@code support.gbai} and {@code
     * support.gbdialog} stand for {@code support}.
     *
     * @param folderName one folder's name
     * @return the bot, or empty when the name has neither suffix
     */
    public static Optional<String> ofFolder(String folderName) {
        if (folderName == null) {
            return Optional.empty();
        }
        return withoutSuffix(folderName, PACKAGE_SUFFIX).or(() -> withoutSuffix(folderName, DIALOG_SUFFIX));
    }

    /**
     * Whether a text can name a bot: one non-empty segment of at most 200 characters without {@code
     * /} or {@code \}, not starting with {@code .} (so neither {@code .} nor {@code ..}), without
     * control characters, and not a package folder's name ({@code support.gbai}).
     *
     * @param name the text
     * @return true when it can be a bot's name
     */
    public static boolean isBotName(String name) {
        if (name == null || name.isBlank() || name.startsWith(".") || name.length() > 200) {
            return false;
        }
        if (name.toLowerCase(Locale.ROOT).endsWith(PACKAGE_SUFFIX)) {
            return false;
        }
        return name.chars().noneMatch(c -> c == '/' || c == '\\' || Character.isISOControl(c));
    }

    /**
     * The script name of a bot's entry, as the script library names it.
     *
     * @param bot the bot's name, e.g. {@code support}
     * @return e.g. {@code support/start.bas}
     * @throws IllegalArgumentException when the text is not a bot name ({@link #isBotName})
     */
    public static String entryScript(String bot) {
        requireBotName(bot);
        return bot + "/" + ENTRY_SCRIPT;
    }

    /**
     * Where a bot's entry is in a folder of bots on disk, in the order to look: General Bots' layout
     * {@code support.gbai/support.gbdialog/start.bas}, then basicflow's {@code support/start.bas}.
     *
     * @param bot the bot's name, e.g. {@code support}
     * @return the relative paths to try
     * @throws IllegalArgumentException when the text is not a bot name ({@link #isBotName})
     */
    public static List<String> entryFiles(String bot) {
        requireBotName(bot);
        return List.of(bot + PACKAGE_SUFFIX + "/" + bot + DIALOG_SUFFIX + "/" + ENTRY_SCRIPT, entryScript(bot));
    }

    private static void requireBotName(String bot) {
        if (!isBotName(bot)) {
            throw new IllegalArgumentException("'" + bot + "' is not a bot name: a bot is named by its folder's"
                    + " name without '/' or '.gbai', e.g. 'billing' for billing.gbai");
        }
    }

    private static Optional<String> withoutSuffix(String folder, String suffix) {
        if (folder.length() > suffix.length()
                && folder.regionMatches(true, folder.length() - suffix.length(), suffix, 0, suffix.length())) {
            return Optional.of(folder.substring(0, folder.length() - suffix.length()));
        }
        return Optional.empty();
    }
}
