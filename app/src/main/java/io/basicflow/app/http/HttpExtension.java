package io.basicflow.app.http;

import io.javalin.config.RoutesConfig;

/**
 * More routes on the API's server and port, such as the web console: registered after the API's own,
 * behind the same bearer token check except for the paths the extension declares public (static
 * pages that hold no data and ask for the token themselves).
 */
public interface HttpExtension extends AutoCloseable {

    /**
     * Registers the extension's routes.
     *
     * @param routes the server's route configuration
     */
    void routes(RoutesConfig routes);

    /**
     * Whether a path is served without the API token.
     *
     * @param path the request path
     * @return true for a path anyone may fetch
     */
    default boolean isPublic(String path) {
        return false;
    }

    /** Ends what the extension holds open (event streams) when the server closes; by default nothing. */
    @Override
    default void close() {}
}
