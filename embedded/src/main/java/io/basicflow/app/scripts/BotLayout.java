package io.basicflow.app.scripts;

import io.basicflow.engine.api.BotNames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How a file of a scripts folder is named when General Bots bot folders are in it.
 *
 * <p>A General Bots bot is packed as {@code name.gbai/name.gbdialog/*.bas}; some packages hold their
 * {@code .bas} files directly in {@code name.gbai}, and the dialog folder may have another name than
 * the package ({@code hipaa-medical.gbai/hipaa.gbdialog}). Every {@code .bas} under the first
 * {@code .gbai} (or, without one, {@code .gbdialog}) folder of its path is named {@code bot/rest}:
 * the bot is that folder's name without its suffix, {@code rest} the path below it with a {@code
 * .gbdialog} folder right under the package left out. Folders above the package (categories such as
 * {@code core/} or {@code legal/}) are left out too, so a bot's name is always the first segment
 * ({@link BotNames#botOf}). A file outside any bot folder keeps its path.
 *
 * <p>When the scripts folder itself is a {@code .gbai} or {@code .gbdialog} folder, it is the bot.
 */
final class BotLayout {

    private BotLayout() {}

    /**
     * The name of a file of the scripts folder.
     *
     * @param rootName the scripts folder's own name (its last path element), to tell whether it is a
     *     bot folder itself
     * @param relativePath the file's path inside the scripts folder, {@code /} between folders
     * @return its script name, e.g. {@code support/start.bas} for {@code
     *     support.gbai/support.gbdialog/start.bas}
     */
    static String scriptName(String rootName, String relativePath) {
        List<String> segments = new ArrayList<>();
        if (BotNames.botOfFolder(rootName).isPresent()) {
            segments.add(rootName);
        }
        segments.addAll(Arrays.asList(relativePath.split("/", -1)));
        int folders = segments.size() - 1; // the last segment is the file
        int packageAt = -1;
        for (int i = 0; i < folders; i++) {
            if (segments.get(i).endsWith(BotNames.PACKAGE_SUFFIX)
                    && BotNames.botOfFolder(segments.get(i)).isPresent()) {
                packageAt = i;
                break;
            }
        }
        if (packageAt < 0) {
            for (int i = 0; i < folders; i++) {
                if (BotNames.botOfFolder(segments.get(i)).isPresent()) {
                    packageAt = i;
                    break;
                }
            }
        }
        if (packageAt < 0) {
            return relativePath;
        }
        String bot = BotNames.botOfFolder(segments.get(packageAt)).orElseThrow();
        List<String> rest = new ArrayList<>(segments.subList(packageAt + 1, segments.size()));
        if (segments.get(packageAt).endsWith(BotNames.PACKAGE_SUFFIX)
                && rest.size() > 1
                && rest.getFirst().endsWith(BotNames.DIALOG_SUFFIX)) {
            rest.removeFirst();
        }
        return bot + "/" + String.join("/", rest);
    }

    /**
     * The bot a name given to a start stands for, when it names one: a single segment without
     * {@code .bas}, e.g. {@code support}.
     *
     * @param name the name as given
     * @return the bot, or empty
     */
    static Optional<String> botNamed(String name) {
        if (name == null || name.endsWith(FolderScriptLibrary.EXTENSION) || !BotNames.isBotName(name)) {
            return Optional.empty();
        }
        return Optional.of(name);
    }
}
