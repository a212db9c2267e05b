package com.example.tickets;

import io.basicflow.spi.EffectKind;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.RetryPolicy;
import io.basicflow.spi.value.Value;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An example plugin, written as a third party would: it depends on {@code keyword-spi} alone and
 * works in basicflow by being on the class path (it is listed in {@code
 * META-INF/services/io.basicflow.spi.KeywordPlugin}).
 *
 * <ul>
 *   <li>{@code ticket = CREATE(description[, priority])} opens a ticket and returns its number. The
 *       number is derived from the step's idempotency key, so a call repeated after a crash returns
 *       the same ticket instead of opening a second one: that is how an effect keyword makes itself
 *       safe to repeat.
 *   <li>{@code x = FETCH(url)} makes an HTTP GET and returns the JSON response as a value, or the
 *       text of any other response ({@link Fetch}).
 * </ul>
 *
 * <p>Configuration ({@code basicflow.tickets.*}): {@code queue} (where tickets go, default {@code
 * support}), {@code fetch.timeout-ms} (default 10000), {@code fetch.max-bytes} (default 1048576).
 */
public final class TicketPlugin implements KeywordPlugin {

    private static final KeywordDefinition CREATE = KeywordDefinition.builder("CREATE")
            .form(KeywordForm.FUNCTION)
            .parameter(ParameterDefinition.required("description", "what the problem is"))
            .parameter(ParameterDefinition.optional("priority", "low, normal or urgent; normal when left out"))
            .effect(EffectKind.IDEMPOTENT_EFFECT)
            .retry(new RetryPolicy(3, Duration.ofMillis(500), 2.0, Duration.ofSeconds(5)))
            .description("Opens a support ticket and returns its number.")
            .build();

    private static final KeywordDefinition FETCH = KeywordDefinition.builder("FETCH")
            .form(KeywordForm.FUNCTION)
            .parameter(ParameterDefinition.required("url", "an http or https URL"))
            .effect(EffectKind.IDEMPOTENT_EFFECT)
            .retry(new RetryPolicy(4, Duration.ofMillis(200), 2.0, Duration.ofSeconds(5)))
            .description("Makes an HTTP GET; returns the JSON response as a value, or the response text.")
            .build();

    private final Fetch fetch = new Fetch();

    /** Creates the plugin; {@link java.util.ServiceLoader} calls this. */
    public TicketPlugin() {}

    @Override
    public String name() {
        return "tickets";
    }

    @Override
    public List<KeywordDefinition> keywords() {
        return List.of(CREATE, FETCH);
    }

    @Override
    public Optional<KeywordHandler> handler(String keyword) {
        return switch (keyword) {
            case "CREATE" -> Optional.of(TicketPlugin::create);
            case "FETCH" -> Optional.of(fetch::fetch);
            default -> Optional.empty();
        };
    }

    private static Value create(Invocation invocation) {
        String description = invocation.argument("description").display();
        String priority = invocation.argument("priority").display();
        String queue = invocation.context().configuration().get("queue", "support");
        long number = ticketNumber(invocation.idempotencyKey());
        invocation
                .context()
                .logger()
                .log(
                        Level.INFO,
                        "ticket {0} in queue {1} ({2}): {3}",
                        Long.toString(number),
                        queue,
                        priority.isEmpty() ? "normal" : priority,
                        description);
        return Value.number(number);
    }

    /** The same key always gives the same number: six digits from the key's SHA-256. */
    static long ticketNumber(String idempotencyKey) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (hash[i] & 0xff);
            }
            return 100_000 + Math.floorMod(value, 900_000L);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
