package io.basicflow.sms;

import io.basicflow.spi.KeywordException;
import io.basicflow.spi.PluginConfiguration;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code basicflow.sms.*} settings.
 *
 * @param provider {@code sms.provider}: the default provider, {@code twilio}
 * @param defaultCountryCode {@code sms.default-country-code}: for numbers written without one, {@code 1}
 * @param timeout {@code sms.timeout-ms}: the longest a send may take, 10 s
 * @param twilioBaseUrl {@code sms.twilio.base-url}: {@code https://api.twilio.com}
 * @param twilioAccountSid {@code sms.twilio.account-sid}
 * @param twilioAuthToken {@code sms.twilio.auth-token}
 * @param twilioFrom {@code sms.twilio.from}: the sending number, E.164
 * @param twilioWhatsappFrom {@code sms.twilio.whatsapp-from}: the WhatsApp sender's number, E.164, for
 *     the {@code whatsapp} channel of {@code SEND_TEMPLATE}; {@code twilio.from} when unset
 */
record SmsSettings(
        String provider,
        String defaultCountryCode,
        Duration timeout,
        URI twilioBaseUrl,
        Optional<String> twilioAccountSid,
        Optional<String> twilioAuthToken,
        Optional<String> twilioFrom,
        Optional<String> twilioWhatsappFrom) {

    static SmsSettings from(PluginConfiguration configuration) throws KeywordException {
        String code =
                configuration.get("default-country-code", "1").replace("+", "").strip();
        if (!code.matches("[1-9][0-9]{0,2}")) {
            throw KeywordException.permanent("SEND SMS: basicflow.sms.default-country-code must be a country"
                    + " calling code of 1 to 3 digits (55 for Brazil), was '" + code + "'");
        }
        URI base;
        try {
            base = URI.create(configuration
                    .get("twilio.base-url", "https://api.twilio.com")
                    .replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw KeywordException.permanent("SEND SMS: basicflow.sms.twilio.base-url is no URL: " + e.getMessage());
        }
        return new SmsSettings(
                configuration.get("provider", "twilio").strip().toLowerCase(Locale.ROOT),
                code,
                Duration.ofMillis(configuration.getInt("timeout-ms", 10_000)),
                base,
                configuration.get("twilio.account-sid").filter(value -> !value.isBlank()),
                configuration.get("twilio.auth-token").filter(value -> !value.isBlank()),
                configuration.get("twilio.from").filter(value -> !value.isBlank()),
                configuration.get("twilio.whatsapp-from").filter(value -> !value.isBlank()));
    }
}
