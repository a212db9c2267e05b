package io.basicflow.mail;

import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.MessageChannel;
import io.basicflow.spi.OwnPluginContext;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.Value;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code email} channel ({@link MessageChannel}): the message sent as {@code SEND MAIL recipient,
 * subject, body} with the {@code basicflow.mail.*} settings, its Message-ID derived from the
 * message's idempotency key. An address that is no address is the delivery's error.
 */
public final class MailChannel implements MessageChannel {

    private final SendMailHandler handler = new SendMailHandler();

    /** Creates the channel; {@link java.util.ServiceLoader} calls this. */
    public MailChannel() {}

    @Override
    public String name() {
        return "email";
    }

    @Override
    public Delivery send(Invocation invocation, Message message) throws KeywordException {
        try {
            Recipients.parse(Value.text(message.recipient()));
        } catch (KeywordException notAnAddress) {
            return new Delivery(Optional.empty(), message.recipient(), Optional.of(notAnAddress.getMessage()));
        }
        Map<String, Value> arguments = new LinkedHashMap<>();
        arguments.put("to", Value.text(message.recipient()));
        arguments.put("subject", Value.text(message.subject()));
        arguments.put("body", Value.text(message.body()));
        Value sent = handler.invoke(OwnPluginContext.invocation(
                invocation, "mail", MailPlugin.SEND_MAIL, arguments, message.idempotencyKey()));
        String messageId =
                sent instanceof MapValue map ? map.entries().get("messageId").display() : "";
        return new Delivery(Optional.of(messageId), message.recipient(), Optional.empty());
    }
}
