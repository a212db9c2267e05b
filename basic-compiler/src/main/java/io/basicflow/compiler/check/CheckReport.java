package io.basicflow.compiler.check;

import static java.util.Objects.requireNonNull;

import io.basicflow.compiler.diagnostics.Diagnostic;
import io.basicflow.compiler.diagnostics.DiagnosticCategory;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code basicflow check} found in a set of scripts: each file's diagnostics, the counts of files
 * that compile, that have syntax errors, and whose only problems are names no installed plugin
 * provides, and those names by frequency.
 *
 * @param files the checked files, in the order they were found
 */
public record CheckReport(List<FileCheck> files) {

    /**
     * Copies the files.
     *
     * @param files not null
     */
    public CheckReport {
        requireNonNull(files, "files is null");
        files = List.copyOf(files);
    }

    /**
     * How many files compile.
     *
     * @return the count
     */
    public int compiling() {
        return count(FileStatus.COMPILES);
    }

    /**
     * How many files have at least one syntax error.
     *
     * @return the count
     */
    public int withSyntaxErrors() {
        return count(FileStatus.SYNTAX_ERRORS);
    }

    /**
     * How many files have only unknown keywords, functions or input types.
     *
     * @return the count
     */
    public int withUnknownNamesOnly() {
        return count(FileStatus.UNKNOWN_NAMES_ONLY);
    }

    private int count(FileStatus status) {
        return (int) files.stream().filter(f -> f.status() == status).count();
    }

    /**
     * The unknown names of the files whose only problems are unknown names, with how often each occurs,
     * most frequent first (ties by name): what installing plugins would fix.
     *
     * @return name to number of occurrences, in that order
     */
    public Map<String, Integer> unknownNames() {
        return frequencies(true);
    }

    /**
     * The unknown names of all files, with how often each occurs, most frequent first.
     *
     * @return name to number of occurrences, in that order
     */
    public Map<String, Integer> allUnknownNames() {
        return frequencies(false);
    }

    private Map<String, Integer> frequencies(boolean unknownOnlyFiles) {
        Map<String, Integer> counts = new HashMap<>();
        for (FileCheck file : files) {
            if (unknownOnlyFiles && file.status() != FileStatus.UNKNOWN_NAMES_ONLY) {
                continue;
            }
            for (Diagnostic diagnostic : file.diagnostics()) {
                if (diagnostic.category() == DiagnosticCategory.UNKNOWN) {
                    diagnostic.subject().ifPresent(name -> counts.merge(name, 1, Integer::sum));
                }
            }
        }
        Map<String, Integer> ordered = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> ordered.put(e.getKey(), e.getValue()));
        return ordered;
    }

    /**
     * The last line of the report.
     *
     * @return {@code checked N files: A compile, B with syntax errors, C with unknown keywords only}
     */
    public String summary() {
        return "checked " + files.size() + (files.size() == 1 ? " file: " : " files: ") + compiling() + " compile, "
                + withSyntaxErrors() + " with syntax errors, " + withUnknownNamesOnly()
                + " with unknown keywords only";
    }

    /**
     * The whole report as {@code basicflow check} prints it: each file with {@code OK} or its
     * diagnostics, the unknown names by frequency, and the summary as the last line.
     *
     * @return the report text, ending with the summary line (no trailing line break)
     */
    public String format() {
        StringBuilder out = new StringBuilder();
        for (FileCheck file : files) {
            switch (file.status()) {
                case COMPILES -> out.append(file.file()).append(": OK\n");
                case SYNTAX_ERRORS, UNKNOWN_NAMES_ONLY -> {
                    int count = file.diagnostics().size();
                    out.append(file.file())
                            .append(": ")
                            .append(count)
                            .append(count == 1 ? " error" : " errors")
                            .append(file.status() == FileStatus.UNKNOWN_NAMES_ONLY ? " (unknown names only)" : "")
                            .append('\n');
                    for (Diagnostic diagnostic : file.diagnostics()) {
                        out.append(diagnostic.format()).append('\n');
                    }
                }
            }
        }
        for (FileCheck file : files) {
            for (Diagnostic warning : file.warnings()) {
                out.append(warning.format()).append('\n');
            }
        }
        Map<String, Integer> names = unknownNames();
        if (!names.isEmpty()) {
            out.append("\nkeywords that no installed plugin provides, in files with no other problem:\n");
            names.forEach((name, count) -> out.append(String.format("%6d  %s%n", count, name)));
        }
        out.append('\n').append(summary());
        return out.toString();
    }
}
