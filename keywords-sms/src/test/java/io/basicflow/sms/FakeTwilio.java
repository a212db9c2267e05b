package io.basicflow.sms;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for Twilio's Messages resource on 127.0.0.1 and a free port, speaking its REST
 * protocol: {@code POST /2010-04-01/Accounts/{sid}/Messages.json}, Basic authentication, a form body;
 * {@code 201} with the message's {@code sid}, {@code 400} with Twilio's error object for a number it
 * cannot reach ({@code +15005550001}, one of Twilio's magic test numbers), {@code 401} for other
 * credentials; and a number of {@code 503} answers to give first, when asked.
 */
final class FakeTwilio implements AutoCloseable {

    static final String ACCOUNT = "AC0123";
    static final String TOKEN = "s3cret";

    /** One accepted or refused request: its form fields and Authorization header. */
    record Received(Map<String, String> form, String authorization, String idempotencyKey) {}

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger unavailable = new AtomicInteger();

    FakeTwilio() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Map<String, String> form = new LinkedHashMap<>();
                for (String pair : body.split("&")) {
                    String[] parts = pair.split("=", 2);
                    form.put(
                            URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                            parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
                }
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                received.add(new Received(
                        form, authorization, exchange.getRequestHeaders().getFirst("Idempotency-Key")));
                String expected = "Basic "
                        + java.util.Base64.getEncoder()
                                .encodeToString((ACCOUNT + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));
                if (!exchange.getRequestMethod().equals("POST")
                        || !exchange.getRequestURI()
                                .getPath()
                                .equals("/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json")) {
                    reply(
                            exchange,
                            404,
                            "{\"code\":20404,\"message\":\"The requested resource was not found\",\"status\":404}");
                } else if (!expected.equals(authorization)) {
                    reply(exchange, 401, "{\"code\":20003,\"message\":\"Authenticate\",\"status\":401}");
                } else if (unavailable.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    reply(exchange, 503, "{\"code\":20503,\"message\":\"Service unavailable\",\"status\":503}");
                } else if (form.get("To").equals("+15005550001")) {
                    reply(
                            exchange,
                            400,
                            "{\"code\":21211,\"message\":\"The 'To' number +15005550001 is not a valid"
                                    + " phone number.\",\"more_info\":\"https://www.twilio.com/docs/errors/21211\",\"status\":400}");
                } else {
                    String sid = "SM" + form.get("To").substring(1);
                    reply(
                            exchange,
                            201,
                            "{\"sid\":\"" + sid + "\",\"status\":\"queued\",\"to\":\"" + form.get("To")
                                    + "\",\"from\":\"" + form.get("From") + "\",\"body\":\"…\"}");
                }
            }
        });
        server.start();
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, int status, String json)
            throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Answers the next {@code count} requests with 503. */
    void unavailableFor(int count) {
        unavailable.set(count);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
