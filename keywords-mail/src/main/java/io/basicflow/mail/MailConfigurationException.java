package io.basicflow.mail;

/**
 * The mail plugin's configuration ({@code basicflow.mail.*}) is missing a setting or holds an
 * invalid one. The message names the full key and says what is expected.
 */
public final class MailConfigurationException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    MailConfigurationException(String message) {
        super(message);
    }
}
