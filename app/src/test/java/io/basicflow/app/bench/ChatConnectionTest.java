package io.basicflow.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The chat benchmark's HTTP/1.1 client against a real local HTTP server: bodies of known length and
 * chunked ones, one connection kept for many requests, a new one after the server closed it.
 */
class ChatConnectionTest {

    private HttpServer server;
    private final Set<String> peers = ConcurrentHashMap.newKeySet();
    private URI base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/echo", exchange -> {
            peers.add(exchange.getRemoteAddress().toString());
            byte[] body = (exchange.getRequestMethod() + " "
                            + exchange.getRequestURI() + " "
                            + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/chunked", exchange -> {
            peers.add(exchange.getRemoteAddress().toString());
            exchange.sendResponseHeaders(202, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("first part, ".getBytes(StandardCharsets.UTF_8));
                out.flush();
                out.write("second part: é".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.createContext("/events", exchange -> {
            peers.add(exchange.getRemoteAddress().toString());
            if (!"text/event-stream".equals(exchange.getRequestHeaders().getFirst("Accept"))) {
                exchange.sendResponseHeaders(406, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (String frame : List.of(
                        "retry: 2000\n\n",
                        "event: status\ndata: {\"status\":\"RUNNING\"}\n\n",
                        ": keep-alive\n\n",
                        "id: 1\r\nevent: message\r\ndata: {\"text\":\"é\"}\r\n\r\n",
                        "data: first line\ndata: second line\n\n")) {
                    out.write(frame.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        });
        server.createContext("/closing", exchange -> {
            peers.add(exchange.getRemoteAddress().toString());
            exchange.getResponseHeaders().add("Connection", "close");
            byte[] body = "bye".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(409, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void manyRequestsTravelOnOneKeptAliveConnection() throws IOException {
        try (ChatConnection connection = new ChatConnection(base, Duration.ofSeconds(10))) {
            for (int i = 0; i < 5; i++) {
                ChatConnection.Answer answer =
                        connection.exchange("POST", "/echo?turn=" + i, "text/plain; charset=utf-8", "hello " + i);
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.body()).isEqualTo("POST /echo?turn=" + i + " hello " + i);
            }
            assertThat(connection.exchange("GET", "/echo", null, null).body()).isEqualTo("GET /echo ");
        }
        assertThat(peers).hasSize(1);
    }

    @Test
    void aChunkedBodyIsReadWhole() throws IOException {
        try (ChatConnection connection = new ChatConnection(base, Duration.ofSeconds(10))) {
            ChatConnection.Answer answer = connection.exchange("GET", "/chunked", null, null);
            assertThat(answer.status()).isEqualTo(202);
            assertThat(answer.body()).isEqualTo("first part, second part: é");
            assertThat(connection.exchange("GET", "/echo", null, null).status()).isEqualTo(200);
        }
        assertThat(peers).hasSize(1);
    }

    @Test
    void aConnectionTheServerClosesIsOpenedAgain() throws IOException {
        try (ChatConnection connection = new ChatConnection(base, Duration.ofSeconds(10))) {
            ChatConnection.Answer answer = connection.exchange("GET", "/closing", null, null);
            assertThat(answer.status()).isEqualTo(409);
            assertThat(answer.body()).isEqualTo("bye");
            assertThat(connection.exchange("GET", "/echo", null, null).body()).isEqualTo("GET /echo ");
        }
        assertThat(peers).hasSize(2);
    }

    @Test
    void anEventStreamIsReadFrameByFrameAsTheServerFlushesIt() throws IOException {
        try (ChatConnection connection = new ChatConnection(base, Duration.ofSeconds(10))) {
            ChatConnection.EventStream events = connection.events("/events");
            assertThat(events.next()).isEqualTo(new ChatConnection.Event("status", null, "{\"status\":\"RUNNING\"}"));
            // the comment and the retry field are skipped; CRLF line ends are read like LF
            assertThat(events.next()).isEqualTo(new ChatConnection.Event("message", "1", "{\"text\":\"é\"}"));
            assertThat(events.next()).isEqualTo(new ChatConnection.Event("message", null, "first line\nsecond line"));
            assertThat(events.next()).isNull();
        }
    }

    /**
     * Jetty ends a chunk's data with the CRLF only when it sends the next chunk: an event must be
     * returned as soon as its chunk's data arrived, not when the next chunk comes.
     */
    @Test
    void anEventIsReturnedBeforeTheCrlfThatEndsItsChunk() throws Exception {
        CountDownLatch firstRead = new CountDownLatch(1);
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread rawServer = Thread.ofVirtual().start(() -> {
                try (Socket socket = listener.accept()) {
                    InputStream request = socket.getInputStream();
                    for (int matched = 0; matched < 4; ) {
                        int b = request.read();
                        matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
                    }
                    OutputStream out = socket.getOutputStream();
                    String first = "event: message\ndata: one\n\n";
                    String second = "event: message\ndata: two\n\n";
                    out.write(
                            ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                                            + Integer.toHexString(first.length()) + "\r\n" + first)
                                    .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    firstRead.await(); // the first chunk's CRLF is held back until the client read its event
                    out.write(("\r\n" + Integer.toHexString(second.length()) + "\r\n" + second + "\r\n0\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            URI raw = URI.create("http://127.0.0.1:" + listener.getLocalPort());
            try (ChatConnection connection = new ChatConnection(raw, Duration.ofSeconds(5))) {
                ChatConnection.EventStream events = connection.events("/stream");
                assertThat(events.next()).isEqualTo(new ChatConnection.Event("message", null, "one"));
                firstRead.countDown();
                assertThat(events.next()).isEqualTo(new ChatConnection.Event("message", null, "two"));
                assertThat(events.next()).isNull();
            } finally {
                firstRead.countDown();
                rawServer.join(5000);
            }
        }
    }

    @Test
    void anEventStreamTheServerRefusesFailsWithItsStatus() {
        try (ChatConnection connection = new ChatConnection(base, Duration.ofSeconds(10))) {
            // the JDK's server answers 404 for a path no context serves
            assertThatThrownBy(() -> connection.events("/nowhere"))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("GET " + base + "/nowhere (event stream): answered 404");
        }
    }

    @Test
    void aServerThatIsGoneFailsTheRequestWithItsAddress() {
        server.stop(0);
        try (ChatConnection connection = new ChatConnection(base, Duration.ofSeconds(2))) {
            assertThatThrownBy(() -> connection.exchange("GET", "/echo", null, null))
                    .isInstanceOf(IOException.class);
        }
    }
}
