package io.basicflow.benchmark;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local HTTP server on 127.0.0.1 (JDK {@code com.sun.net.httpserver}, a virtual thread per request)
 * that answers one path with a fixed JSON body and sums its own handling time, so that a workload can
 * subtract the server's share from the time per step ({@code http}, {@code ai}).
 */
final class TimedServer implements AutoCloseable {

    private final HttpServer server;
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();

    private TimedServer(String path, String json) throws IOException {
        byte[] answer = json.getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext(path, exchange -> {
            long began = System.nanoTime();
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            } finally {
                nanos.addAndGet(System.nanoTime() - began);
                requests.incrementAndGet();
            }
        });
        server.start();
    }

    /** Starts a server answering {@code path} (and below) with {@code json}. */
    static TimedServer start(String path, String json) throws IOException {
        return new TimedServer(path, json);
    }

    /** {@code http://127.0.0.1:<port>} followed by a path. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The time spent handling requests so far, summed, in nanoseconds. */
    long nanos() {
        return nanos.get();
    }

    /** The requests answered so far. */
    long requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
