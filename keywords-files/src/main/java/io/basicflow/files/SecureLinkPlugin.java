package io.basicflow.files;

import io.basicflow.spi.EffectKind;
import io.basicflow.spi.ExecutionScope;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.PluginConfiguration;
import io.basicflow.spi.RetryPolicy;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code link = GENERATE SECURE LINK path EXPIRES n DAYS|HOURS|MINUTES}: a download URL of a file of the
 * bot's storage that {@code basicflow serve} answers until it expires ({@link SecureLinks}; see
 * docs/general-bots-extras.md). The path is relative to the bot's storage; a leading {@code /} is its
 * top, as General Bots' drive paths are written. The URL is recorded with the step, so a resumed run
 * sends the same link.
 *
 * <p>Configuration ({@code basicflow.files.*}): {@code base-url}, the server's address as users reach it
 * (default {@code http://localhost:8080}); {@code link-secret}, the signing key (default: a random one kept
 * in the files root).
 */
public final class SecureLinkPlugin implements KeywordPlugin {

    /** The keyword. */
    public static final String GENERATE_SECURE_LINK = "GENERATE SECURE LINK";

    /** The longest a link may live. */
    static final Duration LONGEST = Duration.ofDays(366);

    private static final RetryPolicy RETRY = new RetryPolicy(3, Duration.ofMillis(50), 4.0, Duration.ofSeconds(1));

    /** Creates the plugin; {@link java.util.ServiceLoader} calls this. */
    public SecureLinkPlugin() {}

    /** Its own name; it reads the files plugin's settings ({@code basicflow.files.*}). */
    @Override
    public String name() {
        return "secure-links";
    }

    @Override
    public List<KeywordDefinition> keywords() {
        return List.of(KeywordDefinition.builder(GENERATE_SECURE_LINK)
                .form(KeywordForm.FUNCTION)
                .parameter(ParameterDefinition.required("path", "the file, in the bot's storage"))
                .parameter(ParameterDefinition.introducedBy(
                        "EXPIRES",
                        "expires",
                        true,
                        "how many days (or HOURS, MINUTES) the link works; 7 DAYS if left out"))
                .parameter(ParameterDefinition.flag("DAYS", "days", "the number after EXPIRES counts days"))
                .parameter(ParameterDefinition.flag("HOURS", "hours", "the number after EXPIRES counts hours"))
                .parameter(ParameterDefinition.flag("MINUTES", "minutes", "the number after EXPIRES counts minutes"))
                .effect(EffectKind.IDEMPOTENT_EFFECT)
                .retry(RETRY)
                .description("A signed download URL of a file of the bot's storage, served by basicflow serve until"
                        + " it expires.")
                .build());
    }

    @Override
    public Optional<KeywordHandler> handler(String keyword) {
        return GENERATE_SECURE_LINK.equals(keyword) ? Optional.of(SecureLinkPlugin::generate) : Optional.empty();
    }

    static Value generate(Invocation invocation) throws KeywordException {
        ExecutionScope scope = invocation
                .context()
                .scope()
                .orElseThrow(() -> KeywordException.permanent(
                        GENERATE_SECURE_LINK + " needs a running execution: this context names no bot"));
        if (!SecureLinks.isBot(scope.bot())) {
            throw KeywordException.permanent(GENERATE_SECURE_LINK + ": the bot '" + scope.bot() + "' cannot be named in"
                    + " a link (letters, digits, '.', '-', '_')");
        }
        String written = invocation.argument("path").display();
        String relative = written.strip().replace('\\', '/').replaceFirst("^/+", "");
        PluginConfiguration files = invocation.context().configurationOf("files");
        BotStorage storage = BotStorage.of(invocation.context(), files);
        Path file = storage.resolve(GENERATE_SECURE_LINK, relative);
        if (!Files.isRegularFile(file)) {
            throw KeywordException.permanent(GENERATE_SECURE_LINK + ": there is no file '" + written + "' in the bot's"
                    + " storage (" + storage.folder() + "); write or UPLOAD it first");
        }
        String path = storage.folder().relativize(file).toString().replace('\\', '/');
        Duration lifetime = lifetime(invocation);
        Instant expires = invocation.context().clock().instant().plus(lifetime);
        SecureLinks links;
        try {
            FilesSettings settings =
                    FilesSettings.from(files, invocation.context().configurationOf("scripts"));
            links = SecureLinks.of(files.get("link-secret"), settings.root());
        } catch (IllegalArgumentException e) {
            throw KeywordException.permanent(GENERATE_SECURE_LINK + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw KeywordException.retryable(GENERATE_SECURE_LINK + ": cannot read or create the link secret: " + e, e);
        }
        String base = files.get("base-url", "http://localhost:8080");
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return new TextValue(base + links.link(scope.bot(), path, expires));
    }

    private static Duration lifetime(Invocation invocation) throws KeywordException {
        Value expires = invocation.argument("expires");
        if (expires instanceof NullValue) {
            return Duration.ofDays(7);
        }
        BigDecimal amount;
        if (expires instanceof NumberValue number) {
            amount = number.toBigDecimal();
        } else {
            try {
                amount = new BigDecimal(expires.display().strip());
            } catch (NumberFormatException notNumber) {
                throw KeywordException.permanent(GENERATE_SECURE_LINK + ": EXPIRES needs a number of days, hours or"
                        + " minutes, not '" + expires.display() + "'");
            }
        }
        int units = (invocation.argument("days").isTruthy() ? 1 : 0)
                + (invocation.argument("hours").isTruthy() ? 1 : 0)
                + (invocation.argument("minutes").isTruthy() ? 1 : 0);
        if (units > 1) {
            throw KeywordException.permanent(
                    GENERATE_SECURE_LINK + ": write one of DAYS, HOURS or MINUTES after the" + " number");
        }
        long secondsPerUnit = invocation.argument("hours").isTruthy()
                ? 3600
                : invocation.argument("minutes").isTruthy() ? 60 : 86_400;
        BigDecimal seconds = amount.multiply(BigDecimal.valueOf(secondsPerUnit));
        if (seconds.signum() <= 0 || seconds.compareTo(BigDecimal.valueOf(LONGEST.toSeconds())) > 0) {
            throw KeywordException.permanent(GENERATE_SECURE_LINK + ": a link lives more than 0 and at most 366"
                    + " days, not " + expires.display());
        }
        return Duration.ofSeconds(seconds.longValue());
    }
}
