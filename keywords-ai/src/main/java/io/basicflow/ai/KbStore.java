package io.basicflow.ai;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Where the passages of the knowledge bases and their embeddings are kept. */
interface KbStore {

    /** One passage of a document with its embedding (unit length). */
    record Chunk(String path, int ordinal, String text, float[] vector) {}

    /** The documents indexed for a knowledge base: path → SHA-256 of the bytes indexed. */
    Map<String, String> documents(String kb);

    /** Replaces a document's passages (or adds the document). */
    void replace(String kb, String path, String sha256, List<Chunk> chunks);

    /** Forgets a document that left the folder. */
    void remove(String kb, String path);

    /** Every passage of a knowledge base. */
    List<Chunk> chunks(String kb);

    /**
     * What is stored of one document, for the {@code KB …} statistics keywords.
     *
     * @param kb the knowledge base's key (its folder's absolute path)
     * @param path the document's path inside the folder
     * @param sha256 the hash of the bytes indexed
     * @param passages how many passages it was cut into
     * @param bytes the passages' text (UTF-8) plus 4 bytes per embedding dimension
     * @param indexedAt when it was (last) indexed
     */
    record StoredDocument(String kb, String path, String sha256, int passages, long bytes, Instant indexedAt) {}

    /** The documents of every knowledge base whose key starts with the prefix (a folder path and "/"). */
    List<StoredDocument> storedUnder(String prefix);
}
