package io.basicflow.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bot's storage on a real folder: paths that leave it are refused, writes land once. */
class BotStorageTest {

    @TempDir
    Path root;

    private Path drive;
    private BotStorage storage;

    @BeforeEach
    void createStorage() throws Exception {
        drive = Files.createDirectories(root.resolve("shop.gbai/shop.gbdrive"));
        storage = new BotStorage(drive, new FilesSettings(root, 64, 3));
    }

    @Test
    void aParentSegmentIsRefusedWhereverItStands() throws Exception {
        Files.writeString(root.resolve("shop.gbai/secret.txt"), "outside");
        for (String path : List.of("../secret.txt", "notes/../../secret.txt", "..", "notes\\..\\..\\secret.txt")) {
            assertThatThrownBy(() -> storage.read("READ", path))
                    .as(path)
                    .isInstanceOf(KeywordException.class)
                    .hasMessageContaining("PATH_TRAVERSAL")
                    .hasMessageContaining("'..'");
        }
        assertThatThrownBy(() -> storage.write("WRITE", "../escaped.txt", new byte[] {1}, "e/1"))
                .hasMessageContaining("PATH_TRAVERSAL");
        assertThat(root.resolve("shop.gbai/escaped.txt")).doesNotExist();
    }

    @Test
    void anAbsolutePathOrAUrlIsRefused() {
        for (String path : List.of("/etc/passwd", "\\etc\\passwd", "C:/Windows/win.ini", "file:///etc/passwd")) {
            assertThatThrownBy(() -> storage.read("READ", path))
                    .as(path)
                    .hasMessageContaining("PATH_TRAVERSAL")
                    .hasMessageContaining("absolute");
        }
    }

    @Test
    void aLinkThatLeadsOutOfTheFolderIsRefusedForReadingWritingAndListing() throws Exception {
        Path outside = Files.createDirectories(root.resolve("elsewhere"));
        Files.writeString(outside.resolve("secret.txt"), "outside");
        Files.createSymbolicLink(drive.resolve("out"), outside);
        Files.createSymbolicLink(drive.resolve("secret-link.txt"), outside.resolve("secret.txt"));

        assertThatThrownBy(() -> storage.read("READ", "out/secret.txt")).hasMessageContaining("PATH_TRAVERSAL");
        assertThatThrownBy(() -> storage.read("READ", "secret-link.txt")).hasMessageContaining("PATH_TRAVERSAL");
        assertThatThrownBy(() -> storage.write("WRITE", "out/new.txt", new byte[] {1}, "e/1"))
                .hasMessageContaining("PATH_TRAVERSAL");
        assertThatThrownBy(() -> storage.list("LIST", "out/", null)).hasMessageContaining("PATH_TRAVERSAL");
        assertThatThrownBy(() -> storage.copy("COPY", "secret-link.txt", "mine.txt", "e/2"))
                .hasMessageContaining("PATH_TRAVERSAL");
        assertThat(outside.resolve("new.txt")).doesNotExist();
        assertThat(drive.resolve("mine.txt")).doesNotExist();
    }

    @Test
    void aLinkInsideTheFolderIsFollowed() throws Exception {
        Files.createDirectories(drive.resolve("real"));
        Files.writeString(drive.resolve("real/a.txt"), "inside");
        Files.createSymbolicLink(drive.resolve("alias"), drive.resolve("real"));

        assertThat(storage.read("READ", "alias/a.txt")).isEqualTo(new TextValue("inside"));
    }

    @Test
    void aWriteRepeatedWithTheSameKeyLeavesOneFileAndNoTemporaryFile() throws Exception {
        storage.write("WRITE", "reports/day.txt", "first".getBytes(StandardCharsets.UTF_8), "run/7");
        storage.write("WRITE", "reports/day.txt", "second".getBytes(StandardCharsets.UTF_8), "run/7");

        try (Stream<Path> files = Files.list(drive.resolve("reports"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("day.txt");
        }
        assertThat(drive.resolve("reports/day.txt")).hasContent("second");
    }

    @Test
    void anInterruptedWritesLeftoverIsHiddenAndReplacedByItsRetry() throws Exception {
        // what a write killed between its temporary file and its rename leaves behind
        storage.write("WRITE", "a.txt", "old".getBytes(StandardCharsets.UTF_8), "run/1");
        Path leftover;
        try (Stream<Path> files = Files.list(drive)) {
            assertThat(files.count()).isEqualTo(1);
        }
        storage.write("WRITE", "b.txt", "x".getBytes(StandardCharsets.UTF_8), "run/2");
        leftover = drive.resolve(".b.txt.leftover" + BotStorage.PART_SUFFIX);
        Files.writeString(leftover, "half");

        ListValue listed = storage.list("LIST", "", null);

        assertThat(listed.elements())
                .extracting(entry -> ((MapValue) entry).entries().get("name"))
                .containsExactly(new TextValue("a.txt"), new TextValue("b.txt"));
    }

    @Test
    void aFileLargerThanTheLimitIsNeitherReadNorWritten() throws Exception {
        Files.write(drive.resolve("big.bin"), new byte[65]);

        assertThatThrownBy(() -> storage.read("READ", "big.bin"))
                .hasMessageContaining("FILE_TOO_LARGE")
                .hasMessageContaining("basicflow.files.max-file-bytes (64)");
        assertThatThrownBy(() -> storage.write("WRITE", "new.bin", new byte[65], "k/1"))
                .hasMessageContaining("FILE_TOO_LARGE");
        assertThat(drive.resolve("new.bin")).doesNotExist();
    }

    @Test
    void aMissingFileIsNamedInTheError() {
        assertThatThrownBy(() -> storage.read("READ", "nope.txt"))
                .hasMessageContaining("FILE_NOT_FOUND")
                .hasMessageContaining("'nope.txt'");
    }

    @Test
    void bytesThatAreNoTextAreReadAsBase64() throws Exception {
        Files.write(drive.resolve("logo.bin"), new byte[] {(byte) 0xff, (byte) 0xd8, 0x00});

        Value read = storage.read("READ", "logo.bin");

        assertThat(read).isEqualTo(new TextValue("/9gA"));
    }

    @Test
    void aMoveRepeatedAfterItHappenedIsDone() throws Exception {
        Files.writeString(drive.resolve("in.txt"), "x");

        assertThat(storage.move("MOVE", "in.txt", "done/in.txt")).isEqualTo("done/in.txt");
        assertThat(storage.move("MOVE", "in.txt", "done/in.txt")).isEqualTo("done/in.txt");
        assertThatThrownBy(() -> storage.move("MOVE", "never.txt", "done/never.txt"))
                .hasMessageContaining("FILE_NOT_FOUND");
    }

    @Test
    void listingStopsAtItsLimitAndFiltersByGlob() throws Exception {
        for (String name : List.of("a.pdf", "b.txt", "c.pdf", "d.pdf")) {
            Files.writeString(drive.resolve(name), name);
        }

        assertThat(storage.list("LIST", "", "*.txt").elements()).hasSize(1);
        assertThatThrownBy(() -> storage.list("LIST", "", null)).hasMessageContaining("more than 3 entries");
    }

    @Test
    void theDriveOfABotIsItsGbdriveNextToItsDialogFolder() {
        FilesSettings settings = new FilesSettings(Path.of("/srv/bots"), 10, 10);

        assertThat(settings.driveOf(new io.basicflow.spi.ExecutionScope("shop/start", "shop", "u", "c")))
                .isEqualTo(Path.of("/srv/bots/shop.gbai/shop.gbdrive"));
        assertThat(settings.driveOf(new io.basicflow.spi.ExecutionScope(
                        "/home/ana/Shop.gbai/Shop.gbdialog/start.bas", "shop", "u", "c")))
                .isEqualTo(Path.of("/home/ana/Shop.gbai/Shop.gbdrive"));
    }
}
