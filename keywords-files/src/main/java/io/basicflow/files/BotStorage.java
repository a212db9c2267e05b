package io.basicflow.files;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.ContainedPath;
import io.basicflow.spi.ExecutionScope;
import io.basicflow.spi.InvocationContext;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.PluginConfiguration;
import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One bot's storage folder, and the file operations of the file keywords on it. Every path a script
 * writes is relative to the folder and can never leave it: an absolute path, a {@code ..} segment or a
 * link that points outside is refused with {@code PATH_TRAVERSAL}.
 *
 * <p>Writes are written to a temporary name in the target's folder, forced to disk, then moved into
 * place in one atomic rename. The temporary name is derived from the step's idempotency key, so an
 * attempt repeated after a crash overwrites its own leftover instead of adding a file: the target
 * exists once, with the content of the attempt that completed. Other plugins (the HTTP plugin's
 * {@code GET "path"} and {@code DELETE "path"}, the mail plugin's attachments) use this class to read
 * and delete files the same way.
 */
public final class BotStorage {

    /** Temporary files of interrupted writes end with this; LIST does not show them. */
    static final String PART_SUFFIX = ".part";

    private final Path folder;
    private final FilesSettings settings;

    /**
     * The storage of a bot.
     *
     * @param folder the bot's storage folder
     * @param settings the size limits
     */
    public BotStorage(Path folder, FilesSettings settings) {
        this.folder = requireNonNull(folder, "folder is null").toAbsolutePath().normalize();
        this.settings = requireNonNull(settings, "settings is null");
    }

    /**
     * The storage of the bot a step runs for, configured by the files plugin's settings.
     *
     * @param context the step's context
     * @param files the files plugin's settings: the plugin's own, or {@code
     *     context.configurationOf("files")} from another plugin
     * @return the storage
     * @throws KeywordException when the context belongs to no execution or a setting is malformed
     */
    public static BotStorage of(InvocationContext context, PluginConfiguration files) throws KeywordException {
        ExecutionScope scope = context.scope()
                .orElseThrow(() -> KeywordException.permanent(
                        "file keywords need a running execution: this context names no bot"));
        FilesSettings settings;
        try {
            settings = FilesSettings.from(files, context.configurationOf("scripts"));
        } catch (IllegalArgumentException e) {
            throw KeywordException.permanent(e.getMessage(), e);
        }
        return new BotStorage(settings.driveOf(scope), settings);
    }

    /**
     * The folder.
     *
     * @return absolute and normalised
     */
    public Path folder() {
        return folder;
    }

    // ---- paths ----

    /**
     * Resolves a path of the storage, refusing one that leaves it.
     *
     * @param keyword the keyword, for the message
     * @param written the path as the script wrote it; {@code /} or {@code \} separate folders
     * @return the absolute path inside the folder
     * @throws KeywordException {@code PATH_TRAVERSAL} for an absolute path, a {@code ..} segment, a
     *     URL or a link out of the folder; a blank path
     */
    public Path resolve(String keyword, String written) throws KeywordException {
        try {
            return ContainedPath.resolve(folder, "the bot's storage", written, ContainedPath.Rules.SCRIPT);
        } catch (ContainedPath.Refused e) {
            if (e.reason() == ContainedPath.Reason.EMPTY) {
                throw KeywordException.permanent(keyword + ": the path is empty; give a path in the bot's storage");
            }
            throw traversal(keyword, written, e.getMessage());
        } catch (IOException e) {
            throw KeywordException.retryable(keyword + ": cannot check the path '" + written + "': " + e, e);
        }
    }

    private static KeywordException traversal(String keyword, String written, String why) {
        return KeywordException.permanent(keyword + ": PATH_TRAVERSAL: the path '" + written + "' " + why);
    }

    /** The path as scripts see it: relative to the folder, with {@code /}. */
    String relative(Path path) {
        return folder.relativize(path).toString().replace('\\', '/');
    }

    // ---- operations ----

    /**
     * Reads a file: its text when it is UTF-8, else its bytes in Base64.
     *
     * @param keyword the keyword, for messages
     * @param written the path
     * @return the content
     * @throws KeywordException {@code FILE_NOT_FOUND}, {@code FILE_TOO_LARGE}, or a path refused
     */
    public Value read(String keyword, String written) throws KeywordException {
        byte[] bytes = readBytes(keyword, written);
        try {
            return new TextValue(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            return new TextValue(Base64.getEncoder().encodeToString(bytes));
        }
    }

    /**
     * Reads a file's bytes (an attachment, a copy).
     *
     * @param keyword the keyword, for messages
     * @param written the path
     * @return the bytes
     * @throws KeywordException {@code FILE_NOT_FOUND}, {@code FILE_TOO_LARGE}, or a path refused
     */
    public byte[] readBytes(String keyword, String written) throws KeywordException {
        Path path = existingFile(keyword, written);
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw KeywordException.retryable(keyword + ": cannot read '" + written + "': " + e, e);
        }
    }

    private Path existingFile(String keyword, String written) throws KeywordException {
        Path path = resolve(keyword, written);
        if (!Files.isRegularFile(path)) {
            throw KeywordException.permanent(keyword + ": FILE_NOT_FOUND: '" + written + "' is not a file in "
                    + (Files.isDirectory(path) ? "the bot's storage (it is a folder)" : "the bot's storage " + folder));
        }
        try {
            long size = Files.size(path);
            if (size > settings.maxFileBytes()) {
                throw tooLarge(keyword, written, size);
            }
        } catch (IOException e) {
            throw KeywordException.retryable(keyword + ": cannot read '" + written + "': " + e, e);
        }
        return path;
    }

    private KeywordException tooLarge(String keyword, String written, long size) {
        return KeywordException.permanent(keyword + ": FILE_TOO_LARGE: '" + written + "' has " + size
                + " bytes, more than basicflow.files.max-file-bytes (" + settings.maxFileBytes() + ")");
    }

    /**
     * Writes a file durably: to a temporary name keyed by the step, then moved into place.
     *
     * @param keyword the keyword, for messages
     * @param written the path
     * @param bytes the content
     * @param idempotencyKey the step's key: a repeated attempt reuses the same temporary name
     * @return the path as scripts see it
     * @throws KeywordException {@code FILE_TOO_LARGE}, a path refused, or a disk failure (retryable)
     */
    public String write(String keyword, String written, byte[] bytes, String idempotencyKey) throws KeywordException {
        if (bytes.length > settings.maxFileBytes()) {
            throw tooLarge(keyword, written, bytes.length);
        }
        Path target = resolve(keyword, written);
        if (Files.isDirectory(target)) {
            throw KeywordException.permanent(keyword + ": '" + written + "' is a folder; give a file name");
        }
        try {
            Path temp = temporaryFor(target, idempotencyKey);
            try (FileChannel channel = FileChannel.open(
                    temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            moveIntoPlace(temp, target);
            return relative(target);
        } catch (IOException e) {
            throw KeywordException.retryable(keyword + ": cannot write '" + written + "': " + e, e);
        }
    }

    /**
     * Appends to a file (created when missing) once per step, even when the step is attempted again
     * after a crash ({@link AppendLedger}).
     *
     * @param keyword the keyword, for messages
     * @param written the path
     * @param bytes what to add
     * @param idempotencyKey the step's key
     * @return the path as scripts see it
     * @throws KeywordException {@code FILE_TOO_LARGE}, a path refused, or a disk failure (retryable)
     */
    public String append(String keyword, String written, byte[] bytes, String idempotencyKey) throws KeywordException {
        Path target = resolve(keyword, written);
        if (Files.isDirectory(target)) {
            throw KeywordException.permanent(keyword + ": '" + written + "' is a folder; give a file name");
        }
        try {
            Files.createDirectories(target.getParent());
            long size = AppendLedger.append(target, bytes, shortHash(idempotencyKey), settings.maxFileBytes());
            if (size < 0) {
                throw tooLarge(keyword, written, Files.size(target) + bytes.length);
            }
            return relative(target);
        } catch (IOException e) {
            throw KeywordException.retryable(keyword + ": cannot append to '" + written + "': " + e, e);
        }
    }

    /**
     * Copies a file durably (through a temporary name keyed by the step).
     *
     * @param keyword the keyword, for messages
     * @param source the file to copy
     * @param destination the new file
     * @param idempotencyKey the step's key
     * @return the destination as scripts see it
     * @throws KeywordException {@code FILE_NOT_FOUND}, {@code FILE_TOO_LARGE}, a path refused
     */
    public String copy(String keyword, String source, String destination, String idempotencyKey)
            throws KeywordException {
        Path from = existingFile(keyword, source);
        Path target = resolve(keyword, destination);
        if (Files.isDirectory(target)) {
            target = resolve(keyword, destination + "/" + from.getFileName());
        }
        try {
            Path temp = temporaryFor(target, idempotencyKey);
            Files.copy(from, temp, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            moveIntoPlace(temp, target);
            return relative(target);
        } catch (IOException e) {
            throw KeywordException.retryable(keyword + ": cannot copy '" + source + "': " + e, e);
        }
    }

    /**
     * Moves or renames a file or folder. An attempt repeated after a crash that finds the source gone
     * and the destination present counts as done.
     *
     * @param keyword the keyword, for messages
     * @param source what to move
     * @param destination where to
     * @return the destination as scripts see it
     * @throws KeywordException {@code FILE_NOT_FOUND}, a path refused
     */
    public String move(String keyword, String source, String destination) throws KeywordException {
        Path from = resolve(keyword, source);
        Path target = resolve(keyword, destination);
        boolean sourceThere = Files.exists(from, LinkOption.NOFOLLOW_LINKS);
        if (sourceThere && Files.isDirectory(target) && !Files.isDirectory(from)) {
            target = resolve(keyword, destination + "/" + from.getFileName());
        }
        if (!sourceThere) {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                return relative(target); // moved by an attempt that crashed before it was recorded
            }
            throw KeywordException.permanent(
                    keyword + ": FILE_NOT_FOUND: '" + source + "' is not in the bot's storage " + folder);
        }
        try {
            Files.createDirectories(target.getParent());
            moveIntoPlace(from, target);
            return relative(target);
        } catch (IOException e) {
            throw KeywordException.retryable(keyword + ": cannot move '" + source + "': " + e, e);
        }
    }

    /**
     * Deletes a file or an empty folder; nothing to delete is no error (a repeated attempt finds it
     * gone).
     *
     * @param keyword the keyword, for messages
     * @param written the path
     * @return whether something was deleted
     * @throws KeywordException a path refused, a folder that is not empty
     */
    public boolean delete(String keyword, String written) throws KeywordException {
        Path path = resolve(keyword, written);
        if (path.equals(folder)) {
            throw KeywordException.permanent(keyword + ": '" + written + "' is the bot's whole storage; name a file");
        }
        try {
            return Files.deleteIfExists(path);
        } catch (DirectoryNotEmptyException e) {
            throw KeywordException.permanent(
                    keyword + ": '" + written + "' is a folder that is not empty; delete its files first");
        } catch (IOException e) {
            throw KeywordException.retryable(keyword + ": cannot delete '" + written + "': " + e, e);
        }
    }

    /**
     * Lists a folder: one map per entry with {@code name}, {@code path}, {@code size}, {@code
     * is_folder} and {@code modified}, sorted by name.
     *
     * @param keyword the keyword, for messages
     * @param written the folder; empty for the storage's top
     * @param glob only names that match it ({@code *.pdf}), or null for all
     * @return the entries
     * @throws KeywordException {@code FILE_NOT_FOUND}, too many entries, a path refused
     */
    public ListValue list(String keyword, String written, String glob) throws KeywordException {
        return list(keyword, written, glob, false);
    }

    /**
     * Lists a folder, or with {@code recursive} the whole tree under it (folders and files at every
     * depth, each {@code path} relative to the storage, sorted by path). Symbolic links to folders are
     * listed, not entered.
     *
     * @param keyword the keyword, for messages
     * @param written the folder; empty for the storage's top
     * @param glob only names that match it ({@code *.pdf}), or null for all
     * @param recursive whether to descend into sub-folders
     * @return the entries
     * @throws KeywordException {@code FILE_NOT_FOUND}, too many entries, a path refused
     */
    public ListValue list(String keyword, String written, String glob, boolean recursive) throws KeywordException {
        Path path = written.isBlank() ? folder : resolve(keyword, written);
        if (!Files.exists(path) && path.equals(folder)) {
            return ListValue.EMPTY; // a bot that never wrote a file has an empty storage
        }
        if (!Files.isDirectory(path)) {
            throw KeywordException.permanent(
                    keyword + ": FILE_NOT_FOUND: '" + written + "' is not a folder in the bot's storage " + folder);
        }
        PathMatcher matcher = glob == null ? null : FileSystems.getDefault().getPathMatcher("glob:" + glob);
        List<Value> entries = new ArrayList<>();
        try (Stream<Path> children = recursive ? Files.walk(path).skip(1) : Files.list(path)) {
            for (Path child : children.sorted().toList()) {
                String name = child.getFileName().toString();
                if (isHidden(name)) {
                    continue;
                }
                if (matcher != null && !matcher.matches(child.getFileName())) {
                    continue;
                }
                if (entries.size() >= settings.maxListEntries()) {
                    throw KeywordException.permanent(keyword + ": '" + written + "' holds more than "
                            + settings.maxListEntries() + " entries (basicflow.files.max-list-entries); use FILTER");
                }
                BasicFileAttributes attributes =
                        Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                Map<String, Value> entry = new LinkedHashMap<>();
                entry.put("name", new TextValue(name));
                entry.put("path", new TextValue(relative(child)));
                entry.put("size", IntegerValue.of(attributes.isDirectory() ? 0 : attributes.size()));
                entry.put("is_folder", BooleanValue.of(attributes.isDirectory()));
                entry.put(
                        "modified",
                        new TextValue(attributes.lastModifiedTime().toInstant().toString()));
                entries.add(new MapValue(entry));
            }
        } catch (NoSuchFileException e) {
            return ListValue.EMPTY;
        } catch (IOException | UncheckedIOException e) {
            throw KeywordException.retryable(keyword + ": cannot list '" + written + "': " + e, e);
        }
        return new ListValue(entries);
    }

    /** Whether a name is a temporary file of a write in flight or an append ledger, which LIST hides. */
    static boolean isHidden(String name) {
        return name.startsWith(".") && (name.endsWith(PART_SUFFIX) || name.endsWith(AppendLedger.SUFFIX));
    }

    static Path temporaryFor(Path target, String idempotencyKey) throws IOException {
        Files.createDirectories(target.getParent());
        return target.resolveSibling("." + target.getFileName() + "." + shortHash(idempotencyKey) + PART_SUFFIX);
    }

    static void moveIntoPlace(Path from, Path target) throws IOException {
        try {
            Files.move(from, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The first 8 bytes of the text's SHA-256, in hex: a short, stable name for a key. */
    static String shortHash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
