package io.basicflow.app.triggers;

import static java.util.Objects.requireNonNull;

import io.basicflow.app.config.Configuration;
import io.basicflow.app.config.ConfigurationException;
import io.basicflow.app.config.Setting;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The IMAP server the {@code ON EMAIL} monitors read ({@code basicflow.triggers.imap.*}) and how a monitored
 * address maps to a mailbox of it: the login is the address itself unless {@code
 * basicflow.triggers.imap.user.<address>} names another, and the password is {@code
 * basicflow.triggers.imap.password.<address>}, else {@code basicflow.triggers.imap.password}.
 *
 * @param host the server; empty: no mailbox is read
 * @param port its port
 * @param security {@code none}, {@code starttls} or {@code ssl}
 * @param trust empty (verify certificates), {@code *} or a list of host names trusted without verification
 * @param timeoutMillis connect and read timeout
 * @param values every setting, for the per-address keys
 */
public record ImapSettings(
        Optional<String> host, int port, String security, String trust, int timeoutMillis, Map<String, String> values) {

    private static final String USER = "basicflow.triggers.imap.user.";
    private static final String PASSWORD = "basicflow.triggers.imap.password.";

    /**
     * Validates the parts.
     *
     * @param host not null
     * @param port the port
     * @param security one of the three
     * @param trust not null
     * @param timeoutMillis positive
     * @param values not null
     */
    public ImapSettings {
        requireNonNull(host, "host is null");
        requireNonNull(security, "security is null");
        requireNonNull(trust, "trust is null");
        values = Map.copyOf(requireNonNull(values, "values is null"));
    }

    /**
     * Reads the settings.
     *
     * @param configuration the settings
     * @return the IMAP settings
     * @throws ConfigurationException for a wrong security, port or timeout, naming the key
     */
    public static ImapSettings from(Configuration configuration) {
        Optional<String> host = Optional.of(
                        configuration.get(Setting.TRIGGERS_IMAP_HOST).strip())
                .filter(h -> !h.isEmpty());
        String security =
                configuration.get(Setting.TRIGGERS_IMAP_SECURITY).strip().toLowerCase(Locale.ROOT);
        if (!security.equals("none") && !security.equals("starttls") && !security.equals("ssl")) {
            throw new ConfigurationException(
                    Setting.TRIGGERS_IMAP_SECURITY.key() + " is '" + security + "'; use none, starttls or ssl");
        }
        String portText = configuration.get(Setting.TRIGGERS_IMAP_PORT).strip();
        int port = security.equals("ssl") ? 993 : 143;
        if (!portText.isEmpty()) {
            port = configuration.getInt(Setting.TRIGGERS_IMAP_PORT);
            if (port < 1 || port > 65535) {
                throw new ConfigurationException(Setting.TRIGGERS_IMAP_PORT.key() + " is " + port + ", not a port");
            }
        }
        int timeout = configuration.getInt(Setting.TRIGGERS_IMAP_TIMEOUT_MS);
        if (timeout <= 0) {
            throw new ConfigurationException(Setting.TRIGGERS_IMAP_TIMEOUT_MS.key() + " must be positive");
        }
        return new ImapSettings(
                host,
                port,
                security,
                configuration.get(Setting.TRIGGERS_IMAP_TRUST).strip(),
                timeout,
                configuration.all());
    }

    /**
     * The login of a monitored address's mailbox.
     *
     * @param address the address
     * @return the login
     */
    public String userOf(String address) {
        return perAddress(USER, address).orElse(address.strip());
    }

    /**
     * The password of a monitored address's mailbox.
     *
     * @param address the address
     * @return the password, empty when none is set
     */
    public String passwordOf(String address) {
        return perAddress(PASSWORD, address)
                .orElse(Optional.ofNullable(values.get(Setting.TRIGGERS_IMAP_PASSWORD.key()))
                        .orElse(""));
    }

    private Optional<String> perAddress(String prefix, String address) {
        String wanted = address.strip().toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getKey().startsWith(prefix)
                    && e.getKey()
                            .substring(prefix.length())
                            .toLowerCase(Locale.ROOT)
                            .equals(wanted)
                    && !e.getValue().isEmpty()) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    /**
     * The Jakarta Mail properties of a session on the server.
     *
     * @return the properties
     */
    Properties sessionProperties() {
        String protocol = protocol();
        Properties p = new Properties();
        p.setProperty("mail.store.protocol", protocol);
        p.setProperty("mail." + protocol + ".connectiontimeout", Integer.toString(timeoutMillis));
        p.setProperty("mail." + protocol + ".timeout", Integer.toString(timeoutMillis));
        p.setProperty("mail." + protocol + ".writetimeout", Integer.toString(timeoutMillis));
        p.setProperty("mail.mime.decodefilename", "true");
        if (security.equals("starttls")) {
            p.setProperty("mail.imap.starttls.enable", "true");
            p.setProperty("mail.imap.starttls.required", "true");
        }
        if (!security.equals("none")) {
            if (trust.isEmpty()) {
                p.setProperty("mail." + protocol + ".ssl.checkserveridentity", "true");
            } else {
                p.setProperty("mail." + protocol + ".ssl.trust", trust.equals("*") ? "*" : trust.replace(',', ' '));
            }
        }
        return p;
    }

    /**
     * The store protocol: {@code imaps} for {@code ssl}, else {@code imap}.
     *
     * @return the protocol
     */
    String protocol() {
        return security.equals("ssl") ? "imaps" : "imap";
    }
}
