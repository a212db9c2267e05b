package io.basicflow.app.http;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * How the HTTP API listens and what it allows.
 *
 * @param host the address to listen on, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}; a non-loopback
 *     address requires an API token
 * @param port the port, 0 for any free port (see {@link HttpServer#port()})
 * @param apiToken the bearer token every request except {@code GET /health} must carry; empty for
 *     none (then only loopback addresses are allowed)
 * @param maxBodyBytes the largest request body accepted, in bytes; larger ones get 413
 * @param maxLongPollWait the longest {@code wait} a message long-poll may ask for; longer requests
 *     are cut to it
 * @param sseHeartbeat how often an idle server-sent event stream sends a comment, so proxies and
 *     clients see it is alive
 */
public record HttpServerConfig(
        String host,
        int port,
        Optional<String> apiToken,
        int maxBodyBytes,
        Duration maxLongPollWait,
        Duration sseHeartbeat) {

    /** The default address: loopback only. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    /** The default port. */
    public static final int DEFAULT_PORT = 8080;

    /** The default body limit: 1 MiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;

    /** The default longest long-poll: 30 seconds. */
    public static final Duration DEFAULT_MAX_LONG_POLL_WAIT = Duration.ofSeconds(30);

    /** The default heartbeat of event streams: 15 seconds. */
    public static final Duration DEFAULT_SSE_HEARTBEAT = Duration.ofSeconds(15);

    /**
     * Validates the parts.
     *
     * @param host not blank
     * @param port 0–65535
     * @param apiToken not null; when present not blank, without spaces or control characters
     * @param maxBodyBytes at least 1
     * @param maxLongPollWait at least 1 second
     * @param sseHeartbeat positive
     */
    public HttpServerConfig {
        requireNonNull(host, "host is null");
        requireNonNull(apiToken, "apiToken is null");
        requireNonNull(maxLongPollWait, "maxLongPollWait is null");
        requireNonNull(sseHeartbeat, "sseHeartbeat is null");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is blank; use 127.0.0.1 to listen on this machine only");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        apiToken.ifPresent(token -> {
            if (token.isBlank() || token.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
                throw new IllegalArgumentException(
                        "the API token must not be blank nor contain spaces or control characters");
            }
        });
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 1, was " + maxBodyBytes);
        }
        if (maxLongPollWait.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("maxLongPollWait must be at least 1 second, was " + maxLongPollWait);
        }
        if (sseHeartbeat.isNegative() || sseHeartbeat.isZero()) {
            throw new IllegalArgumentException("sseHeartbeat must be positive, was " + sseHeartbeat);
        }
    }

    /**
     * The defaults: {@code 127.0.0.1:8080}, no token, 1 MiB bodies, 30 s long-polls, 15 s
     * heartbeats.
     *
     * @return the configuration
     */
    public static HttpServerConfig defaults() {
        return new HttpServerConfig(
                DEFAULT_HOST,
                DEFAULT_PORT,
                Optional.empty(),
                DEFAULT_MAX_BODY_BYTES,
                DEFAULT_MAX_LONG_POLL_WAIT,
                DEFAULT_SSE_HEARTBEAT);
    }

    /**
     * This configuration with another address.
     *
     * @param newHost the address
     * @return the new configuration
     */
    public HttpServerConfig withHost(String newHost) {
        return new HttpServerConfig(newHost, port, apiToken, maxBodyBytes, maxLongPollWait, sseHeartbeat);
    }

    /**
     * This configuration with another port.
     *
     * @param newPort the port, 0 for any free one
     * @return the new configuration
     */
    public HttpServerConfig withPort(int newPort) {
        return new HttpServerConfig(host, newPort, apiToken, maxBodyBytes, maxLongPollWait, sseHeartbeat);
    }

    /**
     * This configuration with an API token.
     *
     * @param token the token, or null for none
     * @return the new configuration
     */
    public HttpServerConfig withApiToken(String token) {
        return new HttpServerConfig(
                host, port, Optional.ofNullable(token), maxBodyBytes, maxLongPollWait, sseHeartbeat);
    }

    /**
     * This configuration with another body limit.
     *
     * @param bytes the largest body
     * @return the new configuration
     */
    public HttpServerConfig withMaxBodyBytes(int bytes) {
        return new HttpServerConfig(host, port, apiToken, bytes, maxLongPollWait, sseHeartbeat);
    }

    /**
     * This configuration with another longest long-poll.
     *
     * @param wait the longest wait
     * @return the new configuration
     */
    public HttpServerConfig withMaxLongPollWait(Duration wait) {
        return new HttpServerConfig(host, port, apiToken, maxBodyBytes, wait, sseHeartbeat);
    }

    /**
     * This configuration with another heartbeat.
     *
     * @param heartbeat the interval
     * @return the new configuration
     */
    public HttpServerConfig withSseHeartbeat(Duration heartbeat) {
        return new HttpServerConfig(host, port, apiToken, maxBodyBytes, maxLongPollWait, heartbeat);
    }

    /** Shows the configuration without the token. */
    @Override
    public String toString() {
        return "HttpServerConfig[host=" + host + ", port=" + port + ", apiToken="
                + (apiToken.isPresent() ? "(set)" : "(none)") + ", maxBodyBytes=" + maxBodyBytes
                + ", maxLongPollWait=" + maxLongPollWait + ", sseHeartbeat=" + sseHeartbeat + "]";
    }
}
