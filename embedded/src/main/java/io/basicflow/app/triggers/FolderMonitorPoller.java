package io.basicflow.app.triggers;

import static java.util.Objects.requireNonNull;

import io.basicflow.persistence.JdbcFolderMonitors;
import io.basicflow.persistence.JdbcFolderMonitors.Change;
import io.basicflow.persistence.JdbcFolderMonitors.Monitor;
import io.basicflow.persistence.JdbcFolderMonitors.Scanned;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.Json;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scans the folders of the deployed {@code ON CHANGE} monitors and queues one start per change ({@link
 * JdbcFolderMonitors#apply}): any number of pollers, on any nodes, may run at once; each change starts the
 * monitor's handler exactly once. The watched folder is inside the bot's storage folder, and a folder that
 * leaves it (through a link) is refused.
 */
public final class FolderMonitorPoller {

    private static final Logger log = LoggerFactory.getLogger(FolderMonitorPoller.class);

    /** The most files one scan of one monitor looks at (more are left out, and logged). */
    static final int MAX_FILES = 10_000;

    private final JdbcFolderMonitors monitors;
    private final Function<String, Path> driveOf;
    private final Clock clock;

    /**
     * A poller.
     *
     * @param monitors the deployed monitors
     * @param driveOf the storage folder of the bot of a script
     * @param clock the starts' time
     */
    public FolderMonitorPoller(JdbcFolderMonitors monitors, Function<String, Path> driveOf, Clock clock) {
        this.monitors = requireNonNull(monitors, "monitors is null");
        this.driveOf = requireNonNull(driveOf, "driveOf is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Scans every watched folder once. A folder that cannot be read is logged and noted on its monitor
     * ({@code last_error}); its state stays, so the next scan sees the same changes.
     *
     * @return the starts this scan added
     */
    public int poll() {
        int started = 0;
        for (Monitor monitor : monitors.list()) {
            try {
                started += pollMonitor(monitor);
            } catch (IOException | RuntimeException e) {
                String error = e.getClass().getSimpleName() + ": " + e.getMessage();
                log.warn(
                        "{}:{}: ON CHANGE \"{}\": the folder could not be read: {}",
                        monitor.script(),
                        monitor.line(),
                        monitor.folder(),
                        error);
                try {
                    monitors.failed(monitor.id(), error);
                } catch (RuntimeException ignored) {
                    // the database is away too: the next scan tries again
                }
            }
        }
        return started;
    }

    /**
     * The watched folder of a monitor, inside its bot's storage folder.
     *
     * @param monitor the monitor
     * @return the folder
     * @throws IOException when it leaves the storage folder (a {@code ..}, an absolute path, a link)
     */
    Path folderOf(Monitor monitor) throws IOException {
        Path drive = driveOf.apply(monitor.script()).toAbsolutePath().normalize();
        Path folder = drive.resolve(monitor.folder().replace('\\', '/')).normalize();
        if (!folder.startsWith(drive)) {
            throw new IOException("the folder " + monitor.folder() + " leaves the bot's storage folder " + drive);
        }
        if (Files.exists(folder) && Files.exists(drive)) {
            Path real = folder.toRealPath();
            if (!real.startsWith(drive.toRealPath())) {
                throw new IOException("the folder " + monitor.folder() + " leads out of the bot's storage folder "
                        + drive + " (to " + real + ")");
            }
        }
        return folder;
    }

    private int pollMonitor(Monitor monitor) throws IOException {
        Path drive = driveOf.apply(monitor.script()).toAbsolutePath().normalize();
        Path folder = folderOf(monitor);
        Map<String, Scanned> scan = scan(folder);
        Optional<List<Change>> started = monitors.apply(
                monitor.id(),
                scan,
                path -> hash(folder.resolve(path)),
                change -> Json.write(params(monitor, drive, folder, change)),
                clock.instant());
        return started.map(List::size).orElse(0);
    }

    /** The files under a folder (not following links; hidden files and unfinished writes left out). */
    static Map<String, Scanned> scan(Path folder) throws IOException {
        Map<String, Scanned> found = new TreeMap<>();
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return found;
        }
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(folder) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && !hidden(file) && found.size() < MAX_FILES) {
                    found.put(
                            folder.relativize(file).toString().replace('\\', '/'),
                            new Scanned(attrs.size(), attrs.lastModifiedTime().toInstant()));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // deleted while the scan ran: the next scan sees it gone
                }
                throw e;
            }
        });
        return found;
    }

    private static boolean hidden(Path path) {
        String name = path.getFileName().toString();
        return name.startsWith(".") || name.endsWith(".part");
    }

    /** A file's SHA-256, or null when it is gone. */
    static String hash(Path file) {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** keyword-on-change.md's "Change Event Properties" of one change. */
    static MapValue params(Monitor monitor, Path drive, Path folder, Change change) {
        String startId = JdbcFolderMonitors.startId(monitor.id(), change);
        Path file = folder.resolve(change.path());
        String name = file.getFileName().toString();
        Map<String, Value> event = new LinkedHashMap<>();
        event.put("trigger", new TextValue("change"));
        event.put(
                "id",
                new TextValue(UUID.nameUUIDFromBytes(startId.getBytes(StandardCharsets.UTF_8))
                        .toString()));
        event.put("monitor_id", new TextValue(monitor.id()));
        event.put("event_type", new TextValue(change.event()));
        event.put("file_path", new TextValue(drive.relativize(file).toString().replace('\\', '/')));
        event.put("file_name", new TextValue(name));
        event.put("file_size", IntegerValue.of(change.state().size()));
        event.put("size", IntegerValue.of(change.state().size()));
        event.put("mime_type", new TextValue(mimeOf(name)));
        event.put("modified_at", new TextValue(change.state().modifiedAt().toString()));
        event.put("content_hash", new TextValue(change.state().hash()));
        event.put("folder", new TextValue(monitor.folder()));
        event.put("old_path", NullValue.NULL);
        return new MapValue(event);
    }

    private static String mimeOf(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String guessed = URLConnection.guessContentTypeFromName(lower);
        if (guessed != null) {
            return guessed;
        }
        if (lower.endsWith(".csv")) {
            return "text/csv";
        }
        if (lower.endsWith(".json")) {
            return "application/json";
        }
        if (lower.endsWith(".md")) {
            return "text/markdown";
        }
        if (lower.endsWith(".xlsx")) {
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        }
        if (lower.endsWith(".docx")) {
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        }
        return "application/octet-stream";
    }
}
