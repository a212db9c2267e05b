package io.basicflow.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.engine.api.ExecutionConflictException;
import io.basicflow.engine.api.ExecutionPage;
import io.basicflow.engine.api.ExecutionQuery;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionSummary;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.engine.api.ScriptCompilationException;
import io.basicflow.engine.api.StartRequest;
import io.basicflow.engine.api.StartResult;
import io.basicflow.engine.direct.ScriptResolver;
import io.basicflow.engine.durable.ChildScripts;
import io.basicflow.persistence.testing.CountingPlugin;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.ReplayVerification;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.TextValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Starting (idempotent, compiled, #workflow only), listing, and versions pinned by hash. */
@ExtendWith({PostgresExtension.class, ReplayVerification.class})
class StartAndVersionsTest {

    @Test
    void startingTheSameIdAgainReturnsTheExistingExecution(TestDatabase database) {
        try (DurableFixture engine = DurableFixture.builder(database).start()) {
            String source = "#workflow\nHEAR x\n";
            StartRequest request = new StartRequest(Optional.of("order-42"), "order.bas", source, Map.of());

            StartResult first = engine.engine().start(request);
            StartResult again = engine.engine().start(request);

            assertThat(first).isEqualTo(new StartResult("order-42", true));
            assertThat(again).isEqualTo(new StartResult("order-42", false));
            assertThatThrownBy(() -> engine.engine()
                            .start(new StartRequest(
                                    Optional.of("order-42"), "order.bas", source + "TALK x\n", Map.of())))
                    .isInstanceOf(ExecutionConflictException.class)
                    .hasMessageContaining("order-42");
            engine.awaitStatus("order-42", ExecutionStatus.WAITING_INPUT);
            assertThat(engine.engine().history("order-42", 0, 10)).hasSize(2);
        }
    }

    @Test
    void initialVariablesAreTheScriptsVariables(TestDatabase database) {
        try (DurableFixture engine = DurableFixture.builder(database).start()) {
            String id = engine.start(
                    "vars.bas",
                    "#workflow\nRETURN Customer + \" owes \" + amount\n",
                    Map.of("customer", new TextValue("Ana"), "Amount", IntegerValue.of(12)));

            assertThat(engine.awaitStatus(id, ExecutionStatus.COMPLETED).result())
                    .contains(new TextValue("Ana owes 12"));
        }
    }

    @Test
    void aScriptWithErrorsOrWithoutWorkflowIsRefusedAndNothingIsStored(TestDatabase database) {
        try (DurableFixture engine = DurableFixture.builder(database).start()) {
            int before =
                    engine.engine().list(ExecutionQuery.all(1000)).executions().size();

            assertThatThrownBy(() -> engine.start("broken.bas", "#workflow\nTALK (1 +\n", Map.of()))
                    .isInstanceOfSatisfying(
                            ScriptCompilationException.class,
                            e -> assertThat(e.diagnostics())
                                    .singleElement()
                                    .asString()
                                    .startsWith("broken.bas:2:"));
            assertThatThrownBy(() -> engine.start("direct.bas", "TALK \"hi\"\n", Map.of()))
                    .isInstanceOf(ScriptCompilationException.class)
                    .hasMessageContaining("not a #workflow script");

            assertThat(engine.engine().list(ExecutionQuery.all(1000)).executions())
                    .hasSize(before);
        }
    }

    @Test
    void anExecutionFinishesOnTheVersionItStartedWith(TestDatabase database, @TempDir Path scripts) throws IOException {
        Files.writeString(scripts.resolve("child.bas"), "HEAR x\nRETURN \"child v1 got \" + x\n");
        try (DurableFixture engine = DurableFixture.builder(database)
                .plugins(new CountingPlugin())
                .children(ChildScripts.from(ScriptResolver.directory(scripts)))
                .start()) {
            String v1 = engine.start("flow.bas", "#workflow\nHEAR a\nTALK \"v1 \" + a\n", Map.of());
            engine.awaitStatus(v1, ExecutionStatus.WAITING_INPUT);
            String v2 = engine.start("flow.bas", "#workflow\nHEAR a\nTALK \"v2 \" + a\n", Map.of());
            String parent = engine.start("parent.bas", "#workflow\nr = USE TOOL \"child\"\nTALK r\n", Map.of());
            engine.awaitStatus(parent + "~2", ExecutionStatus.WAITING_INPUT);

            Files.writeString(scripts.resolve("child.bas"), "RETURN \"child v2\"\n");
            Files.delete(scripts.resolve("child.bas"));
            engine.engine().deliverInput(v1, "one");
            engine.engine().deliverInput(v2, "two");
            engine.engine().deliverInput(parent, "three");

            engine.awaitStatus(v1, ExecutionStatus.COMPLETED);
            engine.awaitStatus(v2, ExecutionStatus.COMPLETED);
            engine.awaitStatus(parent, ExecutionStatus.COMPLETED);
            assertThat(engine.messages(v1)).containsExactly("v1 one");
            assertThat(engine.messages(v2)).containsExactly("v2 two");
            assertThat(engine.messages(parent)).containsExactly("child v1 got three");
            ExecutionView first = engine.engine().find(v1).orElseThrow();
            ExecutionView second = engine.engine().find(v2).orElseThrow();
            assertThat(first.scriptHash()).isNotEqualTo(second.scriptHash());
        }
    }

    @Test
    void aMissingChildScriptFailsTheParentStep(TestDatabase database, @TempDir Path scripts) {
        try (DurableFixture engine = DurableFixture.builder(database)
                .children(ChildScripts.from(ScriptResolver.directory(scripts)))
                .start()) {
            String id = engine.start("main.bas", "#workflow\nTALK \"a\"\nCALL \"nowhere.bas\"\n", Map.of());

            ExecutionView failed = engine.awaitStatus(id, ExecutionStatus.FAILED);

            assertThat(failed.error().orElseThrow().message())
                    .isEqualTo(
                            "main.bas:3:1: CALL \"nowhere.bas\" failed: there is no script nowhere.bas beside main.bas");
        }
    }

    @Test
    void listingPagesNewestFirstWithFilters(TestDatabase database) {
        try (DurableFixture engine =
                DurableFixture.builder(database).plugins(new CountingPlugin()).start()) {
            Instant from = Instant.now().minusMillis(1);
            List<String> started = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                started.add(engine.start("list-" + (i % 2) + ".bas", "#workflow\nHEAR x\n", Map.of()));
            }
            for (String id : started) {
                engine.awaitStatus(id, ExecutionStatus.WAITING_INPUT);
            }
            engine.engine().cancel(started.get(6), "done");

            List<String> seen = new ArrayList<>();
            Optional<String> after = Optional.empty();
            do {
                ExecutionPage page = engine.engine()
                        .list(new ExecutionQuery(
                                Set.of(ExecutionStatus.WAITING_INPUT),
                                Optional.empty(),
                                Optional.of(from),
                                Optional.empty(),
                                after,
                                2));
                page.executions().stream().map(ExecutionSummary::id).forEach(seen::add);
                after = page.next();
            } while (after.isPresent());
            ExecutionPage odd = engine.engine()
                    .list(new ExecutionQuery(
                            Set.of(),
                            Optional.of("list-1.bas"),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            50));

            assertThat(seen).containsExactlyElementsOf(started.subList(0, 6).reversed());
            assertThat(odd.executions())
                    .extracting(ExecutionSummary::id)
                    .containsExactly(started.get(5), started.get(3), started.get(1));
        }
    }
}
