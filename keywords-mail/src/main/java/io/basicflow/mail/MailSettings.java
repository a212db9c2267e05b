package io.basicflow.mail;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.PluginConfiguration;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The validated {@code basicflow.mail.*} settings. Built once per configuration by {@link
 * #from(PluginConfiguration)}, which reports every problem with the full key name.
 *
 * @param host the SMTP server
 * @param port its port
 * @param security plain, STARTTLS or implicit TLS
 * @param username the login, if the server wants one
 * @param password the password that goes with the login
 * @param from the default sender, as written in the configuration
 * @param timeout connect, read and write timeout
 * @param html how bodies are recognised as HTML
 * @param messageIdDomain the part after {@code @} in generated Message-IDs
 * @param trust which servers are trusted without a verifiable certificate
 * @param heloName the name sent in EHLO, if not the machine's own
 */
record MailSettings(
        String host,
        int port,
        Security security,
        Optional<String> username,
        Optional<String> password,
        String from,
        Duration timeout,
        HtmlMode html,
        String messageIdDomain,
        Trust trust,
        Optional<String> heloName) {

    static final String PREFIX = "basicflow.mail.";

    /** The keys this plugin reads, without the prefix. Any other key under the prefix is a typo. */
    static final Set<String> KEYS = new TreeSet<>(List.of(
            "host",
            "port",
            "security",
            "username",
            "password",
            "from",
            "timeout-ms",
            "html",
            "message-id-domain",
            "trust",
            "helo-name"));

    static final int DEFAULT_TIMEOUT_MILLIS = 10_000;

    private static final Pattern HOST_NAME =
            Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\\.?");
    private static final Pattern HOST_LITERAL = Pattern.compile("\\[[0-9A-Fa-f:.]+]|[0-9A-Fa-f:.]+");
    private static final Pattern MESSAGE_ID_DOMAIN = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*|\\[[^\\[\\]\\\\\\s]+]");

    /**
     * How the connection to the server is protected.
     */
    enum Security {
        /** Plain SMTP; nothing is encrypted. Default port 25. */
        NONE(25),
        /** Plain connection upgraded with STARTTLS, which is required. Default port 587. */
        STARTTLS(587),
        /** TLS from the first byte (SMTPS). Default port 465. */
        SSL(465);

        final int defaultPort;

        Security(int defaultPort) {
            this.defaultPort = defaultPort;
        }
    }

    /** How a body is recognised as HTML. */
    enum HtmlMode {
        /** HTML when the body contains an HTML tag (see {@link HtmlBodies#looksLikeHtml}). */
        AUTO,
        /** Every body is HTML. */
        ALWAYS,
        /** Every body is plain text, even if it contains tags. */
        NEVER
    }

    /**
     * Which servers are trusted when their certificate cannot be verified against the JVM's trust
     * store.
     *
     * @param hosts empty: verify every certificate and the host name in it (the default); {@code
     *     *}: trust every server; otherwise the host names trusted without verification
     */
    record Trust(List<String> hosts) {
        static final Trust VERIFY = new Trust(List.of());

        Trust {
            hosts = List.copyOf(hosts);
        }

        boolean trustsAll() {
            return hosts.contains("*");
        }

        boolean trusts(String host) {
            return trustsAll() || hosts.stream().anyMatch(h -> h.equalsIgnoreCase(host));
        }
    }

    MailSettings {
        requireNonNull(host, "host is null");
        requireNonNull(security, "security is null");
        requireNonNull(username, "username is null");
        requireNonNull(password, "password is null");
        requireNonNull(from, "from is null");
        requireNonNull(timeout, "timeout is null");
        requireNonNull(html, "html is null");
        requireNonNull(messageIdDomain, "messageIdDomain is null");
        requireNonNull(trust, "trust is null");
        requireNonNull(heloName, "heloName is null");
    }

    /**
     * Reads and validates the settings.
     *
     * @param configuration the plugin's configuration
     * @return the settings
     * @throws MailConfigurationException naming the first invalid or missing key
     */
    static MailSettings from(PluginConfiguration configuration) {
        for (String key : configuration.values().keySet()) {
            if (!KEYS.contains(key)) {
                throw new MailConfigurationException(PREFIX + key + " is not a mail setting; the mail settings are "
                        + KEYS.stream().map(k -> PREFIX + k).toList());
            }
        }
        String host = required(configuration, "host").trim();
        if (!HOST_NAME.matcher(host).matches() && !HOST_LITERAL.matcher(host).matches()) {
            throw invalid("host", host, "a host name or an IP address");
        }
        Security security = choice(configuration, "security", Security.class, Security.NONE);
        int port = integer(configuration, "port", security.defaultPort, 1, 65_535);
        Optional<String> username = optional(configuration, "username");
        Optional<String> password = configuration.get("password").filter(p -> !p.isEmpty());
        if (username.isPresent() && password.isEmpty()) {
            throw new MailConfigurationException(
                    PREFIX + "password is not configured; it is required when " + PREFIX + "username is set");
        }
        if (password.isPresent() && username.isEmpty()) {
            throw new MailConfigurationException(
                    PREFIX + "username is not configured; it is required when " + PREFIX + "password is set");
        }
        username.ifPresent(user -> rejectControlCharacters("username", user));
        String from = required(configuration, "from").trim();
        InternetAddress fromAddress = sender(from);
        int timeoutMillis = integer(configuration, "timeout-ms", DEFAULT_TIMEOUT_MILLIS, 1, 3_600_000);
        HtmlMode html = choice(configuration, "html", HtmlMode.class, HtmlMode.AUTO);
        String messageIdDomain = optional(configuration, "message-id-domain")
                .map(domain -> {
                    if (!MESSAGE_ID_DOMAIN.matcher(domain).matches()) {
                        throw invalid("message-id-domain", domain, "a domain name such as example.com");
                    }
                    return domain;
                })
                .orElseGet(() -> domainOf(fromAddress));
        Trust trust = optional(configuration, "trust")
                .map(value -> new Trust(Arrays.stream(value.split("[\\s,]+"))
                        .filter(part -> !part.isEmpty())
                        .toList()))
                .orElse(Trust.VERIFY);
        if (trust.trustsAll() && trust.hosts().size() > 1) {
            throw invalid("trust", String.join(",", trust.hosts()), "either * or a list of host names, not both");
        }
        Optional<String> heloName = optional(configuration, "helo-name").map(name -> {
            if (!HOST_NAME.matcher(name).matches()
                    && !HOST_LITERAL.matcher(name).matches()) {
                throw invalid("helo-name", name, "a host name or an address literal such as [192.0.2.1]");
            }
            return name;
        });
        return new MailSettings(
                host,
                port,
                security,
                username,
                password,
                fromAddress.toUnicodeString(),
                Duration.ofMillis(timeoutMillis),
                html,
                messageIdDomain,
                trust,
                heloName);
    }

    /**
     * The default sender as an address object.
     *
     * @return a new address each time (InternetAddress is mutable)
     */
    InternetAddress fromAddress() {
        return sender(from);
    }

    /** Masks the password: settings end up in log lines and exception messages. */
    @Override
    public String toString() {
        return "MailSettings[host=" + host + ", port=" + port + ", security=" + security + ", username="
                + username.orElse("(none)") + ", password=" + (password.isPresent() ? "****" : "(none)") + ", from="
                + from + ", timeout=" + timeout.toMillis() + "ms, html=" + html + ", messageIdDomain="
                + messageIdDomain + ", trust=" + trust.hosts() + ", heloName=" + heloName.orElse("(default)") + "]";
    }

    /**
     * Where this server is, for error messages.
     *
     * @return host:port
     */
    String server() {
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    private static InternetAddress sender(String from) {
        rejectControlCharacters("from", from);
        try {
            InternetAddress address = new InternetAddress(from, true);
            if (address.isGroup()) {
                throw invalid("from", from, "one e-mail address, not a group");
            }
            return address;
        } catch (AddressException e) {
            throw invalid(
                    "from",
                    from,
                    "an e-mail address such as bot@example.com or \"Bot <bot@example.com>\" (" + e.getMessage() + ")");
        }
    }

    private static String domainOf(InternetAddress from) {
        String address = from.getAddress();
        String domain = address.substring(address.lastIndexOf('@') + 1);
        if (!MESSAGE_ID_DOMAIN.matcher(domain).matches()) {
            throw new MailConfigurationException("cannot derive the Message-ID domain from " + PREFIX + "from ("
                    + address + "); set " + PREFIX + "message-id-domain");
        }
        return domain.toLowerCase(Locale.ROOT);
    }

    private static String required(PluginConfiguration configuration, String key) {
        return optional(configuration, key)
                .orElseThrow(() -> new MailConfigurationException(PREFIX + key + " is not configured"));
    }

    private static Optional<String> optional(PluginConfiguration configuration, String key) {
        return configuration.get(key).map(String::trim).filter(value -> !value.isEmpty());
    }

    private static int integer(PluginConfiguration configuration, String key, int defaultValue, int min, int max) {
        Optional<String> text = optional(configuration, key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.get());
            if (value < min || value > max) {
                throw invalid(key, text.get(), "an integer from " + min + " to " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid(key, text.get(), "an integer from " + min + " to " + max);
        }
    }

    private static <E extends Enum<E>> E choice(
            PluginConfiguration configuration, String key, Class<E> type, E defaultValue) {
        Optional<String> text = optional(configuration, key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text.get())) {
                return constant;
            }
        }
        throw invalid(
                key,
                text.get(),
                "one of "
                        + Arrays.stream(type.getEnumConstants())
                                .map(c -> c.name().toLowerCase(Locale.ROOT))
                                .toList());
    }

    private static void rejectControlCharacters(String key, String value) {
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new MailConfigurationException(PREFIX + key + " contains a control character (a line break?)");
        }
    }

    private static MailConfigurationException invalid(String key, String value, String expected) {
        return new MailConfigurationException(PREFIX + key + " is invalid: '" + value + "'; expected " + expected);
    }
}
