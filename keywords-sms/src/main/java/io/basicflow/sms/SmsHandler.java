package io.basicflow.sms;

import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.PluginConfiguration;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the arguments, checks the number and hands the message to the provider. A number that is no
 * phone number and a message the provider refuses are the keyword's answer ({@code success} false,
 * {@code error} saying why), as keyword-sms.md's scripts test them; what an operator must fix (no
 * provider configured, an unknown provider or priority, refused credentials) fails the step.
 */
final class SmsHandler implements KeywordHandler {

    static final List<String> PRIORITIES = List.of("low", "normal", "high", "urgent");
    static final List<String> PROVIDERS = List.of("twilio");
    /** Providers keyword-sms.md names that basicflow does not speak. */
    static final List<String> OTHER_PROVIDERS = List.of("aws", "aws_sns", "sns", "vonage", "nexmo", "messagebird");

    private volatile Cached cached;

    /** The settings and sender for the configuration seen last (the SMS channels share it). */
    record Cached(PluginConfiguration configuration, SmsSettings settings, TwilioSender twilio) {}

    @Override
    public Value invoke(Invocation invocation) throws KeywordException {
        Cached setup = setup(invocation.context().configuration());
        SmsSettings settings = setup.settings();
        TwilioSender twilio = setup.twilio();
        String provider = settings.provider();
        String priority = "normal";
        Value third = invocation.argument("provider_or_priority");
        Value fourth = invocation.argument("priority");
        if (!(third instanceof NullValue)) {
            String word = third.display().strip().toLowerCase(Locale.ROOT);
            if (PRIORITIES.contains(word) && fourth instanceof NullValue) {
                priority = word;
            } else {
                provider = word;
            }
        }
        if (!(fourth instanceof NullValue)) {
            priority = fourth.display().strip().toLowerCase(Locale.ROOT);
        }
        if (!PRIORITIES.contains(priority)) {
            throw KeywordException.permanent(
                    "SEND SMS: the priority must be low, normal, high or urgent, was '" + priority + "'");
        }
        if (provider.equals("aws")) {
            provider = "aws_sns";
        }
        if (!PROVIDERS.contains(provider)) {
            throw KeywordException.permanent("SEND SMS: basicflow sends through twilio only; '" + provider + "' is "
                    + (OTHER_PROVIDERS.contains(provider)
                            ? "a provider General Bots names that basicflow does not speak"
                            : "no provider (the third argument is a provider or a priority: low, normal, high, urgent)")
                    + "; leave the provider out or set basicflow.sms.provider=twilio");
        }
        String written = invocation.argument("phone").display();
        String message = invocation.argument("message").display();
        Optional<String> to = PhoneNumbers.normalise(written, settings.defaultCountryCode());
        if (to.isEmpty()) {
            invocation.context().logger().log(Level.WARNING, "SEND SMS: ''{0}'' is no phone number; not sent", written);
            return result(
                    false,
                    null,
                    provider,
                    written,
                    priority,
                    "INVALID_PHONE: '" + written + "' is no phone"
                            + " number; write it in E.164 form, + and the country code, e.g. +5511999887766");
        }
        if (message.isEmpty()) {
            return result(
                    false,
                    null,
                    provider,
                    to.get(),
                    priority,
                    "EMPTY_MESSAGE: the message is empty; nothing" + " was sent");
        }
        String text = switch (priority) {
            case "high" -> "[HIGH] " + message;
            case "urgent" -> "[URGENT] " + message;
            default -> message;
        };
        TwilioSender.Sent sent = twilio.send(invocation, to.get(), text);
        if (sent.error().isPresent()) {
            invocation
                    .context()
                    .logger()
                    .log(
                            Level.WARNING,
                            "SEND SMS to {0} refused by twilio: {1}",
                            to.get(),
                            sent.error().get());
        }
        return result(
                sent.error().isEmpty(),
                sent.messageId().orElse(null),
                provider,
                to.get(),
                priority,
                sent.error().orElse(null));
    }

    Cached setup(PluginConfiguration configuration) throws KeywordException {
        Cached current = cached;
        if (current != null && current.configuration().equals(configuration)) {
            return current;
        }
        SmsSettings settings = SmsSettings.from(configuration);
        current = new Cached(configuration, settings, new TwilioSender(settings));
        cached = current;
        return current;
    }

    private static Value result(
            boolean success, String messageId, String provider, String to, String priority, String error) {
        Map<String, Value> result = new LinkedHashMap<>();
        result.put("success", Value.of(success));
        result.put("message_id", messageId == null ? NullValue.NULL : Value.text(messageId));
        result.put("provider", Value.text(provider));
        result.put("to", Value.text(to));
        result.put("priority", Value.text(priority));
        if (error != null) {
            result.put("error", Value.text(error));
        }
        return new MapValue(result);
    }
}
