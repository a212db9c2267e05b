package io.basicflow.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.app.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the command line as a user does: arguments, stdin, stdout, stderr, exit status. */
class CommandLineTest {

    @TempDir
    Path folder;

    record Result(int status, String out, String err) {}

    private static synchronized Result execute(String stdin, String... args) {
        InputStream originalIn = System.in;
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = Main.execute(args);
            return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setIn(originalIn);
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    private Path script(String name, String source) throws IOException {
        Path file = folder.resolve(name);
        Files.writeString(file, source);
        return file;
    }

    @Test
    void runTalksHearsValidatesAndPrintsTheResult() throws IOException {
        Path file = script("order.bas", """
                TALK "How many pizzas?"
                HEAR count AS INTEGER
                total = count * 12.5
                TALK "That is {total} euros."
                RETURN total
                """);
        Result result = execute("two\n3\n", "run", file.toString());

        assertThat(result.status()).isZero();
        assertThat(result.out()).isEqualTo("""
                        How many pizzas?
                        Please enter a whole number, like 42.
                        That is 37.5 euros.
                        => 37.5
                        """);
    }

    @Test
    void runShowsSuggestionsAsNumberedChoicesThatANumberPicksAndPrintsSentFiles() throws IOException {
        Path file = script("sizes.bas", """
                TALK "Which size?"
                ADD SUGGESTION "Small"
                ADD SUGGESTION "Large", "size:large"
                HEAR size
                CLEAR SUGGESTIONS
                TALK "You picked " + size
                SEND FILE "charts/sizes.pdf", "Our size chart"
                HEAR other
                RETURN other
                """);
        Result result = execute("2\n2\n", "run", file.toString());

        assertThat(result.status()).isZero();
        // the second "2" is plain input: no choices are on screen any more
        assertThat(result.out()).isEqualTo("""
                        Which size?
                          [1] Small
                          [2] Large
                        You picked size:large
                        Our size chart
                        [file: charts/sizes.pdf]
                        => 2
                        """);
    }

    @Test
    void runReportsCompileErrorsWithFileLineAndColumnAndRunsNothing() throws IOException {
        Path file = script("broken.bas", "TALK \"before\"\nIF x THEN\nTALK \"inside\"\n");
        Result result = execute("", "run", file.toString());

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains(file + ":2:1").contains("does not compile; nothing was run");
    }

    @Test
    void runFailsWithTheScriptPositionWhenAStepFails() throws IOException {
        Path file = script("divide.bas", "a = 1\nb = 0\nTALK \"about to divide\"\nc = a / b\n");
        Result result = execute("", "run", file.toString());

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.out()).isEqualTo("about to divide\n");
        assertThat(result.err()).contains("4:").contains("division by zero");
    }

    @Test
    void runSaysSoWhenTheInputEndsWhileAHearWaits() throws IOException {
        Path file = script("ask.bas", "HEAR name\nTALK name\n");
        Result result = execute("", "run", file.toString());

        assertThat(result.status()).isEqualTo(3);
        assertThat(result.err()).contains("the input ended while HEAR name was waiting");
    }

    @Test
    void runOfAMissingFileSaysSo() {
        Result result = execute("", "run", folder.resolve("nope.bas").toString());
        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("no such file");
    }

    @Test
    void checkSummarisesAFolderAndFailsOnSyntaxErrors() throws IOException {
        script("good.bas", "TALK \"hi\"\n");
        script("unknown.bas", "FROBNICATE WIDGET \"x\"\nTALK \"hi\"\n");
        script("bad.bas", "FOR i = 1 TO\nNEXT\n");
        Result result = execute("", "check", folder.toString());

        assertThat(result.status()).isEqualTo(1);
        String[] lines = result.out().strip().split("\n");
        assertThat(lines[lines.length - 1])
                .isEqualTo("checked 3 files: 1 compile, 1 with syntax errors, 1 with unknown keywords only");
        assertThat(result.out()).contains("FROBNICATE").contains("bad.bas:1:");
    }

    @Test
    void checkOfCleanScriptsSucceeds() throws IOException {
        script("good.bas", "TALK \"hi\"\n");
        Result result = execute("", "check", folder.toString());

        assertThat(result.status()).isZero();
        assertThat(result.out())
                .endsWith("checked 1 file: 1 compile, 0 with syntax errors, 0 with unknown keywords only\n");
    }

    @Test
    void benchPrintsOneResultLineAndRefusesAnUnknownWorkload() {
        Result direct = execute("", "bench", "direct", "--steps", "1000");
        assertThat(direct.status()).isZero();
        assertThat(direct.out().lines().filter(line -> line.startsWith("RESULT ")))
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .startsWith("RESULT mode=direct iterations=1000 steps=2001 ")
                        .containsPattern(" steps_per_s=[0-9]+$"));

        Result unknown = execute("", "bench", "effectz");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown workload 'effectz'").contains("effects, sequential, dialog");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"run", "check", "bench"}) {
            Result result = execute("", command, "--help");
            assertThat(result.status()).as(command).isZero();
            assertThat(result.out()).as(command).contains("Usage: basicflow " + command);
        }
    }

    private Path botFile(Path bots, String path, String source) throws IOException {
        Path file = bots.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, source);
    }

    @Test
    void runOfABotFolderRunsItsStartWithItsOwnScriptsAndTools() throws IOException {
        Path bots = folder.resolve("bots");
        botFile(bots, "shop.gbai/shop.gbdialog/start.bas", """
                TALK "Welcome to the shop"
                CALL "hours.bas"
                total = USE TOOL "price", 4
                TALK "Four boxes cost {total}"
                RETURN total
                """);
        botFile(bots, "shop.gbai/shop.gbdialog/hours.bas", "TALK \"We open at nine\"\n");
        botFile(bots, "shop.gbai/shop.gbdialog/price.bas", "PARAM count AS INTEGER\nRETURN count * 3\n");

        Result folderOfBots = execute("", "run", bots.toString());
        Result botFolder = execute("", "run", bots.resolve("shop.gbai").toString());

        assertThat(folderOfBots.err()).isEmpty();
        assertThat(folderOfBots.status()).isZero();
        assertThat(folderOfBots.out()).isEqualTo("Welcome to the shop\nWe open at nine\nFour boxes cost 12\n=> 12\n");
        assertThat(botFolder.out()).isEqualTo(folderOfBots.out());
    }

    @Test
    void runOfAFolderOfSeveralBotsRunsTheOneNamedAndOtherwiseNamesThem() throws IOException {
        Path bots = folder.resolve("bots");
        botFile(bots, "shop.gbai/shop.gbdialog/start.bas", "TALK \"shop\"\n");
        botFile(bots, "legal/help.gbai/help.gbdialog/start.bas", "TALK \"help\"\n");
        botFile(bots, "legal/help.gbai/help.gbdialog/faq.bas", "TALK \"faq\"\n");

        Result unnamed = execute("", "run", bots.toString());
        assertThat(unnamed.status()).isEqualTo(2);
        assertThat(unnamed.err()).contains("holds 2 bots (help, shop)").contains("basicflow run " + bots + " help");

        assertThat(execute("", "run", bots.toString(), "help").out()).isEqualTo("help\n");
        assertThat(execute("", "run", bots.toString(), "help/faq.bas").out()).isEqualTo("faq\n");
    }

    @Test
    void paramsFillTheScriptsParamsCheckedAndCoercedByTheirTypes() throws IOException {
        Path file = script("order.bas", """
                PARAM count AS INTEGER DESCRIPTION "how many boxes"
                PARAM email AS EMAIL DESCRIPTION "where the receipt goes"
                PARAM note AS STRING OPTIONAL
                TALK "Receipt to {email}"
                RETURN count * 2
                """);

        Result result = execute("", "run", file.toString(), "--param", "count=21", "-p", "Email=Ana@Example.COM");

        assertThat(result.err()).isEmpty();
        assertThat(result.out()).isEqualTo("Receipt to ana@example.com\n=> 42\n");
    }

    @Test
    void everyBadParamValueIsReportedAndNothingRuns() throws IOException {
        Path file = script("order.bas", """
                PARAM count AS INTEGER DESCRIPTION "how many boxes"
                PARAM email AS EMAIL
                TALK "ran"
                """);

        Result result = execute(
                "", "run", file.toString(), "--param", "count=many", "--param", "email=nope", "--param", "colour=red");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.out()).doesNotContain("ran");
        assertThat(result.err())
                .contains("count")
                .contains("many")
                .contains("email")
                .contains("nope")
                .contains("colour")
                .contains("was not run; give its parameters as --param NAME=VALUE");
    }

    @Test
    void aMissingRequiredParamIsAskedForWithItsDescription() throws IOException {
        Path file = script("order.bas", """
                PARAM count AS INTEGER DESCRIPTION "how many boxes"
                RETURN count * 2
                """);

        Result answered = execute("21\n", "run", file.toString());
        Result noAnswer = execute("", "run", file.toString());

        assertThat(answered.status()).isZero();
        assertThat(answered.out()).startsWith("count (how many boxes)").endsWith("=> 42\n");
        assertThat(noAnswer.status()).isEqualTo(2);
        assertThat(noAnswer.err()).contains("count");
    }
}
