package io.basicflow.engine.interpreter;

import io.basicflow.spi.ToolCall;
import io.basicflow.spi.ToolRound;
import io.basicflow.spi.ToolTurn;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rounds of a tool-calling step ({@link io.basicflow.spi.ToolCallingHandler}) in progress, kept in
 * the execution variable {@value #VARIABLE} (a name no script can write): a list of rounds, each
 * {@code {message, calls: [{id, tool, arguments}], results: [...]}}. It changes only with the events
 * that end a turn ({@code EffectCompleted}) or a tool call ({@code ChildCompleted}), so it is recorded
 * in their deltas and folded back like any variable: a resumed step finds the rounds it had and the
 * next call to make. It is removed when the step ends.
 */
final class ToolRounds {

    /** Where the rounds are kept. */
    static final String VARIABLE = "$engine.tool-rounds";

    /** The most rounds one step may take, whatever the handler allows: a guard against a loop. */
    static final int MAX_ROUNDS = 50;

    private ToolRounds() {}

    static List<ToolRound> rounds(ExecutionState state) {
        if (!(state.get(VARIABLE) instanceof ListValue list)) {
            return List.of();
        }
        List<ToolRound> rounds = new ArrayList<>(list.elements().size());
        for (Value element : list.elements()) {
            MapValue round = (MapValue) element;
            List<ToolCall> calls = new ArrayList<>();
            for (Value call : ((ListValue) round.find("calls").orElseThrow()).elements()) {
                MapValue fields = (MapValue) call;
                calls.add(new ToolCall(
                        fields.find("id").orElseThrow().display(),
                        fields.find("tool").orElseThrow().display(),
                        ((ListValue) fields.find("arguments").orElseThrow()).elements()));
            }
            rounds.add(new ToolRound(
                    round.find("message").orElse(NullValue.NULL),
                    calls,
                    ((ListValue) round.find("results").orElseThrow()).elements()));
        }
        return rounds;
    }

    /** The next call of the last round that has no result yet. */
    static Optional<ToolCall> nextCall(ExecutionState state) {
        List<ToolRound> rounds = rounds(state);
        if (rounds.isEmpty()) {
            return Optional.empty();
        }
        ToolRound last = rounds.getLast();
        return last.results().size() < last.calls().size()
                ? Optional.of(last.calls().get(last.results().size()))
                : Optional.empty();
    }

    /** Starts a round with the handler's calls; false when the step has had {@link #MAX_ROUNDS}. */
    static boolean add(ExecutionState state, ToolTurn.CallTools turn) {
        List<Value> rounds = existing(state);
        if (rounds.size() >= MAX_ROUNDS) {
            return false;
        }
        List<Value> calls = new ArrayList<>();
        for (ToolCall call : turn.calls()) {
            Map<String, Value> fields = new LinkedHashMap<>();
            fields.put("id", new TextValue(call.id()));
            fields.put("tool", new TextValue(call.tool()));
            fields.put(
                    "arguments",
                    new ListValue(call.arguments().stream().map(Canonical::of).toList()));
            calls.add(new MapValue(fields));
        }
        Map<String, Value> round = new LinkedHashMap<>();
        round.put("message", Canonical.of(turn.message()));
        round.put("calls", new ListValue(calls));
        round.put("results", ListValue.EMPTY);
        rounds.add(new MapValue(round));
        state.put(VARIABLE, new ListValue(rounds));
        return true;
    }

    /** Records the result of the last round's next call. */
    static void addResult(ExecutionState state, Value result) {
        List<Value> rounds = existing(state);
        MapValue last = (MapValue) rounds.getLast();
        List<Value> results = new ArrayList<>(((ListValue) last.find("results").orElseThrow()).elements());
        results.add(Canonical.of(result));
        rounds.set(rounds.size() - 1, last.with("results", new ListValue(results)));
        state.put(VARIABLE, new ListValue(rounds));
    }

    /** Forgets the rounds: the step is over. */
    static void clear(ExecutionState state) {
        if (state.get(VARIABLE) instanceof ListValue) {
            state.put(VARIABLE, NullValue.NULL);
        }
    }

    private static List<Value> existing(ExecutionState state) {
        return state.get(VARIABLE) instanceof ListValue list ? new ArrayList<>(list.elements()) : new ArrayList<>();
    }
}
