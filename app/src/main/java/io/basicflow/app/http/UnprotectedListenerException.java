package io.basicflow.app.http;

/**
 * The server was asked to listen on an address other machines can reach without an API token; it
 * refuses, so that an open network never reaches the API unauthenticated.
 */
public final class UnprotectedListenerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String host;

    /**
     * The failure.
     *
     * @param host the address that was asked for
     */
    public UnprotectedListenerException(String host) {
        super("refusing to listen on " + host
                + " without an API token: set basicflow.api.token or --token, or listen on 127.0.0.1");
        this.host = host;
    }

    /**
     * The address that was asked for.
     *
     * @return the host
     */
    public String host() {
        return host;
    }
}
