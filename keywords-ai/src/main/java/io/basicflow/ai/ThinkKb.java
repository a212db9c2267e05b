package io.basicflow.ai;

import io.basicflow.spi.EffectKind;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.RetryPolicy;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code results = THINK KB question}: an explicit search of the knowledge bases in use ({@code USE KB})
 * with a structured result — {@code results} (each {@code content}, {@code source}, {@code kb_name},
 * {@code relevance}, {@code tokens}), {@code summary}, {@code confidence}, {@code total_results}, {@code
 * sources}, {@code query}, {@code kb_count}. The result is recorded with the step: a resumed run reads
 * the same answer even when the documents changed since.
 */
final class ThinkKb implements KeywordHandler {

    static final String THINK_KB = "THINK KB";

    /** The token budget of the passages returned (General Bots' default), about four characters a token. */
    static final int TOKEN_BUDGET = 2000;

    private static final Pattern SENTENCE = Pattern.compile("^.*?[.!?](\\s|$)", Pattern.DOTALL);

    static final KeywordDefinition DEFINITION = KeywordDefinition.builder(THINK_KB)
            .form(KeywordForm.FUNCTION)
            .parameter(ParameterDefinition.required("query", "the question to search the knowledge bases for"))
            .effect(EffectKind.IDEMPOTENT_EFFECT)
            .retry(RetryPolicy.NONE)
            .description("Searches the knowledge bases in use (USE KB) and returns the best passages with their"
                    + " sources and relevance, a summary and a confidence; the result is recorded.")
            .build();

    private final KnowledgeBases knowledge;

    ThinkKb(KnowledgeBases knowledge) {
        this.knowledge = knowledge;
    }

    @Override
    public Value invoke(Invocation invocation) throws KeywordException {
        if (!KnowledgeBases.modelAvailable()) {
            throw KeywordException.permanent(KnowledgeBases.MODEL_MISSING.replace("USE KB", THINK_KB));
        }
        String query = invocation.argument("query").display().strip();
        if (query.isEmpty()) {
            throw KeywordException.permanent(THINK_KB + " needs a question; it was given an empty text");
        }
        List<String> names = KnowledgeBases.active(invocation.context());
        knowledge.configure(invocation.context().configuration());
        AiSettings settings = new AiSettings(invocation.context().configuration());
        Map<String, Path> folders = new LinkedHashMap<>();
        for (String name : names) {
            folders.put(name, KnowledgeBases.folder(settings, name));
        }
        folders.putAll(Accounts.folders(invocation.context(), settings));
        if (folders.isEmpty()) {
            throw KeywordException.permanent(THINK_KB + " searches the knowledge bases in use, and none is: run"
                    + " USE KB \"name\" (or USE ACCOUNT \"email\") first");
        }
        int limit = invocation.context().configuration().getInt("think-kb-results", 5);
        List<KnowledgeBases.Found> found = knowledge.find(folders, query, limit);

        List<Value> results = new ArrayList<>();
        Set<String> sources = new LinkedHashSet<>();
        List<String> summary = new ArrayList<>();
        int tokens = 0;
        for (KnowledgeBases.Found passage : found) {
            int passageTokens = Math.max(1, (passage.text().length() + 3) / 4);
            if (!results.isEmpty() && tokens + passageTokens > TOKEN_BUDGET) {
                break;
            }
            tokens += passageTokens;
            Map<String, Value> entry = new LinkedHashMap<>();
            entry.put("content", new TextValue(passage.text()));
            entry.put("source", new TextValue(passage.path()));
            entry.put("kb_name", new TextValue(passage.kb()));
            entry.put("relevance", relevance(passage.score()));
            entry.put("tokens", NumberValue.of(passageTokens));
            results.add(new MapValue(entry));
            sources.add(passage.path());
            if (summary.size() < 2) {
                String first = firstSentence(passage.text());
                if (!summary.contains(first)) {
                    summary.add(first);
                }
            }
        }
        Map<String, Value> answer = new LinkedHashMap<>();
        answer.put("results", new ListValue(results));
        answer.put("summary", new TextValue(String.join(" ", summary)));
        answer.put(
                "confidence",
                found.isEmpty() ? relevance(0) : relevance(found.getFirst().score()));
        answer.put("total_results", NumberValue.of(results.size()));
        answer.put(
                "sources",
                new ListValue(sources.stream().<Value>map(TextValue::new).toList()));
        answer.put("query", new TextValue(query));
        answer.put("kb_count", NumberValue.of(folders.size()));
        return new MapValue(answer);
    }

    /** A cosine similarity as a relevance between 0 and 1, two decimals. */
    private static Value relevance(float score) {
        double clamped = Math.max(0, Math.min(1, score));
        return NumberValue.of(BigDecimal.valueOf(clamped).setScale(2, RoundingMode.HALF_UP));
    }

    /** The first sentence of a passage, without a leading Markdown heading. */
    static String firstSentence(String text) {
        String body = text.strip();
        while (body.startsWith("#")) {
            int end = body.indexOf('\n');
            body = end < 0 ? "" : body.substring(end + 1).strip();
        }
        if (body.isEmpty()) {
            body = text.strip();
        }
        Matcher sentence = SENTENCE.matcher(body);
        String first = sentence.find() ? sentence.group().strip() : body;
        return first.length() > 300 ? first.substring(0, 300).strip() + "…" : first;
    }
}
