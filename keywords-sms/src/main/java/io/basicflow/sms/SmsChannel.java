package io.basicflow.sms;

import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.MessageChannel;
import io.basicflow.spi.OwnPluginContext;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code sms} and {@code whatsapp} channels ({@link MessageChannel}) over Twilio, with the {@code
 * basicflow.sms.*} settings: a text message, or a WhatsApp message ({@code whatsapp:} numbers, sender
 * {@code sms.twilio.whatsapp-from}). A number that is no phone number, and a number Twilio refuses,
 * are the delivery's error. Like {@code SEND SMS}, a connection lost after the request left fails
 * with "outcome unknown" rather than sending again.
 */
public abstract sealed class SmsChannel implements MessageChannel {

    private final SmsHandler handler = new SmsHandler();

    private SmsChannel() {}

    /** Text messages. */
    public static final class Sms extends SmsChannel {
        /** Creates the channel; {@link java.util.ServiceLoader} calls this. */
        public Sms() {}

        @Override
        public String name() {
            return "sms";
        }
    }

    /** WhatsApp messages through Twilio. */
    public static final class WhatsApp extends SmsChannel {
        /** Creates the channel; {@link java.util.ServiceLoader} calls this. */
        public WhatsApp() {}

        @Override
        public String name() {
            return "whatsapp";
        }
    }

    @Override
    public Delivery send(Invocation invocation, Message message) throws KeywordException {
        Invocation own =
                OwnPluginContext.invocation(invocation, "sms", SmsPlugin.SEND_SMS, Map.of(), message.idempotencyKey());
        SmsHandler.Cached setup = handler.setup(own.context().configuration());
        Optional<String> to =
                PhoneNumbers.normalise(message.recipient(), setup.settings().defaultCountryCode());
        if (to.isEmpty()) {
            return new Delivery(
                    Optional.empty(),
                    message.recipient(),
                    Optional.of("INVALID_PHONE: '" + message.recipient() + "' is no phone number; write it in E.164"
                            + " form, + and the country code, e.g. +5511999887766"));
        }
        TwilioSender.Sent sent = setup.twilio().send(own, to.get(), message.body(), this instanceof WhatsApp);
        return new Delivery(sent.messageId(), to.get(), sent.error());
    }
}
