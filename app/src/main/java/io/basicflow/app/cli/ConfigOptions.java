package io.basicflow.app.cli;

import io.basicflow.app.config.Configuration;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The configuration options every command accepts. */
public final class ConfigOptions {

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "properties file (default: ./basicflow.properties when it exists)")
    private Path file;

    @Option(
            names = {"-D", "--set"},
            paramLabel = "KEY=VALUE",
            description = "a setting, e.g. -Dbasicflow.mail.host=smtp.example.com (overrides environment and file)")
    private Map<String, String> settings = new LinkedHashMap<>();

    @Option(
            names = "--db-url",
            paramLabel = "URL",
            description = "JDBC URL of an external PostgreSQL (default: the embedded one)")
    private String databaseUrl;

    /**
     * Resolves the configuration: these flags, then the environment, then the file, then defaults.
     *
     * @return the configuration
     */
    public Configuration configuration() {
        Map<String, String> flags = new LinkedHashMap<>(settings);
        if (databaseUrl != null) {
            flags.put("basicflow.db.url", databaseUrl);
        }
        return Configuration.load(flags, System.getenv(), Optional.ofNullable(file));
    }

    /**
     * The settings given with {@code -D} on this command line, e.g. to hand on to a child process.
     *
     * @return key to value, in the order given
     */
    public Map<String, String> commandLineSettings() {
        return java.util.Collections.unmodifiableMap(settings);
    }

    /**
     * Adds a flag-level setting (used by commands with their own options, e.g. {@code --port}).
     *
     * @param key the property key
     * @param value its value
     */
    public void put(String key, String value) {
        settings.put(key, value);
    }
}
