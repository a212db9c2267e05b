package io.basicflow.app.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * The API's own meters: {@code http.server.requests} (a timer tagged with method, route template,
 * status and outcome; Prometheus {@code http_server_requests_seconds_*}), and gauges of waiting
 * long-polls ({@code basicflow.http.long.polls}) and open event streams ({@code
 * basicflow.http.event.streams}). Routes are tagged by template ({@code /executions/{id}}), never by
 * the concrete path, so ids do not multiply the time series.
 */
final class HttpMetrics {

    static final String REQUESTS = "http.server.requests";

    private final MeterRegistry registry;
    private final BiFunction<HandlerType, String, Optional<String>> routeOf;
    private final List<Gauge> gauges;
    /** The timers already registered, by method, route and status: a lookup instead of a registration per request. */
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();

    HttpMetrics(MeterRegistry registry, InFlight inFlight, BiFunction<HandlerType, String, Optional<String>> routeOf) {
        this.registry = registry;
        this.routeOf = routeOf;
        this.gauges = List.of(
                Gauge.builder("basicflow.http.long.polls", inFlight, InFlight::longPollCount)
                        .description("Message long-polls waiting in the HTTP API")
                        .strongReference(true)
                        .register(registry),
                Gauge.builder("basicflow.http.event.streams", inFlight, InFlight::streamCount)
                        .description("Open server-sent event streams of the HTTP API")
                        .strongReference(true)
                        .register(registry));
    }

    /** Removes the gauges, so that a later server on the same registry registers its own. */
    void close() {
        gauges.forEach(registry::remove);
    }

    /** Records one finished request (Javalin's request logger). */
    void record(Context ctx, Float millis) {
        int status = ctx.statusCode();
        String method = ctx.method().name();
        String uri = route(ctx, status);
        timers.computeIfAbsent(
                        method + ' ' + status + ' ' + uri,
                        key -> Timer.builder(REQUESTS)
                                .description("HTTP requests answered by the basicflow API")
                                .tag("method", method)
                                .tag("uri", uri)
                                .tag("status", Integer.toString(status))
                                .tag("outcome", outcome(status))
                                .register(registry))
                .record((long) (millis.doubleValue() * 1_000_000), TimeUnit.NANOSECONDS);
    }

    private String route(Context ctx, int status) {
        HandlerType method = ctx.method() == HandlerType.HEAD ? HandlerType.GET : ctx.method();
        return routeOf.apply(method, ctx.path())
                .map(path -> path.replace('<', '{').replace('>', '}'))
                .orElse(status == 404 ? "NOT_FOUND" : "UNMATCHED");
    }

    private static String outcome(int status) {
        if (status < 200) {
            return "INFORMATIONAL";
        } else if (status < 300) {
            return "SUCCESS";
        } else if (status < 400) {
            return "REDIRECTION";
        } else if (status < 500) {
            return "CLIENT_ERROR";
        }
        return "SERVER_ERROR";
    }
}
