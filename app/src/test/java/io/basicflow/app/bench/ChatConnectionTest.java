package io.basicflow.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
    void aServerThatIsGoneFailsTheRequestWithItsAddress() {
        server.stop(0);
        try (ChatConnection connection = new ChatConnection(base, Duration.ofSeconds(2))) {
            assertThatThrownBy(() -> connection.exchange("GET", "/echo", null, null))
                    .isInstanceOf(IOException.class);
        }
    }
}
