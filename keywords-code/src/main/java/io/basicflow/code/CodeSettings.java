package io.basicflow.code;

import io.basicflow.spi.KeywordException;
import io.basicflow.spi.PluginConfiguration;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code basicflow.code.*} settings of {@code RUN PYTHON}, {@code RUN JAVASCRIPT} and {@code RUN BASH}
 * (docs/run-code.md). The names after the prefix follow General Bots' {@code sandbox-*} entries of
 * config.csv where they mean the same.
 *
 * @param enabled {@code code.enabled}: off by default, a script running code on the server is dangerous
 * @param isolation {@code code.isolation}: {@code namespaces} (the default) or {@code process}
 * @param timeout {@code code.timeout-seconds}: wall time and CPU time of one run, 30 s, at most 300 s
 * @param memoryMb {@code code.memory-mb}: the address space (JavaScript: V8's heap), 512 MB, at most 4096
 * @param outputBytes {@code code.output-kb}: the most stdout may hold, 1024 KB, at most 10240 KB
 * @param fileBytes {@code code.file-mb}: the largest file the code may write, 10 MB, at most 100 MB
 * @param network {@code code.network}: whether the code may use the network (namespaces only), false
 * @param python {@code code.python}: the interpreter, found on /usr/local/bin:/usr/bin:/bin by default
 * @param node {@code code.node}: the JavaScript interpreter
 * @param bash {@code code.bash}: the shell
 */
record CodeSettings(
        boolean enabled,
        Isolation isolation,
        Duration timeout,
        int memoryMb,
        int outputBytes,
        long fileBytes,
        boolean network,
        Optional<String> python,
        Optional<String> node,
        Optional<String> bash) {

    /** How the child process is kept apart from the server. */
    enum Isolation {
        /**
         * Linux namespaces: no network (its own empty network namespace), its own process namespace,
         * the user {@code nobody} with no new privileges; needs {@code unshare} and {@code setpriv} and the
         * rights to use them.
         */
        NAMESPACES,
        /** A plain child process with the limits only: it runs as the server's user, with its network. */
        PROCESS
    }

    static final String ENABLE = "set basicflow.code.enabled=true in the server's settings (see docs/run-code.md)";

    static CodeSettings from(PluginConfiguration configuration, String keyword) throws KeywordException {
        try {
            String isolation =
                    configuration.get("isolation", "namespaces").strip().toLowerCase(Locale.ROOT);
            if (!isolation.equals("namespaces") && !isolation.equals("process")) {
                throw KeywordException.permanent(
                        "basicflow.code.isolation must be namespaces or process," + " was '" + isolation + "'");
            }
            return new CodeSettings(
                    configuration.getBoolean("enabled", false),
                    isolation.equals("process") ? Isolation.PROCESS : Isolation.NAMESPACES,
                    Duration.ofSeconds(bounded(configuration, keyword, "timeout-seconds", 30, 300)),
                    bounded(configuration, keyword, "memory-mb", 512, 4096),
                    bounded(configuration, keyword, "output-kb", 1024, 10240) * 1024,
                    bounded(configuration, keyword, "file-mb", 10, 100) * 1024L * 1024L,
                    configuration.getBoolean("network", false),
                    configuration.get("python").filter(value -> !value.isBlank()),
                    configuration.get("node").filter(value -> !value.isBlank()),
                    configuration.get("bash").filter(value -> !value.isBlank()));
        } catch (IllegalArgumentException e) {
            throw KeywordException.permanent(e.getMessage());
        }
    }

    private static int bounded(PluginConfiguration configuration, String keyword, String key, int fallback, int most)
            throws KeywordException {
        int value = configuration.getInt(key, fallback);
        if (value < 1 || value > most) {
            throw KeywordException.permanent(
                    "basicflow.code." + key + " must be between 1 and " + most + ", was " + value);
        }
        return value;
    }
}
