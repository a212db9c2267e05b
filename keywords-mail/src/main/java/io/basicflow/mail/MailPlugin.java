package io.basicflow.mail;

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
 * The mail plugin: the keyword {@code SEND MAIL to, subject, body}, which the compiler also uses for
 * {@code SEND EMAIL} and the {@code BEGIN MAIL … END MAIL} block. It sends over SMTP with Jakarta
 * Mail, configured by the keys {@code basicflow.mail.*} (see the module's README).
 *
 * <p>Delivery is at least once per step, and recognisably once: the Message-ID comes from the
 * step's idempotency key ({@link MessageIds#forIdempotencyKey}), so a message sent again after a
 * crash between sending and recording carries the same Message-ID and a receiver can drop it.
 */
public final class MailPlugin implements KeywordPlugin {

    /** The keyword's name. */
    public static final String SEND_MAIL = "SEND MAIL";

    /**
     * Seven attempts, waiting 1, 2, 4, 8, 16 and 32 seconds: a server restart or a minute of
     * network trouble does not fail the step.
     */
    public static final RetryPolicy RETRY = new RetryPolicy(7, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(60));

    private static final KeywordDefinition DEFINITION = KeywordDefinition.builder(SEND_MAIL)
            .form(KeywordForm.STATEMENT)
            .parameter(ParameterDefinition.required(
                    "to", "the recipients: addresses separated by commas or semicolons, or a list of addresses"))
            .parameter(ParameterDefinition.required("subject", "the subject, one line"))
            .parameter(ParameterDefinition.optional(
                    "body",
                    "the body: plain text, or HTML (sent with a plain text alternative); empty when left out,"
                            + " as in SEND MAIL admin, \"Sync finished\""))
            .parameter(ParameterDefinition.optional(
                    "attachments",
                    "files of the bot's storage to attach, as a path or a list of paths (SEND MAIL to, subject,"
                            + " body, [\"a.pdf\"]; an empty list attaches none)"))
            .parameter(ParameterDefinition.introducedBy(
                    "ATTACHMENT",
                    "attachment",
                    true,
                    "a file of the bot's storage to attach (ATTACHMENT \"reports/day.pdf\"), or a list of them"))
            .parameter(ParameterDefinition.introducedBy(
                    "USING",
                    "account",
                    true,
                    "the account to send as (USING \"support@example.com\"): its address becomes the From"
                            + " address; the configured SMTP server must accept it"))
            .effect(EffectKind.IDEMPOTENT_EFFECT)
            .retry(RETRY)
            .description("Sends an e-mail over SMTP from the configured sender (basicflow.mail.from). Its"
                    + " Message-ID is derived from the step, so a repeat after a crash is recognisably the same"
                    + " message.")
            .build();

    private final SendMailHandler handler = new SendMailHandler();

    /** Creates the plugin; {@link java.util.ServiceLoader} calls this. */
    public MailPlugin() {}

    @Override
    public String name() {
        return "mail";
    }

    @Override
    public List<KeywordDefinition> keywords() {
        return List.of(DEFINITION);
    }

    @Override
    public Optional<KeywordHandler> handler(String keyword) {
        return SEND_MAIL.equals(keyword) ? Optional.of(handler) : Optional.empty();
    }
}
