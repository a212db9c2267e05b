package io.basicflow.ai;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Knowledge bases kept in this process only: a run without a database, and tests. */
final class MemoryKbStore implements KbStore {

    private record Entry(String sha256, List<Chunk> chunks) {}

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
        kb(kb).put(path, new Entry(sha256, List.copyOf(chunks)));
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
}
