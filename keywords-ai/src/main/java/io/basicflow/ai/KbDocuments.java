package io.basicflow.ai;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The documents of one knowledge base folder, and how they are cut into passages. Text, Markdown and
 * HTML are read (HTML without its tags, scripts and styles); other files are left out. A passage
 * (chunk) is a run of whole paragraphs of at most {@link #CHUNK_CHARS} characters; a longer paragraph
 * is cut at sentence ends, and at spaces as a last resort.
 */
final class KbDocuments {

    /** The longest passage, in characters (about 150 tokens: well inside the model's 256). */
    static final int CHUNK_CHARS = 600;

    private static final Pattern PARAGRAPHS = Pattern.compile("\\n\\s*\\n");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");
    private static final Pattern SCRIPTS = Pattern.compile("(?is)<(script|style)[^>]*>.*?</\\1>");
    private static final Pattern BLOCK_TAGS =
            Pattern.compile("(?i)</?(p|div|h[1-6]|li|ul|ol|br|tr|table|section|article|pre)[^>]*>");
    private static final Pattern TAGS = Pattern.compile("<[^>]+>");

    private KbDocuments() {}

    /** One document: its path inside the knowledge base folder, its text and the hash of its bytes. */
    record Document(String path, String sha256, String text) {}

    /** Whether a file is one basicflow reads. */
    static boolean readable(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".txt")
                || name.endsWith(".md")
                || name.endsWith(".markdown")
                || name.endsWith(".html")
                || name.endsWith(".htm");
    }

    /** The readable files of a folder and its subfolders, by relative path, with their hashes. */
    static Map<String, String> hashes(Path folder) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(KbDocuments::readable)
                    .toList()) {
                hashes.put(relative(folder, file), sha256(Files.readAllBytes(file)));
            }
        }
        return hashes;
    }

    static Document read(Path folder, String path) throws IOException {
        byte[] bytes = Files.readAllBytes(folder.resolve(path));
        String text = new String(bytes, StandardCharsets.UTF_8);
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".html") || lower.endsWith(".htm")) {
            text = htmlText(text);
        }
        return new Document(path, sha256(bytes), text);
    }

    static String htmlText(String html) {
        String text = SCRIPTS.matcher(html).replaceAll(" ");
        text = BLOCK_TAGS.matcher(text).replaceAll("\n\n");
        text = TAGS.matcher(text).replaceAll(" ");
        text = text.replace("&nbsp;", " ")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
        return text.replaceAll("[ \\t]+", " ");
    }

    /** The passages of a text, in order. */
    static List<String> chunks(String text) {
        List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : PARAGRAPHS.split(text.replace("\r\n", "\n"))) {
            String paragraph = raw.strip().replaceAll("\\s*\\n\\s*", " ");
            if (paragraph.isEmpty()) {
                continue;
            }
            for (String piece : pieces(paragraph)) {
                if (!current.isEmpty() && current.length() + 1 + piece.length() > CHUNK_CHARS) {
                    chunks.add(current.toString());
                    current.setLength(0);
                }
                if (!current.isEmpty()) {
                    current.append('\n');
                }
                current.append(piece);
            }
        }
        if (!current.isEmpty()) {
            chunks.add(current.toString());
        }
        return chunks;
    }

    /** A paragraph cut into pieces of at most {@link #CHUNK_CHARS}: whole sentences where possible. */
    private static List<String> pieces(String paragraph) {
        if (paragraph.length() <= CHUNK_CHARS) {
            return List.of(paragraph);
        }
        List<String> pieces = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String sentence : SENTENCE_END.split(paragraph)) {
            String rest = sentence;
            while (rest.length() > CHUNK_CHARS) {
                int cut = rest.lastIndexOf(' ', CHUNK_CHARS);
                cut = cut <= 0 ? CHUNK_CHARS : cut;
                flush(pieces, current);
                pieces.add(rest.substring(0, cut).strip());
                rest = rest.substring(cut).strip();
            }
            if (!current.isEmpty() && current.length() + 1 + rest.length() > CHUNK_CHARS) {
                flush(pieces, current);
            }
            if (!current.isEmpty()) {
                current.append(' ');
            }
            current.append(rest);
        }
        flush(pieces, current);
        return pieces;
    }

    private static void flush(List<String> pieces, StringBuilder current) {
        if (!current.isEmpty()) {
            pieces.add(current.toString());
            current.setLength(0);
        }
    }

    private static String relative(Path folder, Path file) {
        return folder.relativize(file).toString().replace('\\', '/');
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
