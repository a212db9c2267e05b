package io.basicflow.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * Twilio's Programmable Messaging REST API: {@code POST
 * /2010-04-01/Accounts/{AccountSid}/Messages.json} with the form fields {@code To}, {@code From} and
 * {@code Body}, HTTP Basic authentication with the account SID and auth token; {@code 201} with the
 * message's {@code sid}, or a 4xx JSON error {@code {code, message, more_info, status}}.
 *
 * <p>Which failures are retried: an answer of 429 or 5xx (Twilio did not take the message) and a
 * connection that could not be opened (nothing left). A connection lost after the request went out is
 * not retried: the message may have been sent, and the step fails saying so.
 */
final class TwilioSender {

    /** Twilio's error codes for a number it cannot send to. */
    private static final Set<Integer> INVALID_NUMBER =
            Set.of(21211, 21214, 21217, 21401, 21407, 21408, 21610, 21612, 21614);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The provider's answer: its message id, or why it refused the message. */
    record Sent(Optional<String> messageId, Optional<String> error) {}

    private final SmsSettings settings;
    private final HttpClient client;

    TwilioSender(SmsSettings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    Sent send(Invocation invocation, String to, String text) throws KeywordException {
        return send(invocation, to, text, false);
    }

    /**
     * Sends one message; over WhatsApp when asked, Twilio's way: {@code whatsapp:} before both numbers,
     * the sender {@code sms.twilio.whatsapp-from} (the SMS sender when unset).
     */
    Sent send(Invocation invocation, String to, String text, boolean whatsapp) throws KeywordException {
        String sid = settings.twilioAccountSid().orElseThrow(() -> missing("twilio.account-sid"));
        String token = settings.twilioAuthToken().orElseThrow(() -> missing("twilio.auth-token"));
        String from = (whatsapp ? settings.twilioWhatsappFrom().or(settings::twilioFrom) : settings.twilioFrom())
                .orElseThrow(() -> missing("twilio.from"));
        String prefix = whatsapp ? "whatsapp:" : "";
        URI uri = URI.create(settings.twilioBaseUrl() + "/2010-04-01/Accounts/"
                + URLEncoder.encode(sid, StandardCharsets.UTF_8) + "/Messages.json");
        String form = "To=" + URLEncoder.encode(prefix + to, StandardCharsets.UTF_8) + "&From="
                + URLEncoder.encode(prefix + from, StandardCharsets.UTF_8) + "&Body="
                + URLEncoder.encode(text, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(settings.timeout())
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((sid + ":" + token).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("Idempotency-Key", invocation.idempotencyKey())
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw KeywordException.retryable(
                    "SEND SMS: cannot reach twilio at " + settings.twilioBaseUrl() + ": " + e, e);
        } catch (IOException e) {
            throw KeywordException.permanent(
                    "SEND SMS to " + to + ": the connection to twilio was lost after the"
                            + " request left (" + e
                            + "); the message may have been sent, so it is not sent again: check"
                            + " twilio's message log, then retry or cancel the execution",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw KeywordException.permanent(
                    "SEND SMS to " + to + ": interrupted before twilio answered; the"
                            + " message may have been sent, so it is not sent again",
                    e);
        }
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        if (status >= 200 && status < 300) {
            String messageId = body.path("sid").asText("");
            if (messageId.isEmpty()) {
                throw KeywordException.permanent("SEND SMS to " + to + ": twilio answered " + status
                        + " without a message sid: " + shortened(response.body()));
            }
            return new Sent(Optional.of(messageId), Optional.empty());
        }
        if (status == 429 || status >= 500) {
            throw KeywordException.retryable(
                    "SEND SMS: twilio answered " + status + ": " + shortened(response.body()), null);
        }
        if (status == 401 || status == 403) {
            throw KeywordException.permanent("SEND SMS: twilio refused the credentials (" + status + "): check"
                    + " basicflow.sms.twilio.account-sid and basicflow.sms.twilio.auth-token");
        }
        int code = body.path("code").asInt(0);
        String message = body.path("message").asText(shortened(response.body()));
        String kind = INVALID_NUMBER.contains(code) ? "INVALID_PHONE" : "TWILIO_" + (code == 0 ? status : code);
        return new Sent(Optional.empty(), Optional.of(kind + ": " + message));
    }

    private static KeywordException missing(String key) {
        return KeywordException.permanent("SEND SMS: basicflow.sms." + key + " is not set; twilio needs"
                + " basicflow.sms.twilio.account-sid, basicflow.sms.twilio.auth-token and basicflow.sms.twilio.from");
    }

    private static JsonNode parse(String body) {
        try {
            return body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException notJson) {
            return JSON.createObjectNode();
        }
    }

    private static String shortened(String body) {
        String flat = body.replaceAll("\\s+", " ").strip();
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }
}
