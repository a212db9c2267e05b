package io.basicflow.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.EventView;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.ScriptRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code USE MCP}, {@code MCP INVOKE} and {@code MCP LIST TOOLS} against a real MCP server the test starts. */
class McpTest {

    @TempDir
    Path folder;

    /** The reference page's forms: a result map, a JSON text parsed, a plain text, the tool list. */
    private static final String SCRIPT = """
            total = USE MCP "calc", "add", {"a": 2, "b": 40}
            TALK "sum " + total.sum
            content = MCP INVOKE "calc.read_file", {"path": "/data/config.json"}
            TALK content.path + " " + content.size + " " + content.text
            USE MCP "calc", "send_message", {
                "channel": "#general",
                "text": "Hello from basicflow"
            }
            tools = MCP LIST TOOLS "calc"
            FOR EACH tool IN tools
                TALK tool.name + ": " + tool.description
            NEXT
            """;

    private static final List<String> SAID = List.of(
            "sum 42",
            "/data/config.json 42 debug=true",
            "add: Adds two numbers",
            "read_file: Reads a file",
            "send_message: Posts to a channel",
            "fail: Always fails");

    private Map<String, String> settings(String csv) throws Exception {
        Path file = folder.resolve("mcp.csv");
        Files.writeString(file, csv);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("basicflow.ai.mcp-file", file.toString());
        return settings;
    }

    private Map<String, String> httpSettings(McpTestServer server) throws Exception {
        return settings("name,type,command,args,description,enabled\n# test servers\ncalc,http," + server.url()
                + ",,Test tools,true\n");
    }

    private static List<String> completed(List<String> said) {
        return said.subList(0, said.size() - 1);
    }

    @Test
    void directRunCallsTheToolsOverStreamableHttpInOneSession() throws Exception {
        try (McpTestServer server = McpTestServer.start(false)) {
            List<String> said = Scripts.direct(null, SCRIPT, httpSettings(server));

            assertThat(said).last().isEqualTo("completed");
            assertThat(completed(said)).containsExactlyElementsOf(SAID);
            assertThat(server.methods())
                    .containsExactly(
                            "initialize",
                            "notifications/initialized",
                            "tools/call",
                            "tools/call",
                            "tools/call",
                            "tools/list",
                            "tools/list");
            assertThat(server.sessionHeaders()).containsOnly(server.session());
            assertThat(server.calls().get(1).path("name").asText()).isEqualTo("read_file");
            assertThat(server.calls().get(2).path("arguments").path("text").asText())
                    .isEqualTo("Hello from basicflow");
            assertThat(server.calls())
                    .allSatisfy(call -> assertThat(call.path("_meta")
                                    .path(McpKeywords.IDEMPOTENCY_META)
                                    .asText())
                            .isNotBlank());
        }
    }

    @Test
    void answersSentAsAnEventStreamAreRead() throws Exception {
        try (McpTestServer server = McpTestServer.start(true)) {
            List<String> said = Scripts.direct(null, SCRIPT, httpSettings(server));

            assertThat(completed(said)).containsExactlyElementsOf(SAID);
        }
    }

    @Test
    void durableRunRecordsEachResultAndSaysWhatTheDirectRunSays() throws Exception {
        String script = "#workflow\n" + SCRIPT + "HEAR answer\nTALK \"again \" + total.sum\n";
        try (McpTestServer server = McpTestServer.start(false);
                BasicflowTestKit kit = Scripts.kit(httpSettings(server))) {
            ScriptRun run = kit.run(script).awaitStatus(ExecutionStatus.WAITING_INPUT);
            run.input("ok").awaitStatus(ExecutionStatus.COMPLETED);

            assertThat(run.messages()).containsExactlyElementsOf(concat(SAID, "again 42"));
            assertThat(server.calls()).hasSize(3);
            List<EventView> completed = run.events("EffectCompleted");
            assertThat(completed).hasSize(4);
            assertThat(completed.getFirst().payloadJson()).contains("42");
            List<String> keys = server.calls().stream()
                    .map(call -> call.path("_meta")
                            .path(McpKeywords.IDEMPOTENCY_META)
                            .asText())
                    .toList();
            assertThat(keys)
                    .doesNotHaveDuplicates()
                    .allSatisfy(key -> assertThat(key).startsWith(run.id()));

            List<String> direct = Scripts.direct(null, SCRIPT, httpSettings(server));
            assertThat(completed(direct)).containsExactlyElementsOf(SAID);
        }
    }

    @Test
    void stdioServerIsStartedOnceAndSpokenToLineByLine() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path log = folder.resolve("stdio.log");
        String classpath = System.getProperty("java.class.path");
        assertThat(classpath).doesNotContain(" ");
        Map<String, String> settings = settings("name,type,command,args,description,enabled\ncalc,stdio," + java
                + ",\"-cp " + classpath + " "
                + McpTestServer.class.getName() + " " + log + "\",Test tools over stdio,true\n");

        List<String> said = Scripts.direct(null, SCRIPT, settings);

        assertThat(said).last().isEqualTo("completed");
        assertThat(completed(said)).containsExactlyElementsOf(SAID);
        assertThat(Files.readAllLines(log))
                .containsExactly(
                        "initialize",
                        "notifications/initialized",
                        "tools/call",
                        "tools/call",
                        "tools/call",
                        "tools/list",
                        "tools/list");
    }

    @Test
    void credentialsGoAsTheConfiguredHeaderAndARefusalSaysWhatToCheck() throws Exception {
        try (McpTestServer server = McpTestServer.start(false).requireKey("k-123")) {
            String csv = "name,type,command,args,description,enabled\ncalc,http," + server.url()
                    + ",,Test,true,api_key,BASICFLOW_TEST_MCP_KEY\n";
            Map<String, String> good = settings(csv);
            good.put("basicflow.ai.mcp-secret.BASICFLOW_TEST_MCP_KEY", "k-123");

            assertThat(Scripts.direct(null, "x = USE MCP \"calc\", \"add\", {\"a\": 1, \"b\": 2}\nTALK x.sum\n", good))
                    .containsExactly("3", "completed");
            assertThat(server.apiKeys()).containsOnly("k-123");

            Map<String, String> bad = settings(csv);
            bad.put("basicflow.ai.mcp-secret.BASICFLOW_TEST_MCP_KEY", "wrong");
            List<String> said =
                    Scripts.direct(null, "x = USE MCP \"calc\", \"add\", {\"a\": 1, \"b\": 2}\nTALK x.sum\n", bad);
            assertThat(said).singleElement().asString().contains("refused the credentials", "BASICFLOW_TEST_MCP_KEY");
        }
    }

    @Test
    void badConfigurationAndFailingToolsFailTheExecutionWithAClearMessage() throws Exception {
        try (McpTestServer server = McpTestServer.start(false)) {
            Map<String, String> settings = settings("name,type,command,args,description,enabled\ncalc,http,"
                    + server.url() + ",,Test,true\nold,http," + server.url() + ",,Old,false\nws,websocket,"
                    + "wss://127.0.0.1:1/mcp,,Realtime,true\n");

            assertThat(Scripts.direct(null, "x = USE MCP \"myserver\", \"add\", {}\n", settings))
                    .singleElement()
                    .asString()
                    .contains("MCP server 'myserver' not found", "mcp.csv", "calc, old, ws");
            assertThat(Scripts.direct(null, "x = USE MCP \"old\", \"add\", {}\n", settings))
                    .singleElement()
                    .asString()
                    .contains("'old' is disabled");
            assertThat(Scripts.direct(null, "x = USE MCP \"ws\", \"add\", {}\n", settings))
                    .singleElement()
                    .asString()
                    .contains("websocket", "not supported");
            assertThat(Scripts.direct(null, "x = USE MCP \"calc\", \"unknown_tool\", {}\n", settings))
                    .singleElement()
                    .asString()
                    .contains("Tool 'unknown_tool' not found on server 'calc'", "add, read_file, send_message, fail");
            assertThat(Scripts.direct(null, "x = USE MCP \"calc\", \"fail\"\n", settings))
                    .singleElement()
                    .asString()
                    .contains("MCP tool 'fail' of server 'calc' failed: disk full");
            assertThat(Scripts.direct(null, "x = MCP INVOKE \"calc\", {}\n", settings))
                    .singleElement()
                    .asString()
                    .contains("\"server.tool\"");
            assertThat(Scripts.direct(null, "x = USE MCP \"calc\", \"add\", 7\n", settings))
                    .singleElement()
                    .asString()
                    .contains("parameters as a map");
            assertThat(Scripts.direct(null, "x = USE MCP \"calc\", \"add\", {}\n", Map.of()))
                    .singleElement()
                    .asString()
                    .contains("basicflow.ai.mcp-file");
        }
    }

    @Test
    void aServerThatIsNotListeningIsAConnectionFailureNamingTheServer() throws Exception {
        Map<String, String> settings = settings("calc,http,http://127.0.0.1:9/mcp,,Nothing here,true\n");
        settings.put("basicflow.ai.mcp-timeout-ms", "2000");
        try (BasicflowTestKit kit = Scripts.kit(settings)) {
            ScriptRun run = kit.run("#workflow\nx = USE MCP \"calc\", \"add\", {}\n");
            // retried with backoff (a restarting server comes back): the failure is recorded each time
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (run.events("EffectFailed").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(run.events("EffectFailed").getFirst().payloadJson())
                    .contains("Failed to connect to MCP server 'calc'");
        }
    }

    @Test
    void csvFieldsInQuotesKeepTheirCommas() {
        assertThat(McpServers.fields("fs,stdio,npx,\"-y @mcp/server-filesystem /data\",\"Files, local\",true"))
                .containsExactly("fs", "stdio", "npx", "-y @mcp/server-filesystem /data", "Files, local", "true");
    }

    private static List<String> concat(List<String> list, String more) {
        List<String> all = new java.util.ArrayList<>(list);
        all.add(more);
        return all;
    }
}
