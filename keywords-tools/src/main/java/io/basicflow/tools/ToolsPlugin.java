package io.basicflow.tools;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.EffectKind;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.PluginConfiguration;
import io.basicflow.spi.RetryPolicy;
import io.basicflow.spi.program.Program;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * The {@code tools} plugin: declares {@code USE TOOL}, {@code ADD TOOL} and {@code CLEAR TOOLS} and
 * checks tool names for the engine.
 *
 * <p>The three keywords are {@linkplain EffectKind#PURE pure}: they change only the execution's own
 * state, its active {@link ToolSet}, which the engine keeps. Their handlers do not change anything;
 * the engine calls them to check a tool at activation:
 *
 * <ul>
 *   <li>{@code USE TOOL "name"} and {@code ADD TOOL "name"}: the handler resolves and compiles the
 *       tool and returns its schema ({@link ToolSchema#toValue(ToolSignature)}); the engine then adds
 *       the schema's {@code name} (the tool's name as the folder spells it) to the execution's
 *       {@link ToolSet}. An unknown, refused or broken tool fails with a permanent {@link
 *       KeywordException} whose message says why.
 *   <li>{@code r = USE TOOL "name", args…}: the handler checks the tool and the arguments and
 *       returns the schema, but does <em>not</em> run the tool. The engine runs it as a durable
 *       child execution ({@link ToolFolder#prepareCall(String, List)} gives the pinned script, the
 *       program and the child's variables) and the parent waits for the child's {@code RETURN}
 *       value without holding a thread.
 *   <li>{@code CLEAR TOOLS}: nothing to check; the handler returns {@code NULL} and the engine
 *       empties the set.
 * </ul>
 *
 * <p>Configuration: {@code basicflow.tools.folder}, the tools folder (default {@code tools}, taken
 * from the working directory). Tool scripts are compiled through a {@link ToolCompiler}: the one
 * given to the constructor, or else the first listed in {@code
 * META-INF/services/io.basicflow.tools.ToolCompiler}.
 */
public final class ToolsPlugin implements KeywordPlugin {

    /** The plugin name; its settings are {@code basicflow.tools.*}. */
    public static final String NAME = "tools";

    /** {@code USE TOOL "name"} / {@code r = USE TOOL "name", args…}. */
    public static final String USE_TOOL = "USE TOOL";

    /** {@code ADD TOOL "name"}. */
    public static final String ADD_TOOL = "ADD TOOL";

    /** {@code CLEAR TOOLS}. */
    public static final String CLEAR_TOOLS = "CLEAR TOOLS";

    /** The setting that names the tools folder: {@code basicflow.tools.folder}. */
    public static final String FOLDER_SETTING = "folder";

    /** The tools folder when none is configured, relative to the working directory. */
    public static final String DEFAULT_FOLDER = "tools";

    private final Function<PluginConfiguration, ToolFolder> folders;

    /**
     * The plugin as {@link ServiceLoader} creates it: tools folder from the configuration, compiler
     * from {@code META-INF/services/io.basicflow.tools.ToolCompiler}.
     */
    public ToolsPlugin() {
        this(new ServiceLoadedCompiler());
    }

    /**
     * The plugin with a given compiler; the tools folder comes from each invocation's
     * configuration.
     *
     * @param compiler compiles tool scripts
     */
    public ToolsPlugin(ToolCompiler compiler) {
        requireNonNull(compiler, "compiler is null");
        ConcurrentMap<Path, ToolFolder> byPath = new ConcurrentHashMap<>();
        this.folders = configuration ->
                byPath.computeIfAbsent(configuredFolder(configuration), path -> new ToolFolder(path, compiler));
    }

    /**
     * The plugin with a fixed tools folder, whatever the configuration says.
     *
     * @param folder the tools folder
     */
    public ToolsPlugin(ToolFolder folder) {
        requireNonNull(folder, "folder is null");
        this.folders = configuration -> folder;
    }

    /**
     * The tools folder a configuration names.
     *
     * @param configuration the plugin's configuration
     * @return {@code basicflow.tools.folder}, or {@code tools}, as an absolute path
     */
    public static Path configuredFolder(PluginConfiguration configuration) {
        String folder = configuration
                .get(FOLDER_SETTING)
                .filter(value -> !value.isBlank())
                .orElse(DEFAULT_FOLDER);
        return Path.of(folder.strip()).toAbsolutePath().normalize();
    }

    /**
     * The tools folder this plugin uses under a configuration, for the engine and the HTTP API.
     *
     * @param configuration the plugin's configuration
     * @return the folder
     */
    public ToolFolder folder(PluginConfiguration configuration) {
        return folders.apply(requireNonNull(configuration, "configuration is null"));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<KeywordDefinition> keywords() {
        ParameterDefinition tool =
                ParameterDefinition.required("tool", "the tool's name: its path in the tools folder");
        return List.of(
                KeywordDefinition.builder(USE_TOOL)
                        .form(KeywordForm.FUNCTION)
                        .parameter(tool)
                        .parameter(ParameterDefinition.repeated(
                                "arguments", "arguments for a run, in the order of the tool's PARAM lines"))
                        .effect(EffectKind.PURE)
                        .retry(RetryPolicy.NONE)
                        .description("Activates a tool for this execution; as r = USE TOOL \"name\", args… runs it"
                                + " as a child execution and assigns its RETURN value")
                        .build(),
                KeywordDefinition.builder(ADD_TOOL)
                        .parameter(tool)
                        .effect(EffectKind.PURE)
                        .retry(RetryPolicy.NONE)
                        .description("Adds a tool to this execution's active tools")
                        .build(),
                KeywordDefinition.builder(CLEAR_TOOLS)
                        .effect(EffectKind.PURE)
                        .retry(RetryPolicy.NONE)
                        .description("Removes every tool from this execution's active tools")
                        .build());
    }

    @Override
    public Optional<KeywordHandler> handler(String keyword) {
        return switch (keyword) {
            case USE_TOOL -> Optional.of(invocation -> activate(invocation, true));
            case ADD_TOOL -> Optional.of(invocation -> activate(invocation, false));
            case CLEAR_TOOLS -> Optional.of(invocation -> NullValue.NULL);
            default -> Optional.empty();
        };
    }

    private Value activate(Invocation invocation, boolean argumentsAllowed) throws KeywordException {
        String keyword = invocation.keyword();
        String tool = switch (invocation.argument("tool")) {
            case TextValue text when !text.value().isBlank() -> text.value();
            case Value other ->
                throw KeywordException.permanent(keyword + " needs the tool's name as text, got "
                        + (other instanceof NullValue ? "NULL" : other.display()));
        };
        try {
            ToolSignature signature =
                    folder(invocation.context().configuration()).signature(tool);
            if (argumentsAllowed
                    && invocation.argument("arguments") instanceof ListValue arguments
                    && !arguments.elements().isEmpty()) {
                ToolArguments.validate(signature, arguments.elements());
            }
            return ToolSchema.toValue(signature);
        } catch (ToolException | IllegalStateException e) {
            throw KeywordException.permanent(keyword + ": " + e.getMessage(), e);
        }
    }

    /** Finds the application's compiler through {@link ServiceLoader} on first use. */
    private static final class ServiceLoadedCompiler implements ToolCompiler {
        private volatile ToolCompiler compiler;

        @Override
        public Program compile(String name, String source) {
            ToolCompiler found = compiler;
            if (found == null) {
                found = load();
                compiler = found;
            }
            return found.compile(name, source);
        }

        private static ToolCompiler load() {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            Optional<ToolCompiler> found = context == null
                    ? Optional.empty()
                    : ServiceLoader.load(ToolCompiler.class, context).findFirst();
            return found.or(() -> ServiceLoader.load(ToolCompiler.class, ToolsPlugin.class.getClassLoader())
                            .findFirst())
                    .orElseThrow(() -> new IllegalStateException("no ToolCompiler is installed, so tool scripts"
                            + " cannot be compiled: pass one to new ToolsPlugin(compiler) or list one in"
                            + " META-INF/services/io.basicflow.tools.ToolCompiler"));
        }
    }
}
