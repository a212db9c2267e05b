package io.basicflow.social;

import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Runs the social keywords: picks the networks, reads the arguments and the {@code AT} time. */
final class SocialHandler implements KeywordHandler {

    private static final Map<String, Network> NETWORKS = networks();

    private static Map<String, Network> networks() {
        Map<String, Network> networks = new LinkedHashMap<>();
        for (Network network : List.of(
                new FacebookGraph(false),
                new FacebookGraph(true),
                new LinkedIn(),
                new Twitter(),
                new Bluesky(),
                new Discord())) {
            networks.put(network.name(), network);
        }
        return networks;
    }

    @Override
    public Value invoke(Invocation invocation) throws KeywordException {
        String keyword = invocation.keyword();
        SocialSettings settings = SocialSettings.of(invocation.context());
        Network.Call call = new Network.Call(keyword, settings, invocation.idempotencyKey());
        if (keyword.startsWith(SocialPlugin.POST_TO)) {
            return post(invocation, settings);
        }
        if (keyword.equals(SocialPlugin.DELETE_POST)) {
            for (String id : ids(keyword, invocation.argument("post_id"))) {
                int colon = id.indexOf(':');
                network(keyword, id.substring(0, colon)).delete(call, id.substring(colon + 1));
            }
            return NullValue.NULL;
        }
        String platform = keyword.split(" ")[1].toLowerCase(Locale.ROOT);
        Network network = network(keyword, platform);
        if (keyword.endsWith(" POSTS")) {
            return network.posts(call);
        }
        String wanted = invocation.argument("post_id").display().strip();
        for (String id : ids(keyword, invocation.argument("post_id"))) {
            if (id.startsWith(platform + ":")) {
                return network.metrics(call, id.substring(platform.length() + 1));
            }
        }
        if (wanted.contains(":") && !wanted.startsWith("at:")) {
            throw KeywordException.permanent(keyword + ": '" + wanted + "' is no " + platform + " post id");
        }
        return network.metrics(call, wanted); // an id of the network itself, written by hand
    }

    private Value post(Invocation invocation, SocialSettings settings) throws KeywordException {
        String keyword = invocation.keyword();
        String platforms = keyword.equals(SocialPlugin.POST_TO)
                ? invocation.argument("platform").display()
                : keyword.substring(SocialPlugin.POST_TO.length() + 1);
        List<String> targets = new ArrayList<>();
        for (String name : platforms.split(",")) {
            String platform = name.strip().toLowerCase(Locale.ROOT);
            if (platform.equals("x")) {
                platform = "twitter";
            }
            if (!platform.isEmpty() && !targets.contains(platform)) {
                targets.add(platform);
            }
        }
        if (targets.isEmpty()) {
            throw KeywordException.permanent(keyword + ": no platform given (write POST TO INSTAGRAM … or POST TO"
                    + " \"instagram,facebook\" …)");
        }
        List<Network> networks = new ArrayList<>();
        for (String target : targets) {
            networks.add(network(keyword, target));
        }
        Value caption = invocation.argument("caption");
        Optional<Instant> at = at(invocation);
        Instant now = invocation.context().clock().instant();
        boolean future = at.isPresent() && at.get().isAfter(now.plus(Duration.ofMinutes(1)));
        for (Network network : networks) {
            if (future && !network.schedulesNatively()) {
                throw KeywordException.permanent(keyword + ": " + network.name() + "'s API cannot schedule a post, and"
                        + " basicflow schedules posts AT a later time on facebook only; start a script at that time"
                        + " instead: SET SCHEDULE when, \"post-later.bas\", image, caption (nothing was posted)");
            }
        }
        Post post = new Post(
                keyword,
                invocation.argument("content"),
                caption instanceof NullValue ? Optional.empty() : Optional.of(caption.display()),
                future ? at : Optional.empty(),
                settings,
                invocation.idempotencyKey(),
                invocation.context());
        List<String> posted = new ArrayList<>();
        for (Network network : networks) {
            try {
                posted.add(network.name() + ":" + network.publish(post));
            } catch (KeywordException e) {
                if (posted.isEmpty()) {
                    throw e;
                }
                throw KeywordException.permanent(
                        e.getMessage() + " (already posted, not posted again: " + String.join(",", posted) + ")");
            }
        }
        return Value.text(String.join(",", posted));
    }

    private static Optional<Instant> at(Invocation invocation) throws KeywordException {
        Value value = invocation.argument("at");
        if (value instanceof NullValue) {
            return Optional.empty();
        }
        String text = value.display().strip();
        ZoneId zone;
        try {
            zone = ZoneId.of(
                    SocialSettings.of(invocation.context()).get("timezone").orElse("UTC"));
        } catch (RuntimeException e) {
            throw KeywordException.permanent("basicflow.social.timezone is no time zone: " + e.getMessage());
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException notOffset) {
            // a local time, in the configured zone
        }
        String local = text.replace(' ', 'T');
        try {
            if (local.length() == 16) {
                local = local + ":00";
            }
            return Optional.of(LocalDateTime.parse(local).atZone(zone).toInstant());
        } catch (DateTimeParseException notLocal) {
            try {
                return Optional.of(LocalDate.parse(text).atStartOfDay(zone).toInstant());
            } catch (DateTimeParseException notDate) {
                throw KeywordException.permanent(invocation.keyword() + " AT '" + text + "': not a date and time;"
                        + " write \"2025-02-14 09:00\" or ISO 8601 (\"2025-02-14T09:00:00Z\")");
            }
        }
    }

    private static Network network(String keyword, String platform) throws KeywordException {
        Network network = NETWORKS.get(platform);
        if (network != null) {
            return network;
        }
        if (SocialPlugin.PLATFORMS.contains(platform)) {
            throw KeywordException.permanent(keyword + ": basicflow does not post to " + platform + " (it speaks "
                    + String.join(", ", NETWORKS.keySet()) + "); see docs/social.md");
        }
        throw KeywordException.permanent(keyword + ": '" + platform + "' is no platform; the platforms are "
                + String.join(", ", SocialPlugin.PLATFORMS));
    }

    /** The post ids of a value: {@code "platform:id"} texts, several separated by commas, or a list of them. */
    private static List<String> ids(String keyword, Value value) throws KeywordException {
        List<String> ids = new ArrayList<>();
        List<Value> items = value instanceof ListValue list ? list.elements() : List.of(value);
        for (Value item : items) {
            for (String id : item.display().split(",")) {
                String stripped = id.strip();
                if (stripped.isEmpty()) {
                    continue;
                }
                int colon = stripped.indexOf(':');
                if (colon <= 0 || !NETWORKS.containsKey(stripped.substring(0, colon))) {
                    if (keyword.equals(SocialPlugin.DELETE_POST)) {
                        throw KeywordException.permanent(keyword + ": '" + stripped + "' is no post id of POST TO"
                                + " (platform:id, e.g. twitter:1790…)");
                    }
                    continue;
                }
                ids.add(stripped);
            }
        }
        return ids;
    }
}
