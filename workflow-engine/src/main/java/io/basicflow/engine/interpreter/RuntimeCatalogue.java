package io.basicflow.engine.interpreter;

import static java.util.Objects.requireNonNull;

import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.engine.data.DataConnections;
import io.basicflow.spi.FunctionDefinition;
import io.basicflow.spi.InputTypeDefinition;
import io.basicflow.spi.InvocationContext;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.PluginConfiguration;
import io.basicflow.spi.TransactionalKeywordHandler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the interpreter needs from the installed plugins at run time: each keyword's declaration with
 * its handler and context, the pure functions for the evaluator, and the {@code HEAR} input types.
 *
 * <p>Built from the same plugins as the compiler's catalogue. Configuration comes as a map of {@code
 * basicflow.<plugin>.<key>} entries; each plugin sees its own keys without the prefix.
 */
public final class RuntimeCatalogue {

    private final Map<String, Keyword> keywords;
    private final Map<String, List<Keyword>> overloads;
    private final Map<String, FunctionDefinition> functions;
    private final Map<String, InputTypeDefinition> inputTypes;
    private final Optional<DataConnections> data;

    private RuntimeCatalogue(
            Map<String, Keyword> keywords,
            Map<String, List<Keyword>> overloads,
            Map<String, FunctionDefinition> functions,
            Map<String, InputTypeDefinition> inputTypes,
            Optional<DataConnections> data) {
        this.keywords = keywords;
        this.overloads = overloads;
        this.functions = functions;
        this.inputTypes = inputTypes;
        this.data = data;
    }

    /**
     * This catalogue with the database where transactional keywords ({@link
     * TransactionalKeywordHandler}) keep their data.
     *
     * @param data where the data lives
     * @return a catalogue with the same keywords
     */
    public RuntimeCatalogue withData(DataConnections data) {
        return new RuntimeCatalogue(keywords, overloads, functions, inputTypes, Optional.of(data));
    }

    /**
     * Where transactional keywords keep their data, when the assembly said so. A durable run without
     * it writes in the engine's own commit transaction; a direct run without it cannot run them.
     *
     * @return the data's database
     */
    public Optional<DataConnections> data() {
        return data;
    }

    /**
     * Builds the catalogue from plugins.
     *
     * @param plugins the installed plugins
     * @param configuration settings by full key ({@code basicflow.mail.host})
     * @param clock the clock handlers get in their context
     * @return the catalogue
     * @throws IllegalArgumentException when two plugins claim the same keyword, function or input type
     *     name, or an effect keyword has no handler
     */
    public static RuntimeCatalogue of(
            List<? extends KeywordPlugin> plugins, Map<String, String> configuration, Clock clock) {
        requireNonNull(plugins, "plugins is null");
        requireNonNull(configuration, "configuration is null");
        requireNonNull(clock, "clock is null");
        Map<String, String> allSettings = Collections.unmodifiableMap(new LinkedHashMap<>(configuration));
        Map<String, Keyword> keywords = new LinkedHashMap<>();
        Map<String, List<Keyword>> overloads = new LinkedHashMap<>();
        Map<String, FunctionDefinition> functions = new LinkedHashMap<>();
        Map<String, String> functionOwners = new LinkedHashMap<>();
        Map<String, InputTypeDefinition> inputTypes = new LinkedHashMap<>();
        Map<String, String> typeOwners = new LinkedHashMap<>();
        for (KeywordPlugin plugin : plugins) {
            String pluginName = plugin.name();
            InvocationContext context = new PluginContext(
                    System.getLogger("basicflow.plugin." + pluginName),
                    clock,
                    new PluginConfiguration(pluginName, pluginSettings(pluginName, configuration)),
                    allSettings);
            for (KeywordDefinition definition : plugin.keywords()) {
                if (plugin.lowering(definition.name()).isPresent()) {
                    continue; // compiled to the keywords it calls; never run as itself
                }
                KeywordHandler handler = plugin.handler(definition.name())
                        .orElseThrow(() -> new IllegalArgumentException("plugin " + pluginName + " declares keyword "
                                + definition.name() + " but has no handler for it"));
                Keyword keyword = new Keyword(
                        definition, handler, pluginName, context, plugin.transactionalHandler(definition.name()));
                Keyword previous = keywords.putIfAbsent(definition.name(), keyword);
                if (previous != null) {
                    // one name at disjoint argument counts (DELETE table, filter beside DELETE path), or told
                    // apart by a required clause (FILL template, data beside FILL template, data TO path)
                    List<Keyword> same =
                            overloads.computeIfAbsent(definition.name(), name -> new ArrayList<>(List.of(previous)));
                    for (Keyword other : same) {
                        if (other.definition().callsOverlap(definition)) {
                            throw duplicate("keyword", definition.name(), other.plugin(), pluginName);
                        }
                    }
                    same.add(keyword);
                }
            }
            for (FunctionDefinition function : plugin.functions()) {
                String owner = functionOwners.put(function.name(), pluginName);
                if (owner != null) {
                    throw duplicate("function", function.name(), owner, pluginName);
                }
                functions.put(function.name(), function);
            }
            for (InputTypeDefinition type : plugin.inputTypes()) {
                for (String name : names(type)) {
                    String owner = typeOwners.put(name, pluginName);
                    if (owner != null) {
                        throw duplicate("input type", name, owner, pluginName);
                    }
                    inputTypes.put(name, type);
                }
            }
        }
        overloads.replaceAll((name, list) -> List.copyOf(list));
        return new RuntimeCatalogue(
                Collections.unmodifiableMap(keywords),
                Collections.unmodifiableMap(overloads),
                Collections.unmodifiableMap(functions),
                Collections.unmodifiableMap(inputTypes),
                Optional.empty());
    }

    /**
     * Builds the catalogue from the plugins of the compiler's catalogue (which has already checked
     * them for duplicates and missing handlers).
     *
     * @param catalogue the compiler's catalogue
     * @param configuration settings by full key ({@code basicflow.mail.host})
     * @param clock the clock handlers get in their context
     * @return the catalogue
     */
    public static RuntimeCatalogue from(KeywordCatalogue catalogue, Map<String, String> configuration, Clock clock) {
        return of(requireNonNull(catalogue, "catalogue is null").plugins(), configuration, clock);
    }

    private static List<String> names(InputTypeDefinition type) {
        List<String> names = new ArrayList<>(type.aliases());
        names.addFirst(type.name());
        return names;
    }

    private static IllegalArgumentException duplicate(String what, String name, String first, String second) {
        return new IllegalArgumentException(
                "plugins " + first + " and " + second + " both provide the " + what + " " + name);
    }

    private static Map<String, String> pluginSettings(String plugin, Map<String, String> configuration) {
        String prefix = "basicflow." + plugin + ".";
        Map<String, String> settings = new LinkedHashMap<>();
        configuration.forEach((key, value) -> {
            if (key.startsWith(prefix) && key.length() > prefix.length()) {
                settings.put(key.substring(prefix.length()), value);
            }
        });
        return settings;
    }

    /**
     * A keyword by name.
     *
     * @param name upper case words separated by single spaces
     * @return the keyword, if a plugin provides it
     */
    public Optional<Keyword> keyword(String name) {
        return Optional.ofNullable(keywords.get(name));
    }

    /**
     * The declaration a compiled keyword call runs with: {@link #keyword(String, java.util.Set)} with
     * the parameters its arguments bind, looked at only when two plugins declare the name.
     *
     * @param call the compiled call
     * @return the keyword, if a plugin provides it
     */
    public Optional<Keyword> keyword(io.basicflow.spi.program.Step.Invoke call) {
        if (!overloads.containsKey(call.keyword())) {
            return keyword(call.keyword());
        }
        java.util.Set<String> given = new java.util.LinkedHashSet<>();
        call.arguments().forEach(argument -> given.add(argument.parameter()));
        given.removeIf(parameter -> parameter.endsWith(ParameterDefinition.namesKey(""))); // by-name variables' names
        return keyword(call.keyword(), given);
    }

    /**
     * The declaration of a keyword that a compiled call binds: when the name has several declarations (at
     * disjoint argument counts, or told apart by a required clause), the one that declares every parameter the call gives and is given
     * every parameter it requires.
     *
     * @param name upper case words separated by single spaces
     * @param given the parameter names the call's arguments bind
     * @return the keyword, if a plugin provides it
     */
    public Optional<Keyword> keyword(String name, java.util.Set<String> given) {
        for (Keyword candidate : overloads.getOrDefault(name, List.of())) {
            List<ParameterDefinition> parameters = candidate.definition().parameters();
            boolean declaresAll = given.stream()
                    .allMatch(n -> parameters.stream().anyMatch(p -> p.name().equals(n)));
            boolean requiredGiven = parameters.stream().allMatch(p -> p.optional() || given.contains(p.name()));
            if (declaresAll && requiredGiven) {
                return Optional.of(candidate);
            }
        }
        return keyword(name);
    }

    /**
     * The pure functions by upper-case name, for the evaluator.
     *
     * @return the functions
     */
    public Map<String, FunctionDefinition> functions() {
        return functions;
    }

    /**
     * An input type by name or alias.
     *
     * @param name the name, any case
     * @return the type, if a plugin provides it
     */
    public Optional<InputTypeDefinition> inputType(String name) {
        return Optional.ofNullable(inputTypes.get(name.toUpperCase(Locale.ROOT)));
    }

    /**
     * A keyword as the interpreter runs it.
     *
     * @param definition its declaration
     * @param handler what runs it
     * @param plugin the providing plugin's name
     * @param context the logger, clock and configuration its invocations get
     * @param transactional the handler that runs it inside a database transaction, if it has one
     */
    public record Keyword(
            KeywordDefinition definition,
            KeywordHandler handler,
            String plugin,
            InvocationContext context,
            Optional<TransactionalKeywordHandler> transactional) {

        /**
         * A keyword without a transactional handler.
         *
         * @param definition not null
         * @param handler not null
         * @param plugin not null
         * @param context not null
         */
        public Keyword(KeywordDefinition definition, KeywordHandler handler, String plugin, InvocationContext context) {
            this(definition, handler, plugin, context, Optional.empty());
        }

        /**
         * Validates the parts.
         *
         * @param definition not null
         * @param handler not null
         * @param plugin not null
         * @param context not null
         */
        public Keyword {
            requireNonNull(definition, "definition is null");
            requireNonNull(handler, "handler is null");
            requireNonNull(plugin, "plugin is null");
            requireNonNull(context, "context is null");
            requireNonNull(transactional, "transactional is null");
        }
    }

    private record PluginContext(
            System.Logger logger, Clock clock, PluginConfiguration configuration, Map<String, String> all)
            implements InvocationContext {

        @Override
        public PluginConfiguration configurationOf(String plugin) {
            return new PluginConfiguration(plugin, pluginSettings(plugin, all));
        }
    }
}
