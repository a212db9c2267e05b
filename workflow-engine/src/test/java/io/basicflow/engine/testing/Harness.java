package io.basicflow.engine.testing;

import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.engine.direct.InMemoryJournal;
import io.basicflow.engine.interpreter.ExecutionState;
import io.basicflow.engine.interpreter.Interpreter;
import io.basicflow.engine.interpreter.Limits;
import io.basicflow.engine.interpreter.Outcome;
import io.basicflow.engine.interpreter.RuntimeCatalogue;
import io.basicflow.engine.program.ProgramIndex;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.program.Program;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Runs hand-built programs with the interpreter, a checking journal and fake time. */
public final class Harness {

    public final FakeTime time = new FakeTime();
    public final TestPlugin plugin = new TestPlugin();
    public final Interpreter interpreter;

    public Harness() {
        RuntimeCatalogue catalogue =
                RuntimeCatalogue.of(List.<KeywordPlugin>of(new CorePlugin(), plugin), Map.of(), time);
        interpreter = new Interpreter(catalogue, time, new SplittableRandom(7), time);
    }

    /** A finished run. */
    public record Run(
            Outcome outcome, ExecutionState state, CheckingJournal journal, ScriptedConversation conversation) {
        public List<String> transcript() {
            return conversation.transcript();
        }
    }

    /** Runs until the outcome is not {@link Outcome.Yielded}. */
    public Run run(Program program, List<String> inputs, Limits limits) {
        ScriptedConversation conversation = new ScriptedConversation(inputs);
        CheckingJournal journal = new CheckingJournal(InMemoryJournal.recording(conversation, time, time));
        ProgramIndex index = ProgramIndex.of(program);
        ExecutionState state = interpreter.start(index, "exec-1", Map.of(), journal);
        Outcome outcome;
        do {
            outcome = interpreter.run(index, state, journal, limits);
        } while (outcome instanceof Outcome.Yielded);
        return new Run(outcome, state, journal, conversation);
    }

    public Run run(Program program, String... inputs) {
        return run(program, List.of(inputs), Limits.DEFAULT);
    }
}
