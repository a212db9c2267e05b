package io.basicflow.ai;

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
}
