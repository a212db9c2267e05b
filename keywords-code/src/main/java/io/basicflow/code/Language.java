package io.basicflow.code;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The three languages of {@code RUN}: the interpreter, its file name and how it is started. */
enum Language {
    PYTHON("python3", "main.py"),
    JAVASCRIPT("node", "main.js"),
    BASH("bash", "main.sh");

    /** Where interpreters are looked for: system folders only, never the server's own PATH. */
    private static final List<String> FOLDERS = List.of("/usr/local/bin", "/usr/bin", "/bin");

    private final String program;
    private final String fileName;

    Language(String program, String fileName) {
        this.program = program;
        this.fileName = fileName;
    }

    String fileName() {
        return fileName;
    }

    /** The interpreter: the configured one, else the first of the system folders that has it. */
    Optional<Path> interpreter(CodeSettings settings) {
        Optional<String> configured = switch (this) {
            case PYTHON -> settings.python();
            case JAVASCRIPT -> settings.node();
            case BASH -> settings.bash();
        };
        if (configured.isPresent()) {
            Path path = Path.of(configured.get().strip());
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        return FOLDERS.stream()
                .map(folder -> Path.of(folder, program))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** The setting that names the interpreter. */
    String settingKey() {
        return switch (this) {
            case PYTHON -> "basicflow.code.python";
            case JAVASCRIPT -> "basicflow.code.node";
            case BASH -> "basicflow.code.bash";
        };
    }

    /** The interpreter's command for the code file: isolated Python, V8's heap capped, bash with no rc files. */
    List<String> command(Path interpreter, CodeSettings settings) {
        return switch (this) {
            case PYTHON -> List.of(interpreter.toString(), "-I", "-B", fileName);
            case JAVASCRIPT -> List.of(interpreter.toString(), "--max-old-space-size=" + settings.memoryMb(), fileName);
            case BASH -> List.of(interpreter.toString(), "--noprofile", "--norc", fileName);
        };
    }

    /**
     * The address space the process may reserve, in bytes. V8 reserves far more address space than it
     * uses (it does not start under 1 GiB), so JavaScript gets 1 GiB more and its heap is capped by
     * {@code --max-old-space-size} instead.
     */
    long addressSpace(CodeSettings settings) {
        long memory = settings.memoryMb() * 1024L * 1024L;
        return this == JAVASCRIPT ? memory + 1024L * 1024L * 1024L : memory;
    }
}
