package io.basicflow.app.config;

import java.util.Locale;

/**
 * Every configuration key basicflow itself reads, with its default and meaning. The README's
 * configuration reference is this table (a test keeps them in step). Plugins read their own keys
 * under {@code basicflow.<plugin>.}; the bundled plugins' keys are listed here too (a key written with
 * {@code <name>} stands for a family of keys).
 */
public enum Setting {
    DB_URL("basicflow.db.url", "", "JDBC URL of an external PostgreSQL; empty runs the embedded one"),
    DB_USER("basicflow.db.user", "postgres", "database user"),
    DB_PASSWORD("basicflow.db.password", "", "database password"),
    EMBEDDED_DIR(
            "basicflow.db.embedded.dir",
            ".basicflow/postgres",
            "data folder of the embedded PostgreSQL (used when basicflow.db.url is empty)"),
    EMBEDDED_PORT("basicflow.db.embedded.port", "0", "port of the embedded PostgreSQL; 0 picks a free one"),
    DB_POOL_SIZE("basicflow.db.pool.size", "10", "maximum connections in the pool (HikariCP)"),
    DB_POOL_MIN_IDLE("basicflow.db.pool.min-idle", "", "connections kept open when idle; default: the pool size"),
    DB_POOL_CONNECTION_TIMEOUT(
            "basicflow.db.pool.connection-timeout", "10s", "wait for a pooled connection before failing"),
    DB_POOL_VALIDATION_TIMEOUT("basicflow.db.pool.validation-timeout", "3s", "wait for a connection check"),
    DB_POOL_IDLE_TIMEOUT("basicflow.db.pool.idle-timeout", "10m", "close connections idle this long (above min-idle)"),
    DB_POOL_MAX_LIFETIME("basicflow.db.pool.max-lifetime", "30m", "replace connections this old"),
    WORKERS(
            "basicflow.durable.concurrency",
            "256",
            "activations this process runs at once; 0 makes an API-only node (flag --workers)"),
    NODE_NAME(
            "basicflow.durable.node",
            "basicflow",
            "this process's name in leases; give each process on one database its own"),
    CLAIM_BATCH("basicflow.durable.claim-batch", "64", "executions claimed per query"),
    POLL_INTERVAL("basicflow.durable.poll-interval", "1s", "polling for work when no notification arrives"),
    LEASE_TIMEOUT("basicflow.durable.lease-timeout", "15s", "a node silent this long loses its leases to others"),
    HEARTBEAT_INTERVAL("basicflow.durable.heartbeat-interval", "3s", "how often a node renews its leases"),
    CHECKPOINT_STEPS("basicflow.durable.checkpoint-steps", "1000", "commit at least every this many steps"),
    CHECKPOINT_INTERVAL("basicflow.durable.checkpoint-interval", "100ms", "commit at least this often while running"),
    SNAPSHOT_INTERVAL(
            "basicflow.durable.snapshot-interval", "1000", "write the state snapshot at least every this many events"),
    COMMIT_BATCH("basicflow.durable.commit-batch", "1000", "most executions written by one group commit"),
    COMMIT_CONCURRENCY("basicflow.durable.commit-concurrency", "2", "group commits in flight at once"),
    SHUTDOWN_TIMEOUT(
            "basicflow.durable.shutdown-timeout", "10s", "time running activations get to reach a commit at shutdown"),
    STEPS_PER_ACTIVATION(
            "basicflow.durable.steps-per-activation", "10000", "steps before a running execution yields to others"),
    DEFERRED_WRITES(
            "basicflow.durable.deferred-writes",
            "100",
            "plain SAVEs an activation records before writing them in its next commit; 0 writes each in its own step"),
    MAX_CHILD_DEPTH("basicflow.durable.max-child-depth", "16", "nesting of child executions (tools, CALL \"x.bas\")"),
    MESSAGE_POLL_INTERVAL(
            "basicflow.durable.message-poll-interval", "250ms", "how often a long-poll for messages re-reads"),
    LIMIT_TEXT_CHARS("basicflow.limits.text-chars", "262144", "largest text one value may hold"),
    LIMIT_VARIABLE_BYTES(
            "basicflow.limits.variable-bytes", "1048576", "largest serialised variable map of an execution"),
    LIMIT_CALL_DEPTH("basicflow.limits.call-depth", "200", "nested SUB/FUNCTION calls"),
    LIMIT_INPUT_CHARS("basicflow.limits.input-chars", "65536", "largest user input accepted"),
    LIMIT_HEAR_ATTEMPTS("basicflow.limits.hear-attempts", "3", "tries a typed HEAR gives before it gives up"),
    LIMIT_VALUE_DEPTH("basicflow.limits.value-depth", "256", "nesting of lists and maps in one value"),
    LIMIT_MAX_STEPS("basicflow.limits.max-steps", "1000000", "quota: steps one execution may complete in its life"),
    LIMIT_MAX_EVENTS("basicflow.limits.max-events", "1000000", "quota: events in one execution's history"),
    LIMIT_MAX_HISTORY_BYTES(
            "basicflow.limits.max-history-bytes", "67108864", "quota: estimated bytes of one execution's history"),
    LIMIT_MAX_MESSAGES("basicflow.limits.max-messages", "10000", "quota: messages one execution may send"),
    SCRIPTS_FOLDER("basicflow.scripts.folder", "scripts", "folder of the scripts the HTTP API can start"),
    SCRIPTS_DEFAULT_MODE(
            "basicflow.scripts.default-mode",
            "durable",
            "how the server runs scripts without #workflow: durable, or direct (then it does not start them)"),
    TOOLS_FOLDER("basicflow.tools.folder", "tools", "folder of the tool scripts (USE TOOL)"),
    SCHEDULES_ENABLED(
            "basicflow.schedules.enabled",
            "true",
            "serve and worker start the ticks of the deployed SET SCHEDULE lines; false: this node starts none"),
    SCHEDULES_ZONE("basicflow.schedules.zone", "UTC", "time zone the schedules' cron fields are read in"),
    SCHEDULES_POLL_INTERVAL("basicflow.schedules.poll-interval", "1s", "how often a node looks for due schedule ticks"),
    SCHEDULES_MISFIRE_GRACE(
            "basicflow.schedules.misfire-grace",
            "1m",
            "a tick late by at most this still runs, each one; of older missed ticks only the latest runs, once"),
    SCHEDULES_RESCAN_INTERVAL(
            "basicflow.schedules.rescan-interval",
            "10s",
            "how often serve re-reads the scripts folder's SET SCHEDULE lines (a redeploy); 0: at start only"),
    TRIGGERS_MAIL_POLL_INTERVAL(
            "basicflow.triggers.mail-poll-interval",
            "30s",
            "how often serve reads the mailboxes of ON EMAIL monitors (docs/triggers.md); 0: never"),
    TRIGGERS_FOLDER_POLL_INTERVAL(
            "basicflow.triggers.folder-poll-interval",
            "10s",
            "how often serve scans the folders of ON CHANGE monitors (docs/triggers.md); 0: never"),
    TRIGGERS_IMAP_HOST(
            "basicflow.triggers.imap.host", "", "IMAP server of ON EMAIL's mailboxes; empty: no mailbox is read"),
    TRIGGERS_IMAP_PORT("basicflow.triggers.imap.port", "", "its port; default 993 for ssl, 143 otherwise"),
    TRIGGERS_IMAP_SECURITY("basicflow.triggers.imap.security", "ssl", "none, starttls or ssl"),
    TRIGGERS_IMAP_TRUST(
            "basicflow.triggers.imap.trust", "", "TLS trust: empty verifies, * trusts all, or a list of host names"),
    TRIGGERS_IMAP_TIMEOUT_MS("basicflow.triggers.imap.timeout-ms", "10000", "IMAP connect and read timeout"),
    TRIGGERS_IMAP_USER(
            "basicflow.triggers.imap.user.<address>",
            "",
            "login of a monitored address's mailbox; default: the address"),
    TRIGGERS_IMAP_PASSWORD(
            "basicflow.triggers.imap.password",
            "",
            "password of the monitored mailboxes; basicflow.triggers.imap.password.<address> for one address"),
    API_HOST("basicflow.api.host", "127.0.0.1", "address the HTTP API listens on"),
    API_PORT("basicflow.api.port", "8080", "port of the HTTP API"),
    API_TOKEN(
            "basicflow.api.token",
            "",
            "bearer token required on every request; required to listen on a non-loopback address"),
    WEBHOOKS_SECRET(
            "basicflow.webhooks.secret",
            "",
            "WEBHOOK endpoints: when set, open to callers that sign the body (X-Webhook-Signature: sha256=HMAC)"
                    + " instead of sending the API token"),
    WEBHOOKS_TIMEOUT_SECONDS(
            "basicflow.webhooks.timeout-seconds",
            "30",
            "WEBHOOK endpoints: longest wait for the script's end (then 202)"),
    MAIL_HOST("basicflow.mail.host", "", "SMTP server host (SEND MAIL)"),
    MAIL_PORT("basicflow.mail.port", "", "SMTP port; default 25, 587 for starttls, 465 for ssl"),
    MAIL_SECURITY("basicflow.mail.security", "none", "none, starttls or ssl"),
    MAIL_USERNAME("basicflow.mail.username", "", "SMTP user"),
    MAIL_PASSWORD("basicflow.mail.password", "", "SMTP password"),
    MAIL_FROM("basicflow.mail.from", "", "default sender address (required to send)"),
    MAIL_TIMEOUT_MS("basicflow.mail.timeout-ms", "10000", "SMTP connect/read/write timeout"),
    MAIL_HTML("basicflow.mail.html", "auto", "auto, always or never: whether bodies are sent as HTML"),
    MAIL_MESSAGE_ID_DOMAIN("basicflow.mail.message-id-domain", "", "domain of Message-IDs; default: the sender's"),
    MAIL_TRUST("basicflow.mail.trust", "", "TLS trust: empty verifies, * trusts all, or a list of host names"),
    MAIL_HELO_NAME("basicflow.mail.helo-name", "", "name sent in HELO/EHLO; default: this host's name"),
    HTTP_TIMEOUT_MS("basicflow.http.timeout-ms", "30000", "HTTP keywords: time for a whole answer, body included"),
    HTTP_CONNECT_TIMEOUT_MS("basicflow.http.connect-timeout-ms", "5000", "HTTP keywords: time to connect"),
    HTTP_MAX_RESPONSE_BYTES(
            "basicflow.http.max-response-bytes",
            "1048576",
            "HTTP keywords: largest answer body; larger fails the step"),
    HTTP_MAX_REDIRECTS("basicflow.http.max-redirects", "5", "HTTP keywords: redirects followed (each target checked)"),
    HTTP_MAX_RETRY_AFTER_SECONDS(
            "basicflow.http.max-retry-after-seconds", "300", "HTTP keywords: longest Retry-After honoured"),
    HTTP_ALLOW(
            "basicflow.http.allow",
            "",
            "HTTP keywords: hosts, addresses or CIDR networks let through although refused by default"),
    HTTP_DENY("basicflow.http.deny", "", "HTTP keywords: hosts, addresses or CIDR networks refused (wins over allow)"),
    HTTP_SECRET_KEY(
            "basicflow.http.secret-key",
            "",
            "HTTP keywords: AES key (base64) for secret SET HEADER values; the same on every process"),
    HTTP_WEBHOOK_BASE_URL(
            "basicflow.http.webhook-base-url",
            "",
            "WEBHOOK POST: base URL a relative path is joined to ({bot}: the bot's name); empty: this server's own"
                    + " webhooks, http://<api.host>:<api.port>/api/<bot>/webhook"),
    HTTP_WEBHOOK_SECRET(
            "basicflow.http.webhook-secret",
            "",
            "WEBHOOK POST: signs the body (X-Webhook-Signature: sha256=HMAC); empty: to this server,"
                    + " basicflow.webhooks.secret"),
    AI_BASE_URL(
            "basicflow.ai.base-url",
            "",
            "OpenAI-compatible endpoint of LLM, e.g. http://127.0.0.1:8081/v1 (llama.cpp) or http://127.0.0.1:11434/v1 (Ollama)"),
    AI_API_KEY("basicflow.ai.api-key", "", "bearer key of the endpoint; never written to events or logs"),
    AI_MODEL(
            "basicflow.ai.model",
            "",
            "default model of LLM; basicflow.ai.model-<alias> names the model of USE MODEL/OPTIMIZE FOR aliases"),
    AI_TIMEOUT_MS("basicflow.ai.timeout-ms", "60000", "longest one LLM call may take (WITH MAX_LATENCY lowers it)"),
    AI_PRICE(
            "basicflow.ai.price-per-million-tokens",
            "",
            "price of a million tokens, for WITH MAX_COST; empty: no limit"),
    AI_KB_FOLDER("basicflow.ai.kb-folder", "", "the bot's .gbkb folder: USE KB \"x\" reads its subfolder x"),
    AI_MAX_TOOL_ROUNDS(
            "basicflow.ai.max-tool-rounds",
            "10",
            "how many times one LLM call may answer with tool calls before the step fails"),
    AI_KB_CHUNKS("basicflow.ai.kb-chunks", "3", "knowledge base passages added to each LLM prompt"),
    AI_THINK_KB_RESULTS("basicflow.ai.think-kb-results", "5", "most passages one THINK KB returns"),
    AI_MODEL_ROUTING(
            "basicflow.ai.model-routing-strategy",
            "manual",
            "how LLM calls pick a model until SET MODEL ROUTING: manual, auto, cost or quality"),
    AI_MCP_FILE(
            "basicflow.ai.mcp-file",
            "",
            "the bot's mcp.csv (MCP servers of USE MCP); basicflow.ai.mcp-secret.<VAR> stands in for a missing auth_env variable"),
    AI_MODEL_ALIAS(
            "basicflow.ai.model-<alias>",
            "",
            "the model of a routing alias: model-fast, model-quality, model-code, model-local, or any name (docs/ai.md)"),
    AI_WEBSITE_MAX_DEPTH("basicflow.ai.website-max-depth", "3", "USE WEBSITE: links followed from the start page"),
    AI_WEBSITE_MAX_PAGES("basicflow.ai.website-max-pages", "50", "USE WEBSITE: most pages kept of one site"),
    AI_WEBSITE_MAX_PAGE_KB("basicflow.ai.website-max-page-kb", "1024", "USE WEBSITE: largest page kept, in KiB"),
    AI_WEBSITE_TIMEOUT_MS("basicflow.ai.website-timeout-ms", "10000", "USE WEBSITE: longest one page request may take"),
    AI_SITES_FOLDER(
            "basicflow.ai.sites-folder",
            "sites",
            "CREATE SITE writes <folder>/<alias>/index.html; serve shows it at /sites/<alias>/"),
    AI_IMAGE_BASE_URL(
            "basicflow.ai.image-base-url",
            "",
            "OpenAI-compatible endpoint of CARD's pictures (POST /images/generations, b64_json); empty: basicflow.ai.base-url"),
    AI_IMAGE_MODEL("basicflow.ai.image-model", "", "model of CARD's pictures; empty: basicflow.ai.model"),
    AI_ANSWER_ROW_LIMIT(
            "basicflow.ai.answer-row-limit",
            "100",
            "most rows one ANSWER in sql mode returns (the plan's limit is capped)"),
    AI_ANSWER_NOT_FOUND(
            "basicflow.ai.answer-not-found",
            "The document does not answer that question.",
            "what ANSWER in document mode says when the conversation's document does not hold the answer"),
    DATA_URL(
            "basicflow.data.url",
            "",
            "JDBC URL of a separate database for bots' tables; empty: the engine's own (docs/data.md)"),
    DATA_USER("basicflow.data.user", "", "user of basicflow.data.url"),
    DATA_PASSWORD("basicflow.data.password", "", "password of basicflow.data.url"),
    DATA_FIND_LIMIT("basicflow.data.find-limit", "1000", "the most rows one FIND returns"),
    FILES_ROOT(
            "basicflow.files.root",
            "",
            "the folder holding each bot's <bot>.gbai/<bot>.gbdrive; default: the scripts folder"),
    FILES_MAX_FILE_BYTES(
            "basicflow.files.max-file-bytes",
            "1048576",
            "the largest file READ, GET, WRITE, COPY and an attachment read or write"),
    FILES_MAX_LIST_ENTRIES("basicflow.files.max-list-entries", "10000", "the most entries one LIST returns"),
    FILES_MAX_ARCHIVE_ENTRIES("basicflow.files.max-archive-entries", "10000", "the most entries one archive holds"),
    FILES_MAX_ARCHIVE_BYTES(
            "basicflow.files.max-archive-bytes",
            "67108864",
            "the most content bytes one archive holds, and the largest archive EXTRACT opens"),
    FILES_BASE_URL(
            "basicflow.files.base-url",
            "http://localhost:8080",
            "the server's address as users reach it, the start of GENERATE SECURE LINK's URLs"),
    FILES_LINK_SECRET(
            "basicflow.files.link-secret",
            "",
            "key that signs download links (16 characters or more); default: a random one in <root>/.link-secret"),
    SMS_PROVIDER("basicflow.sms.provider", "twilio", "SMS provider when the script names none"),
    SMS_TWILIO_ACCOUNT_SID(
            "basicflow.sms.twilio.account-sid", "", "Twilio account SID (the user of Basic authentication)"),
    SMS_TWILIO_AUTH_TOKEN("basicflow.sms.twilio.auth-token", "", "Twilio auth token"),
    SMS_TWILIO_FROM("basicflow.sms.twilio.from", "", "the sending number, E.164"),
    SMS_TWILIO_BASE_URL(
            "basicflow.sms.twilio.base-url", "https://api.twilio.com", "Twilio API's address (a test server, a proxy)"),
    SMS_DEFAULT_COUNTRY_CODE("basicflow.sms.default-country-code", "1", "country code of numbers written without one"),
    SMS_TIMEOUT_MS("basicflow.sms.timeout-ms", "10000", "longest one send may take"),
    SMS_TWILIO_WHATSAPP_FROM(
            "basicflow.sms.twilio.whatsapp-from",
            "",
            "the WhatsApp sender's number, E.164; default: basicflow.sms.twilio.from"),
    TEMPLATES_PHONE_CHANNEL(
            "basicflow.templates.phone-channel", "whatsapp", "channel of SEND TEMPLATE TO for a recipient without @"),
    VISION_FACE_ENDPOINT(
            "basicflow.vision.face.endpoint",
            "",
            "the Azure Face resource of DETECT FACES, ANALYZE FACE, VERIFY FACE (docs/vision.md)"),
    VISION_FACE_KEY("basicflow.vision.face.key", "", "its subscription key"),
    VISION_FACE_TIMEOUT_MS("basicflow.vision.face.timeout-ms", "15000", "longest one face request may take"),
    VISION_FACE_PROVIDER("basicflow.vision.face.provider", "azure", "the only provider"),
    VISION_SEE_BASE_URL("basicflow.vision.see.base-url", "", "OpenAI-compatible endpoint of a vision model for SEE"),
    VISION_SEE_MODEL("basicflow.vision.see.model", "", "the vision model SEE asks"),
    VISION_SEE_API_KEY("basicflow.vision.see.api-key", "", "bearer key of SEE's endpoint"),
    VISION_SEE_TIMEOUT_MS("basicflow.vision.see.timeout-ms", "60000", "longest one SEE request may take"),
    CODE_ENABLED(
            "basicflow.code.enabled", "false", "whether RUN PYTHON/JAVASCRIPT/BASH may run at all (docs/run-code.md)"),
    CODE_ISOLATION(
            "basicflow.code.isolation", "namespaces", "namespaces (needs root) or process (weaker; docs/run-code.md)"),
    CODE_TIMEOUT_SECONDS("basicflow.code.timeout-seconds", "30", "wall and CPU time of one RUN, at most 300"),
    CODE_MEMORY_MB("basicflow.code.memory-mb", "512", "memory of one RUN, at most 4096"),
    CODE_OUTPUT_KB("basicflow.code.output-kb", "1024", "largest standard output of one RUN, at most 10240"),
    CODE_FILE_MB("basicflow.code.file-mb", "10", "largest file one RUN may write, at most 100"),
    CODE_NETWORK("basicflow.code.network", "false", "give RUN's code the network (namespaces only)"),
    SOCIAL_CREDENTIAL(
            "basicflow.social.<key>",
            "",
            "a social network credential under its config.csv name; basicflow.social.bot.<bot>.<key> for one bot (docs/social.md)"),
    SOCIAL_TIMEZONE("basicflow.social.timezone", "UTC", "zone of POST TO … AT times written without one"),
    SOCIAL_MEDIA_BASE_URL(
            "basicflow.social.media-base-url",
            "",
            "public address the bot's files are served at, for networks that fetch media by URL"),
    SOCIAL_ATTEMPTS("basicflow.social.attempts", "4", "tries of a post the network did not take (429, 5xx)"),
    SOCIAL_RETRY_BASE_MS("basicflow.social.retry-base-ms", "500", "first pause between tries, doubling"),
    LEADS(
            "basicflow.leads.<key>",
            "",
            "lead scoring weights and threshold under their config.csv names (docs/social.md)"),
    MEET_BOT_PERSONA(
            "basicflow.meet.bot-persona",
            "AI Assistant",
            "the bot's name in a meeting room when no AS persona is given"),
    MEET_BASE_URL("basicflow.meet.base-url", "http://localhost:8080", "address of meeting join links"),
    CALENDAR_ZONE("basicflow.calendar.zone", "UTC", "zone BOOK and CHECK_AVAILABILITY read times in"),
    CALENDAR_WORK_START("basicflow.calendar.work-start", "09:00", "start of working hours offered as free"),
    CALENDAR_WORK_END("basicflow.calendar.work-end", "17:00", "end of working hours offered as free"),
    AI_MCP_TIMEOUT_MS("basicflow.ai.mcp-timeout-ms", "60000", "longest one MCP request may take"),
    AI_ACCOUNT_FOLDER(
            "basicflow.ai.account-folder",
            "",
            "folder of connected accounts' synced mails and files, one subfolder per address (USE ACCOUNT)"),
    AI_DEFAULT_ACCOUNTS(
            "basicflow.ai.default-accounts", "", "accounts in use in every execution, e.g. a@x.com;b@y.com");

    private final String key;
    private final String defaultValue;
    private final String description;

    Setting(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /**
     * The property key, e.g. {@code basicflow.db.url}.
     *
     * @return the key
     */
    public String key() {
        return key;
    }

    /**
     * The environment variable that sets it, e.g. {@code BASICFLOW_DB_URL}.
     *
     * @return the variable name
     */
    public String environmentVariable() {
        return environmentVariableFor(key);
    }

    /**
     * The default, empty when there is none.
     *
     * @return the default value
     */
    public String defaultValue() {
        return defaultValue;
    }

    /**
     * What the setting means.
     *
     * @return one line
     */
    public String description() {
        return description;
    }

    /**
     * The configuration reference as a Markdown table, as the README shows it.
     *
     * @return the table rows, header first, one line each
     */
    public static String markdownTable() {
        StringBuilder table = new StringBuilder("| key | default | meaning |\n| --- | --- | --- |\n");
        for (Setting setting : values()) {
            table.append("| `")
                    .append(setting.key())
                    .append("` | ")
                    .append(setting.defaultValue().isEmpty() ? "" : "`" + setting.defaultValue() + "`")
                    .append(" | ")
                    .append(setting.description().replace("|", "\\|"))
                    .append(" |\n");
        }
        return table.toString();
    }

    /**
     * The environment variable for any key: upper case, dots and dashes as underscores.
     *
     * @param key a property key
     * @return the variable name
     */
    public static String environmentVariableFor(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
