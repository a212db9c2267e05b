package io.basicflow.templates;

import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.MessageChannel;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Renders a template and hands it to a channel another plugin offers ({@link MessageChannel}): one
 * recipient ({@code SEND_TEMPLATE}, the page's {@code {success, message_id, channel, recipient}}) or
 * many ({@code SEND_TEMPLATE_TO}, {@code {total, sent, failed, errors}}).
 */
final class TemplateSender {

    /** The channels keyword-send-template.md names; a script's word among them is a channel. */
    static final List<String> CHANNELS = List.of("email", "whatsapp", "sms", "telegram", "push");

    /** The channels found, kept: a channel keeps its provider's client between messages. */
    private static final Map<String, MessageChannel> FOUND = new java.util.concurrent.ConcurrentHashMap<>();

    private TemplateSender() {}

    /** Sends to one recipient; a failure the provider reports is the result's {@code error}. */
    static Value sendOne(Invocation invocation, String name, String recipient, String channelName, Value variables)
            throws KeywordException {
        String keyword = invocation.keyword();
        MessageChannel channel = channel(keyword, channelName);
        MessageChannel.Message message = message(invocation, name, recipient, variables, invocation.idempotencyKey());
        MessageChannel.Delivery delivery = channel.send(invocation, message);
        log(invocation, channel, delivery);
        Map<String, Value> result = new LinkedHashMap<>();
        result.put("success", Value.of(delivery.success()));
        result.put("message_id", delivery.messageId().<Value>map(Value::text).orElse(NullValue.NULL));
        result.put("channel", Value.text(channel.name()));
        result.put("recipient", Value.text(delivery.recipient()));
        delivery.error().ifPresent(error -> result.put("error", Value.text(error)));
        return new MapValue(result);
    }

    /**
     * Sends to each recipient in turn. A recipient whose send fails (refused, or the provider could
     * not be reached) is counted in {@code failed} with its error and the others still go: retrying
     * the whole step would send the ones already sent again.
     */
    static Value sendMany(Invocation invocation, String name, Value recipients, String channelName, Value variables)
            throws KeywordException {
        String keyword = invocation.keyword();
        MessageChannel channel = channel(keyword, channelName);
        List<String> to = recipients(keyword, recipients);
        TemplateStore.require(invocation.context(), keyword, name); // no template: nothing to count
        int sent = 0;
        List<Value> errors = new ArrayList<>();
        List<Value> deliveries = new ArrayList<>();
        for (int i = 0; i < to.size(); i++) {
            String recipient = to.get(i);
            MessageChannel.Delivery delivery;
            try {
                MessageChannel.Message message =
                        message(invocation, name, recipient, variables, invocation.idempotencyKey() + "/" + i);
                delivery = channel.send(invocation, message);
            } catch (KeywordException failed) {
                delivery = new MessageChannel.Delivery(Optional.empty(), recipient, Optional.of(failed.getMessage()));
            }
            log(invocation, channel, delivery);
            if (delivery.success()) {
                sent++;
            } else {
                errors.add(new MapValue(Map.of(
                        "recipient", Value.text(recipient),
                        "error", Value.text(delivery.error().orElseThrow()))));
            }
            Map<String, Value> one = new LinkedHashMap<>();
            one.put("recipient", Value.text(delivery.recipient()));
            one.put("success", Value.of(delivery.success()));
            one.put("message_id", delivery.messageId().<Value>map(Value::text).orElse(NullValue.NULL));
            deliveries.add(new MapValue(one));
        }
        Map<String, Value> result = new LinkedHashMap<>();
        result.put("total", Value.number(to.size()));
        result.put("sent", Value.number(sent));
        result.put("failed", Value.number(to.size() - sent));
        result.put("errors", new ListValue(errors));
        result.put("channel", Value.text(channel.name()));
        result.put("deliveries", new ListValue(deliveries));
        return new MapValue(result);
    }

    /** The installed channel of a name, or a failure naming the installed ones. */
    static MessageChannel channel(String keyword, String name) throws KeywordException {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        MessageChannel kept = FOUND.get(wanted);
        if (kept != null) {
            return kept;
        }
        Optional<MessageChannel> channel = MessageChannel.named(wanted);
        if (channel.isPresent()) {
            FOUND.putIfAbsent(wanted, channel.get());
            return channel.get();
        }
        String installed =
                MessageChannel.installed().stream().map(MessageChannel::name).collect(Collectors.joining(", "));
        throw KeywordException.permanent(keyword + ": no installed plugin sends over the '" + wanted + "' channel"
                + (CHANNELS.contains(wanted)
                        ? ""
                        : " (keyword-send-template.md names " + String.join(", ", CHANNELS) + ")")
                + "; the installed channels are " + (installed.isEmpty() ? "none" : installed)
                + (wanted.equals("email") ? " (add keywords-mail)" : "")
                + (wanted.equals("sms") || wanted.equals("whatsapp") ? " (add keywords-sms)" : ""));
    }

    private static MessageChannel.Message message(
            Invocation invocation, String name, String recipient, Value variables, String key) throws KeywordException {
        if (!(variables instanceof MapValue || variables instanceof NullValue)) {
            throw KeywordException.permanent(invocation.keyword()
                    + ": the variables must be a map ({\"name\": \"John\"})," + " not " + variables.display());
        }
        TemplateStore.Found found = TemplateStore.require(invocation.context(), invocation.keyword(), name);
        TemplateText text = found.text();
        String subject = TemplateText.render(text.subject().orElse(name.strip()), variables);
        String body = TemplateText.render(text.body(), variables);
        return new MessageChannel.Message(recipient.strip(), subject, body, key);
    }

    private static List<String> recipients(String keyword, Value recipients) throws KeywordException {
        List<String> out = new ArrayList<>();
        if (recipients instanceof ListValue list) {
            for (Value element : list.elements()) {
                out.add(element.display().strip());
            }
        } else if (!(recipients instanceof NullValue)) {
            for (String part : recipients.display().split("[,;]")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        if (out.isEmpty()) {
            throw KeywordException.permanent(keyword + ": no recipients; give a list ([\"a@example.com\","
                    + " \"b@example.com\"]) or a text of them separated by commas");
        }
        return out;
    }

    private static void log(Invocation invocation, MessageChannel channel, MessageChannel.Delivery delivery) {
        invocation
                .context()
                .logger()
                .log(
                        delivery.success() ? Level.INFO : Level.WARNING,
                        "{0} over {1} to {2}: {3} (execution {4})",
                        invocation.keyword(),
                        channel.name(),
                        delivery.recipient(),
                        delivery.success()
                                ? "sent " + delivery.messageId().orElse("")
                                : delivery.error().orElse(""),
                        invocation.executionId());
    }
}
