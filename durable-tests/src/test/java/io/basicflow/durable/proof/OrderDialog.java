package io.basicflow.durable.proof;

import static java.util.Objects.requireNonNull;

import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.engine.direct.Conversation;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.engine.direct.DirectRunner;
import io.basicflow.engine.direct.ScriptCompiler;
import io.basicflow.engine.interpreter.InputRequest;
import io.basicflow.engine.interpreter.RuntimeCatalogue;
import io.basicflow.spi.program.Program;
import io.basicflow.spi.value.DecimalValue;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.Value;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The dialog script of the crash and fault tests (written for them) and its cases: SET, IF, FOR and
 * DO loops, TALK, HEAR (plain and typed, with a re-prompt), WAIT, an idempotent effect per item and
 * an at-most-once payment. Each case has its own variables and inputs; its reference is a direct
 * (in-memory) run of the same script with the same inputs.
 */
final class OrderDialog {

    static final String NAME = "order.bas";

    static final String SOURCE = """
            #workflow
            ' An order dialog: greets, ships every item that is not a gift, waits, asks before paying.
            TALK "Order " + order + ": hello, who is there?"
            HEAR name
            TALK "Hi " + name + ", " + items + " item(s) to ship"
            total = 0
            receipt = ""
            FOR i = 1 TO items
                IF i MOD 3 = 0 THEN
                    TALK "item " + i + " is a gift"
                ELSE
                    cost = SHIP(order * 100 + i)
                    total = total + cost
                    receipt = receipt + "#" + cost
                END IF
            NEXT
            WAIT pause
            TALK "Pay " + total + " for " + receipt + "?"
            HEAR ok AS BOOLEAN
            IF ok THEN
                PAY total
                TALK "Paid, thank you " + name
                outcome = "paid"
            ELSE
                TALK "Not paid, goodbye " + name
                outcome = "declined"
            END IF
            n = 0
            DO WHILE n < spins
                n = n + 1
                IF n MOD 250 = 0 THEN TALK "spin " + n + " for order " + order
            LOOP
            RETURN total
            """;

    private static final List<String> NAMES = List.of("Ana", "Bruno", "Chen", "Dalia", "Emeka", "Fatima", "Gus");

    private OrderDialog() {}

    /**
     * One execution of the dialog.
     *
     * @param id its execution id
     * @param variables its initial variables ({@code order}, {@code items}, {@code pause}, {@code spins})
     * @param inputs what the user answers, in order (unique within the case)
     * @param early whether every input is delivered right after the start (it waits in the inbox)
     */
    record Case(String id, Map<String, Value> variables, List<String> inputs, boolean early) {
        Case {
            requireNonNull(id, "id is null");
            variables = Map.copyOf(variables);
            inputs = List.copyOf(inputs);
        }
    }

    /**
     * Cases drawn from a seeded generator.
     *
     * @param random the generator
     * @param prefix the execution ids' prefix
     * @param count how many
     * @param maxItems the most items per order
     * @param maxSpins the most DO-loop turns
     * @return the cases
     */
    static List<Case> cases(SplittableRandom random, String prefix, int count, int maxItems, int maxSpins) {
        List<Case> cases = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            Map<String, Value> variables = new LinkedHashMap<>();
            variables.put("order", IntegerValue.of(n));
            variables.put("items", IntegerValue.of(random.nextInt(2, maxItems + 1)));
            variables.put("pause", new DecimalValue(BigDecimal.valueOf(random.nextInt(1, 6), 1)));
            variables.put("spins", IntegerValue.of(random.nextInt(maxSpins / 2, maxSpins + 1)));
            List<String> inputs = new ArrayList<>();
            inputs.add(NAMES.get(random.nextInt(NAMES.size())) + "-" + n);
            if (random.nextInt(3) == 0) {
                inputs.add("perhaps"); // not a BOOLEAN: re-prompted
            }
            inputs.add(random.nextInt(4) == 0 ? "no" : "yes");
            cases.add(new Case(prefix + "-" + n, variables, inputs, random.nextBoolean()));
        }
        return cases;
    }

    /**
     * What a direct run of a case gives.
     *
     * @param outcome how it ended
     * @param variables its final variables
     * @param messages every message it said, in order
     * @param calls every effect call ({@code KEYWORD args}), in order
     */
    record Reference(DirectOutcome outcome, Map<String, Value> variables, List<String> messages, List<String> calls) {
        Reference {
            variables = Map.copyOf(variables);
            messages = List.copyOf(messages);
            calls = List.copyOf(calls);
        }
    }

    /**
     * Runs a script directly (in memory, no database) with a case's variables and inputs.
     *
     * @param source the script
     * @param executionId the execution id to run under
     * @param variables the initial variables
     * @param inputs the inputs
     * @return what the run did
     */
    static Reference direct(String source, String executionId, Map<String, Value> variables, List<String> inputs) {
        EffectLogPlugin plugin = new EffectLogPlugin(null);
        KeywordCatalogue catalogue = KeywordCatalogue.of(new CorePlugin(), plugin);
        ScriptService compiler = new ScriptService(catalogue);
        Program program = compiler.compile(NAME, source).program();
        DirectRunner runner = DirectRunner.builder(
                        RuntimeCatalogue.from(catalogue, Map.of(), Clock.systemUTC()), ScriptCompiler.using(compiler))
                .sleeper(duration -> {})
                .executionIds(() -> executionId)
                .build();
        List<String> said = new ArrayList<>();
        Deque<String> pending = new ArrayDeque<>(inputs);
        DirectRunner.DirectRun run = runner.run(program, variables, new Conversation() {
            @Override
            public void say(String text) {
                said.add(text);
            }

            @Override
            public Optional<String> listen(InputRequest request) {
                return Optional.ofNullable(pending.pollFirst());
            }
        });
        return new Reference(run.outcome(), run.state().variables(), said, plugin.calls);
    }

    /**
     * The direct run of a case of this dialog.
     *
     * @param order the case
     * @return its reference
     */
    static Reference direct(Case order) {
        return direct(SOURCE, order.id(), order.variables(), order.inputs());
    }
}
