package io.basicflow.ai;

import io.basicflow.spi.EffectKind;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.InvocationContext;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.RetryPolicy;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which configured model serves an execution's next {@code LLM} calls: {@code USE MODEL "name"} (an
 * alias or a model), {@code SET MODEL ROUTING "manual"|"auto"|"cost"|"quality"}, read back with {@code
 * GET CURRENT MODEL} and {@code LIST MODELS}. Both choices are execution values (recorded with their
 * steps, so a resumed run routes as before); the default strategy is {@code
 * basicflow.ai.model-routing-strategy} ({@code manual} when unset).
 *
 * <p>The order of precedence for one call: its own {@code WITH OPTIMIZE FOR}, then {@code USE MODEL}
 * with a name other than {@code auto}, then the strategy: {@code manual} takes the default model,
 * {@code cost} the {@code fast} alias, {@code quality} the {@code quality} alias, and {@code auto} (also
 * {@code USE MODEL "auto"}) chooses by the prompt: {@code code} for a prompt about code, {@code quality}
 * for a long or analytical one, {@code fast} otherwise. An alias without a {@code model-<alias>}
 * setting is the default model.
 */
final class ModelRouting {

    static final String SET_MODEL_ROUTING = "SET MODEL ROUTING";
    static final String GET_CURRENT_MODEL = "GET CURRENT MODEL";
    static final String LIST_MODELS = "LIST MODELS";
    static final String ROUTING_VALUE = "model-routing";

    static final List<String> STRATEGIES = List.of("manual", "auto", "cost", "quality");

    /** Prompts longer than this are routed to the quality model by {@code auto}. */
    static final int LONG_PROMPT = 400;

    private static final Pattern CODE = Pattern.compile(
            "```|\\b(code|function|class|method|python|java(script)?|typescript|sql|regex|bug|compile|refactor|"
                    + "snippet|script)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ANALYSIS = Pattern.compile(
            "\\b(analy[sz]e|analysis|compare|evaluate|assess|report|recommend(ations?)?|projections?|strategy|"
                    + "in detail|detailed|step by step|reason(ing)?)\\b",
            Pattern.CASE_INSENSITIVE);

    private ModelRouting() {}

    static List<KeywordDefinition> definitions() {
        return List.of(
                KeywordDefinition.builder(SET_MODEL_ROUTING)
                        .parameter(ParameterDefinition.required(
                                "strategy", "manual, auto, cost or quality (basicflow.ai.model-routing-strategy)"))
                        .effect(EffectKind.PURE)
                        .retry(RetryPolicy.NONE)
                        .description("Chooses how this execution's later LLM calls pick their model: manual (the"
                                + " default or USE MODEL's), auto (by the prompt), cost (fast), quality.")
                        .build(),
                KeywordDefinition.builder(GET_CURRENT_MODEL)
                        .form(KeywordForm.FUNCTION)
                        .effect(EffectKind.PURE)
                        .retry(RetryPolicy.NONE)
                        .description("The model the next LLM call uses, or \"auto\" while it is chosen per prompt.")
                        .build(),
                KeywordDefinition.builder(LIST_MODELS)
                        .form(KeywordForm.FUNCTION)
                        .effect(EffectKind.PURE)
                        .retry(RetryPolicy.NONE)
                        .description("The configured models: {name, model, description} for the default and each"
                                + " basicflow.ai.model-<alias>.")
                        .build());
    }

    static Map<String, KeywordHandler> handlers() {
        return Map.of(
                SET_MODEL_ROUTING, ModelRouting::setRouting,
                GET_CURRENT_MODEL, ModelRouting::currentModel,
                LIST_MODELS, ModelRouting::listModels);
    }

    private static Value setRouting(Invocation invocation) throws KeywordException {
        String strategy = strategy(invocation.argument("strategy").display(), SET_MODEL_ROUTING);
        invocation.context().setExecutionValue(ROUTING_VALUE, new TextValue(strategy));
        return NullValue.NULL;
    }

    private static String strategy(String written, String where) throws KeywordException {
        String strategy = written.strip().toLowerCase(Locale.ROOT);
        if (!STRATEGIES.contains(strategy)) {
            throw KeywordException.permanent(where + ": unknown routing strategy '" + written.strip()
                    + "'; basicflow has " + String.join(", ", STRATEGIES)
                    + " (load-balanced and fallback are not built)");
        }
        return strategy;
    }

    /** The strategy in force: the execution's, else the setting, else manual. */
    static String strategy(InvocationContext context) throws KeywordException {
        Optional<Value> chosen = context.executionValue(ROUTING_VALUE);
        if (chosen.isPresent()) {
            return chosen.get().display();
        }
        Optional<String> configured = new AiSettings(context.configuration()).value("model-routing-strategy");
        return configured.isPresent() ? strategy(configured.get(), "basicflow.ai.model-routing-strategy") : "manual";
    }

    /**
     * The alias or model name a call asks for, before {@link AiSettings#model} resolves it: empty for
     * the default model.
     *
     * @param goal the call's own {@code WITH OPTIMIZE FOR}, already an alias
     * @param prompt the prompt, for {@code auto}
     */
    static Optional<String> requested(InvocationContext context, Optional<String> goal, String prompt)
            throws KeywordException {
        if (goal.isPresent()) {
            return goal;
        }
        Optional<String> used = context.executionValue(AiPlugin.MODEL_VALUE).map(Value::display);
        if (used.isPresent() && !used.get().strip().equalsIgnoreCase("auto")) {
            return used;
        }
        String strategy = used.isPresent() ? "auto" : strategy(context);
        return switch (strategy) {
            case "auto" -> Optional.of(classify(prompt));
            case "cost" -> Optional.of("fast");
            case "quality" -> Optional.of("quality");
            default -> Optional.empty();
        };
    }

    /** The alias {@code auto} routes a prompt to: code, quality or fast. */
    static String classify(String prompt) {
        if (CODE.matcher(prompt).find()) {
            return "code";
        }
        if (prompt.length() > LONG_PROMPT || ANALYSIS.matcher(prompt).find()) {
            return "quality";
        }
        return "fast";
    }

    private static Value currentModel(Invocation invocation) throws KeywordException {
        InvocationContext context = invocation.context();
        Optional<String> used = context.executionValue(AiPlugin.MODEL_VALUE).map(Value::display);
        boolean auto = used.map(u -> u.strip().equalsIgnoreCase("auto")).orElse(false)
                || (used.isEmpty() && strategy(context).equals("auto"));
        if (auto) {
            return new TextValue("auto");
        }
        return new TextValue(new AiSettings(context.configuration()).model(requested(context, Optional.empty(), "")));
    }

    private static Value listModels(Invocation invocation) {
        AiSettings settings = new AiSettings(invocation.context().configuration());
        List<Value> models = new ArrayList<>();
        settings.value("model").ifPresent(model -> models.add(model("default", model, "the default model")));
        for (Map.Entry<String, String> setting :
                invocation.context().configuration().values().entrySet()) {
            String key = setting.getKey();
            if (!key.startsWith("model-") || setting.getValue().isBlank()) {
                continue;
            }
            String alias = key.substring("model-".length());
            if (alias.equals("routing-strategy") || alias.startsWith("fallback")) {
                continue;
            }
            models.add(model(alias, setting.getValue().strip(), description(alias)));
        }
        return new ListValue(models);
    }

    private static String description(String alias) {
        return switch (alias) {
            case "fast" -> "optimized for speed: simple queries, chat (also cost)";
            case "quality" -> "optimized for accuracy: complex reasoning, analysis";
            case "code" -> "code-specialized";
            case "local" -> "a local model";
            case "default" -> "the default model's alias";
            default -> "basicflow.ai.model-" + alias;
        };
    }

    private static Value model(String name, String model, String description) {
        Map<String, Value> entry = new LinkedHashMap<>();
        entry.put("name", new TextValue(name));
        entry.put("model", new TextValue(model));
        entry.put("description", new TextValue(description));
        return new MapValue(entry);
    }
}
