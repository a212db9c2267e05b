package io.basicflow.compiler;

import static io.basicflow.compiler.Scripts.diagnostics;
import static io.basicflow.compiler.Scripts.steps;
import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.diagnostics.Diagnostic;
import io.basicflow.spi.program.Orchestration;
import io.basicflow.spi.program.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ADD BOT}, {@code REMOVE BOT}, {@code BROADCAST … TO BOTS} and the routing step after HEAR. */
class BotSetParsingTest {

    private static Orchestration action(Step step) {
        return ((Step.Orchestrate) step).action();
    }

    @Test
    void everyWrittenFormOfAddBotGivesTheSameStep() {
        for (String line : List.of(
                "ADD BOT \"sales-bot\" WITH TRIGGER \"pricing, quote\"",
                "ADD BOT \"sales-bot\" TRIGGER ON \"pricing, quote\"",
                "ADD BOT \"sales-bot\" TRIGGER ON \"pricing, quote\" TOOLS \"ticket\"",
                "ADD BOT \"sales-bot\" WITH TOOLS \"ticket\" WITH TRIGGER \"pricing, quote\"")) {
            Orchestration.AddBot add =
                    (Orchestration.AddBot) action(steps(line + "\n").get(0));
            assertThat(add.bot().text()).isEqualTo("\"sales-bot\"");
            assertThat(add.triggers().orElseThrow().text()).isEqualTo("\"pricing, quote\"");
            assertThat(add.tools().map(t -> t.text()))
                    .isEqualTo(
                            line.contains("TOOLS") ? java.util.Optional.of("\"ticket\"") : java.util.Optional.empty());
        }
        Orchestration.AddBot tools = (Orchestration.AddBot)
                action(steps("ADD BOT \"data-bot\" WITH TOOLS \"db\"\n").get(0));
        assertThat(tools.triggers()).isEmpty();
        assertThat(action(steps("REMOVE BOT name\n").get(0))).isInstanceOf(Orchestration.RemoveBot.class);
        Orchestration.Broadcast broadcast = (Orchestration.Broadcast) action(
                steps("BROADCAST \"New customer signup: \" + id TO BOTS\n").get(0));
        assertThat(broadcast.message().text()).isEqualTo("\"New customer signup: \" + id");
    }

    @Test
    void aHearIsFollowedByTheRoutingStepOnlyInAScriptThatAddsBots() {
        List<Step> routed = steps("IF TRUE THEN ADD BOT \"b\" TRIGGER \"x\"\nHEAR q\nHEAR n AS NUMBER\nTALK q\n");
        assertThat(routed).hasSize(5);
        assertThat(routed.get(1)).isInstanceOf(Step.Hear.class);
        assertThat(action(routed.get(2))).isEqualTo(new Orchestration.RouteInput(((Step.Hear) routed.get(1)).target()));
        assertThat(routed.get(3)).isInstanceOf(Step.Hear.class); // a typed HEAR is not routed
        assertThat(steps("' ADD BOT \"b\" in a comment\nHEAR q\nTALK q\n")).hasSize(2);
    }

    @Test
    void mistakesAreReportedSayingWhatToWrite() {
        assertThat(message("ADD BOT \"report-bot\" WITH SCHEDULE \"0 9 * * MON\"\nTALK \"x\"\n"))
                .contains("1:1 ADD BOT … SCHEDULE is not supported")
                .contains("SET SCHEDULE");
        assertThat(diagnostics("ADD BOT \"r\" SCHEDULE \"0 9 * * MON\"\nTALK 1 +\n"))
                .as("the lines after it are still checked")
                .hasSize(2);
        assertThat(message("ADD BOT\n")).contains("ADD BOT needs the bot's name");
        assertThat(message("ADD BOT \"b\" TRIGGER\n")).contains("TRIGGER needs a value");
        assertThat(message("ADD BOT \"b\" PRIORITY 2\n")).contains("expected TRIGGER \"words\" or TOOLS");
        assertThat(message("BROADCAST TO BOTS\n")).contains("BROADCAST needs a message");
    }

    private static String message(String source) {
        List<Diagnostic> found = diagnostics(source);
        assertThat(found).as(source).isNotEmpty();
        Diagnostic first = found.get(0);
        return first.line() + ":" + first.column() + " " + first.message();
    }
}
