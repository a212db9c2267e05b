package io.basicflow.persistence.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One owner per data folder, across processes: a lock on {@code <folder>.lock} beside the folder
 * (initdb wants the folder itself empty), held from before the left-over checks until the server is
 * stopped. The operating system releases it when the owner dies, however it dies.
 */
final class FolderLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of a data folder. */
    static Path fileOf(Path dataDirectory) {
        return dataDirectory.resolveSibling(dataDirectory.getFileName() + ".lock");
    }

    /**
     * Takes the lock of a data folder and writes this process's id into it.
     *
     * @throws EmbeddedPostgresException if another process holds it
     */
    static FolderLock acquire(Path dataDirectory) {
        Path file = fileOf(dataDirectory);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String owner = Files.readString(file, StandardCharsets.UTF_8).trim();
                channel.close();
                throw new EmbeddedPostgresException("The data folder " + dataDirectory + " is in use by another running"
                        + " process" + (owner.isEmpty() ? "" : " (process " + owner + ")")
                        + ". Stop that process, or choose another data folder.");
            }
            channel.truncate(0);
            channel.write(
                    ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
            return new FolderLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            throw new EmbeddedPostgresException(
                    "This process already holds the data folder " + dataDirectory + "; close its server first.", e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new EmbeddedPostgresException(
                    "Cannot lock the data folder " + dataDirectory + " through " + file + ": " + e.getMessage(), e);
        }
    }

    /** Releases the lock; the file stays (deleting it could race with the next owner). */
    /**
     * Whether another live process holds the folder's lock right now (a server that process runs
     * may be shared). False when nobody holds it, or this JVM does.
     */
    static boolean heldByAnotherProcess(Path dataDirectory) {
        Path file = fileOf(dataDirectory);
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel releases it too
        } finally {
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing more to release
            }
        }
    }
}
