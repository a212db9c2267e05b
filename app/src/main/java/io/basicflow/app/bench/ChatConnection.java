package io.basicflow.app.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * One conversation's HTTP/1.1 connection of the {@code chat} benchmark's client: a blocking socket
 * kept alive across the conversation's requests, as a browser keeps its connection to a chat server.
 *
 * <p>Why not {@link java.net.http.HttpClient}: it runs every request through its selector thread and
 * a chain of completion stages, with a timer entry per request, and measured (JFR, 2026-12-07) as a
 * client that used about a third as much CPU as the whole server on the two cores both share. A
 * blocking exchange on a virtual thread costs a write and a read. The server sees the same requests
 * either way.
 *
 * <p>Answers with {@code Content-Length} and with {@code Transfer-Encoding: chunked} are read; a
 * connection the server closes (or asks to close) is opened again for the next request.
 */
final class ChatConnection implements AutoCloseable {

    /** An answer: its status code and its body as text. */
    record Answer(int status, String body) {}

    private final URI base;
    private final int timeoutMillis;
    private final String hostHeader;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    ChatConnection(URI base, Duration timeout) {
        this.base = base;
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        this.hostHeader = base.getHost() + ":" + base.getPort();
    }

    /**
     * Sends a request and reads its answer.
     *
     * @param method GET or POST
     * @param path the path and query
     * @param contentType the body's type, or null without a body
     * @param body the body, or null
     * @return the answer
     * @throws IOException when the connection fails (a request is not repeated: an input may have been
     *     stored)
     */
    Answer exchange(String method, String path, String contentType, String body) throws IOException {
        byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(160)
                .append(method)
                .append(' ')
                .append(path)
                .append(" HTTP/1.1\r\nHost: ")
                .append(hostHeader)
                .append("\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (body != null || "POST".equals(method)) {
            head.append("Content-Length: ").append(payload.length).append("\r\n");
        }
        head.append("\r\n");
        try {
            if (socket == null) {
                open();
            }
            // Head and body in one write: two writes on a TCP_NODELAY socket are two packets, and the
            // server's selector may wake for each (measured: 40 % of this client's CPU was system time).
            byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
            byte[] request = Arrays.copyOf(headBytes, headBytes.length + payload.length);
            System.arraycopy(payload, 0, request, headBytes.length, payload.length);
            out.write(request);
            out.flush();
            return read();
        } catch (IOException e) {
            close();
            throw new IOException(method + " " + base.resolve(path) + ": " + e.getMessage(), e);
        }
    }

    private void open() throws IOException {
        Socket opened = new Socket();
        opened.setTcpNoDelay(true);
        opened.connect(new InetSocketAddress(base.getHost(), base.getPort()), timeoutMillis);
        opened.setSoTimeout(timeoutMillis);
        socket = opened;
        in = new BufferedInputStream(opened.getInputStream(), 8192);
        out = opened.getOutputStream();
    }

    /**
     * Opens a server-sent event stream ({@code GET path} with {@code Accept: text/event-stream}); the
     * connection then belongs to the stream: it serves no other request until it is closed.
     *
     * @param path the path and query
     * @return the stream, positioned after the answer's head
     * @throws IOException when the connection fails, or the server answers anything but 200 (with its
     *     status and body)
     */
    EventStream events(String path) throws IOException {
        String head = "GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nAccept: text/event-stream\r\n\r\n";
        try {
            if (socket == null) {
                open();
            }
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Head answer = head();
            if (answer.status() != 200) {
                throw new IOException(
                        "answered " + answer.status() + ": " + body(answer).body());
            }
            return new EventStream(answer.chunked());
        } catch (IOException e) {
            close();
            throw new IOException("GET " + base.resolve(path) + " (event stream): " + e.getMessage(), e);
        }
    }

    /** An answer's status line and the headers that say how its body is framed. */
    private record Head(int status, long length, boolean chunked, boolean closeAfter) {}

    private Answer read() throws IOException {
        return body(head());
    }

    private Head head() throws IOException {
        String statusLine = line();
        // "HTTP/1.1 200 OK"
        int firstSpace = statusLine.indexOf(' ');
        if (!statusLine.startsWith("HTTP/1.") || firstSpace < 0 || statusLine.length() < firstSpace + 4) {
            throw new IOException("not an HTTP answer: '" + statusLine + "'");
        }
        int status = Integer.parseInt(statusLine.substring(firstSpace + 1, firstSpace + 4));
        long length = -1;
        boolean chunked = false;
        boolean closeAfter = statusLine.startsWith("HTTP/1.0");
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" ->
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                default -> {}
            }
        }
        return new Head(status, length, chunked, closeAfter);
    }

    private Answer body(Head head) throws IOException {
        long length = head.length();
        boolean closeAfter = head.closeAfter();
        ByteArrayOutputStream body = new ByteArrayOutputStream(length > 0 ? (int) length : 256);
        if (head.chunked()) {
            for (long size = chunkSize(); size > 0; size = chunkSize()) {
                copy(size, body);
                line();
            }
            for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                // trailers are not used
            }
        } else if (length >= 0) {
            copy(length, body);
        } else {
            in.transferTo(body);
            closeAfter = true;
        }
        if (closeAfter) {
            close();
        }
        return new Answer(head.status(), body.toString(StandardCharsets.UTF_8));
    }

    private long chunkSize() throws IOException {
        String line = line();
        int extension = line.indexOf(';');
        return Long.parseLong((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
    }

    private void copy(long length, ByteArrayOutputStream body) throws IOException {
        byte[] buffer = new byte[(int) Math.min(8192, Math.max(1, length))];
        for (long left = length; left > 0; ) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new EOFException(
                        "the server closed the connection " + (length - left) + " bytes into a body of " + length);
            }
            body.write(buffer, 0, read);
            left -= read;
        }
    }

    /** One header line, without its CRLF (ISO-8859-1, as HTTP/1.1 header bytes are read). */
    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int b = in.read(); ; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the server closed the connection");
            }
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            line.append((char) b);
        }
    }

    /** One server-sent event: its {@code event} name ("message" when absent), {@code id} (or null) and data. */
    record Event(String type, String id, String data) {}

    /**
     * The events of a stream opened by {@link #events}, read one at a time as the server sends them
     * (its body chunked or, without a length, until the server closes). Comments ({@code : keep-alive})
     * are skipped; {@code retry} is ignored.
     */
    final class EventStream {
        private final boolean chunked;
        private long chunkLeft;
        private boolean afterChunk;
        private boolean ended;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

        private EventStream(boolean chunked) {
            this.chunked = chunked;
        }

        /**
         * The next event.
         *
         * @return the event, or null when the server ended the stream
         * @throws IOException when the connection fails
         */
        Event next() throws IOException {
            String type = null;
            String id = null;
            StringBuilder data = null;
            for (String field = eventLine(); field != null; field = eventLine()) {
                if (field.isEmpty()) {
                    if (data != null || type != null) {
                        return new Event(type == null ? "message" : type, id, data == null ? "" : data.toString());
                    }
                    continue;
                }
                if (field.charAt(0) == ':') {
                    continue;
                }
                int colon = field.indexOf(':');
                String name = colon < 0 ? field : field.substring(0, colon);
                String value = colon < 0 ? "" : field.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                switch (name) {
                    case "event" -> type = value;
                    case "id" -> id = value;
                    case "data" ->
                        data = data == null
                                ? new StringBuilder(value)
                                : data.append('\n').append(value);
                    default -> {}
                }
            }
            return null;
        }

        /** One line of the event stream (UTF-8) without its end, or null at the end of the body. */
        private String eventLine() throws IOException {
            line.reset();
            for (int b = bodyByte(); ; b = bodyByte()) {
                if (b < 0) {
                    return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
                }
                if (b == '\n') {
                    byte[] bytes = line.toByteArray();
                    int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    return new String(bytes, 0, end, StandardCharsets.UTF_8);
                }
                line.write(b);
            }
        }

        private int bodyByte() throws IOException {
            if (ended) {
                return -1;
            }
            if (!chunked) {
                int b = in.read();
                ended = b < 0;
                return b;
            }
            if (chunkLeft == 0) {
                if (afterChunk) {
                    // The CRLF that ends a chunk's data is read only now: a server may send it with the
                    // next chunk's size (Jetty does), and waiting for it would hold back this chunk.
                    line();
                }
                chunkLeft = chunkSize();
                afterChunk = true;
                if (chunkLeft == 0) {
                    ended = true;
                    return -1;
                }
            }
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the server closed the event stream inside a chunk");
            }
            chunkLeft--;
            return b;
        }
    }

    @Override
    public void close() {
        Socket current = socket;
        socket = null;
        if (current != null) {
            try {
                current.close();
            } catch (IOException ignored) {
                // closing a connection that failed
            }
        }
    }
}
