package io.basicflow.spi;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A plugin's settings: the configuration keys {@code basicflow.<plugin>.<key>}, with the prefix
 * removed ({@code basicflow.mail.host} reaches the mail plugin as {@code host}).
 *
 * @param plugin the plugin's name
 * @param values the settings by key
 */
public record PluginConfiguration(String plugin, Map<String, String> values) {

    /**
     * Validates and copies the parts.
     *
     * @param plugin not null
     * @param values not null
     */
    public PluginConfiguration {
        requireNonNull(plugin, "plugin is null");
        values = java.util.Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /**
     * An empty configuration.
     *
     * @param plugin the plugin's name
     * @return a configuration with no settings
     */
    public static PluginConfiguration empty(String plugin) {
        return new PluginConfiguration(plugin, Map.of());
    }

    /**
     * A setting.
     *
     * @param key the key without prefix
     * @return its value, if set
     */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /**
     * A setting with a default.
     *
     * @param key the key without prefix
     * @param defaultValue used when the key is not set
     * @return the value
     */
    public String get(String key, String defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }

    /**
     * An integer setting with a default.
     *
     * @param key the key without prefix
     * @param defaultValue used when the key is not set
     * @return the value
     * @throws IllegalArgumentException when the value is not an integer, naming the full key
     */
    public int getInt(String key, int defaultValue) {
        String value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "basicflow." + plugin + "." + key + " must be an integer, was '" + value + "'", e);
        }
    }

    /**
     * A boolean setting with a default ({@code true}/{@code false}, {@code yes}/{@code no}).
     *
     * @param key the key without prefix
     * @param defaultValue used when the key is not set
     * @return the value
     * @throws IllegalArgumentException when the value is not a boolean, naming the full key
     */
    public boolean getBoolean(String key, boolean defaultValue) {
        String value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default ->
                throw new IllegalArgumentException(
                        "basicflow." + plugin + "." + key + " must be true or false, was '" + value + "'");
        };
    }

    /**
     * A required setting.
     *
     * @param key the key without prefix
     * @return its value
     * @throws IllegalStateException when it is not set, naming the full key
     */
    public String require(String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("basicflow." + plugin + "." + key + " is not configured");
        }
        return value;
    }
}
