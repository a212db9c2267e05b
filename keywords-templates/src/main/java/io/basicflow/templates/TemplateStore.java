package io.basicflow.templates;

import io.basicflow.spi.BotFiles;
import io.basicflow.spi.InvocationContext;
import io.basicflow.spi.KeywordException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a bot's templates live: files of its storage (the files plugin's {@link BotFiles}), {@code
 * templates/<name>.txt} for a template made by {@code CREATE_TEMPLATE}. A name with an extension or a
 * folder ({@code "newsletter-zap.txt"}, as General Bots' WhatsApp bot names its templates) is looked for
 * as that path in {@code templates/}, then in the storage's top.
 */
final class TemplateStore {

    /** A template found: the path it was read from, and its text. */
    record Found(String path, TemplateText text) {}

    private static final Pattern SIMPLE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final List<String> EXTENSIONS = List.of(".txt", ".html", ".md");

    private TemplateStore() {}

    /** The paths a name is looked for at, in order. */
    static List<String> candidates(String name) {
        String written = name.strip();
        List<String> paths = new ArrayList<>();
        boolean hasExtension =
                EXTENSIONS.stream().anyMatch(ext -> written.toLowerCase().endsWith(ext));
        if (hasExtension || written.contains("/")) {
            paths.add("templates/" + written);
            paths.add(written);
        } else {
            for (String extension : EXTENSIONS) {
                paths.add("templates/" + written + extension);
            }
        }
        return paths;
    }

    /** The path {@code CREATE_TEMPLATE} writes a name to. */
    static String pathFor(String keyword, String name) throws KeywordException {
        String written = name.strip();
        if (!SIMPLE_NAME.matcher(written).matches()) {
            throw KeywordException.permanent(keyword + ": the template name '" + written + "' must be letters,"
                    + " digits, dots, dashes and underscores (it names the file templates/<name>.txt)");
        }
        boolean hasExtension =
                EXTENSIONS.stream().anyMatch(ext -> written.toLowerCase().endsWith(ext));
        return "templates/" + written + (hasExtension ? "" : ".txt");
    }

    /** The template of a name, empty when none of its paths holds a file. */
    static Optional<Found> find(InvocationContext context, String keyword, String name) throws KeywordException {
        BotFiles files = BotFiles.installed(keyword);
        for (String path : candidates(name)) {
            byte[] bytes;
            try {
                bytes = files.readBytes(context, keyword, path);
            } catch (KeywordException missingOrRefused) {
                continue; // the next place; a path that leaves the storage is never read
            }
            return Optional.of(new Found(path, TemplateText.parse(new String(bytes, StandardCharsets.UTF_8))));
        }
        return Optional.empty();
    }

    /** The template of a name, or a failure naming where it was looked for. */
    static Found require(InvocationContext context, String keyword, String name) throws KeywordException {
        return find(context, keyword, name)
                .orElseThrow(() -> KeywordException.permanent(keyword + ": the bot has no template '" + name.strip()
                        + "' (looked for " + String.join(", ", candidates(name))
                        + " in its storage); create it with CREATE_TEMPLATE \"" + name.strip()
                        + "\", body or put the file there"));
    }
}
