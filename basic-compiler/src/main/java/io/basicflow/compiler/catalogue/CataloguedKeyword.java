package io.basicflow.compiler.catalogue;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordPlugin;
import java.util.List;

/**
 * A keyword of the catalogue with the plugin that declares it.
 *
 * @param definition the declaration
 * @param plugin the plugin that provides it
 * @param words the keyword's name split into words, upper case
 */
public record CataloguedKeyword(KeywordDefinition definition, KeywordPlugin plugin, List<String> words) {

    /**
     * Validates the parts.
     *
     * @param definition not null
     * @param plugin not null
     * @param words the words of the definition's name
     */
    public CataloguedKeyword {
        requireNonNull(definition, "definition is null");
        requireNonNull(plugin, "plugin is null");
        words = List.copyOf(words);
        if (!String.join(" ", words).equals(definition.name())) {
            throw new IllegalArgumentException("words " + words + " do not spell " + definition.name());
        }
    }

    /**
     * A catalogued keyword whose words come from its name.
     *
     * @param definition the declaration
     * @param plugin the plugin that provides it
     */
    public CataloguedKeyword(KeywordDefinition definition, KeywordPlugin plugin) {
        this(definition, plugin, List.of(definition.name().split(" ")));
    }

    /**
     * The keyword's name.
     *
     * @return upper case words separated by single spaces
     */
    public String name() {
        return definition.name();
    }
}
