package io.basicflow.spi;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * A way to deliver one text message to one recipient, offered by one plugin and used by another
 * plugin's keyword that picks the channel at run time: {@code SEND_TEMPLATE "welcome", to, "email"}
 * of the templates plugin sends through the mail plugin's SMTP sender, {@code "sms"} and {@code
 * "whatsapp"} through the SMS plugin's provider, with no compile dependency between the plugins.
 *
 * <p>A plugin offers channels through {@link ServiceLoader}: it lists its implementations in {@code
 * META-INF/services/io.basicflow.spi.MessageChannel} (each with a public no-argument constructor), as
 * {@link BotFiles} is offered. A channel reads its own plugin's settings with {@link
 * InvocationContext#configurationOf(String)} of the invocation it is handed, since that invocation
 * belongs to the calling keyword.
 *
 * <p>The calling keyword owns the step and its effect kind; a channel sends exactly once per call and
 * uses {@link Message#idempotencyKey()} (unique per message of the step) wherever its protocol can
 * deduplicate, so that a repeat after a crash is recognisably the same message.
 */
public interface MessageChannel {

    /**
     * The channel's name, lower case: {@code email}, {@code sms}, {@code whatsapp}, {@code telegram},
     * {@code push}.
     *
     * @return the name scripts write
     */
    String name();

    /**
     * Sends one message.
     *
     * @param invocation the calling keyword's invocation (its context, its idempotency key)
     * @param message the recipient, subject and text
     * @return what the provider answered; a recipient the provider refuses is a {@link Delivery} with
     *     an error, not an exception
     * @throws KeywordException when the channel cannot send at all (not configured, credentials
     *     refused) or the outcome is unknown; retryable when the provider did not take the message
     */
    Delivery send(Invocation invocation, Message message) throws KeywordException;

    /**
     * One message to send.
     *
     * @param recipient the address, phone number or user id, as the channel reads it
     * @param subject a subject line, for channels that have one (e-mail); empty otherwise
     * @param body the text
     * @param idempotencyKey unique for this message of this step, the same on every attempt
     */
    record Message(String recipient, String subject, String body, String idempotencyKey) {

        /**
         * Validates the parts.
         *
         * @param recipient not null
         * @param subject not null
         * @param body not null
         * @param idempotencyKey not null
         */
        public Message {
            requireNonNull(recipient, "recipient is null");
            requireNonNull(subject, "subject is null");
            requireNonNull(body, "body is null");
            requireNonNull(idempotencyKey, "idempotencyKey is null");
        }
    }

    /**
     * The provider's answer.
     *
     * @param messageId the provider's id of the message, when it took it
     * @param recipient the recipient as sent (normalised: E.164 for a phone number)
     * @param error why the provider refused the message, when it did
     */
    record Delivery(Optional<String> messageId, String recipient, Optional<String> error) {

        /**
         * Validates the parts.
         *
         * @param messageId not null
         * @param recipient not null
         * @param error not null
         */
        public Delivery {
            requireNonNull(messageId, "messageId is null");
            requireNonNull(recipient, "recipient is null");
            requireNonNull(error, "error is null");
        }

        /**
         * Whether the provider took the message.
         *
         * @return true when there is no error
         */
        public boolean success() {
            return error.isEmpty();
        }
    }

    /**
     * The channels on the class path of this interface (and the thread's), in the order found.
     *
     * @return the installed channels, the first of each name only
     */
    static List<MessageChannel> installed() {
        List<MessageChannel> found = new ArrayList<>();
        collect(ServiceLoader.load(MessageChannel.class, MessageChannel.class.getClassLoader()), found);
        collect(ServiceLoader.load(MessageChannel.class), found);
        return List.copyOf(found);
    }

    /**
     * The installed channel of a name.
     *
     * @param name the channel's name, any case
     * @return the channel, empty when no installed plugin offers it
     */
    static Optional<MessageChannel> named(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return installed().stream().filter(c -> c.name().equals(wanted)).findFirst();
    }

    private static void collect(ServiceLoader<MessageChannel> loader, List<MessageChannel> found) {
        Iterator<MessageChannel> iterator = loader.iterator();
        while (true) {
            MessageChannel channel;
            try {
                if (!iterator.hasNext()) {
                    return;
                }
                channel = iterator.next();
            } catch (ServiceConfigurationError broken) {
                return; // a listed class that cannot load: the channels found so far still count
            }
            if (found.stream().noneMatch(c -> c.name().equals(channel.name()))) {
                found.add(channel);
            }
        }
    }
}
