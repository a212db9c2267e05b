package io.basicflow.templates;

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

/**
 * Twilio's Messages resource on 127.0.0.1 and a free port, as far as the SMS plugin's sender speaks
 * it: {@code POST /2010-04-01/Accounts/AC1/Messages.json} with a form, {@code 201} and a {@code sid}.
 * Keeps each request's form fields.
 */
final class LocalTwilio implements AutoCloseable {

    private final HttpServer server;
    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();

    LocalTwilio() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/2010-04-01/Accounts/AC1/Messages.json", exchange -> {
            try (exchange) {
                Map<String, String> form = new LinkedHashMap<>();
                for (String pair :
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                    String[] parts = pair.split("=", 2);
                    form.put(parts[0], URLDecoder.decode(parts.length > 1 ? parts[1] : "", StandardCharsets.UTF_8));
                }
                received.add(form);
                byte[] bytes = ("{\"sid\":\"SM" + received.size() + "\",\"status\":\"queued\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(201, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        });
        server.start();
    }

    Map<String, String> settings() {
        return Map.of(
                "basicflow.sms.twilio.base-url",
                        "http://127.0.0.1:" + server.getAddress().getPort(),
                "basicflow.sms.twilio.account-sid", "AC1",
                "basicflow.sms.twilio.auth-token", "token",
                "basicflow.sms.twilio.from", "+15550001111",
                "basicflow.sms.twilio.whatsapp-from", "+15550002222");
    }

    List<Map<String, String>> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
