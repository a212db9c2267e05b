package io.basicflow.engine.interpreter;

import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.orchestration.BotCalls;
import io.basicflow.engine.state.ChildRequest;
import io.basicflow.engine.state.ChildResult;
import io.basicflow.engine.state.ExecutionError;
import io.basicflow.engine.state.PendingWait;
import io.basicflow.spi.BotName;
import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Expression;
import io.basicflow.spi.program.Orchestration;
import io.basicflow.spi.program.Step;
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
 * Runs the conversation's bot set for {@link OrchestrationSteps}: {@code ADD BOT}, {@code REMOVE BOT},
 * {@code BROADCAST … TO BOTS} and the routing step the compiler puts after each {@code HEAR} of a script
 * that adds bots.
 *
 * <ul>
 *   <li>The set is the engine variable {@code $bots} (no script can write it): a map bot name →
 *       {@code {triggers: [...], tools: [...]}}, in the order the bots were added. It is recorded with
 *       the step that changes it, like any variable, so it survives a crash and shows in {@code
 *       basicflow show} and {@code GET /executions/{id}}.
 *   <li><b>Routing</b>: when the input a {@code HEAR} just received mentions a trigger of an active bot
 *       (case-insensitively, as whole words), that bot's entry script runs as a child execution with the
 *       input as its {@code task}, exactly as {@code TRANSFER CONVERSATION} runs one ({@code
 *       ChildStarted}, a wait as {@code WAITING_CHILD} so the conversation's input goes to the bot, then
 *       {@code ChildCompleted}); then the cursor goes back to the {@code HEAR}, which asks again. A bot
 *       that fails fails the step. The first bot of the set whose trigger matches is the one.
 *   <li><b>BROADCAST</b> runs every active bot at once with the message as {@code task}, as a {@code
 *       STEP n: PARALLEL} step runs its branches, and waits until all have ended; it assigns nothing.
 * </ul>
 */
final class BotSetSteps {

    /** The engine variable that holds the set. */
    static final String BOTS = "$bots";

    private BotSetSteps() {}

    static Outcome add(
            Step.Orchestrate step,
            Orchestration.AddBot add,
            ExecutionState state,
            String script,
            OrchestrationSteps.Host host) {
        String bot = name(host.eval(add.bot()), add.bot(), "ADD BOT");
        Map<String, Value> entry = new LinkedHashMap<>();
        entry.put("triggers", words(add.triggers().map(host::eval)));
        entry.put("tools", words(add.tools().map(host::eval)));
        if (add.schedule().isPresent()) {
            // ADD BOT "x" WITH SCHEDULE "0 9 * * MON": the bot's entry script registered to start on the
            // schedule, as SET SCHEDULE registers a script (exactly once: keyed by this step)
            Expression when = add.schedule().get();
            Value schedule = host.eval(when);
            ScriptScheduling request = new ScriptScheduling(
                    schedule,
                    when.text(),
                    bot,
                    script,
                    BotCalls.request(bot, "", Map.of(), script).arguments(),
                    true);
            String key = host.executionId() + "/" + host.next();
            try {
                host.journal().scheduleScript(request, key);
            } catch (io.basicflow.engine.schedule.ScheduleRefusedException e) {
                throw new StepFailure(ExecutionError.Kind.STATEMENT, e.getMessage(), step.span());
            } catch (RuntimeException e) {
                throw new Interpreter.JournalFailure(e);
            }
            entry.put("schedule", Canonical.of(schedule));
        }
        Map<String, Value> set = new LinkedHashMap<>(set(state));
        set.remove(bot); // added again: moves to the end, with its new triggers
        set.put(bot, new MapValue(entry));
        host.assign(BOTS, Canonical.of(new MapValue(set)));
        host.completed(step.span());
        return null;
    }

    static Outcome remove(
            Step.Orchestrate step, Orchestration.RemoveBot remove, ExecutionState state, OrchestrationSteps.Host host) {
        String bot = name(host.eval(remove.bot()), remove.bot(), "REMOVE BOT");
        Map<String, Value> set = new LinkedHashMap<>(set(state));
        if (set.remove(bot) != null) {
            host.assign(BOTS, set.isEmpty() ? NullValue.NULL : Canonical.of(new MapValue(set)));
        }
        host.completed(step.span());
        return null;
    }

    /** {@code BROADCAST message TO BOTS}: a parallel bot step over the set, built when the step runs. */
    static Outcome broadcast(
            Step.Orchestrate step,
            Orchestration.Broadcast broadcast,
            ExecutionState state,
            String script,
            OrchestrationSteps.Host host,
            Frame top,
            int index) {
        Map<String, Value> set = set(state);
        if (set.isEmpty()) {
            top.index = index + 1;
            host.completed(step.span());
            return null;
        }
        // the set does not change while the step waits, nor does the message: a resumed step rebuilds
        // the same calls and finds its children by their sequence numbers
        String message = host.eval(broadcast.message()).display();
        List<Orchestration.BotCall> calls = new ArrayList<>();
        for (String bot : set.keySet()) {
            calls.add(new Orchestration.BotCall(step.span(), bot, literal(bot, step), literal(message, step)));
        }
        return OrchestrationSteps.bots(
                step, new Orchestration.Bots("BROADCAST", calls, true), state, script, host, top, index, true);
    }

    /** After a {@code HEAR}: hands a triggering input to its bot, then goes back to the {@code HEAR}. */
    static Outcome route(
            Step.Orchestrate step,
            Orchestration.RouteInput route,
            ExecutionState state,
            String script,
            OrchestrationSteps.Host host,
            Frame top,
            int index) {
        top.index = index; // stays on the step until the bot ended
        ChildRequest request;
        long startedSeq;
        if (state.pending instanceof PendingWait.Child waiting
                && waiting.request().kind() == ChildRequest.Kind.BOT) {
            request = waiting.request();
            startedSeq = state.sequence;
        } else {
            Value heard =
                    route.heard().path().isEmpty() ? state.get(route.heard().variable()) : NullValue.NULL;
            Optional<String> bot =
                    heard instanceof TextValue text ? triggered(set(state), text.value()) : Optional.empty();
            if (bot.isEmpty()) {
                top.index = index + 1;
                host.completed(step.span());
                return null;
            }
            Map<String, Value> shared = new LinkedHashMap<>(state.globals);
            shared.remove(BotCalls.TASK);
            shared.remove(BOTS);
            request = BotCalls.request(bot.get(), heard.display(), shared, script);
            startedSeq = host.next();
            host.emit(new ExecutionEvent.ChildStarted(startedSeq, step.span(), request, host.delta()));
        }
        Optional<ChildResult> result = host.childResult(request, startedSeq);
        if (result.isEmpty()) {
            return new Outcome.WaitingChild(request);
        }
        if (result.get() instanceof ChildResult.Failed failed) {
            host.emit(new ExecutionEvent.ChildCompleted(host.next(), step.span(), failed, host.delta()));
            throw new StepFailure(
                    ExecutionError.Kind.CHILD,
                    "ADD BOT \"" + request.script() + "\", which the input triggered, failed: " + failed.message(),
                    step.span());
        }
        top.index = index - 1; // the HEAR asks again (the cursor goes with the event)
        host.emit(new ExecutionEvent.ChildCompleted(host.next(), step.span(), result.get(), host.delta()));
        return null;
    }

    /** The first bot of the set with a trigger the input mentions. */
    static Optional<String> triggered(Map<String, Value> set, String input) {
        String text = input.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, Value> bot : set.entrySet()) {
            if (!(bot.getValue() instanceof MapValue entry)
                    || !(entry.find("triggers").orElse(NullValue.NULL) instanceof ListValue triggers)) {
                continue;
            }
            for (Value trigger : triggers.elements()) {
                String word = trigger.display().toLowerCase(Locale.ROOT);
                if (!word.isEmpty()
                        && Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(word) + "(?![\\p{L}\\p{N}])")
                                .matcher(text)
                                .find()) {
                    return Optional.of(bot.getKey());
                }
            }
        }
        return Optional.empty();
    }

    /** The set: {@code $bots}, empty when no bot was added. */
    static Map<String, Value> set(ExecutionState state) {
        return state.get(BOTS) instanceof MapValue map ? map.entries() : Map.of();
    }

    /** A comma-separated text or a list, as trimmed non-empty texts. */
    private static ListValue words(Optional<Value> value) {
        List<Value> words = new ArrayList<>();
        if (value.isPresent()) {
            List<String> parts = value.get() instanceof ListValue list
                    ? list.elements().stream().map(Value::display).toList()
                    : List.of(
                            value.get() instanceof NullValue
                                    ? new String[0]
                                    : value.get().display().split(","));
            for (String part : parts) {
                String word = part.strip();
                if (!word.isEmpty() && !words.contains(new TextValue(word))) {
                    words.add(new TextValue(word));
                }
            }
        }
        return new ListValue(words);
    }

    private static String name(Value value, Expression expression, String what) {
        String bot = value.display().strip();
        if (!BotName.isBotName(bot)) {
            throw new StepFailure(
                    ExecutionError.Kind.STATEMENT,
                    what + ": '" + bot + "' (" + expression.text() + ") is not a bot name; a bot is named like its"
                            + " folder, such as \"sales-bot\"",
                    expression.span());
        }
        return bot;
    }

    private static Expression literal(String text, Step.Orchestrate step) {
        return new Expression('"' + text + '"', new Expr.Literal(new TextValue(text)), step.span());
    }
}
