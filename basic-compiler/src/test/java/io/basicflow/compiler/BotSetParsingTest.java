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
    void addBotWithScheduleCarriesTheScheduleInEachWrittenForm() {
        // keyword-add-bot.md: ADD BOT "report-bot" WITH SCHEDULE "0 9 * * MON";
        // multi-agent-orchestration.md: ADD BOT "x" SCHEDULE "cron"
        for (String line : List.of(
                "ADD BOT \"report-bot\" WITH SCHEDULE \"0 9 * * MON\"",
                "ADD BOT \"report-bot\" SCHEDULE \"0 9 * * MON\"",
                "ADD BOT \"report-bot\" WITH TRIGGER \"report\" WITH SCHEDULE \"0 9 * * MON\"")) {
            Orchestration.AddBot add =
                    (Orchestration.AddBot) action(steps(line + "\n").get(0));
            assertThat(add.bot().text()).isEqualTo("\"report-bot\"");
            assertThat(add.schedule().orElseThrow().text()).as(line).isEqualTo("\"0 9 * * MON\"");
            assertThat(add.triggers().isPresent()).isEqualTo(line.contains("TRIGGER"));
        }
        // a variable, an English form and a date-time are accepted as written; the run reads them
        assertThat(((Orchestration.AddBot)
                                action(steps("ADD BOT b SCHEDULE when\n").get(0)))
                        .schedule())
                .isPresent();
        assertThat(steps("ADD BOT \"b\" SCHEDULE \"every day at 9am\"\n")).hasSize(1);
        assertThat(steps("ADD BOT \"b\" SCHEDULE \"2026-12-10 09:00\"\n")).hasSize(1);
        assertThat(((Orchestration.AddBot)
                                action(steps("ADD BOT \"b\" TRIGGER \"x\"\n").get(0)))
                        .schedule())
                .isEmpty();
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
        assertThat(message("ADD BOT \"report-bot\" WITH SCHEDULE \"0 61 * * MON\"\n"))
                .startsWith("1:36 ADD BOT … SCHEDULE: ")
                .contains("61");
        assertThat(message("ADD BOT \"r\" SCHEDULE \"0 9 * * MON\" SCHEDULE \"daily\"\n"))
                .contains("(each at most once)");
        assertThat(message("ADD BOT\n")).contains("ADD BOT needs the bot's name");
        assertThat(message("ADD BOT \"b\" TRIGGER\n")).contains("TRIGGER needs a value");
        assertThat(message("ADD BOT \"b\" PRIORITY 2\n"))
                .contains("expected TRIGGER \"words\", TOOLS \"names\" or SCHEDULE");
        assertThat(message("BROADCAST TO BOTS\n")).contains("BROADCAST needs a message");
    }

    private static String message(String source) {
        List<Diagnostic> found = diagnostics(source);
        assertThat(found).as(source).isNotEmpty();
        Diagnostic first = found.get(0);
        return first.line() + ":" + first.column() + " " + first.message();
    }
}
