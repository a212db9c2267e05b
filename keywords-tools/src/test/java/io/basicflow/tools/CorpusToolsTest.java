package io.basicflow.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import io.basicflow.spi.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every {@code .gbdialog} folder of the shared corpus (real scripts by others, read in place, never
 * copied) used as a tools folder. The scripts are read with {@link LineToolCompiler}, which sees
 * only their {@code PARAM} and {@code DESCRIPTION} lines; once the real compiler is on main it can
 * take its place. Skipped when the corpus is absent.
 */
class CorpusToolsTest {

    private static Path corpus;
    private static List<Path> dialogFolders;

    @BeforeAll
    static void findCorpus() throws IOException {
        String location = System.getProperty("basicflow.corpus");
        assumeTrue(location != null && Files.isDirectory(Path.of(location)), "the corpus folder is absent");
        corpus = Path.of(location);
        try (Stream<Path> paths = Files.walk(corpus)) {
            dialogFolders = paths.filter(Files::isDirectory)
                    .filter(path -> path.getFileName().toString().endsWith(".gbdialog"))
                    .sorted()
                    .toList();
        }
        assumeTrue(!dialogFolders.isEmpty(), "the corpus holds no .gbdialog folder");
    }

    @Test
    void everyScriptIsEitherOfferedAsAToolOrReportedWithAReason() throws IOException {
        for (Path folder : dialogFolders) {
            ToolListing listing = new ToolFolder(folder, new LineToolCompiler()).list();

            List<String> accounted = new ArrayList<>();
            listing.tools().forEach(tool -> accounted.add(tool.name()));
            listing.problems().forEach(problem -> accounted.add(problem.tool()));
            assertThat(accounted)
                    .as(corpus.relativize(folder).toString())
                    .containsExactlyInAnyOrderElementsOf(scripts(folder));
            assertThat(listing.problems())
                    .allSatisfy(problem -> assertThat(problem.message()).contains(problem.tool()));
        }
    }

    @Test
    void everyOfferedToolHasAValidJsonSchema() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        JsonSchema metaSchema = factory.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        int tools = 0;
        for (Path folder : dialogFolders) {
            for (ToolSignature tool :
                    new ToolFolder(folder, new LineToolCompiler()).list().tools()) {
                assertThat(metaSchema.validate(ToolSchema.toJson(tool).get("inputSchema")))
                        .as(tool.name())
                        .isEmpty();
                tools++;
            }
        }
        assertThat(tools).isPositive();
    }

    @Test
    void anAuthorsExampleIsAcceptedAsAnArgumentUnlessTheSignatureWarnsAboutIt() {
        int examples = 0;
        for (Path folder : dialogFolders) {
            for (ToolSignature tool :
                    new ToolFolder(folder, new LineToolCompiler()).list().tools()) {
                for (ToolParameter parameter : tool.parameters()) {
                    if (parameter.example().isEmpty()) {
                        continue;
                    }
                    examples++;
                    boolean accepted = ToolArguments.coerce(
                                    parameter, Value.text(parameter.example().get()))
                            instanceof ToolArguments.Coercion.Accepted;
                    boolean warned = tool.warnings().stream()
                            .anyMatch(warning -> warning.contains("example of parameter '" + parameter.name() + "'"));
                    assertThat(accepted)
                            .as(
                                    "%s: example %s of %s",
                                    tool.name(), parameter.example().get(), parameter.name())
                            .isNotEqualTo(warned);
                }
            }
        }
        assertThat(examples).isPositive();
    }

    @Test
    void decimalExamplesOfNumberParametersAreAcceptedAsNumbers() {
        List<ToolParameter> decimalNumbers = dialogFolders.stream()
                .flatMap(folder -> new ToolFolder(folder, new LineToolCompiler()).list().tools().stream())
                .flatMap(tool -> tool.parameters().stream())
                .filter(parameter -> parameter.type().equals("NUMBER"))
                .filter(parameter -> parameter
                        .example()
                        .filter(example -> example.contains("."))
                        .isPresent())
                .toList();
        assumeTrue(!decimalNumbers.isEmpty(), "the corpus has no NUMBER parameter with a decimal example");

        assertThat(decimalNumbers)
                .allSatisfy(parameter -> assertThat(ToolArguments.coerce(
                                parameter, Value.text(parameter.example().orElseThrow())))
                        .isInstanceOf(ToolArguments.Coercion.Accepted.class));
    }

    private static List<String> scripts(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(Files::isRegularFile)
                    .filter(path -> path.getFileName()
                            .toString()
                            .toLowerCase(Locale.ROOT)
                            .endsWith(".bas"))
                    .map(path -> {
                        String relative = folder.relativize(path).toString().replace('\\', '/');
                        return relative.substring(0, relative.length() - ".bas".length());
                    })
                    .toList();
        }
    }
}
