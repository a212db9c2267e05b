package io.basicflow.engine.orchestration;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.state.ChildRequest;
import io.basicflow.spi.BotName;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a bot is called by {@code STEP n: BOT "bot" "task"}: which script is its entry, what variables
 * it starts with, and how what it returns comes back to the orchestration. One place for the direct
 * runner, the durable journal and the script resolvers.
 *
 * <ul>
 *   <li><b>Entry script</b>: {@code bot.gbai/bot.gbdialog/start.bas} (General Bots' bot folder), else
 *       {@code bot/start.bas}, relative to the scripts folder (never to the calling script's folder).
 *   <li><b>Variables</b>: the orchestration's variables as they are when the step starts (a copy, without
 *       the engine's own {@code $…} variables such as the {@code ON ERROR RESUME NEXT} mode), and {@code
 *       task} holding the task text.
 *   <li><b>Result</b>: a map the bot {@code RETURN}s is merged into the orchestration's variables, one
 *       variable per entry (names lower-cased); any other value that is not {@code NULL} is assigned to
 *       {@code result} (plain step) or {@code result_x} (branch {@code X} of a parallel step).
 * </ul>
 */
public final class BotCalls {

    /** The variable that holds the task text in the bot's execution. */
    public static final String TASK = "task";

    private BotCalls() {}

    /**
     * The request for one bot call.
     *
     * @param bot the bot's name
     * @param task the task text
     * @param variables the orchestration's variables, copied into the bot's execution
     * @param parentScript the calling script's name
     * @return the request
     */
    public static ChildRequest request(String bot, String task, Map<String, Value> variables, String parentScript) {
        Map<String, Value> shared = new LinkedHashMap<>(variables);
        // the engine's own variables ($error, $on_error_resume_next, GOTO's markers …) are the caller's
        shared.keySet().removeIf(name -> name.startsWith(INTERNAL_PREFIX));
        return new ChildRequest(
                ChildRequest.Kind.BOT, bot, parentScript, List.of(new TextValue(task), new MapValue(shared)));
    }

    /** How the names of the engine's own variables start; a bot does not inherit them. */
    static final String INTERNAL_PREFIX = "$";

    /**
     * The variables a bot's execution starts with.
     *
     * @param request a {@link ChildRequest.Kind#BOT} request
     * @return the orchestration's variables and {@code task}
     */
    public static Map<String, Value> variables(ChildRequest request) {
        requireNonNull(request, "request is null");
        Map<String, Value> variables = new LinkedHashMap<>();
        if (request.arguments().size() > 1 && request.arguments().get(1) instanceof MapValue shared) {
            variables.putAll(shared.entries());
        }
        if (!request.arguments().isEmpty()) {
            variables.put(TASK, request.arguments().getFirst());
        }
        return variables;
    }

    /**
     * The script names a bot's entry may have, in the order they are tried: {@link BotName#entryFiles}.
     *
     * @param bot the bot's name as written
     * @return {@code bot.gbai/bot.gbdialog/start.bas}, then {@code bot/start.bas}
     * @throws IllegalArgumentException when the name is not a bot name ({@link BotName#isBotName})
     */
    public static List<String> entryScripts(String bot) {
        String name = bot.strip();
        if (!BotName.isBotName(name)) {
            throw new IllegalArgumentException(
                    "BOT \"" + bot + "\": a bot is named by its folder name, such as BOT \"billing\" for billing.gbai");
        }
        return BotName.entryFiles(name);
    }

    /**
     * The variable names and values that a bot's result sets in the orchestration.
     *
     * @param value what the bot returned
     * @param branch the branch label for a parallel step, or null for a plain step
     * @return the variables to assign, in order
     */
    public static Map<String, Value> resultVariables(Value value, String branch) {
        Map<String, Value> assigned = new LinkedHashMap<>();
        switch (value) {
            case MapValue map ->
                map.entries().forEach((key, entry) -> {
                    String name = key.toLowerCase(Locale.ROOT);
                    if (isName(name)) {
                        assigned.put(name, entry);
                    }
                });
            case io.basicflow.spi.value.NullValue ignored -> {}
            default -> assigned.put(branch == null ? "result" : "result_" + branch.toLowerCase(Locale.ROOT), value);
        }
        return assigned;
    }

    /**
     * The message for a bot that has no entry script.
     *
     * @param bot the bot's name
     * @return the message, naming the places looked in
     */
    public static String missing(String bot) {
        String places;
        try {
            places = String.join(" or ", entryScripts(bot));
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return "BOT \"" + bot + "\": there is no such bot (looked for " + places + " in the scripts folder)";
    }

    private static boolean isName(String name) {
        if (name.isEmpty() || !(Character.isLetter(name.charAt(0)) || name.charAt(0) == '_')) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
