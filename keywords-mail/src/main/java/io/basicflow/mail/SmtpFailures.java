package io.basicflow.mail;

import io.basicflow.spi.KeywordException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * Decides whether a failed send is worth retrying, and says why it failed with the server's reply.
 *
 * <table>
 *   <caption>Classification</caption>
 *   <tr><th>failure</th><th>kind</th></tr>
 *   <tr><td>a recipient refused with 5xx (but 552, which RFC 5321 says to treat as 452)</td><td>permanent</td></tr>
 *   <tr><td>recipients refused only with 4xx or 552</td><td>retryable</td></tr>
 *   <tr><td>MAIL FROM, DATA or the end of data refused with 5xx</td><td>permanent</td></tr>
 *   <tr><td>… with 4xx</td><td>retryable</td></tr>
 *   <tr><td>login refused (535, 534, 530, no common mechanism)</td><td>permanent; 4xx retryable</td></tr>
 *   <tr><td>greeting or other command answered 5xx / 4xx</td><td>permanent / retryable</td></tr>
 *   <tr><td>certificate not trusted, host name mismatch, TLS on a plain port, STARTTLS not offered</td>
 *       <td>permanent (configuration)</td></tr>
 *   <tr><td>connection refused, unknown host, timeout, connection lost, anything else</td><td>retryable</td></tr>
 * </table>
 */
final class SmtpFailures {

    private static final Pattern REPLY_CODE = Pattern.compile("(?:^|response: )([245])(\\d\\d)(?=[ -]|$)");
    private static final int MAX_CHAIN = 32;

    private SmtpFailures() {}

    /**
     * Classifies a failure from connecting or sending.
     *
     * @param failure what Jakarta Mail threw
     * @param settings where we tried to send
     * @return the exception the handler throws
     */
    static KeywordException classify(MessagingException failure, MailSettings settings) {
        String server = "SMTP server " + settings.server();
        List<Throwable> chain = chain(failure);

        List<SMTPAddressFailedException> refused = new ArrayList<>();
        for (Throwable t : chain) {
            if (t instanceof SMTPAddressFailedException address) {
                refused.add(address);
            }
        }
        if (!refused.isEmpty()) {
            return recipientsRefused(server, refused, failure);
        }

        for (Throwable t : chain) {
            if (t instanceof AuthenticationFailedException) {
                String reply = reply(t.getMessage());
                int code = replyCode(reply).orElse(0);
                String message = server + " refused the login of user '"
                        + settings.username().orElse("") + "' (" + MailSettings.PREFIX + "username, "
                        + MailSettings.PREFIX + "password): " + reply;
                return code >= 400 && code < 500
                        ? KeywordException.retryable(message + " (temporary)", failure)
                        : KeywordException.permanent(message, failure);
            }
        }

        for (Throwable t : chain) {
            if (t instanceof SMTPSendFailedException send) {
                String reply = reply(send.getMessage());
                String what = stage(send.getCommand());
                if (send.getReturnCode() >= 500) {
                    return KeywordException.permanent(
                            server + " " + what + ": " + reply + "; nothing was sent", failure);
                }
                return KeywordException.retryable(server + " " + what + " for now: " + reply, failure);
            }
        }

        Optional<KeywordException> tls = tlsProblem(server, settings, chain, failure);
        if (tls.isPresent()) {
            return tls.get();
        }

        for (Throwable t : chain) {
            if (t instanceof SocketTimeoutException) {
                return KeywordException.retryable(
                        server + " did not answer within " + settings.timeout().toMillis() + " ms ("
                                + MailSettings.PREFIX + "timeout-ms); if the message had been transmitted it may"
                                + " have been delivered, and a new attempt sends it with the same Message-ID",
                        failure);
            }
        }
        for (Throwable t : chain) {
            if (t instanceof UnknownHostException) {
                return KeywordException.retryable(
                        "cannot resolve the SMTP host '" + settings.host() + "' (" + MailSettings.PREFIX + "host)",
                        failure);
            }
        }
        for (Throwable t : chain) {
            if (t instanceof MailConnectException) {
                return KeywordException.retryable(
                        "cannot connect to " + server + " (" + MailSettings.PREFIX + "host, " + MailSettings.PREFIX
                                + "port): " + rootMessage(chain),
                        failure);
            }
        }

        for (Throwable t : chain) {
            if (t instanceof MessagingException && t.getMessage() != null) {
                Matcher code = REPLY_CODE.matcher(t.getMessage());
                if (code.find()) {
                    boolean greeting = t.getMessage().startsWith("Got bad greeting");
                    String reply = reply(t.getMessage().substring(code.start(1)));
                    String what = greeting ? " refused the connection" : " refused";
                    return code.group(1).equals("5")
                            ? KeywordException.permanent(server + what + ": " + reply, failure)
                            : KeywordException.retryable(server + what + " for now: " + reply, failure);
                }
            }
        }
        return KeywordException.retryable("sending through " + server + " failed: " + describe(chain), failure);
    }

    private static KeywordException recipientsRefused(
            String server, List<SMTPAddressFailedException> refused, MessagingException failure) {
        List<String> permanent = new ArrayList<>();
        List<String> temporary = new ArrayList<>();
        for (SMTPAddressFailedException address : refused) {
            int code = address.getReturnCode();
            String entry = address.getAddress().getAddress() + " (" + reply(address.getMessage()) + ")";
            // RFC 5321 4.5.3.1.10: a 552 to RCPT means "too many recipients / mailbox full": temporary.
            if (code >= 500 && code != 552) {
                permanent.add(entry);
            } else {
                temporary.add(entry);
            }
        }
        if (!permanent.isEmpty()) {
            String message = server + " rejected " + plural(permanent.size(), "recipient") + ": "
                    + String.join("; ", permanent)
                    + (temporary.isEmpty() ? "" : "; and refused for now: " + String.join("; ", temporary))
                    + "; nothing was sent";
            return KeywordException.permanent(message, failure);
        }
        return KeywordException.retryable(
                server + " refused " + plural(temporary.size(), "recipient") + " for now: "
                        + String.join("; ", temporary) + "; nothing was sent",
                failure);
    }

    private static Optional<KeywordException> tlsProblem(
            String server, MailSettings settings, List<Throwable> chain, MessagingException failure) {
        String hint = "; add the server's certificate authority to the JVM trust store, or list the host in "
                + MailSettings.PREFIX + "trust";
        for (Throwable t : chain) {
            if (t instanceof CertificateException || t instanceof SSLPeerUnverifiedException) {
                return Optional.of(KeywordException.permanent(
                        "the TLS certificate of " + server + " is not trusted: " + t.getMessage() + hint, failure));
            }
            String message = t.getMessage() == null ? "" : t.getMessage();
            if (message.startsWith("Server identity does not match") || message.startsWith("Server is not trusted")) {
                return Optional.of(KeywordException.permanent(
                        "the TLS certificate of " + server + " does not match host '" + settings.host() + "'" + hint,
                        failure));
            }
            if (message.contains("STARTTLS is required but host does not support STARTTLS")) {
                return Optional.of(KeywordException.permanent(
                        server + " does not offer STARTTLS, which " + MailSettings.PREFIX
                                + "security=starttls requires; use security=ssl if the port speaks TLS from the"
                                + " start",
                        failure));
            }
            if (t instanceof SSLException && message.toLowerCase(Locale.ROOT).contains("unrecognized ssl message")) {
                return Optional.of(KeywordException.permanent(
                        server + " does not speak TLS on this port; " + MailSettings.PREFIX
                                + "security=ssl expects TLS from the first byte (usually port 465), starttls upgrades"
                                + " a plain connection (usually port 587)",
                        failure));
            }
        }
        for (Throwable t : chain) {
            if (t instanceof SSLException && !hasTransportCause(t)) {
                return Optional.of(KeywordException.permanent(
                        "the TLS handshake with " + server + " failed: " + t.getMessage(), failure));
            }
        }
        return Optional.empty();
    }

    /** Whether a TLS failure came from the connection (lost, timed out) rather than from TLS itself. */
    private static boolean hasTransportCause(Throwable t) {
        int depth = 0;
        for (Throwable c = t.getCause(); c != null && c != t && depth < MAX_CHAIN; c = c.getCause(), depth++) {
            if (c instanceof IOException && !(c instanceof SSLException)) {
                return true;
            }
        }
        return false;
    }

    /** The exception, its next exceptions and causes, each once. */
    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        List<Throwable> pending = new ArrayList<>(List.of(failure));
        while (!pending.isEmpty() && chain.size() < MAX_CHAIN) {
            Throwable t = pending.removeFirst();
            if (t == null || seen.put(t, Boolean.TRUE) != null) {
                continue;
            }
            chain.add(t);
            if (t instanceof MessagingException messaging) {
                pending.add(messaging.getNextException());
            }
            pending.add(t.getCause());
        }
        return chain;
    }

    private static String stage(String command) {
        String upper = command == null ? "" : command.toUpperCase(Locale.ROOT);
        if (upper.startsWith("MAIL FROM")) {
            return "rejected the sender";
        }
        if (upper.startsWith("DATA")) {
            return "refused to take the message";
        }
        return "rejected the message";
    }

    /** A server reply on one line, without trailing blanks. */
    static String reply(String text) {
        if (text == null) {
            return "(no reply text)";
        }
        return text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " / ");
    }

    private static Optional<Integer> replyCode(String reply) {
        Matcher code = REPLY_CODE.matcher(reply);
        return code.find() ? Optional.of(Integer.parseInt(code.group(1) + code.group(2))) : Optional.empty();
    }

    private static String rootMessage(List<Throwable> chain) {
        Throwable root = chain.getLast();
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static String describe(List<Throwable> chain) {
        StringBuilder out = new StringBuilder();
        for (Throwable t : chain) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : reply(t.getMessage());
            if (out.indexOf(message) < 0) {
                if (!out.isEmpty()) {
                    out.append(": ");
                }
                out.append(message);
            }
        }
        return out.toString();
    }

    private static String plural(int count, String noun) {
        return count == 1 ? noun : count + " " + noun + "s";
    }
}
