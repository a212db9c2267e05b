package io.basicflow.files;

import io.basicflow.spi.EffectKind;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.util.List;
import java.util.Locale;

/**
 * {@code COMPRESS files TO "archive.zip"} and {@code EXTRACT "archive.zip" TO "folder/"}, with the comma
 * forms real scripts write ({@code COMPRESS files, "archive.zip"}, {@code EXTRACT archive, "folder/"}).
 * The work is {@link Archives}'; this class reads the arguments.
 */
final class ArchiveKeywords {

    private static final ParameterDefinition TO =
            ParameterDefinition.introducedBy("TO", "to", true, "the archive (COMPRESS) or folder (EXTRACT) after TO");

    static final List<KeywordDefinition> DEFINITIONS = List.of(
            keyword(
                            "COMPRESS",
                            "Writes a ZIP archive of files of the bot's storage: COMPRESS files TO \"archive.zip\" (or"
                                    + " COMPRESS files, \"archive.zip\"); files is a path, a folder, a glob like"
                                    + " \"exports/*.csv\", a LIST item or a list of these. Returns path, filename, size,"
                                    + " file_count, created_at.")
                    .parameter(ParameterDefinition.required("files", "the files: a path, a folder, a glob or a list"))
                    .parameter(ParameterDefinition.optional("archive", "the archive's path, after a comma"))
                    .parameter(TO)
                    .build(),
            keyword(
                            "EXTRACT",
                            "Unpacks a ZIP archive of the bot's storage into a folder: EXTRACT \"a.zip\" TO \"folder/\""
                                    + " returns destination, file_count, folder_count, total_size, files, extracted_at;"
                                    + " EXTRACT \"a.zip\", \"folder/\" returns the list of the files' paths.")
                    .parameter(ParameterDefinition.required("archive", "the archive's path"))
                    .parameter(ParameterDefinition.optional("destination", "the folder, after a comma"))
                    .parameter(TO)
                    .build());

    private ArchiveKeywords() {}

    private static KeywordDefinition.Builder keyword(String name, String description) {
        return KeywordDefinition.builder(name)
                .form(KeywordForm.FUNCTION)
                .effect(EffectKind.IDEMPOTENT_EFFECT)
                .retry(FilesPlugin.RETRY)
                .description(description);
    }

    static Archives archives(Invocation invocation) throws KeywordException {
        try {
            return new Archives(
                    FilesPlugin.storage(invocation),
                    Archives.Limits.from(invocation.context().configuration()));
        } catch (IllegalArgumentException e) {
            throw KeywordException.permanent(e.getMessage(), e);
        }
    }

    /**
     * {@code COMPRESS}. Without {@code TO}, the archive is the second argument, except when only the
     * first names a {@code .zip} ({@code COMPRESS filename, base + "_*.csv"}, as two corpus scripts
     * write it): then the first is the archive and the second the files.
     */
    static Value compress(Invocation invocation) throws KeywordException {
        Value first = invocation.argument("files");
        Value files;
        String archive;
        Value to = invocation.argument("to");
        Value second = invocation.argument("archive");
        if (!(to instanceof NullValue)) {
            if (!(second instanceof NullValue)) {
                throw KeywordException.permanent(
                        "COMPRESS takes COMPRESS files TO \"archive.zip\" or COMPRESS files, \"archive.zip\", not both");
            }
            files = first;
            archive = to.display();
        } else if (second instanceof NullValue) {
            throw KeywordException.permanent("COMPRESS needs the archive's name: COMPRESS files TO \"archive.zip\"");
        } else if (first instanceof TextValue text && isZip(text.display()) && !isZip(second.display())) {
            files = second;
            archive = text.display();
        } else {
            files = first;
            archive = second.display();
        }
        return archives(invocation)
                .compress(
                        files,
                        archive,
                        invocation.idempotencyKey(),
                        invocation.context().clock().instant());
    }

    /** {@code EXTRACT}: the page's map after {@code TO}; the list of paths after a comma. */
    static Value extract(Invocation invocation) throws KeywordException {
        Value to = invocation.argument("to");
        Value destination = invocation.argument("destination");
        if (!(to instanceof NullValue) && !(destination instanceof NullValue)) {
            throw KeywordException.permanent(
                    "EXTRACT takes EXTRACT archive TO \"folder/\" or EXTRACT archive, \"folder/\", not both");
        }
        if (to instanceof NullValue && destination instanceof NullValue) {
            throw KeywordException.permanent(
                    "EXTRACT needs a destination folder: EXTRACT \"archive.zip\" TO \"folder/\"");
        }
        Value archive = invocation.argument("archive");
        if (archive instanceof NullValue) {
            throw KeywordException.permanent("EXTRACT: the archive is NULL; give its path in the bot's storage");
        }
        Archives.Extraction extraction = archives(invocation)
                .extract(
                        archive.display(),
                        (to instanceof NullValue ? destination : to).display(),
                        invocation.idempotencyKey());
        return to instanceof NullValue
                ? extraction.paths()
                : extraction.describe(invocation.context().clock().instant());
    }

    private static boolean isZip(String path) {
        return path.strip().toLowerCase(Locale.ROOT).endsWith(".zip");
    }
}
