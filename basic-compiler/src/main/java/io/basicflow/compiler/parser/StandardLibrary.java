package io.basicflow.compiler.parser;

import java.util.Map;
import java.util.Optional;

/**
 * Which module of basicflow's General Bots standard library provides a keyword that no installed
 * plugin declares, so that "unknown keyword" says what to install. When the module is on the class
 * path its plugin declares the keyword and it simply resolves; this table is only read for the
 * message.
 */
final class StandardLibrary {

    private static final String DATA = "keywords-data";
    private static final String HTTP = "keywords-http";
    private static final String FILES = "keywords-files";
    private static final String PDF = "keywords-pdf";
    private static final String AI = "keywords-ai";
    private static final String CONVERSATION = "keywords-conversation";
    private static final String ORCHESTRATION = "the engine's orchestration (workflow-engine)";

    /** Keyword names (one or more words), matched longest first against the unknown name. */
    private static final Map<String, String> MODULES = Map.ofEntries(
            Map.entry("FIND", DATA),
            Map.entry("SAVE", DATA),
            Map.entry("INSERT", DATA),
            Map.entry("UPDATE", DATA),
            Map.entry("MERGE", DATA),
            Map.entry("TABLE", DATA),
            Map.entry("DESCRIBE TABLE", DATA),
            Map.entry("SAVE FROM UNSTRUCTURED", AI + " with " + DATA),
            Map.entry("SAVE_FROM_UNSTRUCTURED", AI + " with " + DATA),
            Map.entry("ROW FROM UNSTRUCTURED", AI),
            Map.entry("AGGREGATE", DATA),
            Map.entry("GROUP BY", DATA),
            Map.entry("PIVOT", DATA),
            Map.entry("FILL", DATA),
            Map.entry("REMEMBER", DATA),
            Map.entry("SET BOT MEMORY", DATA),
            Map.entry("GET BOT MEMORY", DATA),
            Map.entry("SET USER MEMORY", DATA),
            Map.entry("GET USER MEMORY", DATA),
            Map.entry("SET CONTEXT", DATA),
            Map.entry("GET", HTTP),
            Map.entry("POST", HTTP),
            Map.entry("PUT", HTTP),
            Map.entry("PATCH", HTTP),
            Map.entry("DELETE", HTTP + " (DELETE url or path) or " + DATA + " (DELETE table, filter)"),
            Map.entry("DELETE FILE", FILES),
            Map.entry("SET HEADER", HTTP),
            Map.entry("CLEAR HEADERS", HTTP),
            Map.entry("GRAPHQL", HTTP),
            Map.entry("SOAP", HTTP),
            Map.entry("SCRAPE", HTTP),
            Map.entry("SCRAPE_ALL", HTTP),
            Map.entry("WEBHOOK POST", HTTP),
            Map.entry("PRODUCT", DATA),
            Map.entry("SEARCH PRODUCTS", DATA),
            Map.entry("SEND SMS", "keywords-sms"),
            Map.entry("RUN PYTHON", "keywords-code"),
            Map.entry("RUN JAVASCRIPT", "keywords-code"),
            Map.entry("RUN BASH", "keywords-code"),
            Map.entry("CREATE SITE", AI),
            Map.entry("CARD", AI),
            Map.entry("CLEAR WEBSITES", AI),
            Map.entry("POST TO", "keywords-social"),
            Map.entry("GET INSTAGRAM METRICS", "keywords-social"),
            Map.entry("GET FACEBOOK METRICS", "keywords-social"),
            Map.entry("GET LINKEDIN METRICS", "keywords-social"),
            Map.entry("GET TWITTER METRICS", "keywords-social"),
            Map.entry("GET INSTAGRAM POSTS", "keywords-social"),
            Map.entry("GET FACEBOOK POSTS", "keywords-social"),
            Map.entry("DELETE POST", "keywords-social"),
            Map.entry("SCORE LEAD", "keywords-social"),
            Map.entry("QUALIFY LEAD", "keywords-social"),
            Map.entry("UPDATE LEAD SCORE", "keywords-social"),
            Map.entry("GET LEAD SCORE", "keywords-social"),
            Map.entry("DOWNLOAD", HTTP),
            Map.entry("UPLOAD", HTTP),
            Map.entry("READ", FILES),
            Map.entry("WRITE", FILES),
            Map.entry("COPY", FILES),
            Map.entry("MOVE", FILES),
            Map.entry("LIST", FILES),
            Map.entry("COMPRESS", FILES),
            Map.entry("EXTRACT", FILES),
            Map.entry("QR CODE", FILES),
            Map.entry("QRCODE", FILES),
            Map.entry("PLAY", FILES),
            Map.entry("GENERATE PDF", PDF),
            Map.entry("MERGE PDF", PDF),
            Map.entry("ADD SUGGESTION", CONVERSATION),
            Map.entry("CLEAR SUGGESTIONS", CONVERSATION),
            Map.entry("SEND FILE", CONVERSATION),
            Map.entry("LLM", AI),
            Map.entry("USE KB", AI),
            Map.entry("CLEAR KB", AI),
            Map.entry("THINK KB", AI),
            Map.entry("USE MODEL", AI),
            Map.entry("ASK", AI),
            Map.entry("SET MODEL ROUTING", AI),
            Map.entry("GET CURRENT MODEL", AI),
            Map.entry("LIST MODELS", AI),
            Map.entry("USE MCP", AI),
            Map.entry("MCP INVOKE", AI),
            Map.entry("MCP LIST TOOLS", AI),
            Map.entry("USE ACCOUNT", AI),
            Map.entry("USE WEBSITE", AI),
            Map.entry("ORCHESTRATE WORKFLOW", ORCHESTRATION),
            Map.entry("STEP", ORCHESTRATION),
            Map.entry("PARALLEL", ORCHESTRATION),
            Map.entry("BRANCH", ORCHESTRATION),
            Map.entry("WAIT FOR EVENT", ORCHESTRATION),
            Map.entry("PUBLISH EVENT", ORCHESTRATION),
            Map.entry("ON EVENT", ORCHESTRATION),
            Map.entry("BOT SHARE MEMORY", ORCHESTRATION),
            Map.entry("DELEGATE TO BOT", ORCHESTRATION),
            Map.entry("TRANSFER CONVERSATION", ORCHESTRATION),
            Map.entry("SET SCHEDULE", ORCHESTRATION));

    private StandardLibrary() {}

    /**
     * The module that provides a keyword of the standard library.
     *
     * @param name the unknown keyword's words, upper case, one space apart
     * @return the module's name, or empty when the keyword is not part of the standard library
     */
    static Optional<String> moduleOf(String name) {
        String candidate = name;
        while (true) {
            String module = MODULES.get(candidate);
            if (module != null) {
                return Optional.of(module);
            }
            int space = candidate.lastIndexOf(' ');
            if (space < 0) {
                return Optional.empty();
            }
            candidate = candidate.substring(0, space);
        }
    }

    /** Multi-agent forms basicflow reads only one way, and what to write (docs/multi-agent.md). */
    private static final Map<String, String> NOT_YET = Map.of(
            "BROADCAST",
            "basicflow runs BROADCAST message TO BOTS (the conversation's bots of ADD BOT, docs/multi-agent.md);"
                    + " a BROADCAST without TO BOTS is no keyword here");

    /** The end of an "unknown keyword" message: who provides it, or that no installed plugin does. */
    static String provider(String name) {
        for (Map.Entry<String, String> notYet : NOT_YET.entrySet()) {
            if (name.equals(notYet.getKey()) || name.startsWith(notYet.getKey() + " ")) {
                return notYet.getValue();
            }
        }
        return moduleOf(name)
                .map(module -> "no installed plugin provides it; it is part of the standard library's " + module)
                .orElse("no installed plugin provides it");
    }
}
