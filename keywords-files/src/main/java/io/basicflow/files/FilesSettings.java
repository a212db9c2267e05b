package io.basicflow.files;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.ExecutionScope;
import io.basicflow.spi.PluginConfiguration;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where bots keep their files and how large one may be, from the {@code basicflow.files.*} settings.
 *
 * @param root the folder that holds each bot's {@code <bot>.gbai/<bot>.gbdrive} ({@code root}); when
 *     not set, the scripts folder ({@code basicflow.scripts.folder}), so that a bot's files sit next
 *     to its dialog folder as General Bots lays bots out
 * @param maxFileBytes the largest file READ, WRITE, COPY and GET read or write ({@code
 *     max-file-bytes}, default 1 MiB); the engine's value limits ({@code basicflow.limits.*}) apply to
 *     what a script holds as well
 * @param maxListEntries the most entries one LIST returns ({@code max-list-entries}, default 10,000)
 */
public record FilesSettings(Path root, long maxFileBytes, int maxListEntries) {

    /** The scripts folder's default, when neither setting is given. */
    static final String DEFAULT_SCRIPTS_FOLDER = "scripts";

    /**
     * Validates the parts.
     *
     * @param root not null
     * @param maxFileBytes positive
     * @param maxListEntries positive
     */
    public FilesSettings {
        requireNonNull(root, "root is null");
        if (maxFileBytes <= 0 || maxListEntries <= 0) {
            throw new IllegalArgumentException("basicflow.files.max-file-bytes and max-list-entries must be positive");
        }
    }

    /**
     * Reads the settings.
     *
     * @param files the files plugin's settings
     * @param scripts the script library's settings ({@code basicflow.scripts.*})
     * @return the settings
     * @throws IllegalArgumentException when a number is malformed, naming its key
     */
    public static FilesSettings from(PluginConfiguration files, PluginConfiguration scripts) {
        String root = files.get("root")
                .filter(value -> !value.isBlank())
                .orElse(scripts.get("folder", DEFAULT_SCRIPTS_FOLDER));
        return new FilesSettings(
                Path.of(root.trim()),
                files.getInt("max-file-bytes", 1 << 20),
                files.getInt("max-list-entries", 10_000));
    }

    /**
     * The storage folder of the bot a step runs for: {@code <root>/<bot>.gbai/<bot>.gbdrive}. When the
     * script itself is a file inside a {@code <name>.gbai} folder named by an absolute path (as
     * {@code basicflow run shop.gbai/shop.gbdialog/start.bas} names it), that folder's own {@code
     * <name>.gbdrive}, whatever the root.
     *
     * @param scope the step's scope
     * @return the folder, absolute and normalised; it may not exist yet
     */
    public Path driveOf(ExecutionScope scope) {
        Optional<Path> ownFolder = gbaiFolderOf(scope.script());
        if (ownFolder.isPresent()) {
            Path gbai = ownFolder.get();
            String name = gbai.getFileName().toString();
            String bot = name.substring(0, name.length() - ".gbai".length());
            return gbai.resolve(bot + ".gbdrive");
        }
        return root.toAbsolutePath().normalize().resolve(scope.bot() + ".gbai").resolve(scope.bot() + ".gbdrive");
    }

    private static Optional<Path> gbaiFolderOf(String script) {
        String name = script.replace('\\', '/');
        if (!name.startsWith("/") && !name.matches("[A-Za-z]:/.*")) {
            return Optional.empty();
        }
        Path path = Path.of(script).toAbsolutePath().normalize();
        for (Path folder = path.getParent(); folder != null; folder = folder.getParent()) {
            Path last = folder.getFileName();
            if (last != null
                    && last.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gbai")
                    && last.toString().length() > ".gbai".length()) {
                return Optional.of(folder);
            }
        }
        return Optional.empty();
    }
}
