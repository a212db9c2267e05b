package io.basicflow.code;

import io.basicflow.spi.EffectKind;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.PluginConfiguration;
import io.basicflow.spi.RetryPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code result = RUN PYTHON code}, {@code RUN JAVASCRIPT}, {@code RUN BASH} and their {@code WITH FILE
 * "path"} forms (General Bots' keyword-run-code.md): the code runs in a child process with hard limits
 * ({@link Sandbox}), its standard output is the result. Off unless {@code basicflow.code.enabled=true}:
 * running code on the server is dangerous, so an operator turns it on knowingly ({@link CodeSettings}).
 *
 * <p>An idempotent effect with no retry: a durable run records the output in the step's completion
 * event, so a resumed run never runs the code again; only a crash while the code runs runs it a second
 * time. A non-zero exit, a timeout or too much output fails the step (an {@code ON ERROR RESUME NEXT}
 * script sees it in {@code ERROR_MESSAGE}).
 */
public final class CodePlugin implements KeywordPlugin {

    /** {@code RUN PYTHON code}. */
    public static final String RUN_PYTHON = "RUN PYTHON";
    /** {@code RUN JAVASCRIPT code}. */
    public static final String RUN_JAVASCRIPT = "RUN JAVASCRIPT";
    /** {@code RUN BASH code}. */
    public static final String RUN_BASH = "RUN BASH";
    /** The suffix of the forms that run a file of the bot's storage. */
    public static final String WITH_FILE = " WITH FILE";

    private final Map<String, KeywordHandler> handlers;
    private final List<KeywordDefinition> definitions;

    /** Creates the plugin; {@link java.util.ServiceLoader} calls this. */
    public CodePlugin() {
        Sandbox sandbox = new Sandbox();
        Map<String, KeywordHandler> all = new java.util.HashMap<>();
        List<KeywordDefinition> declared = new ArrayList<>();
        for (Language language : Language.values()) {
            String keyword = "RUN " + language.name();
            declared.add(definition(keyword, "code", "the program's text", language));
            declared.add(definition(
                    keyword + WITH_FILE, "path", "the program's file, relative to the bot's storage", language));
            all.put(keyword, new RunHandler(sandbox, language, false));
            all.put(keyword + WITH_FILE, new RunHandler(sandbox, language, true));
        }
        this.handlers = Map.copyOf(all);
        this.definitions = List.copyOf(declared);
    }

    private static KeywordDefinition definition(String keyword, String parameter, String meaning, Language language) {
        return KeywordDefinition.builder(keyword)
                .form(KeywordForm.FUNCTION)
                .parameter(ParameterDefinition.required(parameter, meaning))
                .effect(EffectKind.IDEMPOTENT_EFFECT)
                .retry(RetryPolicy.NONE)
                .description("Runs " + language.name().toLowerCase(Locale.ROOT) + " code in a child process with"
                        + " hard limits and returns its standard output; off unless basicflow.code.enabled=true."
                        + " The output is recorded: a resumed run does not run it again.")
                .build();
    }

    @Override
    public String name() {
        return "code";
    }

    @Override
    public List<KeywordDefinition> keywords() {
        return definitions;
    }

    @Override
    public Optional<KeywordHandler> handler(String keyword) {
        return Optional.ofNullable(handlers.get(keyword));
    }

    /** {@code basicflow check} and {@code run} warn at the first RUN of a server where it is off. */
    @Override
    public Optional<String> missingConfiguration(String keyword, PluginConfiguration configuration) {
        if (handlers.containsKey(keyword)
                && !configuration.get("enabled", "false").strip().equalsIgnoreCase("true")) {
            return Optional.of(
                    keyword + " is off: running code on the server is disabled by default; " + CodeSettings.ENABLE);
        }
        return Optional.empty();
    }
}
