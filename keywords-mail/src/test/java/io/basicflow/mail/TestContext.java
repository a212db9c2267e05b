package io.basicflow.mail;

import io.basicflow.spi.Invocation;
import io.basicflow.spi.InvocationContext;
import io.basicflow.spi.PluginConfiguration;
import io.basicflow.spi.value.Value;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/** A hand-written {@link InvocationContext}: a fixed clock, a recording logger, a configuration. */
record TestContext(RecordingLogger logger, Clock clock, PluginConfiguration configuration)
        implements InvocationContext {

    static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");

    static TestContext of(Map<String, String> settings) {
        return new TestContext(
                new RecordingLogger(), Clock.fixed(NOW, ZoneOffset.UTC), new PluginConfiguration("mail", settings));
    }

    /** Builds the invocation the engine would make for {@code SEND MAIL to, subject, body}. */
    Invocation sendMail(Value to, Value subject, Value body, String idempotencyKey, int attempt) {
        Map<String, Value> arguments = new LinkedHashMap<>();
        arguments.put("to", to);
        arguments.put("subject", subject);
        arguments.put("body", body);
        String executionId = idempotencyKey.contains("/")
                ? idempotencyKey.substring(0, idempotencyKey.indexOf('/'))
                : idempotencyKey;
        return new Invocation(MailPlugin.SEND_MAIL, arguments, idempotencyKey, executionId, attempt, this);
    }

    Invocation sendMail(String to, String subject, String body, String idempotencyKey) {
        return sendMail(Value.text(to), Value.text(subject), Value.text(body), idempotencyKey, 1);
    }
}
