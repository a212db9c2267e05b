package io.basicflow.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A tiny SMTP server written for tests, for what GreenMail cannot do: answer with chosen reply codes
 * (550 to a recipient, 451 at the end of data, 421 as greeting), offer STARTTLS, or take a message
 * and never confirm it, which is what a client sees when the process dies between sending and
 * recording. It records the commands and the messages it received.
 */
final class FakeSmtpServer implements AutoCloseable {

    /** A reply to the end of data that is never sent: the server keeps the message and stays silent. */
    static final String SILENCE = "(silence)";

    private final ServerSocket serverSocket;
    private final Thread acceptor;
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final Map<String, String> recipientReplies = new ConcurrentHashMap<>();
    private final Queue<String> endOfDataReplies = new ConcurrentLinkedQueue<>();
    private volatile String greeting = "220 fake.test ESMTP ready";
    private volatile String mailFromReply = "250 2.1.0 OK";
    private volatile SSLContext startTls;
    private volatile boolean tlsUsed;

    private FakeSmtpServer() throws IOException {
        serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofPlatform().daemon().name("fake-smtp-" + port()).start(this::acceptLoop);
    }

    static FakeSmtpServer start() throws IOException {
        return new FakeSmtpServer();
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    FakeSmtpServer greeting(String reply) {
        this.greeting = reply;
        return this;
    }

    FakeSmtpServer replyToSender(String reply) {
        this.mailFromReply = reply;
        return this;
    }

    FakeSmtpServer replyToRecipient(String address, String reply) {
        recipientReplies.put(address.toLowerCase(Locale.ROOT), reply);
        return this;
    }

    /** Replies to the end of data of the next messages, in order; later ones get 250. */
    FakeSmtpServer replyToEndOfData(String... replies) {
        endOfDataReplies.addAll(List.of(replies));
        return this;
    }

    /** Offers STARTTLS with the GreenMail test certificate (self-signed, no host name). */
    FakeSmtpServer offerStartTls() {
        this.startTls = greenMailTlsContext();
        return this;
    }

    List<String> commands() {
        return List.copyOf(commands);
    }

    /** The messages received after DATA, as the client wrote them (dot-unstuffed, CRLF lines). */
    List<String> messages() {
        return List.copyOf(messages);
    }

    boolean tlsUsed() {
        return tlsUsed;
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        for (Socket client : clients) {
            client.close();
        }
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket client = serverSocket.accept();
                clients.add(client);
                Thread.ofPlatform().daemon().name("fake-smtp-client").start(() -> serve(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            Connection connection = new Connection(socket);
            connection.send(greeting);
            if (!greeting.startsWith("2")) {
                String line = connection.readLine();
                if (line != null) {
                    connection.send("221 bye");
                }
                return;
            }
            String line;
            while ((line = connection.readLine()) != null) {
                commands.add(line);
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
                switch (verb) {
                    case "EHLO" -> {
                        connection.send("250-fake.test");
                        if (startTls != null && !(connection.socket instanceof SSLSocket)) {
                            connection.send("250-STARTTLS");
                        }
                        connection.send("250 HELP");
                    }
                    case "HELO" -> connection.send("250 fake.test");
                    case "STAR" -> {
                        if (startTls == null) {
                            connection.send("502 5.5.1 STARTTLS not offered");
                        } else {
                            connection.send("220 2.0.0 go ahead");
                            connection = connection.upgrade(startTls);
                            tlsUsed = true;
                        }
                    }
                    case "MAIL" -> connection.send(mailFromReply);
                    case "RCPT" -> connection.send(recipientReply(line));
                    case "DATA" -> {
                        connection.send("354 end with <CRLF>.<CRLF>");
                        messages.add(connection.readData());
                        String reply = endOfDataReplies.poll();
                        if (SILENCE.equals(reply)) {
                            while (connection.readLine() != null) {
                                // keep the message, never confirm it, until the client gives up
                            }
                            return;
                        }
                        connection.send(reply == null ? "250 2.0.0 queued" : reply);
                    }
                    case "RSET", "NOOP" -> connection.send("250 2.0.0 OK");
                    case "QUIT" -> {
                        connection.send("221 2.0.0 bye");
                        return;
                    }
                    default -> connection.send("502 5.5.2 command not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private String recipientReply(String line) {
        int open = line.indexOf('<');
        int close = line.indexOf('>', open + 1);
        String address = open >= 0 && close > open ? line.substring(open + 1, close) : "";
        return recipientReplies.getOrDefault(address.toLowerCase(Locale.ROOT), "250 2.1.5 OK");
    }

    private static SSLContext greenMailTlsContext() {
        try (InputStream keys = FakeSmtpServer.class.getClassLoader().getResourceAsStream("greenmail.p12")) {
            if (keys == null) {
                throw new IllegalStateException("greenmail.p12 is not on the test class path");
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(keys, "changeit".toCharArray());
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, "changeit".toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One client connection, plain or TLS. */
    private final class Connection {
        final Socket socket;
        final BufferedReader in;
        final OutputStream out;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            this.out = socket.getOutputStream();
        }

        Connection upgrade(SSLContext context) throws IOException {
            SSLSocket tls = (SSLSocket) context.getSocketFactory()
                    .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
            tls.setUseClientMode(false);
            tls.startHandshake();
            clients.add(tls);
            return new Connection(tls);
        }

        void send(String reply) throws IOException {
            out.write((reply + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        String readLine() throws IOException {
            return in.readLine();
        }

        String readData() throws IOException {
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = in.readLine()) != null && !line.equals(".")) {
                data.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
            }
            return data.toString();
        }
    }
}
