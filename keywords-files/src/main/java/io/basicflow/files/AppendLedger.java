package io.basicflow.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code WRITE … APPEND} that adds its text once even when its step is attempted again after a
 * crash.
 *
 * <p>Next to the file, a hidden ledger {@code .<name>.appends} holds one line per append in flight:
 * the hash of the step's idempotency key and the file's length before that append. The line is
 * written and forced to disk <em>before</em> the bytes are appended. An attempt that finds its key in
 * the ledger therefore knows where its bytes belong: if they are already there it does nothing, if
 * the file still has its old length it appends, and if only part of them landed (a torn write) it
 * cuts the file back to the old length and appends again. A step's key is the same for every
 * attempt, in both modes. The ledger keeps the last {@value #KEEP} entries: an append stays in flight
 * only until its step's completion is recorded, and a completed step is never attempted again.
 *
 * <p>Appends of one process are serialized; the ledger does not make appends by several nodes to one
 * file safe (neither does a plain file system).
 */
final class AppendLedger {

    /** The ledger's name ends with this; LIST hides it. */
    static final String SUFFIX = ".appends";

    static final int KEEP = 64;

    private static final Object LOCK = new Object();

    private AppendLedger() {}

    /**
     * Appends bytes to a file once for a key.
     *
     * @param target the file (its folder exists)
     * @param bytes what to add
     * @param keyHash the hash of the step's idempotency key
     * @param maxBytes the largest the file may grow to
     * @return the file's length after the append, or -1 if it would exceed {@code maxBytes}
     */
    static long append(Path target, byte[] bytes, String keyHash, long maxBytes) throws IOException {
        synchronized (LOCK) {
            Path ledger = target.resolveSibling("." + target.getFileName() + SUFFIX);
            List<String> entries = entries(ledger);
            long size = Files.exists(target) ? Files.size(target) : 0;
            long before = -1;
            for (String entry : entries) {
                String[] parts = entry.split(" ");
                if (parts.length == 2 && parts[0].equals(keyHash)) {
                    before = Long.parseLong(parts[1]);
                }
            }
            if (before >= 0 && landed(target, before, bytes, size)) {
                return size; // appended by an attempt whose completion was lost
            }
            // only a torn earlier attempt (part of the bytes) is cut back; anything else is appended after
            long start = before >= 0 && size > before && size < before + bytes.length ? before : size;
            if (start + bytes.length > maxBytes) {
                return -1;
            }
            if (before < 0) {
                record(ledger, entries, keyHash + " " + size);
            }
            try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                channel.truncate(start); // a torn earlier attempt: back to the length before it
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                long position = start;
                while (buffer.hasRemaining()) {
                    position += channel.write(buffer, position);
                }
                channel.force(true);
                return position;
            }
        }
    }

    private static boolean landed(Path target, long before, byte[] bytes, long size) throws IOException {
        if (size < before + bytes.length || !Files.exists(target)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.READ)) {
            ByteBuffer there = ByteBuffer.allocate(bytes.length);
            long position = before;
            while (there.hasRemaining()) {
                int read = channel.read(there, position);
                if (read < 0) {
                    return false;
                }
                position += read;
            }
            return Arrays.equals(there.array(), bytes);
        }
    }

    private static List<String> entries(Path ledger) throws IOException {
        if (!Files.exists(ledger)) {
            return new ArrayList<>();
        }
        List<String> entries = new ArrayList<>();
        for (String line : Files.readAllLines(ledger, StandardCharsets.UTF_8)) {
            if (line.matches("[0-9a-f]+ [0-9]+")) { // a line torn by a crash is skipped
                entries.add(line);
            }
        }
        return entries;
    }

    /** Adds an entry: the ledger is rewritten to a temporary file, forced, and renamed over. */
    private static void record(Path ledger, List<String> entries, String entry) throws IOException {
        List<String> kept = new ArrayList<>(entries.subList(Math.max(0, entries.size() - (KEEP - 1)), entries.size()));
        kept.add(entry);
        Path temp = ledger.resolveSibling(ledger.getFileName() + ".tmp" + BotStorage.PART_SUFFIX);
        try (FileChannel channel = FileChannel.open(
                temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap((String.join("\n", kept) + "\n").getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        try {
            Files.move(temp, ledger, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, ledger, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
