package io.basicflow.sms;

import io.basicflow.spi.EffectKind;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code SEND SMS phone, message [, provider] [, priority]} and {@code result = SEND SMS …} (General
 * Bots' keyword-sms.md), sent through Twilio's REST API ({@link TwilioSender}), configured by the
 * keys {@code basicflow.sms.*} (docs/sms.md).
 *
 * <p>At most once: a text message cannot be taken back, and Twilio has no idempotency key, so the
 * keyword is never sent twice. An answer that says the provider did not take the message (429, 5xx,
 * no connection) is retried; when the engine stops while a send is under way, the step fails with
 * "outcome unknown" for an operator instead of sending again. The result is the map the page
 * documents: {@code success}, {@code message_id}, {@code provider}, {@code to}, {@code priority},
 * and {@code error} when the provider refused the message or the number is not a phone number.
 */
public final class SmsPlugin implements KeywordPlugin {

    /** The keyword's name. */
    public static final String SEND_SMS = "SEND SMS";

    /** Five attempts waiting 1, 2, 4 and 8 s: a provider's short overload does not fail the step. */
    public static final RetryPolicy RETRY = new RetryPolicy(5, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30));

    private static final KeywordDefinition DEFINITION = KeywordDefinition.builder(SEND_SMS)
            .form(KeywordForm.FUNCTION)
            .parameter(ParameterDefinition.required(
                    "phone", "the recipient: E.164 (+5511999887766), or a national number with the default country"))
            .parameter(ParameterDefinition.required("message", "the text"))
            .parameter(ParameterDefinition.optional(
                    "provider_or_priority", "the provider (twilio), or the priority: low, normal, high or urgent"))
            .parameter(ParameterDefinition.optional("priority", "low, normal, high or urgent, after a provider"))
            .effect(EffectKind.AT_MOST_ONCE_EFFECT)
            .retry(RETRY)
            .description("Sends a text message (Twilio); never sent twice. Returns {success, message_id, provider,"
                    + " to, priority, error}.")
            .build();

    private final SmsHandler handler = new SmsHandler();

    /** Creates the plugin; {@link java.util.ServiceLoader} calls this. */
    public SmsPlugin() {}

    @Override
    public String name() {
        return "sms";
    }

    @Override
    public List<KeywordDefinition> keywords() {
        return List.of(DEFINITION);
    }

    @Override
    public Optional<KeywordHandler> handler(String keyword) {
        return SEND_SMS.equals(keyword) ? Optional.of(handler) : Optional.empty();
    }
}
