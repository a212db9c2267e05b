package io.basicflow.app.node;

import io.basicflow.compiler.ScriptService;
import io.basicflow.engine.event.Delta;
import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.json.EngineJson;
import io.basicflow.engine.state.ExecutionSnapshot;
import io.basicflow.engine.state.ExecutionStatus;
import io.basicflow.engine.state.FrameSnapshot;
import io.basicflow.spi.program.SourceSpan;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.TextValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads and initialises, on a background thread while the node waits for its database (the embedded
 * server's start, the pool's first connections), what the first step will need anyway: the
 * compiler's parser and the engine's JSON mapping ({@code Database} warms jOOQ itself). It changes no state (a script
 * is only checked, an event only written to a string and read back) and its failure is only logged:
 * it affects when the cost is paid, never what a node does.
 */
final class StartupWarmup {

    private static final Logger log = LoggerFactory.getLogger(StartupWarmup.class);

    private static final String SCRIPT = "#workflow\nx = 1\nIF x > 0 THEN\n  TALK \"warm \" + x\nEND IF\nHEAR y\n";

    private StartupWarmup() {}

    /**
     * Starts the warm-up on a daemon thread.
     *
     * @param compiler the node's compiler
     * @return the thread, for tests
     */
    static Thread start(ScriptService compiler) {
        return Thread.ofPlatform().daemon().name("basicflow-warmup").start(() -> run(compiler));
    }

    /**
     * Does the warm-up on this thread.
     *
     * @param compiler the node's compiler
     * @return whether every part ran (a failure is logged at DEBUG, never thrown)
     */
    static boolean run(ScriptService compiler) {
        long started = System.nanoTime();
        try {
            if (!compiler.check("warmup.bas", SCRIPT).succeeded()) {
                log.debug("the warm-up script does not compile with this catalogue");
                return false;
            }
            ExecutionEvent event = new ExecutionEvent.MessageSent(
                    1,
                    new SourceSpan(1, 1, 1, 5),
                    ExecutionEvent.MessageKind.TALK,
                    Optional.empty(),
                    "warm",
                    Delta.NONE);
            EngineJson.readEvent(EngineJson.write(event));
            // A new execution's snapshot is written at its start and read by its first activation.
            EngineJson.readSnapshot(EngineJson.write(new ExecutionSnapshot(
                    "warmup",
                    "warmup.bas",
                    "0",
                    ExecutionStatus.RUNNING,
                    Map.of("x", IntegerValue.of(1), "y", new TextValue("warm")),
                    List.of(new FrameSnapshot.Body(0, 1)),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    List.of(),
                    1,
                    1)));
            log.debug("start-up warm-up done in {} ms", (System.nanoTime() - started) / 1_000_000);
            return true;
        } catch (RuntimeException | LinkageError e) {
            log.debug("start-up warm-up failed; the first step pays the cost instead", e);
            return false;
        }
    }
}
