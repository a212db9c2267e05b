package io.basicflow.spi;

import io.basicflow.spi.value.Value;
import java.util.Iterator;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The files of the bot a step runs for, for a plugin that reads, writes or deletes one without owning file
 * storage: {@code GET "path"} and {@code DELETE "path"} of the HTTP plugin, {@code SEND MAIL …
 * ATTACHMENT path} of the mail plugin. basicflow's files plugin ({@code keywords-files}) provides it
 * through {@link ServiceLoader} ({@code META-INF/services/io.basicflow.spi.BotFiles}), so those
 * plugins depend on this SPI only and agree with the file keywords on where a bot's files are and
 * which paths are refused.
 */
public interface BotFiles {

    /**
     * Reads a file: its text when it is UTF-8, else its bytes in Base64.
     *
     * @param context the step's context (its scope names the bot)
     * @param keyword the keyword, for messages
     * @param path the path, relative to the bot's storage
     * @return the content
     * @throws KeywordException when the file is missing, too large, or its path leaves the storage
     */
    Value read(InvocationContext context, String keyword, String path) throws KeywordException;

    /**
     * Reads a file's bytes.
     *
     * @param context the step's context
     * @param keyword the keyword, for messages
     * @param path the path, relative to the bot's storage
     * @return the bytes
     * @throws KeywordException when the file is missing, too large, or its path leaves the storage
     */
    byte[] readBytes(InvocationContext context, String keyword, String path) throws KeywordException;

    /**
     * Deletes a file; nothing to delete is no error.
     *
     * @param context the step's context
     * @param keyword the keyword, for messages
     * @param path the path, relative to the bot's storage
     * @return whether a file was deleted
     * @throws KeywordException when the path leaves the storage or the file cannot be deleted
     */
    boolean delete(InvocationContext context, String keyword, String path) throws KeywordException;

    /**
     * Writes a file, replacing it, so that a step repeated after a crash leaves it once: the bytes go
     * to a temporary name keyed by {@code idempotencyKey} and are moved into place ({@code DOWNLOAD},
     * {@code UPLOAD}, {@code GENERATE PDF}). Folders are created.
     *
     * @param context the step's context
     * @param keyword the keyword, for messages
     * @param path the path, relative to the bot's storage
     * @param bytes the content
     * @param idempotencyKey the step's idempotency key
     * @return the path written, normalised (folders separated by {@code /})
     * @throws KeywordException when the path leaves the storage, the content is too large, or the
     *     installed implementation only reads (this default)
     */
    default String write(InvocationContext context, String keyword, String path, byte[] bytes, String idempotencyKey)
            throws KeywordException {
        throw KeywordException.permanent(keyword + " cannot write '" + path + "': the installed BotFiles ("
                + getClass().getName() + ") only reads; install basicflow's keywords-files");
    }

    /**
     * The installed implementation.
     *
     * @param keyword the keyword that needs it, for the message
     * @return the first implementation found on the class path of this interface (or the thread's)
     * @throws KeywordException (permanent) when no plugin provides one
     */
    static BotFiles installed(String keyword) throws KeywordException {
        Optional<BotFiles> found = first(ServiceLoader.load(BotFiles.class, BotFiles.class.getClassLoader()));
        if (found.isEmpty()) {
            found = first(ServiceLoader.load(BotFiles.class));
        }
        return found.orElseThrow(() -> KeywordException.permanent(
                keyword + " of a file needs the files plugin (basicflow's keywords-files) on the class path"));
    }

    private static Optional<BotFiles> first(ServiceLoader<BotFiles> loader) {
        Iterator<BotFiles> iterator = loader.iterator();
        return iterator.hasNext() ? Optional.of(iterator.next()) : Optional.empty();
    }
}
