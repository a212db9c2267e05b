package io.basicflow.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The web console in a real headless Chromium against the real server ({@code basicflow serve
 * --token …} in a child JVM on the embedded PostgreSQL): signing in with the token, the executions
 * list updating live, a chat answered by clicking a menu choice while the timeline and the source's
 * current line move, an execution's page with the variables after an event, cancelling, and unsafe
 * text shown as text. Screenshots go to {@code target/console-screenshots/}.
 */
class ConsoleBrowserTest {

    private static final String TOKEN = "console-test-token_42";
    private static final Duration START = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final String PIZZA = """
            #workflow
            TALK "Welcome to the pizza shop"
            HEAR size AS "Small", "Medium", "Large" WITH "Which size?"
            TALK "A " + size + " pizza. Your name?"
            HEAR name
            TALK "Thanks, " + name + ", it is on its way"
            """;
    private static final String UNSAFE = """
            #workflow
            TALK "<script>alert(1)</script>"
            TALK "<img src=x onerror=alert(2)> & <b>bold</b>"
            HEAR anything
            """;
    private static final String PATIENT = """
            #workflow
            TALK "I will wait for you"
            HEAR answer
            TALK "You said " + answer
            """;

    private static final String PARENT = """
            #workflow
            TALK "Let me ask my colleague"
            CALL "helper.bas"
            TALK "Back in the parent"
            """;
    private static final String HELPER = """
            #workflow
            TALK "Helper here, your question?"
            HEAR question
            HEAR topic AS "Billing", "Shipping" WITH "Which topic?"
            TALK "Noted: " + question + " about " + topic
            """;

    private static final String FRAGILE = """
            #workflow
            TALK "Dividing"
            d = 0
            x = 10 / d
            TALK "never"
            """;

    private static final String ROUNDS = """
            #workflow
            FOR i = 1 TO 2
                TALK "round " + i
            NEXT i
            HEAR done
            """;

    private static final String SIZES = """
            #workflow
            TALK "Which size would you like?"
            ADD SUGGESTION "Small"
            ADD SUGGESTION "Large", "size:large"
            HEAR size
            CLEAR SUGGESTIONS
            TALK "You picked " + size
            SEND FILE "charts/sizes.pdf", "Our size chart"
            """;

    @TempDir
    static Path folder;

    private static BasicflowProcess server;
    private static URI base;
    private static HeadlessChromium chromium;

    @BeforeAll
    static void startServerAndBrowser() throws Exception {
        Path scripts = Files.createDirectories(folder.resolve("scripts"));
        Files.writeString(scripts.resolve("pizza.bas"), PIZZA);
        Files.writeString(scripts.resolve("unsafe.bas"), UNSAFE);
        Files.writeString(scripts.resolve("patient.bas"), PATIENT);
        Files.writeString(scripts.resolve("parent.bas"), PARENT);
        Files.writeString(scripts.resolve("helper.bas"), HELPER);
        Files.writeString(scripts.resolve("fragile.bas"), FRAGILE);
        Files.writeString(scripts.resolve("rounds.bas"), ROUNDS);
        Files.writeString(scripts.resolve("sizes.bas"), SIZES);
        server = BasicflowProcess.start(
                folder,
                folder.resolve("pg"),
                "serve",
                "--port",
                "0",
                "--token",
                TOKEN,
                "-Dbasicflow.scripts.folder=" + scripts);
        base = server.awaitServing(START);
        chromium = new HeadlessChromium();
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void freshTab() {
        chromium.driver.get(base + "/console/");
        chromium.driver.executeScript("sessionStorage.clear()");
    }

    // ---- helpers ----

    private void signIn() {
        chromium.signIn(base + "/console/#/executions", TOKEN);
        chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("executions")));
    }

    private void open(String hash) {
        chromium.driver.get(base + "/console/#" + hash);
    }

    private WebElement await(By by) {
        return chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private void awaitText(By by, String text) {
        chromium.waiting().until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    private static JsonNode startExecution(String script, String id) throws Exception {
        String body = JSON.writeValueAsString(
                id == null
                        ? JSON.createObjectNode().put("script", script)
                        : JSON.createObjectNode().put("script", script).put("id", id));
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(base.resolve("/executions"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
        return JSON.readTree(response.body());
    }

    /** Starts an execution of a script through the API, signs in and opens its page at a status. */
    private String openNewExecution(String script, String status) throws Exception {
        String id = script.replace(".bas", "") + "-" + System.nanoTime();
        startExecution(script, id);
        signIn();
        open("/executions/" + id);
        awaitText(By.id("execution-status"), status);
        return id;
    }

    private void assertNoAlert() {
        assertThatThrownBy(() -> chromium.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    private List<String> texts(By by) {
        return chromium.driver.findElements(by).stream()
                .map(WebElement::getText)
                .toList();
    }

    // ---- tests ----

    private static HttpResponse<String> getWithToken(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(base.resolve(path))
                        .header("Authorization", "Bearer " + TOKEN)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> getWithoutToken(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(base.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageAsksForTheTokenAndTheApiStaysClosedWithoutIt() throws Exception {
        // The page and its files hold no data: anyone gets them, with a policy that forbids inline script.
        HttpResponse<String> page = getWithoutToken("/console/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(policy -> assertThat(policy).contains("script-src 'self';"));
        assertThat(getWithoutToken("/console/assets/console.js").statusCode()).isEqualTo(200);
        assertThat(getWithoutToken("/console/assets/other.js").statusCode()).isEqualTo(404);
        // Everything with data needs the token.
        assertThat(getWithoutToken("/console/api/counts").statusCode()).isEqualTo(401);
        assertThat(getWithoutToken("/console/api/executions/x").statusCode()).isEqualTo(401);
        assertThat(getWithoutToken("/console/api/changes").statusCode()).isEqualTo(401);

        open("/executions");
        chromium.driver.navigate().refresh();
        WebElement token = await(By.id("token"));
        chromium.screenshot("login");
        token.sendKeys("not-the-token");
        chromium.driver.findElement(By.id("sign-in")).click();
        awaitText(By.id("login-message"), "the API token is wrong");

        await(By.id("token")).sendKeys(TOKEN);
        chromium.driver.findElement(By.id("sign-in")).click();
        await(By.id("executions"));
        assertThat(chromium.driver.findElement(By.tagName("h1")).getText()).startsWith("Executions");

        chromium.driver.findElement(By.id("sign-out")).click();
        await(By.id("token"));
    }

    @Test
    void theListShowsNewExecutionsAndCountsLiveAndFiltersByStatus() throws Exception {
        signIn();
        awaitText(By.id("live"), "live");
        String id = "live-" + System.nanoTime();
        startExecution("patient.bas", id);
        // No reload: the change stream tells the page to fetch the list again.
        await(By.cssSelector("tr[data-id='" + id + "']"));
        WebElement row = chromium.driver.findElement(By.cssSelector("tr[data-id='" + id + "']"));
        chromium.waiting().until(d -> row.getText().contains("WAITING_INPUT"));
        assertThat(Long.parseLong(chromium.driver
                        .findElement(By.cssSelector("#count-WAITING_INPUT .n"))
                        .getText()))
                .isGreaterThanOrEqualTo(1);
        chromium.screenshot("executions");

        chromium.driver.findElement(By.id("count-COMPLETED")).click();
        chromium.waiting().until(d -> d.getCurrentUrl().contains("status=COMPLETED"));
        chromium.waiting().until(d -> {
            List<String> shown = d.findElements(By.cssSelector("#executions [data-status]")).stream()
                    .map(badge -> badge.getAttribute("data-status"))
                    .toList();
            boolean none =
                    !d.findElements(By.cssSelector("#executions td.muted")).isEmpty();
            return none || (!shown.isEmpty() && shown.stream().allMatch("COMPLETED"::equals));
        });
        assertThat(chromium.driver.findElements(By.cssSelector("tr[data-id='" + id + "']")))
                .isEmpty();
        chromium.screenshot("executions-completed-filter");

        // A time range with nothing in it.
        open("/executions?from=2099-06-15T12%3A00%3A00.000Z");
        awaitText(By.id("executions"), "No executions match.");
        assertThat(chromium.driver.findElement(By.id("filter-from")).getAttribute("value"))
                .startsWith("2099-06-1"); // the 15th or 16th, in the browser's time zone
    }

    @Test
    void aChatAnsweredByClickingAMenuChoiceMovesTheTimelineAndTheCurrentLine() {
        signIn();
        open("/chat");
        WebElement select = await(By.id("chat-script-select"));
        chromium.waiting()
                .until(d -> !select.findElements(By.cssSelector("option[value='pizza.bas']"))
                        .isEmpty());
        new org.openqa.selenium.support.ui.Select(select).selectByValue("pizza.bas");
        chromium.driver.findElement(By.id("chat-start")).click();

        awaitText(By.id("transcript"), "Which size?");
        assertThat(texts(By.cssSelector("#transcript .bubble.bot")))
                .containsExactly("Welcome to the pizza shop", "Which size?");
        // The HEAR menu's options are offered as choices; the cursor is on the HEAR (line 3).
        chromium.waiting()
                .until(d -> texts(By.cssSelector("#choices .choice")).equals(List.of("Small", "Medium", "Large")));
        awaitText(By.id("chat-side"), "Source, line 3");
        assertThat(chromium.driver
                        .findElement(By.cssSelector("#source li.current"))
                        .getAttribute("data-line"))
                .isEqualTo("3");
        int eventsBefore =
                chromium.driver.findElements(By.cssSelector("#timeline tr")).size();
        chromium.screenshot("chat-menu");

        chromium.driver.findElements(By.cssSelector("#choices .choice")).get(1).click();
        awaitText(By.id("transcript"), "A Medium pizza. Your name?");
        assertThat(texts(By.cssSelector("#transcript .bubble.user"))).containsExactly("Medium");
        awaitText(By.id("chat-side"), "Source, line 5");
        assertThat(chromium.driver
                        .findElement(By.cssSelector("#source li.current"))
                        .getAttribute("data-line"))
                .isEqualTo("5");
        assertThat(chromium.driver.findElements(By.cssSelector("#timeline tr")).size())
                .isGreaterThan(eventsBefore);
        assertThat(texts(By.cssSelector("#choices .choice"))).isEmpty();

        WebElement input = chromium.driver.findElement(By.id("chat-input"));
        input.sendKeys("Ada");
        chromium.driver.findElement(By.id("chat-send")).click();
        awaitText(By.id("transcript"), "Thanks, Ada, it is on its way");
        await(By.id("chat-ended"));
        assertThat(texts(By.cssSelector("#transcript .bubble")))
                .containsExactly(
                        "Welcome to the pizza shop",
                        "Which size?",
                        "Medium",
                        "A Medium pizza. Your name?",
                        "Ada",
                        "Thanks, Ada, it is on its way",
                        "The conversation ended (COMPLETED).");
        chromium.screenshot("chat");
    }

    @Test
    void aSuggestionIsAButtonThatSendsItsReplyAndASentFileShowsItsPath() {
        signIn();
        open("/chat");
        WebElement select = await(By.id("chat-script-select"));
        chromium.waiting()
                .until(d -> !select.findElements(By.cssSelector("option[value='sizes.bas']"))
                        .isEmpty());
        new org.openqa.selenium.support.ui.Select(select).selectByValue("sizes.bas");
        chromium.driver.findElement(By.id("chat-start")).click();

        awaitText(By.id("transcript"), "Which size would you like?");
        // The suggestions came after the question, in a message without text: buttons, no bubble.
        chromium.waiting().until(d -> texts(By.cssSelector("#choices .choice")).equals(List.of("Small", "Large")));
        assertThat(texts(By.cssSelector("#transcript .bubble.bot"))).containsExactly("Which size would you like?");
        chromium.screenshot("chat-suggestions");

        chromium.driver.findElements(By.cssSelector("#choices .choice")).get(1).click();
        awaitText(By.id("transcript"), "You picked size:large");
        await(By.id("chat-ended"));
        assertThat(texts(By.cssSelector("#transcript .bubble")))
                .containsExactly(
                        "Which size would you like?",
                        "size:large",
                        "You picked size:large",
                        "Our size chart [file: charts/sizes.pdf]",
                        "The conversation ended (COMPLETED).");
        assertThat(texts(By.cssSelector("#choices .choice"))).isEmpty();
        assertNoAlert();
    }

    @Test
    void anExecutionPageShowsTheSourceTimelineAndTheVariablesAfterAnEvent() throws Exception {
        String id = openNewExecution("pizza.bas", "WAITING_INPUT");
        assertThat(chromium.driver.findElement(By.id("current-line")).getText()).isEqualTo("3");
        assertThat(chromium.driver
                        .findElement(By.cssSelector("#source li.current"))
                        .getText())
                .contains("HEAR size AS \"Small\", \"Medium\", \"Large\"");

        // Answer by clicking the menu choice on the execution page.
        chromium.waiting()
                .until(d -> !d.findElements(By.cssSelector("#actions .choice")).isEmpty());
        chromium.driver.findElements(By.cssSelector("#actions .choice")).get(2).click();
        awaitText(By.id("current-line"), "5");
        await(By.cssSelector("#variables tr[data-variable='size']"));
        assertThat(chromium.driver
                        .findElement(By.cssSelector("#variables tr[data-variable='size'] td"))
                        .getText())
                .isEqualTo("\"Large\"");

        chromium.screenshot("execution");

        // The variables as they were after the first event: none yet; the event's JSON on demand.
        chromium.driver
                .findElement(By.cssSelector("#timeline tr[data-seq='1'] .event-details"))
                .click();
        awaitText(By.id("variables"), "Variables after event 1 (ExecutionStarted)");
        assertThat(chromium.driver.findElements(By.cssSelector("#variables tr[data-variable='size']")))
                .isEmpty();
        assertThat(await(By.id("event-payload")).getText()).contains("\"executionId\"");

        // After the input was received, size is set.
        By received = By.cssSelector("#timeline tr[data-type='InputReceived']");
        String seq = chromium.driver.findElement(received).getAttribute("data-seq");
        chromium.driver
                .findElement(received)
                .findElement(By.cssSelector(".event-details"))
                .click();
        awaitText(By.id("variables"), "Variables after event " + seq + " (InputReceived)");
        assertThat(chromium.driver
                        .findElement(By.cssSelector("#variables tr[data-variable='size'] td"))
                        .getText())
                .isEqualTo("\"Large\"");
        // A line link marks the event's line in the source.
        chromium.driver
                .findElement(received)
                .findElement(By.cssSelector(".line-link"))
                .click();
        chromium.waiting()
                .until(d -> !d.findElements(By.cssSelector("#source li.selected[data-line='3']"))
                        .isEmpty());
        chromium.screenshot("execution-event");

        // Input typed on the execution page answers the waiting HEAR.
        chromium.driver.findElement(By.id("input-text")).sendKeys("Grace");
        chromium.driver.findElement(By.cssSelector("#input-form button")).click();
        awaitText(By.id("execution-status"), "COMPLETED");
        awaitText(By.id("messages"), "Thanks, Grace, it is on its way");
        assertThat(chromium.driver.findElements(By.id("input-form"))).isEmpty();
    }

    @Test
    void aParentLinksToItsChildAndTheChildBack() throws Exception {
        String id = openNewExecution("parent.bas", "WAITING_CHILD");
        assertThat(chromium.driver.findElement(By.id("current-line")).getText()).isEqualTo("3");
        WebElement child = await(By.cssSelector("#children a"));
        String childId = child.getText();
        assertThat(childId).startsWith(id + "~");
        // The API answers for a child by its id; an id that only looks like one is still refused.
        assertThat(getWithToken("/executions/" + childId).statusCode()).isEqualTo(200);
        assertThat(getWithToken("/executions/~3").statusCode()).isEqualTo(400);
        assertThat(getWithToken("/executions/" + id + "~x").statusCode()).isEqualTo(400);
        assertThat(chromium.driver.findElement(By.id("children")).getText()).contains("helper.bas", "WAITING_INPUT");
        child.click();

        awaitText(By.id("execution-id"), childId);
        awaitText(By.id("execution-status"), "WAITING_INPUT");
        assertThat(await(By.id("parent-link")).getText()).isEqualTo(id);
        chromium.driver.findElement(By.id("parent-link")).click();
        awaitText(By.id("execution-id"), id);
        await(By.cssSelector("#children a"));
    }

    @Test
    void theChatTalksToTheChildItsScriptCalls() throws Exception {
        String id = "called-" + System.nanoTime();
        startExecution("parent.bas", id);
        signIn();
        open("/chat/" + id);
        awaitText(By.id("transcript"), "Helper here, your question?");
        chromium.driver.findElement(By.id("chat-input")).sendKeys("Where is my order?");
        chromium.driver.findElement(By.id("chat-send")).click();
        // The child's HEAR menu is offered in the parent's chat.
        chromium.waiting().until(d -> texts(By.cssSelector("#choices .choice")).equals(List.of("Billing", "Shipping")));
        chromium.driver.findElements(By.cssSelector("#choices .choice")).get(1).click();
        await(By.id("chat-ended"));
        assertThat(texts(By.cssSelector("#transcript .bubble")))
                .containsExactly(
                        "Let me ask my colleague",
                        "Helper here, your question?",
                        "Where is my order?",
                        "Which topic?",
                        "Shipping",
                        "Noted: Where is my order? about Shipping",
                        "Back in the parent",
                        "The conversation ended (COMPLETED).");
    }

    @Test
    void aFailedExecutionShowsWhereItFailedAndCanBeRetried() throws Exception {
        openNewExecution("fragile.bas", "FAILED");
        assertThat(await(By.id("execution-error")).getText())
                .isEqualTo("fragile.bas:4:5: division by zero in '10 / d'");
        assertThat(chromium.driver.findElement(By.id("current-line")).getText()).isEqualTo("4");
        assertThat(chromium.driver
                        .findElement(By.cssSelector("#source li.current"))
                        .getAttribute("data-line"))
                .isEqualTo("4");
        // A failed execution may be retried or cancelled, as the API's links say.
        assertThat(chromium.driver.findElements(By.id("cancel"))).hasSize(1);
        chromium.screenshot("failed");

        await(By.id("retry")).click();
        awaitText(By.id("timeline"), "ExecutionRetried");
        // The same step fails again: the retry is recorded and the execution is FAILED once more.
        awaitText(By.id("execution-status"), "FAILED");
        chromium.waiting()
                .until(d -> d.findElements(By.cssSelector("#timeline tr[data-type='ExecutionFailed']"))
                                .size()
                        == 2);
    }

    @Test
    void theStateAfterAnEventIsTheFoldOfTheHistoryUpToIt() throws Exception {
        String id = "rounds-" + System.nanoTime();
        startExecution("rounds.bas", id);
        JsonNode inspection = awaitJson(
                "/console/api/executions/" + id, json -> json.get("input").isObject());
        assertThat(inspection.get("currentLine").asInt()).isEqualTo(5);

        JsonNode events = JSON.readTree(
                        getWithToken("/executions/" + id + "/events").body())
                .get("events");
        List<JsonNode> talks = new java.util.ArrayList<>();
        events.forEach(event -> {
            if (event.get("summary").asText().startsWith("TALK")) {
                talks.add(event);
            }
        });
        assertThat(talks).hasSize(2);
        // After the first round's TALK the cursor is at the end of the loop's body: the FOR line.
        JsonNode first = stateAfter(id, talks.get(0).get("seq").asLong());
        assertThat(first.get("line").asInt()).isEqualTo(2);
        assertThat(first.get("variables").get("i").asInt()).isEqualTo(1);
        JsonNode second = stateAfter(id, talks.get(1).get("seq").asLong());
        assertThat(second.get("variables").get("i").asInt()).isEqualTo(2);
        JsonNode last = stateAfter(id, events.get(events.size() - 1).get("seq").asLong());
        assertThat(last.get("status").asText()).isEqualTo("WAITING_INPUT");
        assertThat(last.get("line").asInt()).isEqualTo(5);

        assertThat(getWithToken("/console/api/executions/" + id + "/state?seq=0")
                        .statusCode())
                .isEqualTo(400);
        assertThat(getWithToken("/console/api/executions/nobody/state?seq=1").statusCode())
                .isEqualTo(404);
    }

    private static JsonNode stateAfter(String id, long seq) throws Exception {
        HttpResponse<String> response = getWithToken("/console/api/executions/" + id + "/state?seq=" + seq);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode awaitJson(String path, java.util.function.Predicate<JsonNode> ready) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            HttpResponse<String> response = getWithToken(path);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode json = JSON.readTree(response.body());
            if (ready.test(json) || System.nanoTime() > deadline) {
                return json;
            }
            Thread.sleep(100);
        }
    }

    @Test
    void cancellingFromTheConsoleEndsTheExecution() throws Exception {
        String id = openNewExecution("patient.bas", "WAITING_INPUT");
        await(By.id("cancel")).click();
        chromium.waiting().until(ExpectedConditions.alertIsPresent()).accept();
        awaitText(By.id("execution-status"), "CANCELLED");
        assertThat(chromium.driver.findElements(By.id("cancel"))).isEmpty();
        awaitText(By.id("timeline"), "ExecutionCancelled");
        chromium.screenshot("cancelled");
    }

    @Test
    void theChatFitsAPhoneScreen() throws Exception {
        String id = "phone-" + System.nanoTime();
        startExecution("pizza.bas", id);
        signIn();
        chromium.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            open("/chat/" + id);
            chromium.waiting()
                    .until(d -> texts(By.cssSelector("#choices .choice")).equals(List.of("Small", "Medium", "Large")));
            Number overflow = (Number) chromium.driver.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(overflow.intValue()).as("horizontal overflow in pixels").isLessThanOrEqualTo(0);
            chromium.screenshot("chat-phone");
        } finally {
            chromium.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        }
    }

    @Test
    void unsafeTextFromAScriptOrAnIdIsShownAsText() throws Exception {
        String id = "unsafe-" + System.nanoTime();
        startExecution("unsafe.bas", id);
        signIn();
        open("/chat/" + id);
        awaitText(By.id("transcript"), "bold");
        assertThat(texts(By.cssSelector("#transcript .bubble.bot")))
                .containsExactly("<script>alert(1)</script>", "<img src=x onerror=alert(2)> & <b>bold</b>");
        assertThat(chromium.driver.findElements(By.cssSelector("#main script, #main img, #main b")))
                .isEmpty();
        assertNoAlert();

        String hostile = "a\"b'<img src=x onerror=alert(3)>";
        open("/executions/"
                + java.net.URLEncoder.encode(hostile, java.nio.charset.StandardCharsets.UTF_8)
                        .replace("+", "%20"));
        await(By.id("not-found"));
        assertThat(chromium.driver.findElement(By.id("execution-id")).getText()).isEqualTo(hostile);
        assertThat(chromium.driver.findElement(By.id("not-found")).getText()).contains(hostile);
        assertThat(chromium.driver.findElements(By.cssSelector("#main img"))).isEmpty();
        assertNoAlert();
        chromium.screenshot("unsafe-id");
    }
}
