package io.basicflow.ai;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Knowledge bases kept in this process only: a run without a database, and tests. */
final class MemoryKbStore implements KbStore {

    private record Entry(String sha256, List<Chunk> chunks, Instant indexedAt) {}

    private final Map<String, Map<String, Entry>> kbs = new ConcurrentHashMap<>();

    private Map<String, Entry> kb(String kb) {
        return kbs.computeIfAbsent(kb, name -> new ConcurrentHashMap<>());
    }

    @Override
    public Map<String, String> documents(String kb) {
        Map<String, String> documents = new TreeMap<>();
        kb(kb).forEach((path, entry) -> documents.put(path, entry.sha256()));
        return documents;
    }

    @Override
    public void replace(String kb, String path, String sha256, List<Chunk> chunks) {
        kb(kb).put(path, new Entry(sha256, List.copyOf(chunks), Instant.now()));
    }

    @Override
    public void remove(String kb, String path) {
        kb(kb).remove(path);
    }

    @Override
    public List<Chunk> chunks(String kb) {
        List<Chunk> chunks = new ArrayList<>();
        new TreeMap<>(kb(kb)).values().forEach(entry -> chunks.addAll(entry.chunks()));
        return chunks;
    }

    @Override
    public List<StoredDocument> storedUnder(String prefix) {
        List<StoredDocument> stored = new ArrayList<>();
        new TreeMap<>(kbs).forEach((kb, documents) -> {
            if (kb.startsWith(prefix)) {
                new TreeMap<>(documents).forEach((path, entry) -> {
                    long bytes = 0;
                    for (Chunk chunk : entry.chunks()) {
                        bytes += chunk.text().getBytes(StandardCharsets.UTF_8).length + 4L * chunk.vector().length;
                    }
                    stored.add(new StoredDocument(
                            kb, path, entry.sha256(), entry.chunks().size(), bytes, entry.indexedAt()));
                });
            }
        });
        return stored;
    }
}
