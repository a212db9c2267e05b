package io.basicflow.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.Value;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** COMPRESS and EXTRACT on a real folder: the archives they write, and the archives they refuse. */
class ArchivesTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    @TempDir
    Path root;

    private Path drive;
    private BotStorage storage;
    private Archives archives;

    @BeforeEach
    void storage() throws IOException {
        drive = Files.createDirectories(root.resolve("shop.gbai/shop.gbdrive"));
        storage = new BotStorage(drive, new FilesSettings(root, 1 << 20, 1000));
        archives = new Archives(storage, new Archives.Limits(50, 64 * 1024));
        write("reports/week1.txt", "first week");
        write("reports/week2.txt", "second week");
        write("reports/old/2025.txt", "last year");
        write("exports/data_profile.csv", "a,b\r\n1,2\r\n");
        write("exports/data_messages.csv", "m\r\nhi\r\n");
        write("exports/other.json", "{}");
    }

    @Test
    void aFolderAListAndAGlobGoInUnderTheirPathsAndComeOutTheSame() throws Exception {
        MapValue result = archives.compress(
                new ListValue(List.of(
                        Value.text("reports/"),
                        Value.text("exports/data_*.csv"),
                        // a LIST item: its path
                        new MapValue(
                                Map.of("name", Value.text("other.json"), "path", Value.text("exports/other.json"))),
                        Value.text("reports/week1.txt"))), // named twice: stored once
                "archives/all.zip",
                "run-1/4",
                NOW);

        assertThat(entries(drive.resolve("archives/all.zip")))
                .containsExactly(
                        "exports/data_messages.csv",
                        "exports/data_profile.csv",
                        "exports/other.json",
                        "reports/old/2025.txt",
                        "reports/week1.txt",
                        "reports/week2.txt");
        assertThat(result.find("path")).contains(Value.text("archives/all.zip"));
        assertThat(result.find("filename")).contains(Value.text("all.zip"));
        assertThat(result.find("file_count")).contains(IntegerValue.of(6));
        assertThat(result.find("size")).contains(IntegerValue.of(Files.size(drive.resolve("archives/all.zip"))));
        assertThat(result.find("created_at")).contains(Value.text("2026-12-07T10:00:00Z"));

        Archives.Extraction extraction = archives.extract("archives/all.zip", "restored/", "run-1/5");

        assertThat(extraction.destination()).isEqualTo("restored");
        assertThat(extraction.files()).hasSize(6).contains("restored/reports/old/2025.txt");
        assertThat(extraction.folders()).isEqualTo(3); // exports, reports, reports/old
        assertThat(extraction.totalBytes()).isEqualTo(treeBytes(drive, "reports", "exports"));
        for (String file : List.of("reports/week1.txt", "reports/old/2025.txt", "exports/data_profile.csv")) {
            assertThat(drive.resolve("restored").resolve(file)).hasSameBinaryContentAs(drive.resolve(file));
        }
        MapValue described = extraction.describe(NOW);
        assertThat(described.find("file_count")).contains(IntegerValue.of(6));
        assertThat(described.find("folder_count")).contains(IntegerValue.of(3));
        assertThat(described.find("files").orElseThrow()).isInstanceOf(ListValue.class);
        assertThat(described.find("extracted_at")).contains(Value.text("2026-12-07T10:00:00Z"));
    }

    @Test
    void anArchiveInsideTheFolderItCompressesLeavesItselfOut() throws Exception {
        archives.compress(Value.text("reports/"), "reports/backup.zip", "k/1", NOW);
        archives.compress(Value.text("reports/"), "reports/backup.zip", "k/2", NOW); // again, over the first

        assertThat(entries(drive.resolve("reports/backup.zip")))
                .containsExactly("reports/old/2025.txt", "reports/week1.txt", "reports/week2.txt");
        assertThat(names(drive.resolve("reports"))).doesNotContain(".backup.zip");
        assertThat(names(drive.resolve("reports")).stream().filter(name -> name.endsWith(".part")))
                .isEmpty();
    }

    @Test
    void nothingToCompressAMissingFileAndAPathOutOfTheStorageAreRefused() throws Exception {
        assertThatThrownBy(() -> archives.compress(Value.text("exports/*.pdf"), "a.zip", "k/1", NOW))
                .isInstanceOf(KeywordException.class)
                .hasMessageContaining("EMPTY_ARCHIVE");
        assertThatThrownBy(() -> archives.compress(Value.text("reports/week9.txt"), "a.zip", "k/1", NOW))
                .hasMessageContaining("FILE_NOT_FOUND")
                .hasMessageContaining("reports/week9.txt");
        assertThatThrownBy(() -> archives.compress(Value.text("../../../etc/hostname"), "a.zip", "k/1", NOW))
                .hasMessageContaining("PATH_TRAVERSAL");
        assertThatThrownBy(() -> archives.compress(Value.text("reports/"), "../escape.zip", "k/1", NOW))
                .hasMessageContaining("PATH_TRAVERSAL");
        Path outside = Files.writeString(root.resolve("secret.txt"), "not the bot's");
        Files.createSymbolicLink(drive.resolve("reports/link.txt"), outside);
        assertThatThrownBy(() -> archives.compress(Value.text("reports/"), "a.zip", "k/1", NOW))
                .hasMessageContaining("PATH_TRAVERSAL")
                .hasMessageContaining("link");
        assertThat(drive.resolve("a.zip")).doesNotExist();
        assertThat(root.resolve("shop.gbai/escape.zip")).doesNotExist();
    }

    @Test
    void tooManyFilesOrTooManyBytesMakeNoArchive() throws Exception {
        Archives small = new Archives(storage, new Archives.Limits(2, 64 * 1024));
        assertThatThrownBy(() -> small.compress(Value.text("reports/"), "a.zip", "k/1", NOW))
                .hasMessageContaining("ARCHIVE_TOO_LARGE")
                .hasMessageContaining("max-archive-entries");
        Archives tiny = new Archives(storage, new Archives.Limits(50, 20));
        assertThatThrownBy(() -> tiny.compress(Value.text("reports/"), "a.zip", "k/1", NOW))
                .hasMessageContaining("ARCHIVE_TOO_LARGE")
                .hasMessageContaining("max-archive-bytes");
        assertThat(drive.resolve("a.zip")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "../evil.txt",
                "docs/../../evil.txt",
                "/tmp/evil.txt",
                "..\\evil.txt",
                "docs\\..\\..\\evil.txt",
                "C:evil.txt",
                "C:/Windows/evil.txt"
            })
    void anEntryThatWouldLeaveTheDestinationRefusesTheWholeArchive(String evil) throws Exception {
        zip("uploads/evil.zip", Map.of("readme.txt", bytes("fine"), evil, bytes("owned")));

        assertThatThrownBy(() -> archives.extract("uploads/evil.zip", "inbox/", "k/1"))
                .isInstanceOf(KeywordException.class)
                .hasMessageContaining("INVALID_ARCHIVE")
                .hasMessageContaining("PATH_TRAVERSAL")
                .hasMessageContaining(evil);

        assertThat(drive.resolve("inbox")).doesNotExist(); // not even the harmless entry
        try (Stream<Path> all = Files.walk(root)) {
            assertThat(all.map(p -> p.getFileName().toString())).doesNotContain("evil.txt");
        }
    }

    @Test
    void aZipBombIsRefusedByTheBytesItInflatesToNotByWhatItsHeadersSay() throws Exception {
        // 1 MiB of zeros deflates to about 1 KiB; the limit is 64 KiB
        zip("uploads/bomb.zip", Map.of("small.txt", bytes("ok"), "zeros.bin", new byte[1 << 20]));
        assertThat(Files.size(drive.resolve("uploads/bomb.zip"))).isLessThan(8 * 1024);

        assertThatThrownBy(() -> archives.extract("uploads/bomb.zip", "inbox/", "k/1"))
                .hasMessageContaining("ARCHIVE_TOO_LARGE")
                .hasMessageContaining("nothing was extracted");
        assertThat(drive.resolve("inbox")).doesNotExist();

        // a header that claims a tiny size changes nothing: the bytes are counted as they inflate
        byte[] lying = lyingSizes(new byte[256 * 1024]);
        Files.write(drive.resolve("uploads/lying.zip"), lying);
        assertThatThrownBy(() -> archives.extract("uploads/lying.zip", "inbox/", "k/1"))
                .hasMessageContaining("ARCHIVE_TOO_LARGE");
        assertThat(drive.resolve("inbox")).doesNotExist();
    }

    @Test
    void tooManyEntriesDuplicatesAndAFileThatIsAlsoAFolderAreRefused() throws Exception {
        Map<String, byte[]> many = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 51; i++) {
            many.put("f" + i + ".txt", bytes("x"));
        }
        zip("uploads/many.zip", many);
        assertThatThrownBy(() -> archives.extract("uploads/many.zip", "inbox/", "k/1"))
                .hasMessageContaining("ARCHIVE_TOO_LARGE")
                .hasMessageContaining("max-archive-entries");

        Files.write(drive.resolve("uploads/twice.zip"), rawZip(List.of("a.txt", "b.txt", "a.txt")));
        assertThatThrownBy(() -> archives.extract("uploads/twice.zip", "inbox/", "k/1"))
                .hasMessageContaining("INVALID_ARCHIVE")
                .hasMessageContaining("'a.txt' twice");

        zip("uploads/clash.zip", Map.of("a", bytes("file"), "a/b.txt", bytes("under a file")));
        assertThatThrownBy(() -> archives.extract("uploads/clash.zip", "inbox/", "k/1"))
                .hasMessageContaining("INVALID_ARCHIVE")
                .hasMessageContaining("both a file and a folder");
        assertThat(drive.resolve("inbox")).doesNotExist();
    }

    @Test
    void aFileThatIsNoZipAMissingArchiveAndADestinationOutOfTheStorageAreRefused() throws Exception {
        write("uploads/notes.zip", "just text, renamed");
        assertThatThrownBy(() -> archives.extract("uploads/notes.zip", "inbox/", "k/1"))
                .hasMessageContaining("INVALID_ARCHIVE")
                .hasMessageContaining("not a ZIP archive");
        Files.write(drive.resolve("uploads/cut.zip"), java.util.Arrays.copyOf(rawZipWithContent(), 60));
        assertThatThrownBy(() -> archives.extract("uploads/cut.zip", "inbox/", "k/1"))
                .hasMessageContaining("INVALID_ARCHIVE");
        assertThatThrownBy(() -> archives.extract("uploads/none.zip", "inbox/", "k/1"))
                .hasMessageContaining("FILE_NOT_FOUND");

        zip("uploads/ok.zip", Map.of("a.txt", bytes("a")));
        assertThatThrownBy(() -> archives.extract("uploads/ok.zip", "../../elsewhere", "k/1"))
                .hasMessageContaining("PATH_TRAVERSAL");
        Path outside = Files.createDirectories(root.resolve("outside"));
        Files.createSymbolicLink(drive.resolve("linked"), outside);
        assertThatThrownBy(() -> archives.extract("uploads/ok.zip", "linked/", "k/1"))
                .hasMessageContaining("PATH_TRAVERSAL");
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void extractingAgainWithTheSameKeyLeavesEachFileOnceAndNoTemporaryFile() throws Exception {
        zip("uploads/docs.zip", Map.of("a.txt", bytes("A"), "sub/b.txt", bytes("B"), "sub/", new byte[0]));
        archives.extract("uploads/docs.zip", "inbox", "run-7/3");
        Archives.Extraction again = archives.extract("uploads/docs.zip", "inbox", "run-7/3");

        assertThat(again.files()).containsExactlyInAnyOrder("inbox/a.txt", "inbox/sub/b.txt");
        try (Stream<Path> all = Files.walk(drive.resolve("inbox"))) {
            assertThat(all.filter(Files::isRegularFile)
                            .map(p -> drive.relativize(p).toString()))
                    .containsExactlyInAnyOrder("inbox/a.txt", "inbox/sub/b.txt");
        }
        assertThat(drive.resolve("inbox/sub/b.txt")).hasContent("B");
    }

    // ---- helpers ----

    private void write(String path, String text) throws IOException {
        Path file = drive.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void zip(String path, Map<String, byte[]> entries) throws IOException {
        Path file = drive.resolve(path);
        Files.createDirectories(file.getParent());
        List<String> names = new ArrayList<>(entries.keySet());
        Collections.sort(names);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (String name : names) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(entries.get(name));
                zip.closeEntry();
            }
        }
    }

    /** A ZIP whose local headers repeat names (ZipOutputStream refuses that, so it is written by hand). */
    private static byte[] rawZip(List<String> names) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String name : names) {
            byte[] content = bytes("x");
            localHeader(out, name, content.length, content.length, crc(content), 0);
            out.writeBytes(content);
        }
        return out.toByteArray();
    }

    private static byte[] rawZipWithContent() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] content = new byte[200];
        localHeader(out, "big.bin", content.length, content.length, crc(content), 0);
        out.writeBytes(content);
        return out.toByteArray();
    }

    /** A deflated entry whose local header claims 10 bytes for content that inflates much larger. */
    private static byte[] lyingSizes(byte[] content) throws IOException {
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(9, true);
        try (java.util.zip.DeflaterOutputStream stream = new java.util.zip.DeflaterOutputStream(deflated, deflater)) {
            stream.write(content);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] data = deflated.toByteArray();
        localHeader(out, "lies.bin", data.length, 10, crc(content), 8);
        out.writeBytes(data);
        return out.toByteArray();
    }

    private static void localHeader(
            ByteArrayOutputStream out, String name, int compressed, int size, long crc, int method) {
        byte[] nameBytes = bytes(name);
        java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(30).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        header.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) method);
        header.putShort((short) 0)
                .putShort((short) 0)
                .putInt((int) crc)
                .putInt(compressed)
                .putInt(size);
        header.putShort((short) nameBytes.length).putShort((short) 0);
        out.writeBytes(header.array());
        out.writeBytes(nameBytes);
    }

    private static long crc(byte[] content) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(content);
        return crc.getValue();
    }

    private static List<String> entries(Path zip) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            return file.stream().map(ZipEntry::getName).toList();
        }
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> children = Files.list(folder)) {
            return children.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static long treeBytes(Path drive, String... folders) throws IOException {
        long total = 0;
        for (String folder : folders) {
            try (Stream<Path> files = Files.walk(drive.resolve(folder))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    total += Files.size(file);
                }
            }
        }
        return total;
    }
}
