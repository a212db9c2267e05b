package io.basicflow.social;

import io.basicflow.spi.EffectKind;
import io.basicflow.spi.ExecutionScope;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.RetryPolicy;
import io.basicflow.spi.TransactionalKeywordHandler;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.Value;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * keywords-lead-scoring.md: {@code SCORE LEAD data}, {@code GET LEAD SCORE id}, {@code QUALIFY LEAD
 * id [, threshold]} and {@code UPDATE LEAD SCORE id, points [, reason]}. The rules are {@link
 * LeadRules}, weighted by the {@code basicflow.leads.lead-score-…} settings (config.csv's keys). Scores
 * are kept per bot in the table {@code basicflow_lead_scores}, every change with its reason in {@code
 * basicflow_lead_score_history}, both made on first use; each keyword runs in the engine's transaction
 * (a durable step's write commits with its event: exactly once).
 */
public final class LeadScoringPlugin implements KeywordPlugin {

    static final String SCORE = "SCORE LEAD";
    static final String GET = "GET LEAD SCORE";
    static final String QUALIFY = "QUALIFY LEAD";
    static final String UPDATE = "UPDATE LEAD SCORE";

    private static final List<KeywordDefinition> KEYWORDS = List.of(
            definition(SCORE, "Scores a lead's data by the bot's rules and keeps the score when it has an id or email.")
                    .parameter(ParameterDefinition.required(
                            "lead_data", "the lead: job_title, company_size, industry, actions, email_opens, …"))
                    .build(),
            definition(GET, "The lead's kept score, or NULL when it has none.")
                    .parameter(ParameterDefinition.required("lead_id", "the lead's id or email"))
                    .build(),
            definition(QUALIFY, "Whether the lead's score reaches the threshold (70 unless configured).")
                    .parameter(ParameterDefinition.required("lead_id", "the lead's id or email"))
                    .parameter(ParameterDefinition.optional("threshold", "the score needed"))
                    .build(),
            definition(UPDATE, "Adds (or with a negative number removes) points, keeping the reason.")
                    .parameter(ParameterDefinition.required("lead_id", "the lead's id or email"))
                    .parameter(ParameterDefinition.required("points", "the change, e.g. 10 or -15"))
                    .parameter(ParameterDefinition.optional("reason", "why, kept in the score's history"))
                    .build());

    private static KeywordDefinition.Builder definition(String name, String description) {
        return KeywordDefinition.builder(name)
                .form(KeywordForm.FUNCTION)
                .effect(EffectKind.IDEMPOTENT_EFFECT)
                .retry(RetryPolicy.DEFAULT)
                .description(description);
    }

    /** Creates the plugin; {@link java.util.ServiceLoader} calls this. */
    public LeadScoringPlugin() {}

    @Override
    public String name() {
        return "leads";
    }

    @Override
    public List<KeywordDefinition> keywords() {
        return KEYWORDS;
    }

    @Override
    public Optional<TransactionalKeywordHandler> transactionalHandler(String keyword) {
        return KEYWORDS.stream().anyMatch(k -> k.name().equals(keyword))
                ? Optional.of(LeadScoringPlugin::run)
                : Optional.empty();
    }

    /** Only reached by an engine without data connections: the scores need the bot's database. */
    @Override
    public Optional<KeywordHandler> handler(String keyword) {
        if (KEYWORDS.stream().noneMatch(k -> k.name().equals(keyword))) {
            return Optional.empty();
        }
        return Optional.of(invocation -> {
            throw KeywordException.permanent(keyword + " keeps lead scores in PostgreSQL inside a transaction of the"
                    + " engine; this engine has no database for data (run it with basicflow, or give the engine its"
                    + " data connections)");
        });
    }

    static Value run(Invocation invocation, ExecutionScope scope, Connection connection)
            throws KeywordException, SQLException {
        LeadRules rules = new LeadRules(invocation.context().configuration());
        prepare(connection);
        String bot = scope.bot();
        Instant now = invocation.context().clock().instant();
        return switch (invocation.keyword()) {
            case SCORE -> {
                if (!(invocation.argument("lead_data") instanceof MapValue lead)) {
                    throw KeywordException.permanent(SCORE + " needs the lead as an object (lead_data.job_title = …),"
                            + " not " + invocation.argument("lead_data").display());
                }
                Map<String, Object> result = rules.score(lead);
                String id = leadId(lead);
                if (!id.isEmpty()) {
                    Optional<Map<String, Object>> before = stored(connection, bot, id, rules);
                    store(connection, bot, id, (Integer) result.get("score"), result, now);
                    history(
                            connection,
                            bot,
                            id,
                            before.map(b -> (Integer) b.get("score")).orElse(null),
                            (Integer) result.get("score"),
                            SCORE,
                            invocation.idempotencyKey(),
                            now);
                    result.put("lead_id", id);
                }
                yield Value.of(result);
            }
            case GET ->
                stored(connection, bot, id(invocation), rules).map(Value::of).orElse(NullValue.NULL);
            case QUALIFY -> {
                String id = id(invocation);
                Value written = invocation.argument("threshold");
                int threshold =
                        written instanceof NullValue ? rules.threshold() : integer(QUALIFY, "threshold", written);
                Optional<Map<String, Object>> kept = stored(connection, bot, id, rules);
                int score = kept.map(k -> (Integer) k.get("score")).orElse(0);
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("lead_id", id);
                result.put("qualified", score >= threshold);
                result.put("score", score);
                result.put("threshold", threshold);
                result.put("status", kept.map(k -> k.get("status")).orElse("unqualified"));
                result.put("gap", Math.max(0, threshold - score));
                yield Value.of(result);
            }
            case UPDATE -> {
                String id = id(invocation);
                int points = integer(UPDATE, "points", invocation.argument("points"));
                String reason = invocation.argument("reason") instanceof NullValue
                        ? ""
                        : invocation.argument("reason").display();
                Optional<Map<String, Object>> kept = stored(connection, bot, id, rules);
                int before = kept.map(k -> (Integer) k.get("score")).orElse(0);
                int after = LeadRules.clamp(before + points);
                Map<String, Object> result = rules.describe(after);
                @SuppressWarnings("unchecked")
                Map<String, Object> breakdown =
                        kept.map(k -> (Map<String, Object>) k.get("breakdown")).orElse(Map.of());
                store(connection, bot, id, after, Map.of("breakdown", breakdown), now);
                history(connection, bot, id, before, after, reason, invocation.idempotencyKey(), now);
                result.put("lead_id", id);
                result.put("previous_score", before);
                result.put("change", after - before);
                result.put("reason", reason);
                yield Value.of(result);
            }
            default -> throw KeywordException.permanent("no lead keyword " + invocation.keyword());
        };
    }

    private static String leadId(MapValue lead) {
        for (String name : List.of("id", "lead_id", "email")) {
            Value value = lead.find(name).orElse(NullValue.NULL);
            if (!(value instanceof NullValue) && !value.display().isBlank()) {
                return value.display().strip();
            }
        }
        return "";
    }

    private static String id(Invocation invocation) throws KeywordException {
        String id = invocation.argument("lead_id").display().strip();
        if (invocation.argument("lead_id") instanceof NullValue || id.isEmpty()) {
            throw KeywordException.permanent(invocation.keyword() + " needs the lead's id or email");
        }
        return id;
    }

    private static int integer(String keyword, String name, Value value) throws KeywordException {
        if (value instanceof NumberValue number) {
            return number.toBigDecimal().intValue();
        }
        try {
            return Integer.parseInt(value.display().strip());
        } catch (NumberFormatException e) {
            throw KeywordException.permanent(
                    keyword + ": " + name + " must be a whole number, was '" + value.display() + "'");
        }
    }

    private static final java.util.Set<String> PREPARED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static void prepare(Connection connection) throws SQLException {
        String key = connection.getMetaData().getURL();
        if (PREPARED.contains(key)) {
            return;
        }
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("select pg_advisory_xact_lock(hashtext('basicflow_lead_scores'))");
            ddl.execute("create table if not exists basicflow_lead_scores (bot text not null, lead_id text not null,"
                    + " score integer not null, breakdown text not null, updated_at timestamptz not null,"
                    + " primary key (bot, lead_id))");
            ddl.execute("create table if not exists basicflow_lead_score_history (bot text not null, lead_id text"
                    + " not null, old_score integer, new_score integer not null, reason text not null, changed_at"
                    + " timestamptz not null, step_key text not null)");
        }
        PREPARED.add(key);
    }

    private static void store(
            Connection connection, String bot, String id, int score, Map<String, Object> result, Instant now)
            throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("insert into basicflow_lead_scores (bot, lead_id,"
                + " score, breakdown, updated_at) values (?, ?, ?, ?, ?) on conflict (bot, lead_id) do update set"
                + " score = excluded.score, breakdown = excluded.breakdown, updated_at = excluded.updated_at")) {
            upsert.setString(1, bot);
            upsert.setString(2, id);
            upsert.setInt(3, score);
            upsert.setString(4, SocialHttp.json(result.getOrDefault("breakdown", Map.of())));
            upsert.setTimestamp(5, Timestamp.from(now));
            upsert.executeUpdate();
        }
    }

    private static void history(
            Connection connection,
            String bot,
            String id,
            Integer before,
            int after,
            String reason,
            String stepKey,
            Instant now)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into basicflow_lead_score_history (bot,"
                + " lead_id, old_score, new_score, reason, changed_at, step_key) values (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, bot);
            insert.setString(2, id);
            if (before == null) {
                insert.setNull(3, java.sql.Types.INTEGER);
            } else {
                insert.setInt(3, before);
            }
            insert.setInt(4, after);
            insert.setString(5, reason);
            insert.setTimestamp(6, Timestamp.from(now));
            insert.setString(7, stepKey);
            insert.executeUpdate();
        }
    }

    private static Optional<Map<String, Object>> stored(Connection connection, String bot, String id, LeadRules rules)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select score, breakdown, updated_at from basicflow_lead_scores where bot = ? and lead_id = ?")) {
            select.setString(1, bot);
            select.setString(2, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                Map<String, Object> result = new LinkedHashMap<>(rules.describe(row.getInt(1)));
                result.put("lead_id", id);
                result.put("breakdown", SocialHttp.JSON.convertValue(SocialHttp.parse(row.getString(2)), Map.class));
                result.put("updated_at", row.getTimestamp(3).toInstant().toString());
                return Optional.of(result);
            }
        }
    }
}
