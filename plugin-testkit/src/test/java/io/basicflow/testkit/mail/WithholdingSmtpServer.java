package io.basicflow.testkit.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small SMTP server for the crash tests. It takes every message, but can keep silent after the
 * first {@code n} messages' data instead of confirming them with {@code 250}: the client then sits
 * inside its send, after the server has the message and before it knows so — the moment a process
 * can die between sending a mail and recording that it did.
 */
final class WithholdingSmtpServer implements AutoCloseable {

    private final ServerSocket serverSocket;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final AtomicInteger toWithhold;

    private WithholdingSmtpServer(int withhold) throws IOException {
        this.toWithhold = new AtomicInteger(withhold);
        this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("withholding-smtp").start(this::accept);
    }

    /**
     * Starts a server that withholds the reply to the data of its first messages.
     *
     * @param withhold how many messages get no reply (0: every message is confirmed)
     * @return the server
     * @throws IOException when it cannot listen
     */
    static WithholdingSmtpServer start(int withhold) throws IOException {
        return new WithholdingSmtpServer(withhold);
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    /** Every message received, confirmed or not, as the client wrote it. */
    List<String> messages() {
        return List.copyOf(messages);
    }

    /** Waits until the server has received some messages. */
    void awaitMessages(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (messages.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the SMTP server received " + messages.size() + " message(s), not " + count
                        + ", within " + timeout);
            }
            Thread.sleep(10);
        }
    }

    /** A header of a received message. */
    static Optional<String> header(String message, String name) {
        for (String line : message.split("\r\n")) {
            if (line.isEmpty()) {
                break; // end of the headers
            }
            if (line.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":")) {
                return Optional.of(line.substring(name.length() + 1).strip());
            }
        }
        return Optional.empty();
    }

    private void accept() {
        while (!serverSocket.isClosed()) {
            try {
                Socket client = serverSocket.accept();
                clients.add(client);
                Thread.ofPlatform().daemon().name("withholding-smtp-client").start(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            send(out, "220 withholding.test ESMTP");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
                switch (verb) {
                    case "EHLO" -> {
                        send(out, "250-withholding.test");
                        send(out, "250 8BITMIME");
                    }
                    case "HELO" -> send(out, "250 withholding.test");
                    case "MAIL", "RCPT", "RSET", "NOOP" -> send(out, "250 2.0.0 OK");
                    case "DATA" -> {
                        send(out, "354 end with <CRLF>.<CRLF>");
                        StringBuilder data = new StringBuilder();
                        for (String body = in.readLine(); body != null && !body.equals("."); body = in.readLine()) {
                            data.append(body.startsWith(".") ? body.substring(1) : body)
                                    .append("\r\n");
                        }
                        messages.add(data.toString());
                        if (toWithhold.getAndDecrement() > 0) {
                            while (in.readLine() != null) {
                                // the message is here; the client never hears so
                            }
                            return;
                        }
                        send(out, "250 2.0.0 queued");
                    }
                    case "QUIT" -> {
                        send(out, "221 2.0.0 bye");
                        return;
                    }
                    default -> send(out, "502 5.5.2 not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away (killed)
        }
    }

    private static void send(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        for (Socket client : clients) {
            client.close();
        }
    }
}
