package io.basicflow.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /metrics}: the API's own meters and the caller's, in Prometheus text format. */
class MetricsTest {

    @TempDir
    Path scripts;

    @Test
    void exposesRequestTimersByRouteTemplateStatusAndOutcome() {
        try (TestServer api = TestServer.start(scripts)) {
            api.startTicket("t1");
            api.get("/executions/t1");
            api.get("/executions/t1");
            api.get("/executions/nobody");
            api.get("/no/such/path");

            TestServer.Reply metrics = api.get("/metrics");

            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.contentType()).startsWith("text/plain").contains("version=0.0.4");
            assertThat(metrics.body())
                    .contains("# TYPE http_server_requests_seconds summary")
                    .contains("http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",status=\"200\","
                            + "uri=\"/executions/{id}\"} 2")
                    .contains(
                            "http_server_requests_seconds_count{method=\"GET\",outcome=\"CLIENT_ERROR\",status=\"404\","
                                    + "uri=\"/executions/{id}\"} 1")
                    .contains("http_server_requests_seconds_count{method=\"POST\",outcome=\"SUCCESS\",status=\"201\","
                            + "uri=\"/executions\"} 1")
                    .contains("uri=\"NOT_FOUND\"")
                    .doesNotContain("uri=\"/executions/t1\"")
                    .contains("basicflow_http_long_polls ")
                    .contains("basicflow_http_event_streams ");
        }
    }

    @Test
    void exposesTheMetersOthersRegisterInTheSameRegistry() {
        try (TestServer api = TestServer.start(scripts)) {
            api.registry.counter("basicflow.engine.steps", "mode", "workflow").increment(7);

            assertThat(api.get("/metrics").body()).contains("basicflow_engine_steps_total{mode=\"workflow\"} 7.0");
        }
    }

    @Test
    void refusedRequestsAreCountedUnderTheirRoute() {
        try (TestServer api = TestServer.start(scripts, TestServer.config().withApiToken(TestServer.TOKEN))) {
            api.send(java.net.http.HttpRequest.newBuilder(api.uri("/executions/t1"))
                    .build());

            assertThat(api.get("/metrics").body())
                    .contains(
                            "http_server_requests_seconds_count{method=\"GET\",outcome=\"CLIENT_ERROR\",status=\"401\","
                                    + "uri=\"/executions/{id}\"} 1");
        }
    }

    @Test
    void closingTheServerRemovesItsGaugesSoALaterServerCanRegisterItsOwn() {
        TestServer api = TestServer.start(scripts);
        assertThat(api.registry.find("basicflow.http.long.polls").gauge()).isNotNull();

        api.close();

        assertThat(api.registry.find("basicflow.http.long.polls").gauge()).isNull();
        assertThat(api.registry.find("basicflow.http.event.streams").gauge()).isNull();
    }
}
