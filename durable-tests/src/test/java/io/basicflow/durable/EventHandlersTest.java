package io.basicflow.durable;

import static io.basicflow.durable.ScheduleTesting.ids;
import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.events.EventHandlerDeclaration;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.schedule.EventHandler;
import io.basicflow.engine.schedule.ScheduleRegistrations;
import io.basicflow.engine.schedule.Scheduler;
import io.basicflow.persistence.JdbcScheduleStore;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.spi.ExecutionScope;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.Value;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ON "event" … END ON} on a real database: each publication of the event to the handler's bot
 * starts exactly one execution of the handler with the event's data in {@code params}.
 */
@ExtendWith(PostgresExtension.class)
class EventHandlersTest {

    private static final String SCORING = """
            ON "pricing:viewed"
                TALK "lead " + params.lead_id + " viewed pricing"
            END ON
            ON "new_message" CALL HandleMessage
            TALK "the main body never runs for an event"
            SUB HandleMessage
                TALK "message " + params
            END SUB
            """;

    private static List<EventHandler> handlers(String script, String source) {
        return EventHandlerDeclaration.declaredIn(script, source).stream()
                .map(h -> new EventHandler(script, h.line(), h.event(), ExecutionScope.botOf(script), h.source()))
                .toList();
    }

    @Test
    void eachPublicationToTheBotStartsOneExecutionOfEachHandlerWithParams(TestDatabase database) {
        try (DurableFixture engine = DurableFixture.builder(database).start()) {
            JdbcScheduleStore store = new JdbcScheduleStore(engine.database());
            List<EventHandler> deployed = new ArrayList<>(handlers("leads/scoring.bas", SCORING));
            deployed.addAll(handlers("other/x.bas", "ON \"pricing:viewed\"\n  TALK \"other bot\"\nEND ON\n"));
            store.deployHandlers(deployed);
            Scheduler scheduler =
                    new Scheduler(store, engine.engine(), ZoneOffset.UTC, Duration.ofMinutes(1), Clock.systemUTC());

            // From a script of the bot: its conversation's bot's handlers only.
            String publisher = engine.start("leads/start.bas", """
                    #workflow
                    PUBLISH EVENT "pricing:viewed" WITH #{ lead_id: 42 }
                    TALK "published"
                    """, Map.of());
            engine.awaitStatus(publisher, ExecutionStatus.COMPLETED);
            scheduler.poll();
            scheduler.poll();
            String prefix = ScheduleRegistrations.handlerStartPrefix(publisher + "/2");
            List<String> started = ids(engine, prefix);
            assertThat(started).containsExactly(prefix + ScheduleRegistrations.handlerKey(deployed.getFirst()));
            engine.awaitStatus(started.getFirst(), ExecutionStatus.COMPLETED);
            assertThat(engine.messages(started.getFirst())).containsExactly("lead 42 viewed pricing");

            // From outside, to every conversation, twice with one key: every bot's handler, once.
            Value data = new MapValue(Map.of("lead_id", IntegerValue.of(7)));
            engine.engine().publishEvent(Optional.empty(), "pricing:viewed", data, "web-7");
            engine.engine().publishEvent(Optional.empty(), "pricing:viewed", data, "web-7");
            scheduler.poll();
            String apiPrefix = ScheduleRegistrations.handlerStartPrefix("api/web-7");
            List<String> fromApi = ids(engine, apiPrefix);
            assertThat(fromApi).hasSize(2);
            List<String> messages = new ArrayList<>();
            for (String id : fromApi) {
                engine.awaitStatus(id, ExecutionStatus.COMPLETED);
                messages.addAll(engine.messages(id));
            }
            assertThat(messages).containsExactlyInAnyOrder("lead 7 viewed pricing", "other bot");

            // The CALL form runs its SUB; the script's main body never runs for an event.
            engine.engine().publishEvent(Optional.empty(), "new_message", IntegerValue.of(5), "m-1");
            scheduler.poll();
            List<String> call = ids(engine, ScheduleRegistrations.handlerStartPrefix("api/m-1"));
            assertThat(call).hasSize(1);
            engine.awaitStatus(call.getFirst(), ExecutionStatus.COMPLETED);
            assertThat(engine.messages(call.getFirst())).containsExactly("message 5");

            // Removing the block removes the subscription at the next deployment.
            store.deployHandlers(handlers("leads/scoring.bas", "TALK \"no handlers\"\n"));
            engine.engine().publishEvent(Optional.empty(), "pricing:viewed", data, "web-8");
            scheduler.poll();
            assertThat(ids(engine, ScheduleRegistrations.handlerStartPrefix("api/web-8")))
                    .isEmpty();
        }
    }
}
