package io.basicflow.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.app.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's commands on one embedded database, in the order an operator uses them: a
 * conversation left waiting, listed, shown, its history printed, input sent from outside, then
 * continued; a failed execution retried; a waiting one cancelled.
 */
class OperatorCommandsTest {

    @TempDir
    Path folder;

    record Result(int status, String out, String err) {}

    private Result basicflow(String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("-Dbasicflow.db.embedded.dir=" + folder.resolve("pg"));
        all.add("-Dbasicflow.scripts.folder=" + folder);
        InputStream originalIn = System.in;
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = Main.execute(all.toArray(String[]::new));
            return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setIn(originalIn);
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    private static String executionIdIn(String text) {
        Matcher matcher = Pattern.compile("execution ([0-9a-f-]{36})").matcher(text);
        assertThat(matcher.find()).as(text).isTrue();
        return matcher.group(1);
    }

    @Test
    void showPrintsTheLastMessagesOfALongConversation() throws Exception {
        Path chatty = folder.resolve("chatty.bas");
        Files.writeString(
                chatty, "#workflow\nFOR i = 1 TO 300\n  TALK \"line \" + i\nNEXT\nHEAR done WITH \"Done?\"\n");
        Result waiting = basicflow("", "run", chatty.toString());
        assertThat(waiting.status()).isEqualTo(3);
        String id = executionIdIn(waiting.err());

        Result show = basicflow("", "show", id, "--messages", "3");

        assertThat(show.status()).isZero();
        String messages = show.out().substring(show.out().indexOf("last messages"));
        assertThat(messages.lines().skip(1).map(String::strip).map(line -> line.replaceFirst("^#\\d+ ", "")))
                .containsExactly("line 299", "line 300", "Done?");
    }

    @Test
    void aNodeThatRunsExecutionsRefusesZeroWorkersInsteadOfRunningTheDefault() throws Exception {
        Path script = folder.resolve("zero.bas");
        Files.writeString(script, "#workflow\nTALK \"never\"\n");

        Result worker = basicflow("", "worker", "-Dbasicflow.durable.concurrency=0");
        assertThat(worker.status()).isEqualTo(1);
        assertThat(worker.err())
                .contains("basicflow.durable.concurrency is 0")
                .contains("`basicflow worker`")
                .contains("API-only");

        Result run = basicflow("", "run", script.toString(), "-Dbasicflow.durable.concurrency=0");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("basicflow.durable.concurrency is 0").contains("#workflow");
        assertThat(run.out()).doesNotContain("never");
    }

    @Test
    void anOperatorListsShowsFeedsContinuesRetriesAndCancels() throws Exception {
        assertThat(basicflow("", "migrate").out()).startsWith("schema up to date at jdbc:postgresql://");

        Path survey = folder.resolve("survey.bas");
        Files.writeString(survey, """
                #workflow
                TALK "Hi! Two questions."
                HEAR name AS NAME WITH "Your name?"
                HEAR score AS INTEGER WITH "Score from 1 to 5?"
                TALK "Thanks {name}: {score}/5"
                RETURN score
                """);
        Result waiting = basicflow("", "run", survey.toString());
        assertThat(waiting.status()).isEqualTo(3);
        String id = executionIdIn(waiting.err());

        Result list = basicflow("", "executions", "--status", "WAITING_INPUT");
        assertThat(list.status()).isZero();
        assertThat(list.out()).contains(id).contains("WAITING_INPUT").contains("survey.bas");

        Result show = basicflow("", "show", id);
        assertThat(show.out())
                .contains("status     WAITING_INPUT — waiting for HEAR name AS NAME")
                .contains("#2 Hi! Two questions.")
                .contains("Your name?");

        assertThat(basicflow("", "input", id, "maria", "da", "silva").out()).contains("delivered to " + id);

        Result continued = basicflow("5\n", "run", survey.toString());
        assertThat(continued.status()).as(continued.err()).isZero();
        assertThat(continued.out()).isEqualTo("Score from 1 to 5?\nThanks Maria da Silva: 5/5\n=> 5\n");

        Result history = basicflow("", "history", id);
        assertThat(history.out())
                .contains("ExecutionStarted")
                .contains("InputReceived      input \"maria da silva\" accepted as \"Maria da Silva\"")
                .contains("ExecutionCompleted completed with 5");
        assertThat(history.out()
                        .lines()
                        .map(line -> line.trim().split("\\s+")[0])
                        .toList())
                .as("sequence numbers 1, 2, 3, … without gaps")
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(
                                1, (int) history.out().lines().count())
                        .mapToObj(Integer::toString)
                        .toList());

        Path broken = folder.resolve("broken.bas");
        Files.writeString(broken, "#workflow\ncount = 0\nTALK \"dividing\"\nx = 10 / count\nTALK \"done\"\n");
        Result failed = basicflow("", "run", broken.toString());
        assertThat(failed.status()).isEqualTo(1);
        assertThat(failed.err()).contains("division by zero");
        String failedId = Pattern.compile("basicflow retry (\\S+)`")
                .matcher(failed.err())
                .results()
                .findFirst()
                .orElseThrow()
                .group(1);
        assertThat(basicflow("", "retry", failedId).out()).contains("retrying " + failedId);
        assertThat(basicflow("", "history", failedId).out()).contains("ExecutionRetried");
        assertThat(basicflow("", "retry", id).status())
                .as("a completed execution cannot be retried")
                .isEqualTo(1);

        Result another = basicflow("", "run", survey.toString());
        String secondId = executionIdIn(another.err());
        assertThat(basicflow("", "cancel", secondId, "--reason", "customer left")
                        .out())
                .contains("cancel requested");
        assertThat(basicflow("", "show", secondId).out()).contains("status     CANCELLED");
        assertThat(basicflow("", "show", "no-such-id").status()).isEqualTo(1);
    }
}
