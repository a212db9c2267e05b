package io.basicflow.compiler.catalogue;

import static java.util.Objects.requireNonNull;

import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.spi.EffectKind;
import io.basicflow.spi.FunctionDefinition;
import io.basicflow.spi.InputTypeDefinition;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordLowering;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.KeywordSyntax;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Everything the installed plugins provide: keywords (with their handlers), pure functions and
 * {@code HEAR} input types. The compiler learns names, arities and forms from it; the engine finds
 * handlers in it. Built-in functions and types come from a plugin too, so they register the same way.
 *
 * <p>Building a catalogue validates the plugins together and fails with a {@link
 * PluginCatalogueException} that lists every problem, naming the plugins and their jars: two plugins
 * claiming the same function or input type name, or the same keyword name where a call could fit both
 * (one name at disjoint argument counts, or told apart by a required clause, is allowed: the compiler
 * picks by what the call writes); a declaration the SPI rejects; an effect keyword without a handler; a
 * keyword that would hide a built-in statement; a {@code TO variable} result on a keyword that gives no
 * value or has a {@code TO} clause.
 */
public final class KeywordCatalogue {

    private static final Pattern PLUGIN_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** First words that belong to the built-in statements; no plugin keyword may start with one. */
    private static final Set<String> RESERVED_FIRST_WORDS = Set.of(
            "AND",
            "CALL",
            "CASE",
            "DEFAULT",
            "DESCRIPTION",
            "DO",
            "EACH",
            "ELSE",
            "ELSEIF",
            "END",
            "ENDIF",
            "EXIT",
            "FALSE",
            "FOR",
            "FUNCTION",
            "HEAR",
            "IF",
            "IS",
            "LET",
            "LOOP",
            "MOD",
            "NEXT",
            "NOT",
            "NULL",
            "OR",
            "PARAM",
            "RETURN",
            "SELECT",
            "STEP",
            "SUB",
            "SWITCH",
            "TALK",
            "THEN",
            "TO",
            "TRUE",
            "WAIT",
            "WEND",
            "WHILE",
            "WITH");

    /** Whole names that are built-in statements or aliases. */
    private static final Set<String> RESERVED_NAMES = Set.of("SET", "BEGIN", "BEGIN TALK", "BEGIN MAIL", "SEND EMAIL");

    /**
     * Whether a keyword named {@code SET} only takes arguments: {@code SET "t", filter, values}. It does
     * not hide the assignment {@code SET x = 1}, which the parser reads first; a {@code SET} that could
     * be called bare would.
     */
    private static boolean argumentsAfterSet(KeywordDefinition definition) {
        return definition.name().equals("SET")
                && definition.parameters().stream().anyMatch(p -> p.introducer().isEmpty() && !p.optional());
    }

    private final List<KeywordPlugin> plugins;
    private final Map<String, CataloguedKeyword> keywords;
    private final Map<String, List<CataloguedKeyword>> overloads;
    private final Map<String, List<CataloguedKeyword>> keywordsByFirstWord;
    private final Map<String, FunctionDefinition> functions;
    private final Map<String, InputTypeDefinition> inputTypesByName;
    private final Map<String, InputTypeDefinition> inputTypesByNameOrAlias;
    private final Map<String, KeywordHandler> handlers;

    private KeywordCatalogue(
            List<KeywordPlugin> plugins,
            Map<String, CataloguedKeyword> keywords,
            Map<String, List<CataloguedKeyword>> overloads,
            Map<String, FunctionDefinition> functions,
            Map<String, InputTypeDefinition> inputTypesByName,
            Map<String, InputTypeDefinition> inputTypesByNameOrAlias,
            Map<String, KeywordHandler> handlers) {
        this.plugins = List.copyOf(plugins);
        this.keywords = Collections.unmodifiableMap(keywords);
        Map<String, List<CataloguedKeyword>> copies = new HashMap<>();
        overloads.forEach((name, list) -> copies.put(name, List.copyOf(list)));
        this.overloads = Map.copyOf(copies);
        this.functions = Collections.unmodifiableMap(functions);
        this.inputTypesByName = Collections.unmodifiableMap(inputTypesByName);
        this.inputTypesByNameOrAlias = Collections.unmodifiableMap(inputTypesByNameOrAlias);
        this.handlers = Collections.unmodifiableMap(handlers);
        Map<String, List<CataloguedKeyword>> byFirstWord = new HashMap<>();
        for (CataloguedKeyword keyword : keywords.values()) {
            byFirstWord
                    .computeIfAbsent(keyword.words().getFirst(), word -> new ArrayList<>())
                    .add(keyword);
        }
        byFirstWord.replaceAll((word, list) -> list.stream()
                .sorted(Comparator.comparingInt(
                                (CataloguedKeyword k) -> k.words().size())
                        .reversed())
                .toList());
        this.keywordsByFirstWord = Map.copyOf(byFirstWord);
    }

    /**
     * A catalogue with nothing in it: every keyword, function and input type is unknown.
     *
     * @return the empty catalogue
     */
    public static KeywordCatalogue empty() {
        return of(List.of());
    }

    /**
     * A catalogue of the given plugins.
     *
     * @param plugins the plugins
     * @return the catalogue
     * @throws PluginCatalogueException when the plugins cannot be used together
     */
    public static KeywordCatalogue of(KeywordPlugin... plugins) {
        return of(List.of(plugins));
    }

    /**
     * A catalogue of the given plugins.
     *
     * @param plugins the plugins, in order of precedence for messages only
     * @return the catalogue
     * @throws PluginCatalogueException when the plugins cannot be used together
     */
    public static KeywordCatalogue of(List<? extends KeywordPlugin> plugins) {
        requireNonNull(plugins, "plugins is null");
        return build(List.copyOf(plugins), new ArrayList<>());
    }

    /**
     * A catalogue of every plugin listed in {@code META-INF/services/io.basicflow.spi.KeywordPlugin}
     * on a class loader's path.
     *
     * @param loader where to look for plugins
     * @return the catalogue
     * @throws PluginCatalogueException when a plugin fails to load or the plugins cannot be used
     *     together
     */
    public static KeywordCatalogue discover(ClassLoader loader) {
        List<KeywordPlugin> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Iterator<KeywordPlugin> iterator =
                ServiceLoader.load(KeywordPlugin.class, loader).iterator();
        for (int attempts = 0; attempts < 10_000; attempts++) {
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                found.add(iterator.next());
            } catch (ServiceConfigurationError e) {
                problems.add("a plugin listed in META-INF/services/" + KeywordPlugin.class.getName()
                        + " failed to load: " + e.getMessage()
                        + (e.getCause() != null ? " (" + e.getCause() + ")" : ""));
            }
        }
        return build(found, problems);
    }

    private static KeywordCatalogue build(List<KeywordPlugin> plugins, List<String> problems) {
        Map<String, CataloguedKeyword> keywords = new LinkedHashMap<>();
        Map<String, FunctionDefinition> functions = new LinkedHashMap<>();
        Map<String, KeywordPlugin> functionOwners = new HashMap<>();
        Map<String, InputTypeDefinition> typesByName = new LinkedHashMap<>();
        Map<String, InputTypeDefinition> typesByNameOrAlias = new HashMap<>();
        Map<String, KeywordPlugin> typeOwners = new HashMap<>();
        Map<String, KeywordHandler> handlers = new HashMap<>();
        Map<String, List<CataloguedKeyword>> overloads = new HashMap<>();
        for (KeywordPlugin plugin : plugins) {
            if (plugin == null) {
                problems.add("a null plugin was given");
                continue;
            }
            String pluginName = describe(plugin);
            String declaredName = call(plugin::name, plugin, "name()", problems);
            if (declaredName != null && !PLUGIN_NAME.matcher(declaredName).matches()) {
                problems.add(pluginName + " has an invalid name '" + declaredName
                        + "': use lower case letters, digits and dashes");
            }
            List<KeywordDefinition> declaredKeywords = call(plugin::keywords, plugin, "keywords()", problems);
            for (KeywordDefinition definition : nonNull(declaredKeywords, plugin, "keywords()", problems)) {
                String name = definition.name();
                String firstWord = name.split(" ")[0];
                if ((RESERVED_NAMES.contains(name) && !argumentsAfterSet(definition))
                        || RESERVED_FIRST_WORDS.contains(firstWord)) {
                    problems.add(pluginName + " declares keyword " + name
                            + ", which would hide a built-in statement; choose another name");
                    continue;
                }
                CataloguedKeyword previous = keywords.get(name);
                if (previous != null) {
                    List<CataloguedKeyword> same =
                            overloads.computeIfAbsent(name, n -> new ArrayList<>(List.of(previous)));
                    CataloguedKeyword clash = same.stream()
                            .filter(other -> other.definition().callsOverlap(definition))
                            .findFirst()
                            .orElse(null);
                    if (clash != null) {
                        problems.add(
                                clash.plugin() == plugin
                                        ? pluginName + " declares keyword " + name + " twice, and a call with the same"
                                                + " number of arguments fits both; tell them apart by a required"
                                                + " clause one of them lacks"
                                        : "keyword " + name + " is declared by two plugins: "
                                                + describe(clash.plugin()) + " and " + pluginName
                                                + ", and a call with the same number of arguments fits both;"
                                                + " remove one of them from the class path");
                        if (same.size() == 1) {
                            overloads.remove(name);
                        }
                        continue;
                    }
                    // one name at disjoint argument counts: the compiler picks by the arguments written
                    same.add(new CataloguedKeyword(definition, plugin));
                    checkHandler(plugin, definition, pluginName, problems);
                    continue;
                }
                // a plugin keyword beside the built-in list function of the same name (AGGREGATE, FILTER, …):
                // both are kept; the statement parser calls the keyword only in its keyword shape
                if (functionOwners.containsKey(name) && !isCore(functionOwners.get(name))) {
                    problems.add(name + " is declared as a function by " + describe(functionOwners.get(name))
                            + " and as a keyword by " + pluginName + "; a name can be only one of them");
                    continue;
                }
                keywords.put(name, new CataloguedKeyword(definition, plugin));
                checkHandler(plugin, definition, pluginName, problems).ifPresent(h -> handlers.put(name, h));
            }
            checkResultTo(
                    plugin, nonNull(declaredKeywords, plugin, "keywords()", new ArrayList<>()), pluginName, problems);
            List<FunctionDefinition> declaredFunctions = call(plugin::functions, plugin, "functions()", problems);
            for (FunctionDefinition function : nonNull(declaredFunctions, plugin, "functions()", problems)) {
                String name = function.name();
                if (functionOwners.containsKey(name)) {
                    problems.add("function " + name + " is declared by two plugins: "
                            + describe(functionOwners.get(name)) + " and " + pluginName
                            + "; remove one of them from the class path");
                    continue;
                }
                if (keywords.containsKey(name) && !isCore(plugin)) {
                    problems.add(name + " is declared as a keyword by "
                            + describe(keywords.get(name).plugin()) + " and as a function by " + pluginName
                            + "; a name can be only one of them");
                    continue;
                }
                if (RESERVED_FIRST_WORDS.contains(name) && !name.equals("IF")) {
                    problems.add(pluginName + " declares function " + name
                            + ", which is a word of the language; choose another name");
                    continue;
                }
                functions.put(name, function);
                functionOwners.put(name, plugin);
            }
            List<InputTypeDefinition> declaredTypes = call(plugin::inputTypes, plugin, "inputTypes()", problems);
            for (InputTypeDefinition type : nonNull(declaredTypes, plugin, "inputTypes()", problems)) {
                List<String> names = new ArrayList<>();
                names.add(type.name());
                names.addAll(type.aliases());
                boolean clash = false;
                for (String name : names) {
                    if (typeOwners.containsKey(name)) {
                        problems.add("input type " + name + " is declared by two plugins: "
                                + describe(typeOwners.get(name)) + " and " + pluginName
                                + "; remove one of them from the class path");
                        clash = true;
                    } else if (names.indexOf(name) != names.lastIndexOf(name)) {
                        problems.add(pluginName + " declares input type name " + name + " twice in " + type.name());
                        clash = true;
                    }
                }
                if (clash) {
                    continue;
                }
                typesByName.put(type.name(), type);
                for (String name : names) {
                    typesByNameOrAlias.put(name, type);
                    typeOwners.put(name, plugin);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new PluginCatalogueException(problems);
        }
        return new KeywordCatalogue(plugins, keywords, overloads, functions, typesByName, typesByNameOrAlias, handlers);
    }

    /** The handler of a declaration; a problem when an effect keyword has none. */
    private static Optional<KeywordHandler> checkHandler(
            KeywordPlugin plugin, KeywordDefinition definition, String pluginName, List<String> problems) {
        String name = definition.name();
        Optional<KeywordHandler> handler = call(() -> plugin.handler(name), plugin, "handler(" + name + ")", problems);
        Optional<KeywordLowering> lowering =
                call(() -> plugin.lowering(name), plugin, "lowering(" + name + ")", problems);
        if (lowering != null && lowering.isPresent()) {
            checkLowering(definition, lowering.get(), pluginName, problems);
            return handler == null ? Optional.empty() : handler;
        }
        if (handler != null && handler.isEmpty() && definition.effect() != EffectKind.PURE) {
            problems.add(pluginName + " declares keyword " + name + " with effect " + definition.effect()
                    + " but handler(\"" + name + "\") is empty; every effect keyword needs a handler");
        }
        return handler == null ? Optional.empty() : handler;
    }

    /**
     * A keyword whose statement may end with {@code TO variable} ({@link KeywordSyntax#resultTo()}) gives a
     * value and has no clause introduced by {@code TO}: else {@code TO} would mean two things.
     */
    private static void checkResultTo(
            KeywordPlugin plugin, List<KeywordDefinition> definitions, String pluginName, List<String> problems) {
        for (KeywordDefinition definition : definitions) {
            String name = definition.name();
            KeywordSyntax syntax;
            try {
                syntax = plugin.syntax(name);
            } catch (RuntimeException e) {
                continue; // the parser reads such a keyword in the plain forms
            }
            if (syntax == null || !syntax.resultTo()) {
                continue;
            }
            if (definition.form() != KeywordForm.FUNCTION) {
                problems.add(pluginName + " declares that keyword " + name + " gives its value to TO variable, but "
                        + name + " is a statement that gives no value; declare it KeywordForm.FUNCTION");
            }
            if (definition.parameters().stream()
                    .anyMatch(p -> p.introducer().filter("TO"::equals).isPresent())) {
                problems.add(pluginName + " declares that keyword " + name + " gives its value to TO variable, but "
                        + name + " also has a clause introduced by TO; TO can be only one of them");
            }
        }
    }

    /** A lowering may only pass on parameters its keyword declares. */
    private static void checkLowering(
            KeywordDefinition definition, KeywordLowering lowering, String pluginName, List<String> problems) {
        for (KeywordLowering.Call lowered : lowering.calls()) {
            for (KeywordLowering.Argument argument : lowered.arguments()) {
                if (argument.source() instanceof KeywordLowering.Source.Parameter written
                        && definition.parameters().stream()
                                .noneMatch(p -> p.name().equals(written.name()))) {
                    problems.add(pluginName + " lowers keyword " + definition.name() + " to " + lowered.keyword()
                            + " with parameter '" + written.name() + "', which " + definition.name()
                            + " does not declare");
                }
            }
        }
    }

    /**
     * Calls a plugin method, turning its failure (an invalid declaration throws from the SPI record
     * constructors) into a problem that names the plugin.
     */
    private static <T> T call(Supplier<T> supplier, KeywordPlugin plugin, String method, List<String> problems) {
        try {
            return supplier.get();
        } catch (RuntimeException | LinkageError e) {
            problems.add(describe(plugin) + " failed in " + method + ": " + e.getMessage()
                    + (e.getMessage() == null ? " (" + e.getClass().getName() + ")" : ""));
            return null;
        }
    }

    private static <T> List<T> nonNull(List<T> list, KeywordPlugin plugin, String method, List<String> problems) {
        if (list == null) {
            return List.of();
        }
        List<T> result = new ArrayList<>(list.size());
        for (T element : list) {
            if (element == null) {
                problems.add(describe(plugin) + " returned a null element from " + method);
            } else {
                result.add(element);
            }
        }
        return result;
    }

    /** Whether a plugin is the built-in core, also behind a wrapper ({@link KeywordPlugin#origin()}). */
    private static boolean isCore(KeywordPlugin plugin) {
        return originOf(plugin) instanceof CorePlugin;
    }

    /**
     * Names a plugin for messages: its name, class and the jar or folder it was loaded from.
     *
     * @param plugin the plugin
     * @return e.g. {@code plugin 'mail' (io.basicflow.mail.MailPlugin from /app/lib/mail.jar)}
     */
    public static String describe(KeywordPlugin plugin) {
        String name;
        try {
            name = "'" + plugin.name() + "'";
        } catch (RuntimeException e) {
            name = "<name() failed>";
        }
        KeywordPlugin origin = originOf(plugin);
        return "plugin " + name + " (" + origin.getClass().getName() + " from " + location(origin) + ")";
    }

    /** The plugin a wrapper stands for ({@link KeywordPlugin#origin()}), or the plugin when that fails. */
    private static KeywordPlugin originOf(KeywordPlugin plugin) {
        try {
            KeywordPlugin origin = plugin.origin();
            return origin == null ? plugin : origin;
        } catch (RuntimeException e) {
            return plugin;
        }
    }

    /**
     * Where a plugin's class was loaded from.
     *
     * @param plugin the plugin
     * @return the jar or folder as a path (as a URL when it is not a file), or {@code unknown location}
     */
    public static String location(KeywordPlugin plugin) {
        try {
            CodeSource codeSource = plugin.getClass().getProtectionDomain().getCodeSource();
            URL location = codeSource == null ? null : codeSource.getLocation();
            if (location == null) {
                return "unknown location";
            }
            try {
                return Path.of(location.toURI()).toString();
            } catch (URISyntaxException | RuntimeException e) {
                return location.toString();
            }
        } catch (RuntimeException e) {
            return "unknown location";
        }
    }

    /**
     * The plugins of this catalogue.
     *
     * @return the plugins in the order given or discovered
     */
    public List<KeywordPlugin> plugins() {
        return plugins;
    }

    /**
     * A keyword by name.
     *
     * @param name the name, any case, words separated by blanks
     * @return the keyword, if a plugin provides it
     */
    public Optional<CataloguedKeyword> keyword(String name) {
        return Optional.ofNullable(keywords.get(normalise(name)));
    }

    /**
     * The declaration of a keyword that fits a call writing this many comma-separated arguments. Two
     * plugins may declare one name when no argument count fits both (see {@link
     * KeywordDefinition#positionalCountsOverlap}); this picks between them.
     *
     * @param name the name, any case
     * @param positionalArguments the arguments the call writes, not counting introduced clauses
     * @return the declaration that fits, else the first declared one (whose message then names the
     *     arguments it needs); empty when no plugin declares the name
     */
    public Optional<CataloguedKeyword> keyword(String name, int positionalArguments) {
        return keyword(name, positionalArguments, Set.of());
    }

    /**
     * The declaration of a keyword that fits a call writing this many comma-separated arguments and
     * these words: of the declarations that take the count, the one whose required clauses are all
     * written ({@code FILL template, data TO path} beside the plain {@code FILL template, data}; see
     * {@link KeywordDefinition#callsOverlap}).
     *
     * @param name the name, any case
     * @param positionalArguments the arguments the call writes, not counting introduced clauses
     * @param words the bare upper-case words the call writes outside brackets, clause words among them
     * @return the declaration that fits, else the first declared one (whose message then names the
     *     arguments it needs); empty when no plugin declares the name
     */
    public Optional<CataloguedKeyword> keyword(String name, int positionalArguments, Set<String> words) {
        String normalised = normalise(name);
        CataloguedKeyword best = null;
        int bestScore = -1;
        for (CataloguedKeyword candidate : overloads.getOrDefault(normalised, List.of())) {
            KeywordDefinition definition = candidate.definition();
            if (!definition.acceptsPositionalArguments(positionalArguments)) {
                continue;
            }
            List<String> required = definition.requiredClauseWords();
            // every required clause written wins; of those, the one that requires most
            int score = (words.containsAll(required) ? 1_000 : 0) + required.size();
            if (score > bestScore) {
                best = candidate;
                bestScore = score;
            }
        }
        return best != null ? Optional.of(best) : Optional.ofNullable(keywords.get(normalised));
    }

    /**
     * Whether more than one plugin declares a keyword name, at disjoint argument counts.
     *
     * @param name the name, any case
     * @return whether the name has several declarations
     */
    public boolean overloaded(String name) {
        return overloads.containsKey(normalise(name));
    }

    /**
     * Every keyword declaration, a name declared at several argument counts once per declaration.
     *
     * @return the keywords in declaration order
     */
    public Collection<CataloguedKeyword> keywords() {
        if (overloads.isEmpty()) {
            return keywords.values();
        }
        List<CataloguedKeyword> all = new ArrayList<>();
        for (CataloguedKeyword keyword : keywords.values()) {
            all.addAll(overloads.getOrDefault(keyword.name(), List.of(keyword)));
        }
        return all;
    }

    /**
     * The keywords whose name starts with a word, longest names first, for longest-match parsing.
     *
     * @param firstWord an upper case word
     * @return the candidates, possibly empty
     */
    public List<CataloguedKeyword> keywordsStartingWith(String firstWord) {
        return keywordsByFirstWord.getOrDefault(firstWord, List.of());
    }

    /**
     * The handler of a keyword.
     *
     * @param keyword the keyword name, any case
     * @return the handler, if the keyword exists and its plugin supplies one
     */
    public Optional<KeywordHandler> handler(String keyword) {
        return Optional.ofNullable(handlers.get(normalise(keyword)));
    }

    /**
     * A pure function by name.
     *
     * @param name the name, any case
     * @return the function, if a plugin provides it
     */
    public Optional<FunctionDefinition> function(String name) {
        return Optional.ofNullable(functions.get(name.toUpperCase(Locale.ROOT)));
    }

    /**
     * Every pure function, by upper case name: what the expression evaluator is built with.
     *
     * @return the functions
     */
    public Map<String, FunctionDefinition> functions() {
        return functions;
    }

    /**
     * An input type by name or alias.
     *
     * @param nameOrAlias the name, any case
     * @return the type, if a plugin provides it
     */
    public Optional<InputTypeDefinition> inputType(String nameOrAlias) {
        return Optional.ofNullable(inputTypesByNameOrAlias.get(nameOrAlias.toUpperCase(Locale.ROOT)));
    }

    /**
     * Every input type, by its declared name (aliases are found through {@link #inputType(String)}).
     *
     * @return the types
     */
    public Map<String, InputTypeDefinition> inputTypes() {
        return inputTypesByName;
    }

    private static String normalise(String name) {
        return name.trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "KeywordCatalogue[" + keywords.size() + " keywords, " + functions.size() + " functions, "
                + inputTypesByName.size() + " input types]";
    }
}
