package io.basicflow.engine.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.engine.state.ChildRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Child scripts of a folder: found relative to the parent, never outside the folder. */
class ScriptResolverTest {

    @TempDir
    Path temp;

    @Test
    void findsAScriptNextToItsParentByTheNameWrittenWithSlashesAndWithoutItsByteOrderMark() throws IOException {
        Path root = Files.createDirectories(temp.resolve("scripts"));
        Files.createDirectories(root.resolve("lib"));
        Files.writeString(root.resolve("lib/greet.bas"), "\uFEFFTALK \"hi\"\n");

        ScriptResolver.Script script = ScriptResolver.directory(root)
                .resolve(call("greet", "lib/main.bas"))
                .orElseThrow();

        assertThat(script.name()).isEqualTo("lib/greet.bas");
        assertThat(script.source()).isEqualTo("TALK \"hi\"\n");
    }

    @Test
    void aNameThatLeadsOutOfTheFolderByDotsOrThroughALinkIsNotFound() throws IOException {
        Path root = Files.createDirectories(temp.resolve("scripts"));
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret.bas"), "TALK \"secret\"\n");
        Files.createSymbolicLink(root.resolve("secret.bas"), outside.resolve("secret.bas"));
        Files.createSymbolicLink(root.resolve("elsewhere"), outside);
        Files.writeString(root.resolve("inside.bas"), "TALK \"in\"\n");
        Files.createSymbolicLink(root.resolve("alias.bas"), root.resolve("inside.bas"));
        ScriptResolver resolver = ScriptResolver.directory(root);

        assertThat(resolver.resolve(call("secret", "main.bas"))).isEmpty();
        assertThat(resolver.resolve(call("elsewhere/secret", "main.bas"))).isEmpty();
        assertThat(resolver.resolve(call("../outside/secret", "main.bas"))).isEmpty();
        assertThat(resolver.resolve(call("alias", "main.bas")).orElseThrow().source())
                .isEqualTo("TALK \"in\"\n");
    }

    @Test
    void aScriptOverTheSizeLimitIsRefusedWithItsSize() throws IOException {
        Path root = Files.createDirectories(temp.resolve("scripts"));
        Files.writeString(root.resolve("big.bas"), "' " + "x".repeat((int) ScriptResolver.MAX_SCRIPT_BYTES));

        assertThatThrownBy(() -> ScriptResolver.directory(root).resolve(call("big", "main.bas")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bytes; a script may have at most " + ScriptResolver.MAX_SCRIPT_BYTES);
    }

    private static ChildRequest call(String script, String parent) {
        return new ChildRequest(ChildRequest.Kind.SCRIPT, script, parent, List.of());
    }
}
