package io.basicflow.compiler.check;

import static java.util.Objects.requireNonNull;

import io.basicflow.compiler.CompilationResult;
import io.basicflow.compiler.ScriptService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The logic of {@code basicflow check FILE|DIR…}: compiles every {@code .bas} file given or found
 * under the given folders and reports each file's diagnostics with a summary.
 */
public final class ScriptChecker {

    private final ScriptService service;
    private final java.util.Optional<ConfigurationCheck> configuration;

    /**
     * A checker that compiles with a service.
     *
     * @param service the compiler, with the installed plugins' catalogue
     */
    public ScriptChecker(ScriptService service) {
        this.service = requireNonNull(service, "service is null");
        this.configuration = java.util.Optional.empty();
    }

    /**
     * A checker that also reports, as warnings, the settings the scripts' keywords need and that are
     * not configured ({@link ConfigurationCheck}).
     *
     * @param service the compiler, with the installed plugins' catalogue
     * @param settings every setting in force, by full key
     */
    public ScriptChecker(ScriptService service, java.util.Map<String, String> settings) {
        this.service = requireNonNull(service, "service is null");
        this.configuration = java.util.Optional.of(new ConfigurationCheck(service.catalogue(), settings));
    }

    /**
     * Checks files and folders. A folder is searched recursively for {@code *.bas} files, in name
     * order; a file is checked whatever its extension.
     *
     * @param paths files and folders
     * @return the report
     * @throws UncheckedIOException when a path does not exist or a file cannot be read
     */
    public CheckReport check(List<Path> paths) {
        List<FileCheck> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                for (Path file : scripts(path)) {
                    files.add(checkFile(file));
                }
            } else if (Files.exists(path)) {
                files.add(checkFile(path));
            } else {
                throw new UncheckedIOException(
                        new NoSuchFileException(path.toString(), null, "no such file or folder"));
            }
        }
        return new CheckReport(files);
    }

    /**
     * Checks one file. Bytes that are not UTF-8 are replaced, so that any file can be checked.
     *
     * @param file the script
     * @return its check
     * @throws UncheckedIOException when it cannot be read
     */
    public FileCheck checkFile(Path file) {
        String source;
        try {
            source = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return checkSource(file.toString(), source);
    }

    /**
     * Checks a script's text.
     *
     * @param name the name shown in the report
     * @param source the text
     * @return its check
     */
    public FileCheck checkSource(String name, String source) {
        CompilationResult result = service.check(name, source);
        List<io.basicflow.compiler.diagnostics.Diagnostic> warnings = new ArrayList<>(result.warnings());
        if (result.plan().isPresent() && configuration.isPresent()) {
            warnings.addAll(
                    configuration.get().check(name, source, result.plan().get().program()));
        }
        return new FileCheck(name, (int) source.lines().count(), result.diagnostics(), warnings);
    }

    private static List<Path> scripts(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p ->
                            p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".bas"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw e;
        }
    }
}
