package io.basicflow.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ToolFolderTest {

    private static final String LOOKUP = """
            PARAM city AS STRING LIKE "Lisbon" DESCRIPTION "The city to look up"
            PARAM days AS INTEGER OPTIONAL
            DESCRIPTION "Looks up the weather"
            TALK "looking up " + city
            RETURN city
            """;

    @TempDir
    Path temp;

    private Path tools;
    private Path outside;
    private LineToolCompiler compiler;
    private ToolFolder folder;

    @BeforeEach
    void createFolders() throws IOException {
        tools = Files.createDirectories(temp.resolve("tools"));
        outside = Files.createDirectories(temp.resolve("outside"));
        compiler = new LineToolCompiler();
        folder = new ToolFolder(tools, compiler);
        write("lookup.bas", LOOKUP);
        write("crm/create-lead.bas", """
                PARAM email AS EMAIL
                DESCRIPTION "Creates a lead"
                """);
        Files.writeString(outside.resolve("secret.bas"), "DESCRIPTION \"not a tool\"\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lookup", "lookup.bas", "LOOKUP", "Lookup.BAS", " lookup "})
    void aToolIsFoundByNameWithOrWithoutExtensionAndInAnyCase(String name) throws IOException {
        assertThat(folder.resolve(name)).isEqualTo(tools.resolve("lookup.bas").toRealPath());
        assertThat(folder.read(name).name()).isEqualTo("lookup");
    }

    @Test
    void aToolInASubfolderIsNamedByItsPath() throws IOException {
        assertThat(folder.resolve("crm/create-lead"))
                .isEqualTo(tools.resolve("crm/create-lead.bas").toRealPath());
        assertThat(folder.signature("CRM/Create-Lead").name()).isEqualTo("crm/create-lead");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "../outside/secret",
                "sub/../../outside/secret",
                "crm/../lookup",
                "./lookup",
                "..\\outside\\secret",
                "crm\\create-lead",
                "/etc/passwd",
                "C:\\tools\\lookup",
                "c:lookup",
                "look\0up",
                "look\nup",
                "crm//create-lead",
                "crm/",
                ".hidden",
                "",
                "   "
            })
    void namesThatCouldLeaveTheFolderAreRefusedBeforeAnythingIsRead(String name) {
        assertThatThrownBy(() -> folder.resolve(name))
                .isInstanceOf(ToolResolutionException.class)
                .hasMessageContaining(tools.toString());
        assertThat(compiler.compilations()).isZero();
    }

    @Test
    void refusalsSayWhatIsWrong() {
        assertThatThrownBy(() -> folder.resolve("sub/../../x"))
                .hasMessage("tool name 'sub/../../x' is refused: it has a '..' segment; tools resolve only inside the"
                        + " tools folder (tools folder " + tools + ")");
        assertThatThrownBy(() -> folder.resolve("/etc/passwd"))
                .hasMessageContaining("is an absolute path; tools are named by their path inside the tools folder");
        assertThatThrownBy(() -> folder.resolve("..\\x"))
                .hasMessageContaining("contains a backslash; name a tool in a subfolder with '/'");
        assertThatThrownBy(() -> folder.resolve("a\0b"))
                .hasMessageContaining("'a\\u0000b' is refused: it contains a NUL character");
    }

    @Test
    void aLinkInsideTheFolderThatLeadsOutsideIsRefused() throws IOException {
        Files.createSymbolicLink(tools.resolve("secret.bas"), outside.resolve("secret.bas"));

        assertThatThrownBy(() -> folder.resolve("secret"))
                .isInstanceOf(ToolResolutionException.class)
                .hasMessage("tool 'secret' is outside the tools folder " + tools
                        + ": a link leads out of it, and tools resolve only inside the folder");
        assertThatThrownBy(() -> folder.signature("secret")).isInstanceOf(ToolResolutionException.class);
        assertThat(compiler.compilations()).isZero();
    }

    @Test
    void aFolderLinkThatLeadsOutsideIsRefusedWhetherOrNotTheScriptExists() throws IOException {
        Files.createSymbolicLink(tools.resolve("out"), outside);

        assertThatThrownBy(() -> folder.resolve("out/secret"))
                .isInstanceOf(ToolResolutionException.class)
                .hasMessageContaining("is outside the tools folder");
        assertThatThrownBy(() -> folder.resolve("out/missing"))
                .isInstanceOf(ToolResolutionException.class)
                .hasMessageContaining("is outside the tools folder");
    }

    @Test
    void aLinkInsideTheFolderThatStaysInsideIsFollowed() throws IOException {
        Files.createSymbolicLink(tools.resolve("weather.bas"), tools.resolve("lookup.bas"));
        Files.createSymbolicLink(tools.resolve("sales"), tools.resolve("crm"));

        assertThat(folder.resolve("weather"))
                .isEqualTo(tools.resolve("lookup.bas").toRealPath());
        assertThat(folder.signature("weather").name()).isEqualTo("weather");
        assertThat(folder.signature("sales/create-lead").description()).contains("Creates a lead");
    }

    @Test
    void aToolsFolderThatIsItselfALinkWorks() throws IOException {
        Path link = Files.createSymbolicLink(temp.resolve("tools-link"), tools);
        ToolFolder linked = new ToolFolder(link, compiler);

        assertThat(linked.signature("lookup").description()).contains("Looks up the weather");
        assertThat(linked.names()).containsExactly("crm/create-lead", "lookup");
    }

    @Test
    void aMissingToolIsReportedWithNearbyNames() {
        assertThatThrownBy(() -> folder.resolve("lokup")).isInstanceOfSatisfying(ToolNotFoundException.class, e -> {
            assertThat(e.nearbyNames()).containsExactly("lookup");
            assertThat(e.getMessage())
                    .isEqualTo("tool 'lokup' not found in the tools folder " + tools + "; did you mean 'lookup'?");
        });
        assertThatThrownBy(() -> folder.resolve("create-lead"))
                .isInstanceOfSatisfying(
                        ToolNotFoundException.class,
                        e -> assertThat(e.nearbyNames()).containsExactly("crm/create-lead"));
    }

    @Test
    void aMissingToolWithNothingNearbyListsWhatTheFolderHolds() {
        assertThatThrownBy(() -> folder.resolve("invoice"))
                .isInstanceOf(ToolNotFoundException.class)
                .hasMessageEndingWith("; the folder holds 2 tools: crm/create-lead, lookup");
    }

    @Test
    void anEmptyOrMissingFolderIsSaidPlainly() throws IOException {
        ToolFolder empty = new ToolFolder(Files.createDirectories(temp.resolve("empty")), compiler);
        ToolFolder missing = new ToolFolder(temp.resolve("nowhere"), compiler);

        assertThatThrownBy(() -> empty.resolve("lookup")).hasMessageEndingWith("; the folder holds no tools");
        assertThatThrownBy(() -> missing.resolve("lookup"))
                .isInstanceOf(ToolFolderException.class)
                .hasMessage("the tools folder " + temp.resolve("nowhere")
                        + " does not exist; create it or set basicflow.tools.folder");
        assertThatThrownBy(missing::list).isInstanceOf(ToolFolderException.class);
    }

    @Test
    void aDanglingLinkIsNotFound() throws IOException {
        Files.createSymbolicLink(tools.resolve("gone.bas"), tools.resolve("deleted.bas"));

        assertThatThrownBy(() -> folder.resolve("gone"))
                .isInstanceOf(ToolNotFoundException.class)
                .hasMessageContaining("('gone.bas' is a link that leads nowhere)");
    }

    @Test
    void aFolderNamedLikeAToolIsNotATool() throws IOException {
        Files.createDirectories(tools.resolve("odd.bas"));

        assertThatThrownBy(() -> folder.resolve("odd"))
                .isInstanceOf(ToolNotFoundException.class)
                .hasMessageContaining("('odd.bas' is not a file)");
    }

    @Test
    void readingGivesTheSourceWithoutAByteOrderMark() throws IOException {
        write("bom.bas", "\uFEFFDESCRIPTION \"x\"\n");

        assertThat(folder.read("bom").source()).isEqualTo("DESCRIPTION \"x\"\n");
        assertThat(folder.read("lookup").source()).isEqualTo(LOOKUP);
        assertThat(folder.read("crm/create-lead").fileName()).isEqualTo("crm/create-lead.bas");
    }

    @Test
    void anOversizedScriptIsRefused() throws IOException {
        write("huge.bas", "' " + "x".repeat(ToolFolder.MAX_SCRIPT_BYTES) + "\n");

        assertThatThrownBy(() -> folder.signature("huge"))
                .isInstanceOf(ToolCompilationException.class)
                .hasMessageContaining("a tool script may have at most " + ToolFolder.MAX_SCRIPT_BYTES);
    }

    @Test
    void anUnchangedScriptIsCompiledOnceAndAnEditedOneAgain() throws IOException {
        ToolSignature first = folder.signature("lookup");
        ToolSignature second = folder.signature("LOOKUP.bas");
        assertThat(second).isEqualTo(first);
        assertThat(compiler.compilations()).isEqualTo(1);

        write("lookup.bas", LOOKUP.replace("Looks up the weather", "Looks up the forecast"));

        assertThat(folder.signature("lookup").description()).contains("Looks up the forecast");
        assertThat(compiler.compilations()).isEqualTo(2);
    }

    @Test
    void aScriptThatDoesNotCompileReportsTheDiagnostics() throws IOException {
        write("broken.bas", "DESCRIPTION \"x\"\nSYNTAX ERROR here\n");

        assertThatThrownBy(() -> folder.signature("broken"))
                .isInstanceOfSatisfying(ToolCompilationException.class, e -> {
                    assertThat(e.tool()).isEqualTo("broken");
                    assertThat(e.script()).isEqualTo("broken.bas");
                    assertThat(e.getMessage())
                            .startsWith("tool script 'broken.bas' does not compile:\nbroken.bas:2:1: unexpected");
                });
    }

    @Test
    void listingOffersEveryUsableToolAndReportsTheRest() throws IOException {
        write("broken.bas", "SYNTAX ERROR\n");
        write("twice.bas", "PARAM a AS STRING\nPARAM a AS STRING\n");
        write(".hidden/ignored.bas", "DESCRIPTION \"hidden\"\n");
        write(".dotfile.bas", "DESCRIPTION \"hidden\"\n");
        write("notes.txt", "not a tool");
        write("deep/er/still.bas", "DESCRIPTION \"deep\"\n");
        Files.createSymbolicLink(tools.resolve("secret.bas"), outside.resolve("secret.bas"));
        Files.createSymbolicLink(tools.resolve("out"), outside);
        Files.createSymbolicLink(tools.resolve("same"), tools.resolve("crm"));
        Files.createSymbolicLink(tools.resolve("crm/loop"), tools.resolve("crm"));

        ToolListing listing = folder.list();

        assertThat(listing.tools())
                .extracting(ToolSignature::name)
                .containsExactly("crm/create-lead", "deep/er/still", "lookup", "same/create-lead");
        assertThat(listing.problems())
                .extracting(ToolListing.Problem::tool)
                .containsExactly("broken", "crm/loop", "out", "same/loop", "secret", "twice");
        assertThat(listing.problems())
                .filteredOn(problem -> problem.tool().equals("out"))
                .singleElement()
                .extracting(ToolListing.Problem::message)
                .asString()
                .contains("leads outside the tools folder");
        assertThat(listing.problems())
                .filteredOn(problem -> problem.tool().equals("crm/loop"))
                .singleElement()
                .extracting(ToolListing.Problem::message)
                .asString()
                .contains("makes a loop");
        assertThat(listing.toValue().find("tools")).isPresent();
        assertThat(listing.tool("lookup")).contains(folder.signature("lookup"));
    }

    @Test
    void describingAnActiveSetReportsToolsThatVanished() throws IOException {
        ToolSet active = ToolSet.EMPTY.add("lookup").add("crm/create-lead");
        Files.delete(tools.resolve("crm/create-lead.bas"));

        ToolListing listing = active.describe(folder);

        assertThat(listing.tools()).extracting(ToolSignature::name).containsExactly("lookup");
        assertThat(listing.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.tool()).isEqualTo("crm/create-lead");
            assertThat(problem.message()).contains("not found");
        });
    }

    @Test
    void preparingACallGivesThePinnedScriptTheProgramAndTheChildVariables() {
        ToolCall call = folder.prepareCall("lookup", List.of(Value.text("Porto")));

        assertThat(call.script().source()).isEqualTo(LOOKUP);
        assertThat(call.program().name()).isEqualTo("lookup.bas");
        assertThat(call.signature().name()).isEqualTo("lookup");
        assertThat(call.variables())
                .containsExactly(Map.entry("city", Value.text("Porto")), Map.entry("days", NullValue.NULL));

        ToolCall named = folder.prepareCall("lookup", Map.of("city", Value.text("Porto"), "days", Value.text("3")));
        assertThat(named.variables()).containsEntry("days", Value.number(3));
    }

    @Test
    void preparingACallWithBadArgumentsListsTheProblems() {
        assertThatThrownBy(() -> folder.prepareCall("lookup", Map.of("town", Value.text("Porto"))))
                .isInstanceOf(ToolArgumentException.class)
                .hasMessageContaining("unknown parameter 'town'")
                .hasMessageContaining("'city' is required but is missing");
    }

    private void write(String relative, String content) throws IOException {
        Path file = tools.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
