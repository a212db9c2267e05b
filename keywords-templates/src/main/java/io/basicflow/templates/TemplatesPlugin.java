package io.basicflow.templates;

import io.basicflow.spi.BotFiles;
import io.basicflow.spi.EffectKind;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.RetryPolicy;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * keyword-send-template.md: {@code CREATE_TEMPLATE name, body[, category]}, {@code GET_TEMPLATE
 * name}, {@code SEND_TEMPLATE name, to, channel[, variables]}, {@code SEND_TEMPLATE_TO name,
 * recipients, channel[, variables]}, the spaced {@code SEND TEMPLATE …} (also with the channel before
 * the recipient, as keywords-lead-scoring.md writes it) and the WhatsApp bot's {@code SEND TEMPLATE TO
 * phone, template[, variables]}. Templates are files of the bot's storage ({@link TemplateStore}),
 * rendered by {@link TemplateText}, sent over the channels other plugins offer ({@link
 * io.basicflow.spi.MessageChannel}: keywords-mail's {@code email}, keywords-sms's {@code sms} and
 * {@code whatsapp}).
 *
 * <p>Sending is at most once: a step that stopped while sending fails "outcome unknown" instead of
 * sending again (a text message cannot be taken back). Settings: {@code basicflow.templates.phone-channel}
 * (the channel of {@code SEND TEMPLATE TO} for a phone number, {@code whatsapp}).
 */
public final class TemplatesPlugin implements KeywordPlugin {

    static final String CREATE = "CREATE_TEMPLATE";
    static final String GET = "GET_TEMPLATE";
    static final String SEND = "SEND_TEMPLATE";
    static final String SEND_SPACED = "SEND TEMPLATE";
    static final String SEND_MANY = "SEND_TEMPLATE_TO";
    static final String SEND_TO = "SEND TEMPLATE TO";

    /** Five attempts waiting 1, 2, 4 and 8 s, when the provider did not take the message. */
    static final RetryPolicy RETRY = new RetryPolicy(5, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30));

    private static final ParameterDefinition VARIABLES = ParameterDefinition.optional(
            "variables", "the values of the template's {{placeholders}}: a map such as {\"name\": \"John\"}");

    private static final List<KeywordDefinition> KEYWORDS = List.of(
            KeywordDefinition.builder(CREATE)
                    .form(KeywordForm.FUNCTION)
                    .parameter(ParameterDefinition.required("name", "the template's name: letters, digits, . - _"))
                    .parameter(ParameterDefinition.required("body", "the text, with {{name}} placeholders"))
                    .parameter(ParameterDefinition.optional("category", "e.g. transactional or marketing"))
                    .effect(EffectKind.IDEMPOTENT_EFFECT)
                    .retry(RetryPolicy.DEFAULT)
                    .description("Keeps a message template in the bot's storage (templates/<name>.txt); returns"
                            + " {success, name, path, category, variables}.")
                    .build(),
            KeywordDefinition.builder(GET)
                    .form(KeywordForm.FUNCTION)
                    .parameter(ParameterDefinition.required("name", "the template's name or file"))
                    .effect(EffectKind.IDEMPOTENT_EFFECT)
                    .retry(RetryPolicy.DEFAULT)
                    .description("The template {name, path, body, subject, category, variables}, or NULL when"
                            + " the bot has none of that name.")
                    .build(),
            send(
                    SEND,
                    "Renders a template and sends it to one recipient over a channel; returns {success,"
                            + " message_id, channel, recipient, error}."),
            send(SEND_SPACED, "SEND_TEMPLATE written with a space; the channel may also come before the recipient."),
            KeywordDefinition.builder(SEND_MANY)
                    .form(KeywordForm.FUNCTION)
                    .parameter(ParameterDefinition.required("name", "the template's name or file"))
                    .parameter(ParameterDefinition.required(
                            "recipients", "a list of recipients, or a text of them separated by commas"))
                    .parameter(ParameterDefinition.required("channel", "email, whatsapp, sms, telegram or push"))
                    .parameter(VARIABLES)
                    .effect(EffectKind.AT_MOST_ONCE_EFFECT)
                    .retry(RETRY)
                    .description("Sends a template to each recipient; returns {total, sent, failed, errors}.")
                    .build(),
            KeywordDefinition.builder(SEND_TO)
                    .form(KeywordForm.FUNCTION)
                    .parameter(ParameterDefinition.required("to", "a phone number (WhatsApp) or an e-mail address"))
                    .parameter(ParameterDefinition.required("name", "the template's name or file"))
                    .parameter(VARIABLES)
                    .effect(EffectKind.AT_MOST_ONCE_EFFECT)
                    .retry(RETRY)
                    .description("Sends a template to a phone number over WhatsApp (basicflow.templates.phone-channel)"
                            + " or to an e-mail address by mail.")
                    .build());

    private static KeywordDefinition send(String name, String description) {
        return KeywordDefinition.builder(name)
                .form(KeywordForm.FUNCTION)
                .parameter(ParameterDefinition.required("name", "the template's name or file"))
                .parameter(ParameterDefinition.required("to", "the recipient: address, phone number or user id"))
                .parameter(ParameterDefinition.required("channel", "email, whatsapp, sms, telegram or push"))
                .parameter(VARIABLES)
                .effect(EffectKind.AT_MOST_ONCE_EFFECT)
                .retry(RETRY)
                .description(description)
                .build();
    }

    /** Creates the plugin; {@link java.util.ServiceLoader} calls this. */
    public TemplatesPlugin() {}

    @Override
    public String name() {
        return "templates";
    }

    @Override
    public List<KeywordDefinition> keywords() {
        return KEYWORDS;
    }

    @Override
    public Optional<KeywordHandler> handler(String keyword) {
        return Optional.ofNullable(
                switch (keyword) {
                    case CREATE -> TemplatesPlugin::create;
                    case GET -> TemplatesPlugin::get;
                    case SEND ->
                        i -> TemplateSender.sendOne(
                                i, text(i, "name"), text(i, "to"), text(i, "channel"), i.argument("variables"));
                    case SEND_SPACED -> TemplatesPlugin::sendSpaced;
                    case SEND_MANY ->
                        i -> TemplateSender.sendMany(
                                i,
                                text(i, "name"),
                                i.argument("recipients"),
                                text(i, "channel"),
                                i.argument("variables"));
                    case SEND_TO -> TemplatesPlugin::sendTo;
                    default -> null;
                });
    }

    private static Value create(Invocation invocation) throws KeywordException {
        String name = text(invocation, "name");
        String path = TemplateStore.pathFor(CREATE, name);
        Value categoryArgument = invocation.argument("category");
        Optional<String> category = categoryArgument instanceof NullValue
                ? Optional.empty()
                : Optional.of(categoryArgument.display().strip()).filter(c -> !c.isEmpty());
        if (category.isPresent() && category.get().contains("}}")) {
            throw KeywordException.permanent(CREATE + ": the category must not contain }}");
        }
        String file = TemplateText.file(invocation.argument("body").display(), category);
        String written = BotFiles.installed(CREATE)
                .write(
                        invocation.context(),
                        CREATE,
                        path,
                        file.getBytes(StandardCharsets.UTF_8),
                        invocation.idempotencyKey());
        Map<String, Value> result = new LinkedHashMap<>();
        result.put("success", Value.of(true));
        result.put("name", Value.text(name.strip()));
        result.put("path", Value.text(written));
        result.put("category", category.<Value>map(Value::text).orElse(NullValue.NULL));
        result.put("variables", TemplateText.parse(file).variableList());
        return new MapValue(result);
    }

    private static Value get(Invocation invocation) throws KeywordException {
        String name = text(invocation, "name");
        Optional<TemplateStore.Found> found = TemplateStore.find(invocation.context(), GET, name);
        if (found.isEmpty()) {
            return NullValue.NULL;
        }
        TemplateText template = found.get().text();
        Map<String, Value> result = new LinkedHashMap<>();
        result.put("name", Value.text(name.strip()));
        result.put("path", Value.text(found.get().path()));
        result.put("body", Value.text(template.body()));
        result.put("subject", template.subject().<Value>map(Value::text).orElse(NullValue.NULL));
        result.put("category", template.category().<Value>map(Value::text).orElse(NullValue.NULL));
        result.put("variables", template.variableList());
        return new MapValue(result);
    }

    /**
     * {@code SEND TEMPLATE name, to, channel[, vars]}, or keywords-lead-scoring.md's {@code SEND TEMPLATE
     * name, channel, to[, vars]}: when the second argument is a channel's name and the third is not,
     * they are read the other way round.
     */
    private static Value sendSpaced(Invocation invocation) throws KeywordException {
        String to = text(invocation, "to");
        String channel = text(invocation, "channel");
        if (isChannel(to) && !isChannel(channel)) {
            String recipient = channel;
            channel = to;
            to = recipient;
        }
        return TemplateSender.sendOne(
                invocation, text(invocation, "name"), to, channel, invocation.argument("variables"));
    }

    /** {@code SEND TEMPLATE TO to, template[, vars]}: an address goes by mail, a phone number by WhatsApp. */
    private static Value sendTo(Invocation invocation) throws KeywordException {
        String to = text(invocation, "to");
        String channel = to.contains("@")
                ? "email"
                : invocation.context().configuration().get("phone-channel", "whatsapp");
        return TemplateSender.sendOne(
                invocation, text(invocation, "name"), to, channel, invocation.argument("variables"));
    }

    private static boolean isChannel(String word) {
        return TemplateSender.CHANNELS.contains(word.strip().toLowerCase(Locale.ROOT));
    }

    private static String text(Invocation invocation, String parameter) throws KeywordException {
        Value value = invocation.argument(parameter);
        if (value instanceof NullValue || value.display().isBlank()) {
            throw KeywordException.permanent(invocation.keyword() + ": the " + parameter + " is empty");
        }
        return value.display();
    }
}
