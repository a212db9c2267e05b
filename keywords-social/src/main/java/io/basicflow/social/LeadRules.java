package io.basicflow.social;

import io.basicflow.spi.KeywordException;
import io.basicflow.spi.PluginConfiguration;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rule-based score of keywords-lead-scoring.md. Each category's weight (config.csv's {@code
 * lead-score-…-weight}, by default 20, 15, 10, 25 and 30: together 100) is the most it gives, and the
 * page's point tables set the share of it a lead earns:
 *
 * <ul>
 *   <li>demographic, {@code job_title}: C-level 25, VP 20, director 15, manager 10, other 5 of 25;
 *   <li>firmographic, {@code company_size} (a word or a number of employees): enterprise (1000+) 20,
 *       mid-market (100–999) 15, SMB (10–99) 10, small (1–9) 5 of 20; and {@code industry}: the full
 *       industry weight when the lead has one (or one of {@code lead-score-target-industries} when set);
 *   <li>behavioral, {@code actions} (a list, or words separated by commas): demo request 30, pricing
 *       view 20, case study download 15, webinar 15, blog subscription 10, email open 2, email click 5,
 *       unsubscribe −15, email bounce −25, up to the weight;
 *   <li>engagement, {@code email_opens} × 2 + {@code email_clicks} × 5 + {@code page_views}, up to the weight.
 * </ul>
 *
 * The score is 0–100; grade A ≥ 80, B ≥ 60, C ≥ 40, D ≥ 20, else F; status hot at the qualification
 * threshold ({@code lead-score-qualification-threshold}, 70) or more, warm ≥ 40, cold ≥ 15, else unqualified.
 */
final class LeadRules {

    static final Map<String, Integer> ACTIONS = actions();

    private static Map<String, Integer> actions() {
        Map<String, Integer> actions = new LinkedHashMap<>();
        actions.put("demo_request", 30);
        actions.put("pricing_view", 20);
        actions.put("case_study_download", 15);
        actions.put("webinar_attendance", 15);
        actions.put("blog_subscription", 10);
        actions.put("email_open", 2);
        actions.put("email_click", 5);
        actions.put("unsubscribe", -15);
        actions.put("email_bounce", -25);
        return actions;
    }

    private static final Set<String> C_LEVEL =
            Set.of("ceo", "cto", "cfo", "coo", "cmo", "cio", "ciso", "cro", "chief", "founder", "owner", "president");

    private final int titleWeight;
    private final int sizeWeight;
    private final int industryWeight;
    private final int engagementWeight;
    private final int behavioralWeight;
    private final int threshold;
    private final List<String> targetIndustries;

    LeadRules(PluginConfiguration configuration) throws KeywordException {
        try {
            titleWeight = configuration.getInt("lead-score-job-title-weight", 20);
            sizeWeight = configuration.getInt("lead-score-company-size-weight", 15);
            industryWeight = configuration.getInt("lead-score-industry-weight", 10);
            engagementWeight = configuration.getInt("lead-score-engagement-weight", 25);
            behavioralWeight = configuration.getInt("lead-score-behavioral-weight", 30);
            threshold = configuration.getInt("lead-score-qualification-threshold", 70);
        } catch (IllegalArgumentException e) {
            throw KeywordException.permanent(e.getMessage());
        }
        targetIndustries = configuration.get("lead-score-target-industries").stream()
                .flatMap(list -> java.util.Arrays.stream(list.split(",")))
                .map(word -> word.strip().toLowerCase(Locale.ROOT))
                .filter(word -> !word.isEmpty())
                .toList();
    }

    int threshold() {
        return threshold;
    }

    /** The score of a lead's data: score, grade, status, breakdown, recommendations. */
    Map<String, Object> score(MapValue lead) {
        int demographic = scaled(titlePoints(field(lead, "job_title", "title")), 25, titleWeight);
        int size = scaled(sizePoints(field(lead, "company_size", "size")), 20, sizeWeight);
        String industry = field(lead, "industry").toLowerCase(Locale.ROOT);
        int industryPoints = industry.isEmpty() || (!targetIndustries.isEmpty() && !targetIndustries.contains(industry))
                ? 0
                : industryWeight;
        int behavioral = 0;
        for (String action : actionsOf(lead.find("actions").orElse(NullValue.NULL))) {
            behavioral += ACTIONS.getOrDefault(action, 0);
        }
        behavioral = Math.max(-behavioralWeight, Math.min(behavioralWeight, behavioral));
        int engagement = Math.min(
                engagementWeight,
                number(lead, "email_opens") * 2 + number(lead, "email_clicks") * 5 + number(lead, "page_views"));
        int score = clamp(demographic + size + industryPoints + behavioral + engagement);
        Map<String, Object> breakdown = new LinkedHashMap<>();
        breakdown.put("demographic", demographic);
        breakdown.put("firmographic", size + industryPoints);
        breakdown.put("behavioral", behavioral);
        breakdown.put("engagement", engagement);
        Map<String, Object> result = describe(score);
        result.put("breakdown", breakdown);
        result.put("recommendations", recommendations(score, demographic, behavioral, engagement));
        return result;
    }

    /** Grade and status of a score. */
    Map<String, Object> describe(int score) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("score", score);
        result.put("grade", score >= 80 ? "A" : score >= 60 ? "B" : score >= 40 ? "C" : score >= 20 ? "D" : "F");
        result.put("status", score >= threshold ? "hot" : score >= 40 ? "warm" : score >= 15 ? "cold" : "unqualified");
        return result;
    }

    static int clamp(int score) {
        return Math.max(0, Math.min(100, score));
    }

    private List<String> recommendations(int score, int demographic, int behavioral, int engagement) {
        List<String> out = new ArrayList<>();
        if (score >= threshold) {
            out.add("Hand over to sales now");
        } else if (behavioral <= 0) {
            out.add("Invite to a product demo");
        }
        if (engagement < engagementWeight / 2) {
            out.add("Send a nurture email sequence");
        }
        if (demographic < titleWeight / 2) {
            out.add("Find a decision maker at the company");
        }
        if (out.isEmpty()) {
            out.add("Keep nurturing with relevant content");
        }
        return out;
    }

    private static int scaled(int points, int of, int weight) {
        return Math.round(points * (float) weight / of);
    }

    static int titlePoints(String title) {
        String lower = title.toLowerCase(Locale.ROOT);
        if (lower.isBlank()) {
            return 0;
        }
        for (String word : lower.split("[^a-z]+")) {
            if (C_LEVEL.contains(word)) {
                return 25;
            }
        }
        if (lower.matches(".*\\b(vp|svp|evp)\\b.*") || lower.contains("vice president")) {
            return 20;
        }
        if (lower.contains("director") || lower.startsWith("head ")) {
            return 15;
        }
        if (lower.contains("manager") || lower.contains("lead")) {
            return 10;
        }
        return 5;
    }

    static int sizePoints(String size) {
        String lower = size.toLowerCase(Locale.ROOT).strip();
        if (lower.isEmpty()) {
            return 0;
        }
        String digits = lower.replaceAll("[^0-9].*$", "");
        if (!digits.isEmpty()) {
            long employees = Long.parseLong(digits.length() > 12 ? "999999999999" : digits);
            return employees >= 1000 ? 20 : employees >= 100 ? 15 : employees >= 10 ? 10 : employees >= 1 ? 5 : 0;
        }
        if (lower.contains("enterprise") || lower.contains("large")) {
            return 20;
        }
        if (lower.contains("mid")) {
            return 15;
        }
        if (lower.contains("smb") || lower.contains("medium")) {
            return 10;
        }
        return lower.contains("small") || lower.contains("startup") ? 5 : 0;
    }

    private static String field(MapValue lead, String... names) {
        for (String name : names) {
            Value value = lead.find(name).orElse(NullValue.NULL);
            if (!(value instanceof NullValue)) {
                return value.display().strip();
            }
        }
        return "";
    }

    private static int number(MapValue lead, String name) {
        Value value = lead.find(name).orElse(NullValue.NULL);
        if (value instanceof NumberValue number) {
            return Math.max(0, number.toBigDecimal().intValue());
        }
        try {
            return value instanceof NullValue
                    ? 0
                    : Math.max(0, Integer.parseInt(value.display().strip()));
        } catch (NumberFormatException notNumber) {
            return 0;
        }
    }

    private static List<String> actionsOf(Value value) {
        List<String> words = new ArrayList<>();
        List<Value> items = value instanceof ListValue list ? list.elements() : List.of(value);
        for (Value item : items) {
            if (item instanceof NullValue) {
                continue;
            }
            for (String word : item.display().split(",")) {
                String key = word.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "_");
                if (!key.isEmpty()) {
                    words.add(key);
                }
            }
        }
        return words;
    }
}
