package io.basicflow.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.tools.ScriptFolderWalk.Kind;
import io.basicflow.tools.ScriptFolderWalk.Problem;
import io.basicflow.tools.ScriptFolderWalk.Script;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The walk the tools folder and the app's scripts folder share: what it finds, what it leaves out. */
class ScriptFolderWalkTest {

    @TempDir
    Path temp;

    @Test
    void findsScriptsInSubfoldersAndThroughLinksThatStayInside() throws IOException {
        Path root = Files.createDirectories(temp.resolve("scripts"));
        write(root.resolve("a.bas"));
        write(root.resolve("crm/lead.bas"));
        write(root.resolve("upper.BAS"));
        write(root.resolve("notes.txt"));
        write(root.resolve(".hidden.bas"));
        write(root.resolve(".git/inside.bas"));
        Files.createSymbolicLink(root.resolve("alias.bas"), root.resolve("a.bas"));
        Files.createSymbolicLink(root.resolve("crm-link"), root.resolve("crm"));

        ScriptFolderWalk walk = ScriptFolderWalk.of(root, root.toRealPath());

        assertThat(walk.scripts())
                .extracting(Script::relativePath)
                .containsExactlyInAnyOrder("a.bas", "crm/lead.bas", "upper.BAS", "alias.bas", "crm-link/lead.bas");
        assertThat(walk.scripts())
                .filteredOn(script -> script.relativePath().equals("alias.bas"))
                .extracting(Script::realPath)
                .containsExactly(root.resolve("a.bas").toRealPath());
        assertThat(walk.problems()).isEmpty();
    }

    @Test
    void reportsLinksThatLeadOutNowhereOrInALoopAndNeverFollowsThemOut() throws IOException {
        Path root = Files.createDirectories(temp.resolve("scripts"));
        Path outside = Files.createDirectories(temp.resolve("outside"));
        write(outside.resolve("secret.bas"));
        Files.createSymbolicLink(root.resolve("secret.bas"), outside.resolve("secret.bas"));
        Files.createSymbolicLink(root.resolve("elsewhere"), outside);
        Files.createSymbolicLink(root.resolve("gone.bas"), root.resolve("missing.bas"));
        Files.createDirectories(root.resolve("deep"));
        Files.createSymbolicLink(root.resolve("deep/up"), root);

        ScriptFolderWalk walk = ScriptFolderWalk.of(root, root.toRealPath());

        assertThat(walk.scripts()).isEmpty();
        assertThat(walk.problems())
                .containsExactlyInAnyOrder(
                        new Problem("secret.bas", Kind.SCRIPT_LINK_OUTSIDE, ""),
                        new Problem("elsewhere", Kind.FOLDER_LINK_OUTSIDE, ""),
                        new Problem("gone.bas", Kind.DANGLING_LINK, ""),
                        new Problem("deep/up", Kind.LINK_LOOP, ""));
    }

    private static void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "TALK \"hi\"\n");
    }
}
