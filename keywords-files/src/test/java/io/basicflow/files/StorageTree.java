package io.basicflow.files;

import io.basicflow.testkit.BasicflowTestKit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What the script tests of this module share: a test kit on a storage root, and a folder's files. */
final class StorageTree {

    private StorageTree() {}

    /** The durable engine with the files plugin, its bots' storage under a root. */
    static BasicflowTestKit kit(Path filesRoot) {
        return BasicflowTestKit.withPlugins(new FilesPlugin()).configuration("files.root", filesRoot.toString());
    }

    /** The files under a folder, at every depth, by their paths relative to it with {@code /}, sorted. */
    static List<String> files(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .map(f -> folder.relativize(f).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }
}
