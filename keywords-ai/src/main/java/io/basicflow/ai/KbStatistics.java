package io.basicflow.ai;

import io.basicflow.spi.EffectKind;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.RetryPolicy;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The {@code KB …} statistics keywords over what basicflow stores of the knowledge bases of {@code
 * basicflow.ai.kb-folder}: one collection per subfolder (the name {@code USE KB} takes), with its
 * documents and passages as {@code USE KB} indexed them (see docs/kb-statistics.md for what each figure
 * means here, where General Bots reads it from a vector database).
 */
final class KbStatistics {

    private static final BigDecimal MEGABYTE = BigDecimal.valueOf(1024L * 1024L);

    private final KnowledgeBases knowledge;

    KbStatistics(KnowledgeBases knowledge) {
        this.knowledge = knowledge;
    }

    /** {@code stats = KB STATISTICS}. */
    static final String STATISTICS = "KB STATISTICS";
    /** {@code stats = KB COLLECTION STATS name}. */
    static final String COLLECTION_STATS = "KB COLLECTION STATS";
    /** {@code n = KB DOCUMENTS COUNT}. */
    static final String DOCUMENTS_COUNT = "KB DOCUMENTS COUNT";
    /** {@code n = KB DOCUMENTS ADDED SINCE days}. */
    static final String DOCUMENTS_ADDED_SINCE = "KB DOCUMENTS ADDED SINCE";
    /** {@code names = KB LIST COLLECTIONS}. */
    static final String LIST_COLLECTIONS = "KB LIST COLLECTIONS";
    /** {@code mb = KB STORAGE SIZE}. */
    static final String STORAGE_SIZE = "KB STORAGE SIZE";

    /**
     * The six keywords: each a read of the store and the folder, declared an idempotent effect so that a
     * durable run records the value in the step's completion event and a resumed run reads it from there.
     */
    static List<KeywordDefinition> definitions() {
        return List.of(
                define(STATISTICS, "the totals and every collection's figures, as a map"),
                define(
                        COLLECTION_STATS,
                        "one collection's figures, as a map",
                        ParameterDefinition.required(
                                "collection", "the collection's name, as KB LIST COLLECTIONS gives it (\"faq\")")),
                define(DOCUMENTS_COUNT, "how many documents are indexed"),
                define(
                        DOCUMENTS_ADDED_SINCE,
                        "how many documents were indexed in the last days",
                        ParameterDefinition.required("days", "how many days to look back (1 is the last 24 hours)")),
                define(LIST_COLLECTIONS, "the collections' names, as a list"),
                define(STORAGE_SIZE, "the megabytes the collections' passages and embeddings take"));
    }

    private static KeywordDefinition define(String name, String what, ParameterDefinition... parameters) {
        KeywordDefinition.Builder builder = KeywordDefinition.builder(name)
                .form(KeywordForm.FUNCTION)
                .effect(EffectKind.IDEMPOTENT_EFFECT)
                .retry(RetryPolicy.NONE)
                .description("Knowledge base statistics of basicflow.ai.kb-folder: " + what
                        + ". The value is recorded: a resumed run does not read again.");
        for (ParameterDefinition parameter : parameters) {
            builder.parameter(parameter);
        }
        return builder.build();
    }

    /** The handlers of {@link #definitions()}, by keyword. */
    Map<String, KeywordHandler> handlers() {
        return Map.of(
                STATISTICS, this::statistics,
                COLLECTION_STATS, this::collectionStats,
                DOCUMENTS_COUNT, this::documentsCount,
                DOCUMENTS_ADDED_SINCE, this::documentsAddedSince,
                LIST_COLLECTIONS, this::listCollections,
                STORAGE_SIZE, this::storageSize);
    }

    /** One collection: its folder (may be gone), what is stored of it, and its status. */
    record Collection(String name, Path folder, List<KbStore.StoredDocument> documents, String status) {

        long passages() {
            return documents.stream()
                    .mapToLong(KbStore.StoredDocument::passages)
                    .sum();
        }

        long bytes() {
            return documents.stream().mapToLong(KbStore.StoredDocument::bytes).sum();
        }

        Optional<Instant> lastIndexed() {
            return documents.stream().map(KbStore.StoredDocument::indexedAt).max(Instant::compareTo);
        }
    }

    /** {@code KB STATISTICS}: the totals, the documents added in the last 7 and 30 days, each collection. */
    Value statistics(Invocation invocation) throws KeywordException {
        List<Collection> collections = collections(invocation);
        Instant now = invocation.context().clock().instant();
        Map<String, Value> stats = new LinkedHashMap<>();
        long bytes = collections.stream().mapToLong(Collection::bytes).sum();
        stats.put("total_collections", IntegerValue.of(collections.size()));
        stats.put("total_documents", IntegerValue.of(documents(collections)));
        stats.put(
                "total_vectors",
                IntegerValue.of(
                        collections.stream().mapToLong(Collection::passages).sum()));
        stats.put("total_disk_size_mb", megabytes(bytes));
        stats.put("total_ram_size_mb", megabytes(bytes));
        stats.put("documents_added_last_week", IntegerValue.of(addedSince(collections, now.minus(Duration.ofDays(7)))));
        stats.put(
                "documents_added_last_month", IntegerValue.of(addedSince(collections, now.minus(Duration.ofDays(30)))));
        stats.put(
                "collections",
                new ListValue(collections.stream().map(KbStatistics::describe).toList()));
        return new MapValue(stats);
    }

    /** {@code KB COLLECTION STATS name}: one collection's figures; an unknown name fails the step. */
    Value collectionStats(Invocation invocation) throws KeywordException {
        Value argument = invocation.argument("collection");
        String wanted = argument instanceof NullValue ? "" : argument.display().strip();
        List<Collection> collections = collections(invocation);
        for (String candidate : candidates(wanted)) {
            for (Collection collection : collections) {
                if (collection.name().equals(candidate)) {
                    return describe(collection);
                }
            }
        }
        throw KeywordException.permanent("collection '" + wanted + "' not found; the"
                + " knowledge base collections are "
                + (collections.isEmpty()
                        ? "none (no subfolder of basicflow.ai.kb-folder has been indexed by USE KB)"
                        : String.join(
                                ", ", collections.stream().map(Collection::name).toList())));
    }

    /** {@code KB DOCUMENTS COUNT}: the documents stored for every collection. */
    Value documentsCount(Invocation invocation) throws KeywordException {
        return IntegerValue.of(documents(collections(invocation)));
    }

    /** {@code KB DOCUMENTS ADDED SINCE days}: documents (re)indexed in the last {@code days} days. */
    Value documentsAddedSince(Invocation invocation) throws KeywordException {
        Value argument = invocation.argument("days");
        if (!(argument instanceof NumberValue number) || number.toBigDecimal().signum() < 0) {
            throw KeywordException.permanent(
                    "the number of days must be a number (0 or more), not '" + argument.display() + "'");
        }
        long seconds = number.toBigDecimal()
                .multiply(BigDecimal.valueOf(Duration.ofDays(1).toSeconds()))
                .setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
        Instant since = invocation.context().clock().instant().minusSeconds(seconds);
        return IntegerValue.of(addedSince(collections(invocation), since));
    }

    /** {@code KB LIST COLLECTIONS}: the collections' names, sorted. */
    Value listCollections(Invocation invocation) throws KeywordException {
        return new ListValue(collections(invocation).stream()
                .<Value>map(collection -> new TextValue(collection.name()))
                .toList());
    }

    /** {@code KB STORAGE SIZE}: megabytes stored for every collection. */
    Value storageSize(Invocation invocation) throws KeywordException {
        return megabytes(
                collections(invocation).stream().mapToLong(Collection::bytes).sum());
    }

    /** The names a script may mean: as written, without {@code .gbkb}, without General Bots' {@code kb_}. */
    private static List<String> candidates(String wanted) {
        List<String> names = new ArrayList<>();
        names.add(wanted);
        String bare = stripSuffix(wanted);
        names.add(bare);
        if (bare.toLowerCase(Locale.ROOT).startsWith("kb_")) {
            names.add(bare.substring(3));
        }
        return names;
    }

    private static long documents(List<Collection> collections) {
        return collections.stream().mapToLong(c -> c.documents().size()).sum();
    }

    private static long addedSince(List<Collection> collections, Instant since) {
        return collections.stream()
                .flatMap(collection -> collection.documents().stream())
                .filter(document -> !document.indexedAt().isBefore(since))
                .count();
    }

    private static Value megabytes(long bytes) {
        return NumberValue.of(BigDecimal.valueOf(bytes).divide(MEGABYTE, 6, RoundingMode.HALF_UP));
    }

    /** A collection as the reference's collection object, with basicflow's own figures added. */
    static Value describe(Collection collection) {
        Map<String, Value> stats = new LinkedHashMap<>();
        stats.put("name", new TextValue(collection.name()));
        stats.put("vectors_count", IntegerValue.of(collection.passages()));
        stats.put("points_count", IntegerValue.of(collection.passages()));
        stats.put("segments_count", IntegerValue.of(collection.documents().size()));
        stats.put("disk_data_size", IntegerValue.of(collection.bytes()));
        stats.put("ram_data_size", IntegerValue.of(collection.bytes()));
        stats.put("indexed_vectors_count", IntegerValue.of(collection.passages()));
        stats.put("status", new TextValue(collection.status()));
        stats.put("documents_count", IntegerValue.of(collection.documents().size()));
        stats.put(
                "last_indexed",
                collection
                        .lastIndexed()
                        .<Value>map(instant -> new TextValue(instant.toString()))
                        .orElse(NullValue.NULL));
        return new MapValue(stats);
    }

    /**
     * The collections of the configured knowledge base folder, by name: every subfolder, and every
     * knowledge base stored under the folder whose subfolder is gone. None when no folder is configured.
     */
    List<Collection> collections(Invocation invocation) throws KeywordException {
        knowledge.configure(invocation.context().configuration());
        Optional<String> root = new AiSettings(invocation.context().configuration()).value("kb-folder");
        if (root.isEmpty()) {
            return List.of();
        }
        Path base = Path.of(root.get().strip()).toAbsolutePath().normalize();
        Map<String, List<KbStore.StoredDocument>> stored = new TreeMap<>();
        for (KbStore.StoredDocument document : knowledge.store().storedUnder(base + "/")) {
            Path folder = Path.of(document.kb());
            if (base.equals(folder.getParent())) {
                stored.computeIfAbsent(document.kb(), key -> new ArrayList<>()).add(document);
            }
        }
        Map<String, Path> folders = new TreeMap<>();
        if (Files.isDirectory(base)) {
            try (Stream<Path> children = Files.list(base)) {
                children.filter(Files::isDirectory)
                        .filter(child -> !child.getFileName().toString().startsWith("."))
                        .forEach(child -> folders.put(child.toString(), child));
            } catch (IOException e) {
                throw KeywordException.retryable("cannot list the knowledge base folder " + base + ": " + e, e);
            }
        }
        stored.keySet().forEach(key -> folders.putIfAbsent(key, Path.of(key)));
        Map<String, Collection> byName = new TreeMap<>();
        for (Map.Entry<String, Path> entry : folders.entrySet()) {
            String name = stripSuffix(entry.getValue().getFileName().toString());
            List<KbStore.StoredDocument> documents = stored.getOrDefault(entry.getKey(), List.of());
            byName.putIfAbsent(
                    name, new Collection(name, entry.getValue(), documents, status(entry.getValue(), documents)));
        }
        return List.copyOf(byName.values());
    }

    /**
     * {@code green}: what is stored is the folder as it is; {@code yellow}: the folder has new, changed or
     * removed documents that the next {@code USE KB} indexes; {@code red}: the folder is gone or unreadable.
     */
    private static String status(Path folder, List<KbStore.StoredDocument> documents) {
        if (!Files.isDirectory(folder)) {
            return "red";
        }
        Map<String, String> stored = new TreeMap<>();
        documents.forEach(document -> stored.put(document.path(), document.sha256()));
        try {
            return KbDocuments.hashes(folder).equals(stored) ? "green" : "yellow";
        } catch (IOException e) {
            return "red";
        }
    }

    private static String stripSuffix(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".gbkb") ? name.substring(0, name.length() - 5) : name;
    }
}
