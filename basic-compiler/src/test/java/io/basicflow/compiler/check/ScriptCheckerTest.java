package io.basicflow.compiler.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.testing.TestPlugins;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptCheckerTest {

    private final ScriptChecker checker = new ScriptChecker(new ScriptService(TestPlugins.standard()));

    @TempDir
    Path folder;

    @Test
    void checksEveryBasFileOfAFolderAndSummarisesTheThreeOutcomes() throws IOException {
        Files.writeString(folder.resolve("ok.bas"), "TALK \"hi\"\n");
        Files.writeString(folder.resolve("broken.bas"), "IF a THEN\nTALK 1\n");
        Files.createDirectories(folder.resolve("sub"));
        Files.writeString(
                folder.resolve("sub/plugins.BAS"), "SET CONTEXT \"x\"\nSEND FILE f\nSET CONTEXT \"y\"\nx = SQR(2)\n");
        Files.writeString(folder.resolve("notes.txt"), "IF IF IF");

        CheckReport report = checker.check(List.of(folder));

        assertThat(report.files())
                .extracting(f -> Path.of(f.file()).getFileName().toString(), FileCheck::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("broken.bas", FileStatus.SYNTAX_ERRORS),
                        org.assertj.core.groups.Tuple.tuple("ok.bas", FileStatus.COMPILES),
                        org.assertj.core.groups.Tuple.tuple("plugins.BAS", FileStatus.UNKNOWN_NAMES_ONLY));
        assertThat(report.summary())
                .isEqualTo("checked 3 files: 1 compile, 1 with syntax errors, 1 with unknown keywords only");
        assertThat(report.unknownNames())
                .containsExactly(
                        java.util.Map.entry("SET CONTEXT", 2),
                        java.util.Map.entry("SEND FILE", 1),
                        java.util.Map.entry("SQR", 1));
    }

    @Test
    void theReportShowsEachFileAndEndsWithTheSummaryLine() throws IOException {
        Path ok = Files.writeString(folder.resolve("ok.bas"), "TALK \"hi\"\n");
        Path unknown = Files.writeString(folder.resolve("unknown.bas"), "USE KB \"docs\"\n");

        String text = checker.check(List.of(ok, unknown)).format();

        assertThat(text)
                .isEqualTo(ok + ": OK\n"
                        + unknown + ": 1 error (unknown names only)\n"
                        + unknown + ":1:1: error: unknown keyword USE KB: no installed plugin provides it;"
                        + " it is part of the standard library's keywords-ai\n"
                        + "USE KB \"docs\"\n"
                        + "^~~~~~\n"
                        + "\n"
                        + "keywords that no installed plugin provides, in files with no other problem:\n"
                        + "     1  USE KB\n"
                        + "\n"
                        + "checked 2 files: 1 compile, 0 with syntax errors, 1 with unknown keywords only");
    }

    @Test
    void anyBytesCanBeCheckedButAMissingPathIsAnError() throws IOException {
        Path binary = Files.write(folder.resolve("binary.bas"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 'T', '\n'});

        assertThat(checker.checkFile(binary).status()).isEqualTo(FileStatus.SYNTAX_ERRORS);
        assertThatThrownBy(() -> checker.check(List.of(folder.resolve("missing"))))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void anEmptyFolderChecksNothing() {
        assertThat(checker.check(List.of(folder)).summary())
                .isEqualTo("checked 0 files: 0 compile, 0 with syntax errors, 0 with unknown keywords only");
    }
}
