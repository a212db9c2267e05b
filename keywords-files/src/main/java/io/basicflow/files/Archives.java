package io.basicflow.files;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.KeywordException;
import io.basicflow.spi.PluginConfiguration;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * {@code COMPRESS} and {@code EXTRACT}: ZIP archives of files of a bot's storage.
 *
 * <p>Both stay inside the storage: every file put into an archive is resolved like any path of the
 * storage (no {@code ..}, no absolute path, no link that leads out), and an entry of an extracted
 * archive whose name would leave the destination folder ({@code ../x}, {@code /etc/x}, {@code C:x})
 * refuses the whole archive before anything is written (zip slip). Sizes are bounded by {@link Limits}:
 * the bytes are counted as they are inflated, never taken from the archive's own headers, so an
 * archive that lies about its sizes (a zip bomb) is refused when the count passes the limit, again
 * before anything is written.
 *
 * <p>Writes go through temporary names keyed by the step's idempotency key and are renamed into place,
 * as {@code WRITE}'s do: an attempt repeated after a crash overwrites its own leftovers.
 */
final class Archives {

    /** The words General Bots' error messages start with; scripts test them with {@code INSTR}. */
    static final String INVALID_ARCHIVE = "INVALID_ARCHIVE";

    static final String EMPTY_ARCHIVE = "EMPTY_ARCHIVE";

    static final String ARCHIVE_TOO_LARGE = "ARCHIVE_TOO_LARGE";

    /**
     * How large an archive may be.
     *
     * @param maxEntries the most files (and folders) one archive holds ({@code max-archive-entries},
     *     default 10,000)
     * @param maxBytes the most bytes of content one archive holds, counted uncompressed, and the
     *     largest archive file EXTRACT opens ({@code max-archive-bytes}, default 64 MiB)
     */
    record Limits(int maxEntries, long maxBytes) {

        Limits {
            if (maxEntries <= 0 || maxBytes <= 0) {
                throw new IllegalArgumentException(
                        "basicflow.files.max-archive-entries and max-archive-bytes must be positive");
            }
        }

        static Limits from(PluginConfiguration files) {
            return new Limits(files.getInt("max-archive-entries", 10_000), files.getInt("max-archive-bytes", 64 << 20));
        }
    }

    private final BotStorage storage;
    private final Limits limits;

    Archives(BotStorage storage, Limits limits) {
        this.storage = requireNonNull(storage, "storage is null");
        this.limits = requireNonNull(limits, "limits is null");
    }

    // ---- COMPRESS ----

    /**
     * Writes a ZIP archive of files of the storage. Each file is stored under its path in the storage
     * ({@code reports/week1.pdf}), so extracting the archive into a folder rebuilds the same tree there.
     *
     * @param files a path, a folder (every file under it), a glob in the last name ({@code
     *     "exports/data_*.csv"}), a map with a {@code path} (a LIST item), or a list of these
     * @param archive the archive's path
     * @param idempotencyKey the step's key
     * @param now when, for {@code created_at}
     * @return {@code path}, {@code filename}, {@code size}, {@code file_count}, {@code created_at}
     */
    MapValue compress(Value files, String archive, String idempotencyKey, Instant now) throws KeywordException {
        Path target = storage.resolve("COMPRESS", archive);
        if (Files.isDirectory(target)) {
            throw KeywordException.permanent("COMPRESS: '" + archive + "' is a folder; name the archive's file");
        }
        Map<String, Path> sources = new TreeMap<>();
        for (Value item : files instanceof ListValue list ? list.elements() : List.of(files)) {
            collect(item, target, sources);
        }
        if (sources.isEmpty()) {
            throw KeywordException.permanent("COMPRESS: " + EMPTY_ARCHIVE + ": " + files.display()
                    + " names no file of the bot's storage; nothing to put into '" + archive + "'");
        }
        if (sources.size() > limits.maxEntries()) {
            throw KeywordException.permanent("COMPRESS: " + ARCHIVE_TOO_LARGE + ": " + sources.size()
                    + " files, more than basicflow.files.max-archive-entries (" + limits.maxEntries() + ")");
        }
        try {
            long total = 0;
            for (Path source : sources.values()) {
                total += Files.size(source);
            }
            if (total > limits.maxBytes()) {
                throw KeywordException.permanent("COMPRESS: " + ARCHIVE_TOO_LARGE + ": the files hold " + total
                        + " bytes, more than basicflow.files.max-archive-bytes (" + limits.maxBytes() + ")");
            }
            Path temp = BotStorage.temporaryFor(target, idempotencyKey);
            try (OutputStream out = Files.newOutputStream(temp);
                    ZipOutputStream zip = new ZipOutputStream(out)) {
                for (Map.Entry<String, Path> source : sources.entrySet()) {
                    ZipEntry entry = new ZipEntry(source.getKey());
                    entry.setLastModifiedTime(Files.getLastModifiedTime(source.getValue()));
                    zip.putNextEntry(entry);
                    Files.copy(source.getValue(), zip);
                    zip.closeEntry();
                }
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            BotStorage.moveIntoPlace(temp, target);
            Map<String, Value> result = new LinkedHashMap<>();
            result.put("path", new TextValue(storage.relative(target)));
            result.put("filename", new TextValue(target.getFileName().toString()));
            result.put("size", IntegerValue.of(Files.size(target)));
            result.put("file_count", IntegerValue.of(sources.size()));
            result.put("created_at", new TextValue(now.toString()));
            return new MapValue(result);
        } catch (IOException e) {
            throw KeywordException.retryable("COMPRESS: cannot write '" + archive + "': " + e, e);
        }
    }

    /** Adds the files one item names, keyed by their path in the storage. */
    private void collect(Value item, Path archive, Map<String, Path> sources) throws KeywordException {
        Value path = item instanceof MapValue map ? map.find("path").orElse(NullValue.NULL) : item;
        if (path instanceof NullValue || path instanceof ListValue || path instanceof MapValue) {
            throw KeywordException.permanent("COMPRESS: " + item.display()
                    + " is no path; give paths of the bot's storage (texts, or LIST items)");
        }
        String written = path.display().strip().replace('\\', '/');
        int slash = written.lastIndexOf('/');
        String last = written.substring(slash + 1);
        if (last.contains("*") || last.contains("?")) {
            Path folder = slash < 0 ? storage.folder() : storage.resolve("COMPRESS", written.substring(0, slash));
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + last);
            if (!Files.isDirectory(folder)) {
                return; // a glob in a folder that does not exist matches nothing
            }
            try (Stream<Path> children = Files.list(folder)) {
                for (Path child : children.toList()) {
                    if (matcher.matches(child.getFileName())) {
                        addFile(child, archive, sources);
                    }
                }
            } catch (IOException e) {
                throw KeywordException.retryable("COMPRESS: cannot list '" + written + "': " + e, e);
            }
            return;
        }
        Path resolved = storage.resolve("COMPRESS", written);
        if (Files.isDirectory(resolved)) {
            try (Stream<Path> tree = Files.walk(resolved)) {
                for (Path child : tree.toList()) {
                    addFile(child, archive, sources);
                }
            } catch (IOException e) {
                throw KeywordException.retryable("COMPRESS: cannot list '" + written + "': " + e, e);
            }
        } else if (Files.isRegularFile(resolved)) {
            addFile(resolved, archive, sources);
        } else {
            throw KeywordException.permanent(
                    "COMPRESS: FILE_NOT_FOUND: '" + written + "' is not in the bot's storage " + storage.folder());
        }
    }

    private void addFile(Path file, Path archive, Map<String, Path> sources) throws KeywordException {
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(file)) {
            return; // a folder of a walk: its files come on their own
        }
        if (file.equals(archive) || BotStorage.isHidden(name)) {
            return; // the archive itself, and temporary files and ledgers of writes in flight
        }
        String relative = storage.relative(file);
        Path checked = storage.resolve("COMPRESS", relative); // a link inside the tree may lead out
        if (Files.isRegularFile(checked)) {
            sources.put(relative, checked);
        }
    }

    // ---- EXTRACT ----

    /**
     * What EXTRACT wrote.
     *
     * @param destination the folder, as scripts see it
     * @param files the files written, as scripts see their paths, in the archive's order
     * @param folders the folders the archive holds, under the destination
     * @param totalBytes the bytes written
     */
    record Extraction(String destination, List<String> files, int folders, long totalBytes) {

        /** The page's result: {@code destination}, {@code file_count}, … */
        MapValue describe(Instant when) {
            Map<String, Value> result = new LinkedHashMap<>();
            result.put("destination", new TextValue(destination));
            result.put("file_count", IntegerValue.of(files.size()));
            result.put("folder_count", IntegerValue.of(folders));
            result.put("total_size", IntegerValue.of(totalBytes));
            result.put("files", paths());
            result.put("extracted_at", new TextValue(when.toString()));
            return new MapValue(result);
        }

        ListValue paths() {
            return new ListValue(files.stream().<Value>map(TextValue::new).toList());
        }
    }

    /**
     * Unpacks a ZIP archive of the storage into a folder of the storage (created when missing). The
     * archive is read twice: first to check every entry's name and count its bytes, inflating them
     * (nothing is written if one entry is refused), then to write the files.
     *
     * @param archive the archive's path
     * @param destination the folder
     * @param idempotencyKey the step's key
     * @return what was written
     */
    Extraction extract(String archive, String destination, String idempotencyKey) throws KeywordException {
        Path source = storage.resolve("EXTRACT", archive);
        if (!Files.isRegularFile(source)) {
            throw KeywordException.permanent("EXTRACT: FILE_NOT_FOUND: '" + archive
                    + "' is not a file in the bot's storage " + storage.folder());
        }
        Path folder = storage.resolve("EXTRACT", destination);
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw KeywordException.permanent("EXTRACT: the destination '" + destination + "' is a file; name a folder");
        }
        try {
            long size = Files.size(source);
            if (size > limits.maxBytes()) {
                throw KeywordException.permanent("EXTRACT: " + ARCHIVE_TOO_LARGE + ": '" + archive + "' has " + size
                        + " bytes, more than basicflow.files.max-archive-bytes (" + limits.maxBytes() + ")");
            }
            if (!startsLikeZip(source)) {
                throw invalid(archive, "it is not a ZIP archive");
            }
            check(archive, source);
            String base = storage.relative(folder);
            String prefix = base.isEmpty() ? "" : base + "/";
            Set<String> folders = new TreeSet<>();
            List<String> written = new ArrayList<>();
            long[] total = {0};
            forEachEntry(archive, source, (zip, name, directory) -> {
                addParents(name, directory, folders);
                Path target = storage.resolve("EXTRACT", prefix + name);
                if (directory) {
                    Files.createDirectories(target);
                    return;
                }
                if (Files.isDirectory(target)) {
                    throw KeywordException.permanent("EXTRACT: the archive's file '" + name
                            + "' would replace the folder '" + prefix + name + "'; extract into another folder");
                }
                total[0] += writeEntry(zip, target, idempotencyKey + "/" + name, limits.maxBytes() - total[0], archive);
                written.add(storage.relative(target));
            });
            return new Extraction(base, written, folders.size(), total[0]);
        } catch (ZipException | EOFException e) {
            throw invalid(archive, "it is damaged or cut short (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw KeywordException.retryable("EXTRACT: cannot extract '" + archive + "': " + e, e);
        }
    }

    /** The first pass: every name allowed, no name twice, no file where a folder is, sizes bounded. */
    private void check(String archive, Path source) throws IOException, KeywordException {
        Map<String, Boolean> entries = new LinkedHashMap<>(); // name -> is a folder
        byte[] buffer = new byte[8192];
        long[] total = {0};
        forEachEntry(archive, source, (zip, name, directory) -> {
            if (entries.size() >= limits.maxEntries()) {
                throw KeywordException.permanent("EXTRACT: " + ARCHIVE_TOO_LARGE + ": '" + archive
                        + "' holds more than basicflow.files.max-archive-entries (" + limits.maxEntries()
                        + ") entries");
            }
            Boolean before = entries.put(name, directory);
            if (before != null && !(before && directory)) {
                throw invalid(archive, "it holds '" + name + "' twice");
            }
            for (int read = zip.read(buffer); read >= 0; read = zip.read(buffer)) {
                total[0] += read;
                if (total[0] > limits.maxBytes()) {
                    throw KeywordException.permanent("EXTRACT: " + ARCHIVE_TOO_LARGE + ": '" + archive
                            + "' unpacks to more than basicflow.files.max-archive-bytes (" + limits.maxBytes()
                            + ") bytes; nothing was extracted");
                }
            }
        });
        for (Map.Entry<String, Boolean> entry : entries.entrySet()) {
            String name = entry.getKey();
            for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
                if (Boolean.FALSE.equals(entries.get(name.substring(0, slash)))) {
                    throw invalid(archive, "'" + name.substring(0, slash) + "' is both a file and a folder");
                }
            }
        }
    }

    /** What is done with each entry of an archive, its content readable from the stream. */
    @FunctionalInterface
    private interface EntryVisitor {
        void visit(ZipInputStream zip, String name, boolean directory) throws IOException, KeywordException;
    }

    /** Visits the archive's entries in order, with their names checked; the destination itself skipped. */
    private static void forEachEntry(String archive, Path source, EntryVisitor visitor)
            throws IOException, KeywordException {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(source))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                String name = entryName(archive, entry.getName());
                if (!name.isEmpty()) {
                    visitor.visit(zip, name, entry.isDirectory());
                }
            }
        }
    }

    /**
     * An entry's name as a path under the destination: {@code /} between names, no {@code .}; refused
     * when it could leave the destination. Empty for the destination itself ({@code ./}).
     */
    static String entryName(String archive, String raw) throws KeywordException {
        String name = raw.replace('\\', '/');
        if (name.startsWith("/") || name.matches("[A-Za-z]:.*")) {
            throw zipSlip(archive, raw, "is absolute");
        }
        List<String> names = new ArrayList<>();
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                throw zipSlip(archive, raw, "goes up with '..'");
            }
            if (segment.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw zipSlip(archive, raw, "holds a control character");
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                names.add(segment);
            }
        }
        return String.join("/", names);
    }

    private static KeywordException zipSlip(String archive, String entry, String why) {
        return KeywordException.permanent("EXTRACT: " + INVALID_ARCHIVE + ": PATH_TRAVERSAL: the entry '" + entry
                + "' of '" + archive + "' " + why + " and would leave the destination; nothing was extracted");
    }

    private static KeywordException invalid(String archive, String why) {
        return KeywordException.permanent(
                "EXTRACT: " + INVALID_ARCHIVE + ": '" + archive + "' cannot be extracted: " + why);
    }

    private static void addParents(String name, boolean directory, Set<String> folders) {
        int end = directory ? name.length() : name.lastIndexOf('/');
        for (int slash = name.indexOf('/'); slash > 0 && slash < end; slash = name.indexOf('/', slash + 1)) {
            folders.add(name.substring(0, slash));
        }
        if (end > 0) {
            folders.add(name.substring(0, end));
        }
    }

    private static boolean startsLikeZip(Path source) throws IOException {
        try (InputStream in = Files.newInputStream(source)) {
            byte[] head = in.readNBytes(4);
            // a local file header, or the end record of an empty archive
            return head.length == 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5);
        }
    }

    /** Writes one entry through a temporary name, counting the bytes; returns how many. */
    private static long writeEntry(ZipInputStream zip, Path target, String key, long allowed, String archive)
            throws IOException, KeywordException {
        Path temp = BotStorage.temporaryFor(target, key);
        long count = 0;
        byte[] buffer = new byte[8192];
        try (FileChannel channel = FileChannel.open(
                        temp,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE);
                OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
            for (int read = zip.read(buffer); read >= 0; read = zip.read(buffer)) {
                count += read;
                if (count > allowed) {
                    Files.deleteIfExists(temp);
                    throw KeywordException.permanent("EXTRACT: " + ARCHIVE_TOO_LARGE + ": '" + archive
                            + "' changed while it was extracted and now unpacks to more than allowed");
                }
                out.write(buffer, 0, read);
            }
            out.flush();
            channel.force(true);
        }
        BotStorage.moveIntoPlace(temp, target);
        return count;
    }
}
