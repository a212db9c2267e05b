package io.basicflow.app.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads a server-sent event stream frame by frame, as a browser's EventSource would. */
final class EventStreamClient implements AutoCloseable {

    /** One event; {@code id} empty when the frame had none. */
    record Frame(String event, Optional<String> id, String data) {}

    private final HttpResponse<Stream<String>> response;
    private final Stream<String> lines;
    private final Iterator<String> iterator;
    private int comments;

    EventStreamClient(TestServer api, HttpRequest request) {
        try {
            this.response = api.client.send(request, HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        this.lines = response.body();
        this.iterator = lines.iterator();
    }

    HttpResponse<Stream<String>> response() {
        return response;
    }

    /** The next event, skipping comments (counted); empty when the server closed the stream. */
    Optional<Frame> next() {
        String event = "message";
        String id = null;
        StringBuilder data = null;
        boolean any = false;
        while (iterator.hasNext()) {
            String line = iterator.next();
            if (line.isEmpty()) {
                if (data != null) {
                    return Optional.of(new Frame(event, Optional.ofNullable(id), data.toString()));
                }
                event = "message";
                id = null;
                any = false;
                continue;
            }
            if (line.startsWith(":")) {
                comments++;
                continue;
            }
            any = true;
            String[] field = line.split(":", 2);
            String value = field.length == 2 ? field[1].stripLeading() : "";
            switch (field[0]) {
                case "event" -> event = value;
                case "id" -> id = value;
                case "data" ->
                    data = data == null
                            ? new StringBuilder(value)
                            : data.append('\n').append(value);
                default -> {
                    // retry and unknown fields carry no event
                }
            }
        }
        if (any && data != null) {
            return Optional.of(new Frame(event, Optional.ofNullable(id), data.toString()));
        }
        return Optional.empty();
    }

    /** The next event of a type, skipping others. */
    Frame next(String type) {
        while (true) {
            Frame frame =
                    next().orElseThrow(() -> new AssertionError("the stream ended before a '" + type + "' event"));
            if (frame.event().equals(type)) {
                return frame;
            }
        }
    }

    /** Reads until {@code count} comments (heartbeats) have been seen; fails on an event. */
    void awaitComments(int count) {
        while (comments < count) {
            if (!iterator.hasNext()) {
                throw new AssertionError("the stream ended after " + comments + " comments");
            }
            String line = iterator.next();
            if (line.startsWith(":")) {
                comments++;
            } else if (line.startsWith("data") || line.startsWith("event")) {
                throw new AssertionError("expected only heartbeats, got '" + line + "'");
            }
        }
    }

    int comments() {
        return comments;
    }

    @Override
    public void close() {
        lines.close();
    }
}
