package io.basicflow.app.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * basicflow's settings, resolved once at start from, in order of precedence: command-line flags,
 * environment variables ({@code BASICFLOW_DB_URL} for {@code basicflow.db.url}), a properties
 * file, and the defaults of {@link Setting}. Immutable.
 */
public final class Configuration {

    /** The properties file read when none is named: {@code basicflow.properties} in the working folder. */
    public static final String DEFAULT_FILE = "basicflow.properties";

    private final Map<String, String> values;
    private final Map<String, String> sources;

    private Configuration(Map<String, String> values, Map<String, String> sources) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
        this.sources = Collections.unmodifiableMap(new TreeMap<>(sources));
    }

    /**
     * Resolves the configuration.
     *
     * @param flags settings given on the command line, by property key
     * @param environment the process environment
     * @param file the properties file to read; when empty, {@link #DEFAULT_FILE} is read if it exists
     * @return the configuration
     * @throws ConfigurationException when a named file cannot be read
     */
    public static Configuration load(Map<String, String> flags, Map<String, String> environment, Optional<Path> file) {
        return resolve(
                flags,
                environment,
                file.or(() -> Optional.of(Path.of(DEFAULT_FILE)).filter(Files::isRegularFile)));
    }

    /**
     * The defaults, overridden by one properties file (which must exist), for embedding. Nothing else
     * is read: not the environment, not {@link #DEFAULT_FILE}.
     *
     * @param file a {@code .properties} file of settings by property key
     * @return the configuration
     * @throws ConfigurationException when the file cannot be read
     */
    public static Configuration fromFile(Path file) {
        return resolve(Map.of(), Map.of(), Optional.of(file));
    }

    /**
     * The defaults, overridden by these properties, for embedding. Nothing else is read.
     *
     * @param properties settings by property key
     * @return the configuration
     */
    public static Configuration fromProperties(Properties properties) {
        Map<String, String> values = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            values.put(key.trim(), properties.getProperty(key).trim());
        }
        return of(values);
    }

    /**
     * The defaults, overridden by the process environment's {@code BASICFLOW_*} variables (each
     * setting's variable, e.g. {@code BASICFLOW_DB_URL}; any other {@code BASICFLOW_A_B} as {@code
     * a.b}). No file is read.
     *
     * @return the configuration
     */
    public static Configuration fromEnvironment() {
        return resolve(Map.of(), System.getenv(), Optional.empty());
    }

    /** Defaults, then the file (if any), then the environment, then the flags: later ones win. */
    private static Configuration resolve(
            Map<String, String> flags, Map<String, String> environment, Optional<Path> file) {
        Map<String, String> values = new TreeMap<>();
        Map<String, String> sources = new TreeMap<>();
        for (Setting setting : Setting.values()) {
            if (!setting.defaultValue().isEmpty()) {
                values.put(setting.key(), setting.defaultValue());
                sources.put(setting.key(), "default");
            }
        }
        if (file.isPresent()) {
            Path path = file.get();
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new ConfigurationException(
                        "cannot read the configuration file " + path.toAbsolutePath() + ": " + e.getMessage());
            }
            for (String key : properties.stringPropertyNames()) {
                values.put(key.trim(), properties.getProperty(key).trim());
                sources.put(key.trim(), path.toString());
            }
        }
        Map<String, String> byVariable = new TreeMap<>();
        for (Setting setting : Setting.values()) {
            byVariable.put(setting.environmentVariable(), setting.key());
        }
        environment.forEach((variable, value) -> {
            if (!variable.startsWith("BASICFLOW_")) {
                return;
            }
            String key = byVariable.getOrDefault(
                    variable, variable.toLowerCase(Locale.ROOT).replace('_', '.'));
            values.put(key, value);
            sources.put(key, "environment " + variable);
        });
        flags.forEach((key, value) -> {
            values.put(key, value);
            sources.put(key, "command line");
        });
        return new Configuration(values, sources);
    }

    /**
     * A configuration of exactly these values and the defaults, for tests and embedding.
     *
     * @param values settings by property key
     * @return the configuration
     */
    public static Configuration of(Map<String, String> values) {
        return resolve(values, Map.of(), Optional.empty());
    }

    /**
     * A setting's value.
     *
     * @param setting the setting
     * @return its value, the default when unset, empty text when it has none
     */
    public String get(Setting setting) {
        return values.getOrDefault(setting.key(), "");
    }

    /**
     * Any key's value.
     *
     * @param key a property key
     * @return its value, if set
     */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).filter(value -> !value.isEmpty());
    }

    /**
     * An integer setting.
     *
     * @param setting the setting
     * @return its value
     * @throws ConfigurationException naming the key and where it was set when it is not an integer
     */
    public int getInt(Setting setting) {
        String value = get(setting);
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigurationException(
                    setting.key() + " must be an integer, was '" + value + "' (from " + source(setting.key()) + ")");
        }
    }

    /**
     * A duration setting: {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}, or ISO-8601 ({@code PT10S}).
     *
     * @param setting a duration setting
     * @return the duration
     * @throws ConfigurationException naming the key and where it was set when it is malformed
     */
    public Duration getDuration(Setting setting) {
        String value = get(setting).trim();
        try {
            Duration duration = parseDuration(value);
            if (duration.isNegative()) {
                throw new IllegalArgumentException("negative");
            }
            return duration;
        } catch (RuntimeException e) {
            throw new ConfigurationException(
                    setting.key() + " must be a duration like 500ms, 10s, 5m, 1h or PT10S, was '" + value + "' (from "
                            + source(setting.key()) + ")");
        }
    }

    private static Duration parseDuration(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("p")) {
            return Duration.parse(text.toUpperCase(Locale.ROOT));
        }
        int split = 0;
        while (split < lower.length() && Character.isDigit(lower.charAt(split))) {
            split++;
        }
        long amount = Long.parseLong(lower.substring(0, split));
        return switch (lower.substring(split)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> throw new IllegalArgumentException("unit");
        };
    }

    /**
     * Where a key's value came from: {@code command line}, {@code environment X}, a file, or {@code
     * default}.
     *
     * @param key a property key
     * @return the source
     */
    public String source(String key) {
        return sources.getOrDefault(key, "unset");
    }

    /**
     * Every {@code basicflow.*} setting, as plugins receive them.
     *
     * @return settings by key
     */
    public Map<String, String> all() {
        return values;
    }
}
